/** The contract's ABI as values: transactions, the block context they run in, receipts, events and revert reasons. */
package dev.solvent.model.tx;
