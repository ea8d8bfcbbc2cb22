package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import io.vavr.collection.Vector;

/**
 * How a keeper finds what it could liquidate now, at the prices it sees: unhealthy cross accounts and unhealthy
 * isolated positions, as {@link Target}s. A pure function of the view and the scanner's own state (an index, or
 * nothing).
 *
 * @param <S> the scanner's state type
 */
public interface Scanner<S> {

    /**
     * The targets found, each once, in the scanner's own deterministic order, and the scanner's next state.
     *
     * @param liquidatable the targets found
     * @param next the scanner's next state
     * @param <S> the scanner's state type
     */
    record Scan<S>(Vector<Target> liquidatable, S next) {}

    /** {@return the state before the first view} */
    S start();

    /**
     * {@return the targets liquidatable at the view's prices (the keeper's own and a backstop receiver's excluded), and
     * the next state}
     */
    Scan<S> scan(KeeperView view, S state);
}
