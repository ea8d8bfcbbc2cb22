package dev.solvent.mirror.evm;

import java.math.BigInteger;

/**
 * Why a call reverted, in the forms the EVM returns as revert data: a custom error (selector of {@code Name()}), a
 * {@code require} message ({@code Error(string)}), a checked-arithmetic {@code Panic(uint256)}, or no data at all.
 * A differential harness decodes the real contract's revert data into the same values and compares them.
 */
public sealed interface EvmRevert {

    /** A Solidity custom error without arguments, such as Comet's {@code NotLiquidatable()}. */
    record CustomError(String name) implements EvmRevert {}

    /** {@code require(condition, "message")}: the ABI {@code Error(string)}. */
    record ErrorString(String message) implements EvmRevert {}

    /** A compiler-inserted panic: {@code 0x11} overflow, {@code 0x12} division by zero, {@code 0x01} assert. */
    record Panic(int code) implements EvmRevert {}

    /** A revert with empty data: {@code revert()}, a call to an address without code, a failed low-level check. */
    record Empty() implements EvmRevert {}

    /**
     * The {@code INVALID} opcode: what solc before 0.8 emits for a division by zero and a failed {@code assert}. No
     * revert data and all gas spent; a node reports it as an execution error, not a revert.
     */
    record InvalidOpcode() implements EvmRevert {}

    /**
     * A call the mirror does not implement (signature checks, flash callbacks, ...). Never produced by a real
     * contract: the harness does not generate such calls, and a user sees a clear reason instead of a wrong answer.
     */
    record NotMirrored(String what) implements EvmRevert {}

    /** Overflow or underflow, {@code Panic(0x11)}. */
    Panic OVERFLOW = new Panic(0x11);

    /** Division or modulo by zero, {@code Panic(0x12)}. */
    Panic DIVISION_BY_ZERO = new Panic(0x12);

    /** {@return this revert as an exception that unwinds the call} */
    default RevertException raise() {
        return new RevertException(this);
    }

    /** {@return the panic for a Solidity panic code} */
    static EvmRevert panic(BigInteger code) {
        return new Panic(code.intValueExact());
    }
}
