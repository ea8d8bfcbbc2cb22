package dev.solvent.keeper;

import io.vavr.collection.Vector;

/**
 * What a keeper answers to a view: the transactions it sends this block, in its own order of preference, and its next
 * state.
 *
 * @param send the transactions to send
 * @param next the keeper's state for the next block
 * @param <S> the keeper's state type
 */
public record KeeperDecision<S>(Vector<Submission> send, S next) {

    /** Requires both fields. */
    public KeeperDecision {
        if (send == null || next == null) {
            throw new IllegalArgumentException("a keeper decision needs submissions (maybe none) and a next state");
        }
    }

    /** {@return a decision to send nothing and keep {@code state}} */
    public static <S> KeeperDecision<S> idle(S state) {
        return new KeeperDecision<>(Vector.empty(), state);
    }
}
