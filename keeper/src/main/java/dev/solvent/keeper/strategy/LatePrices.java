package dev.solvent.keeper.strategy;

import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/**
 * Runs a keeper on oracle answers {@code blocks} views late (a slow node or feed subscription); until it has seen that
 * many views it uses the oldest answers it has.
 *
 * @param inner the keeper that sees late prices
 * @param blocks how many views late, {@code >= 0}
 * @param <S> the inner keeper's state
 */
public record LatePrices<S>(Keeper<S> inner, int blocks) implements Keeper<LatePrices.State<S>> {

    /**
     * The inner state and the answers of the last views, oldest first.
     *
     * @param inner the inner keeper's state
     * @param seen at most {@code blocks + 1} answer sets
     * @param <S> the inner state type
     */
    public record State<S>(S inner, Vector<TreeMap<String, OracleAnswer>> seen) {}

    /** Rejects a negative delay. */
    public LatePrices {
        if (inner == null || blocks < 0) {
            throw new IllegalArgumentException("late prices need a keeper and blocks >= 0, got " + blocks);
        }
    }

    @Override
    public State<S> start() {
        return new State<>(inner.start(), Vector.empty());
    }

    @Override
    public KeeperDecision<State<S>> decide(KeeperView view, State<S> state) {
        Vector<TreeMap<String, OracleAnswer>> seen = state.seen().append(view.prices());
        if (seen.size() > blocks + 1) {
            seen = seen.drop(seen.size() - blocks - 1);
        }
        KeeperDecision<S> d = inner.decide(view.withPrices(seen.head()), state.inner());
        return new KeeperDecision<>(d.send(), new State<>(d.next(), seen));
    }
}
