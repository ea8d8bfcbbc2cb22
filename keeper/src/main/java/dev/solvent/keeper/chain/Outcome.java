package dev.solvent.keeper.chain;

import dev.solvent.keeper.PendingTx;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;

/** What happened to one transaction a block included; it pays {@code gasUsed * feePerGas} wei either way. */
public sealed interface Outcome {

    /** {@return the transaction} */
    PendingTx tx();

    /** {@return the gas it used} */
    long gasUsed();

    /** {@return the wei per gas it paid: the base fee plus its priority fee} */
    long feePerGas();

    /** It ran. */
    record Succeeded(PendingTx tx, Receipt receipt, long feePerGas) implements Outcome {
        @Override
        public long gasUsed() {
            return receipt.gasUsed();
        }
    }

    /** It reverted (for a keeper: usually because another got there first) and burned the schedule's revert gas. */
    record Reverted(PendingTx tx, Revert reason, long gasUsed, long feePerGas) implements Outcome {}

    /** It needed more gas than its limit and burned all of it. */
    record OutOfGas(PendingTx tx, long gasUsed, long feePerGas) implements Outcome {}
}
