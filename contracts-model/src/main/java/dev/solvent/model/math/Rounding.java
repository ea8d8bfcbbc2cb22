package dev.solvent.model.math;

/**
 * The direction of a division's rounding. Directions are absolute (toward minus or plus infinity), so the sign of the
 * quotient never changes which way a protocol-favouring rounding goes.
 */
public enum Rounding {
    /** Toward minus infinity (Solidity's {@code /} on non-negative values). */
    FLOOR,
    /** Toward plus infinity. */
    CEIL
}
