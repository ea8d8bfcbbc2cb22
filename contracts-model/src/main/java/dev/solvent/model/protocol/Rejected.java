package dev.solvent.model.protocol;

import java.util.Objects;

/**
 * A call the protocol refused: its own revert value (a {@code Revert} of the engine, an {@code EvmRevert} of a
 * mirror), kept for code that knows the protocol, and one line for everyone else. The state is untouched.
 */
public record Rejected(Object revert, String reason) {

    /** Checks that nothing is missing. */
    public Rejected {
        Objects.requireNonNull(revert, "revert");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@return a rejection whose reason is the revert's text} */
    public static Rejected of(Object revert) {
        return new Rejected(revert, revert.toString());
    }
}
