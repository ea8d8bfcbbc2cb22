package dev.solvent.keeper;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.tx.Tx;

/**
 * A transaction waiting in the mempool, as every bot can see it: who sent it, what it calls, the gas it may use and the
 * priority fee it bids.
 *
 * @param sender the sending account ({@code msg.sender})
 * @param tx the call
 * @param gasLimit the most gas it may use; a block includes it only if this much gas is left
 * @param priorityFee wei per gas paid to the block builder on top of the base fee
 * @param sentAt the block number at which it entered the mempool
 */
public record PendingTx(AccountId sender, Tx tx, long gasLimit, long priorityFee, long sentAt) {

    /** Rejects missing fields and negative gas or fees. */
    public PendingTx {
        if (sender == null || tx == null) {
            throw new IllegalArgumentException("a pending transaction needs a sender and a call");
        }
        if (gasLimit <= 0 || priorityFee < 0) {
            throw new IllegalArgumentException(
                    "pending tx: gasLimit " + gasLimit + " must be > 0 and priorityFee " + priorityFee + " >= 0");
        }
    }
}
