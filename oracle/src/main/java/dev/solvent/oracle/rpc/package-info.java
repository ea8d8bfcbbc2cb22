/**
 * The one JSON-RPC transport of the live readers: HTTP with timeouts, bounded retries and {@code Retry-After}, batches,
 * and the catalogue of transport failures that the readers' own failures wrap.
 */
package dev.solvent.oracle.rpc;
