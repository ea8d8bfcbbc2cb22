package dev.solvent.keeper.strategy;

import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.Submission;
import io.vavr.collection.Vector;

/**
 * Sends at most {@code gasPerBlock} gas (by the gas limits) per block: the inner keeper's submissions in its order of
 * preference, skipping any that would exceed the budget. What is skipped is simply not sent; the inner keeper finds it
 * again next block.
 *
 * @param inner the keeper to limit
 * @param gasPerBlock the budget, {@code > 0}
 * @param <S> the inner keeper's state
 */
public record GasBudget<S>(Keeper<S> inner, long gasPerBlock) implements Keeper<S> {

    /** Rejects a non-positive budget. */
    public GasBudget {
        if (inner == null || gasPerBlock <= 0) {
            throw new IllegalArgumentException("a gas budget needs a keeper and gasPerBlock > 0, got " + gasPerBlock);
        }
    }

    @Override
    public S start() {
        return inner.start();
    }

    @Override
    public KeeperDecision<S> decide(KeeperView view, S state) {
        KeeperDecision<S> d = inner.decide(view, state);
        long left = gasPerBlock;
        Vector<Submission> send = Vector.empty();
        for (Submission s : d.send()) {
            if (s.gasLimit() <= left) {
                send = send.append(s);
                left -= s.gasLimit();
            }
        }
        return new KeeperDecision<>(send, d.next());
    }
}
