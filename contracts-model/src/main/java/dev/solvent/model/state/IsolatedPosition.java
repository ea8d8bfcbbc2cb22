package dev.solvent.model.state;

import dev.solvent.model.math.I256;

/**
 * A position with its own margin bucket: it is judged and liquidated alone, and its losses never reach the owner's
 * cross account. A bucket with no size only holds margin that its owner can take back by closing it.
 *
 * @param position the position
 * @param margin settlement base units set aside for it
 */
public record IsolatedPosition(Position position, I256 margin) {

    /** Requires every field. */
    public IsolatedPosition {
        if (position == null || margin == null) {
            throw new IllegalArgumentException("an isolated position needs a position and a margin");
        }
    }

    /** {@return a copy with another position} */
    public IsolatedPosition withPosition(Position p) {
        return new IsolatedPosition(p, margin);
    }

    /** {@return a copy with another margin} */
    public IsolatedPosition withMargin(I256 m) {
        return new IsolatedPosition(position, m);
    }
}
