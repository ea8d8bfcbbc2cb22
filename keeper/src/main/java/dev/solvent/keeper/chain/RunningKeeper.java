package dev.solvent.keeper.chain;

import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.Submission;
import dev.solvent.model.id.AccountId;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;

/**
 * A keeper with its account and current state, so keepers with different state types run side by side.
 *
 * @param id the keeper's account
 * @param keeper the strategy
 * @param state its current state
 * @param <S> its state type
 */
public record RunningKeeper<S>(AccountId id, Keeper<S> keeper, S state) {

    /** {@return a keeper at its start state} */
    public static <S> RunningKeeper<S> of(AccountId id, Keeper<S> keeper) {
        return new RunningKeeper<>(id, keeper, keeper.start());
    }

    /** {@return what it sends for {@code view} and itself with its next state} */
    public Tuple2<Vector<Submission>, RunningKeeper<S>> decide(KeeperView view) {
        KeeperDecision<S> d = keeper.decide(view, state);
        return Tuple.of(d.send(), new RunningKeeper<>(id, keeper, d.next()));
    }
}
