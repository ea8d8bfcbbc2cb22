package dev.solvent.model.math;

/**
 * A checked-arithmetic failure with the code Solidity's {@code Panic(uint256)} carries: {@code 0x11} for overflow or
 * underflow, {@code 0x12} for division by zero.
 *
 * <p>It is stackless and meant to unwind a whole transaction, exactly as a panic reverts one on the EVM; the engine is
 * the only place that catches it and turns it into a revert value.
 */
public final class PanicException extends RuntimeException {

    /** Arithmetic overflow or underflow. */
    public static final int OVERFLOW = 0x11;
    /** Division or modulo by zero. */
    public static final int DIVISION_BY_ZERO = 0x12;

    private final int code;

    private PanicException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static PanicException overflow(String what) {
        return new PanicException(OVERFLOW, "arithmetic overflow in " + what);
    }

    static PanicException divisionByZero() {
        return new PanicException(DIVISION_BY_ZERO, "division by zero");
    }

    /** {@return the Solidity panic code} */
    public int code() {
        return code;
    }
}
