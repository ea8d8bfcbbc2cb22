package dev.solvent.keeper;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;

/**
 * Everything a bot on a real chain sees when it decides for one block, already shaped by its latency: nothing else
 * reaches a keeper.
 *
 * @param self the keeper's own account, the sender of what it sends
 * @param block the number of the block its transactions aim at
 * @param timestamp that block's timestamp, in seconds
 * @param baseFee that block's base fee, in wei per gas
 * @param prices the oracle answers as this keeper sees them, by price key (late for a slow keeper)
 * @param state the public protocol state after the previous block
 * @param pending the mempool transactions this keeper can see
 * @param touched the accounts whose state changed since this keeper's previous view (what a bot reads from event
 *     logs); everything on the first view is new, so it is empty then
 */
public record KeeperView(
        AccountId self,
        long block,
        long timestamp,
        long baseFee,
        TreeMap<String, OracleAnswer> prices,
        ProtocolState state,
        Vector<PendingTx> pending,
        TreeSet<AccountId> touched) {

    /** Requires every field and a non-negative base fee. */
    public KeeperView {
        if (self == null || prices == null || state == null || pending == null || touched == null) {
            throw new IllegalArgumentException("a keeper view needs every field");
        }
        if (baseFee < 0) {
            throw new IllegalArgumentException("baseFee: " + baseFee + " must be >= 0");
        }
    }

    /** {@return the context in which the contract would run this keeper's transaction, at the prices it sees} */
    public BlockContext context() {
        return new BlockContext(block, timestamp, self, prices);
    }

    /** {@return a copy that sees other oracle answers} */
    public KeeperView withPrices(TreeMap<String, OracleAnswer> seen) {
        return new KeeperView(self, block, timestamp, baseFee, seen, state, pending, touched);
    }
}
