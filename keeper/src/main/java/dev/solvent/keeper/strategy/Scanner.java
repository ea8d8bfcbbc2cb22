package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.model.id.AccountId;
import io.vavr.collection.Vector;

/**
 * How a keeper finds the cross accounts it could liquidate now, at the prices it sees: a pure function of the view
 * and the scanner's own state (an index, or nothing).
 *
 * @param <S> the scanner's state type
 */
public interface Scanner<S> {

    /**
     * The accounts found, each once, in the scanner's own deterministic order, and the scanner's next state.
     *
     * @param liquidatable the accounts found
     * @param next the scanner's next state
     * @param <S> the scanner's state type
     */
    record Scan<S>(Vector<AccountId> liquidatable, S next) {}

    /** {@return the state before the first view} */
    S start();

    /** {@return the accounts liquidatable at the view's prices (the keeper itself and a backstop receiver excluded), and the next state} */
    Scan<S> scan(KeeperView view, S state);
}
