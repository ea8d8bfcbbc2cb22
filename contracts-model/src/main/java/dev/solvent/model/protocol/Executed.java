package dev.solvent.model.protocol;

import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * A call that went through: the next state and what it emitted, as the protocol's own event values (the engine's
 * {@code Event}s, a mirror's {@code Log}s).
 */
public record Executed<S>(S state, Vector<Object> events) {

    /** Checks that nothing is missing. */
    public Executed {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(events, "events");
    }
}
