package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.model.id.AccountId;
import io.vavr.collection.TreeSet;

/**
 * How a keeper finds the cross accounts it could liquidate now, at the prices it sees: a pure function of the view
 * and the scanner's own state (an index, or nothing).
 *
 * @param <S> the scanner's state type
 */
public interface Scanner<S> {

    /** The accounts found and the scanner's next state. */
    record Scan<S>(TreeSet<AccountId> liquidatable, S next) {}

    /** {@return the state before the first view} */
    S start();

    /** {@return the accounts liquidatable at the view's prices (the keeper itself and a backstop receiver excluded), and the next state} */
    Scan<S> scan(KeeperView view, S state);
}
