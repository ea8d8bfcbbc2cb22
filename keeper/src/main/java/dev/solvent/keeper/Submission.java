package dev.solvent.keeper;

import dev.solvent.model.tx.Tx;

/**
 * A transaction a keeper decides to send: the call, the gas it allows and its priority fee. The sender is the keeper
 * itself.
 *
 * @param tx the call
 * @param gasLimit the most gas it may use (estimate it with the model's {@code GasSchedule})
 * @param priorityFee wei per gas bid on top of the base fee; blocks order transactions by it
 */
public record Submission(Tx tx, long gasLimit, long priorityFee) {

    /** Rejects a missing call and non-positive gas or negative fees. */
    public Submission {
        if (tx == null) {
            throw new IllegalArgumentException("a submission needs a call");
        }
        if (gasLimit <= 0 || priorityFee < 0) {
            throw new IllegalArgumentException(
                    "submission: gasLimit " + gasLimit + " must be > 0 and priorityFee " + priorityFee + " >= 0");
        }
    }
}
