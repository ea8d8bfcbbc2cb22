package dev.solvent.mirror.evm;

import java.math.BigInteger;

/**
 * Solidity 0.8 integer arithmetic on {@link BigInteger}s: every operation names the width of its result type and
 * panics ({@code Panic(0x11)}) where checked Solidity code would, or divides with the EVM's truncation toward zero
 * ({@code Panic(0x12)} on a zero divisor). Unchecked conversions ({@code uint16(x)}) are {@link #truncate}.
 */
public final class Word {

    /** {@code 2^256}. */
    public static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
    /** {@code type(uint256).max}. */
    public static final BigInteger UINT256_MAX = TWO_256.subtract(BigInteger.ONE);
    /** {@code type(int256).max}. */
    public static final BigInteger INT256_MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    /** {@code type(int256).min}. */
    public static final BigInteger INT256_MIN = BigInteger.ONE.shiftLeft(255).negate();

    private static final BigInteger[] UMAX = new BigInteger[257];
    private static final BigInteger[] SMAX = new BigInteger[257];
    private static final BigInteger[] SMIN = new BigInteger[257];

    static {
        for (int bits = 8; bits <= 256; bits += 8) {
            UMAX[bits] = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            SMAX[bits] = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
            SMIN[bits] = BigInteger.ONE.shiftLeft(bits - 1).negate();
        }
    }

    private Word() {}

    /** {@return {@code type(uintBITS).max}} */
    public static BigInteger umax(int bits) {
        return UMAX[bits];
    }

    /** {@return {@code type(intBITS).max}} */
    public static BigInteger smax(int bits) {
        return SMAX[bits];
    }

    /** {@return {@code type(intBITS).min}} */
    public static BigInteger smin(int bits) {
        return SMIN[bits];
    }

    /** {@return {@code v} if it fits {@code uintBITS}, else a panic (the result of a checked operation)} */
    public static BigInteger checkU(BigInteger v, int bits) {
        if (v.signum() < 0 || v.compareTo(UMAX[bits]) > 0) {
            throw EvmRevert.OVERFLOW.raise();
        }
        return v;
    }

    /** {@return {@code v} if it fits {@code intBITS}, else a panic} */
    public static BigInteger checkS(BigInteger v, int bits) {
        if (v.compareTo(SMIN[bits]) < 0 || v.compareTo(SMAX[bits]) > 0) {
            throw EvmRevert.OVERFLOW.raise();
        }
        return v;
    }

    /** {@return {@code a + b} as checked {@code uintBITS}} */
    public static BigInteger addU(BigInteger a, BigInteger b, int bits) {
        return checkU(a.add(b), bits);
    }

    /** {@return {@code a - b} as checked {@code uintBITS}} */
    public static BigInteger subU(BigInteger a, BigInteger b, int bits) {
        return checkU(a.subtract(b), bits);
    }

    /** {@return {@code a * b} as checked {@code uintBITS}} */
    public static BigInteger mulU(BigInteger a, BigInteger b, int bits) {
        return checkU(a.multiply(b), bits);
    }

    /** {@return {@code a + b} as checked {@code intBITS}} */
    public static BigInteger addS(BigInteger a, BigInteger b, int bits) {
        return checkS(a.add(b), bits);
    }

    /** {@return {@code a - b} as checked {@code intBITS}} */
    public static BigInteger subS(BigInteger a, BigInteger b, int bits) {
        return checkS(a.subtract(b), bits);
    }

    /** {@return {@code a * b} as checked {@code intBITS}} */
    public static BigInteger mulS(BigInteger a, BigInteger b, int bits) {
        return checkS(a.multiply(b), bits);
    }

    /** {@return {@code -a} as checked {@code intBITS} (the minimum has no negation)} */
    public static BigInteger negS(BigInteger a, int bits) {
        return checkS(a.negate(), bits);
    }

    /** {@return {@code a / b}, truncated toward zero as the EVM's DIV and SDIV do; a panic when {@code b} is 0} */
    public static BigInteger div(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw EvmRevert.DIVISION_BY_ZERO.raise();
        }
        return WordDivision.divide(a, b);
    }

    /** {@return the signed division {@code a / b} as checked {@code int256} ({@code MIN / -1} panics)} */
    public static BigInteger sdiv(BigInteger a, BigInteger b) {
        return checkS(div(a, b), 256);
    }

    /** {@return the unchecked conversion {@code uintBITS(v)}: the low {@code bits} bits} */
    public static BigInteger truncate(BigInteger v, int bits) {
        return v.signum() >= 0 && v.bitLength() <= bits ? v : v.and(UMAX[bits]);
    }

    /** {@return {@code 10^n}} */
    public static BigInteger pow10(int n) {
        return BigInteger.TEN.pow(n);
    }
}
