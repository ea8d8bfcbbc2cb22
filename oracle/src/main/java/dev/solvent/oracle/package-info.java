/**
 * Where prices come from: market price paths ({@code market}, {@code history}) and what contracts read from oracles
 * ({@code feed}); the market price and the oracle answer are different types and never interchangeable.
 */
package dev.solvent.oracle;
