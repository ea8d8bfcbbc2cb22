package dev.solvent.keeper.strategy;

import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import io.vavr.collection.Vector;

/**
 * A keeper that decides by estimating each transaction first, and can show those estimates: the live dry run prints
 * them beside the transactions it signs, and tests check them against sums worked by hand.
 *
 * @param <S> the keeper's state type
 */
public interface QuotingKeeper<S> extends Keeper<S> {

    /**
     * What the keeper sends for one view, each transaction with its estimate, in the order it sends them, and its next
     * state.
     *
     * @param send the estimated transactions to send
     * @param next the keeper's next state
     * @param <S> the keeper's state type
     */
    record Plan<S>(Vector<Estimate> send, S next) {}

    /** {@return what to send for the block in {@code view}, with estimates, and the next state} */
    Plan<S> plan(KeeperView view, S state);

    /** Sends the plan's transactions, each with its estimated gas as the limit and its bid. */
    @Override
    default KeeperDecision<S> decide(KeeperView view, S state) {
        Plan<S> p = plan(view, state);
        return new KeeperDecision<>(p.send().map(Estimate::submission), p.next());
    }
}
