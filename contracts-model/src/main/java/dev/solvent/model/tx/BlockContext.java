package dev.solvent.model.tx;

import dev.solvent.model.id.AccountId;
import io.vavr.collection.TreeMap;

/**
 * The environment a transaction runs in: the block, who sent it, and the oracle answers the contract would read.
 * Nothing else from the outside world reaches the model.
 *
 * @param number the block number
 * @param timestamp the block timestamp, in seconds
 * @param sender the transaction's sender ({@code msg.sender})
 * @param prices oracle answers by price key
 */
public record BlockContext(long number, long timestamp, AccountId sender, TreeMap<String, OracleAnswer> prices) {

    /** Requires every field. */
    public BlockContext {
        if (sender == null || prices == null) {
            throw new IllegalArgumentException("a block context needs a sender and prices");
        }
    }

    /** {@return a copy sent by another account} */
    public BlockContext withSender(AccountId newSender) {
        return new BlockContext(number, timestamp, newSender, prices);
    }
}
