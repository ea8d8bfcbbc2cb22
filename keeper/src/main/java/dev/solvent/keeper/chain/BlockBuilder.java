package dev.solvent.keeper.chain;

import dev.solvent.keeper.PendingTx;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds one block from the mempool: highest priority fee first, ties in a seeded random order, each transaction run
 * through {@link MarginEngine} against the state the previous one left, while its gas limit fits in the block.
 */
public final class BlockBuilder {

    private BlockBuilder() {}

    /**
     * A built block.
     *
     * @param state the state after it
     * @param outcomes the included transactions in execution order
     * @param left the transactions still pending, in mempool order
     * @param gasUsed the gas the block used
     */
    public record Built(ProtocolState state, Vector<Outcome> outcomes, Vector<PendingTx> left, long gasUsed) {}

    /**
     * {@return the block built on {@code state} from {@code mempool}}
     *
     * @param block the block's number, timestamp and oracle answers (its sender is replaced by each transaction's)
     * @param baseFee the block's base fee, wei per gas
     * @param gasLimit the block's gas limit
     * @param random breaks ties between equal priority fees; the only source of randomness
     */
    public static Built build(
            ProtocolState state,
            Vector<PendingTx> mempool,
            BlockContext block,
            long baseFee,
            long gasLimit,
            RandomGenerator random) {
        List<PendingTx> order = new ArrayList<>(mempool.asJava());
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            PendingTx t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        order.sort(Comparator.comparingLong(PendingTx::priorityFee).reversed()); // stable: ties keep the shuffle
        long revertGas = state.config().gas().revert();
        ProtocolState s = state;
        long left = gasLimit;
        Vector<Outcome> outcomes = Vector.empty();
        Vector<PendingTx> pending = Vector.empty();
        for (PendingTx t : order) {
            if (t.gasLimit() > left) {
                pending = pending.append(t);
                continue;
            }
            long fee = baseFee + t.priorityFee();
            Either<Revert, Receipt> r = MarginEngine.execute(s, t.tx(), block.withSender(t.sender()));
            Outcome o;
            if (r.isLeft()) {
                o = new Outcome.Reverted(t, r.getLeft(), Math.min(revertGas, t.gasLimit()), fee);
            } else if (r.get().gasUsed() > t.gasLimit()) {
                o = new Outcome.OutOfGas(t, t.gasLimit(), fee);
            } else {
                o = new Outcome.Succeeded(t, r.get(), fee);
                s = r.get().state();
            }
            left -= o.gasUsed();
            outcomes = outcomes.append(o);
        }
        Vector<PendingTx> stillPending = mempool.filter(pending::contains);
        return new Built(s, outcomes, stillPending, gasLimit - left);
    }
}
