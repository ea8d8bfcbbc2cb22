/** Where prices come from: market price paths, on-chain oracle semantics, and live Chainlink reads. */
package dev.solvent.oracle;
