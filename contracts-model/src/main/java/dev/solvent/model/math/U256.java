package dev.solvent.model.math;

import java.math.BigInteger;

/**
 * An unsigned 256-bit integer with Solidity 0.8 {@code uint256} semantics: an underflow or overflow throws a
 * {@link PanicException} (code {@code 0x11}). Used where a value can never be negative: transaction amounts, caps, fees.
 *
 * <p>Values below {@code 2^63} are held in a {@code long}; larger ones fall back to {@link BigInteger}. The
 * representation is canonical, so {@code equals} is value equality.
 */
public final class U256 implements Comparable<U256> {

    static final BigInteger MAX_BIG = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** Zero. */
    public static final U256 ZERO = new U256(0, null);
    /** One. */
    public static final U256 ONE = new U256(1, null);
    /** The largest value, {@code 2^256 - 1}. */
    public static final U256 MAX = new U256(0, MAX_BIG);

    private final long small;
    /** Non-null only when the value is at least {@code 2^63}. */
    private final BigInteger big;

    private U256(long small, BigInteger big) {
        this.small = small;
        this.big = big;
    }

    /** {@return the value {@code v}; a panic if negative} */
    public static U256 of(long v) {
        if (v < 0) {
            throw PanicException.overflow("uint256 (negative value " + v + ")");
        }
        return v == 0 ? ZERO : v == 1 ? ONE : new U256(v, null);
    }

    /** {@return {@code v}, or a panic if it is outside the uint256 range} */
    public static U256 of(BigInteger v) {
        if (v.signum() < 0 || v.compareTo(MAX_BIG) > 0) {
            throw PanicException.overflow("uint256");
        }
        if (v.compareTo(LONG_MAX) <= 0) {
            return of(v.longValue());
        }
        return new U256(0, v);
    }

    /**
     * Parses a non-negative base-10 integer such as {@code "1500000"}.
     *
     * @throws NumberFormatException if the text is not an integer in {@code [0, 2^256-1]}
     */
    public static U256 parse(String text) {
        BigInteger v = new BigInteger(text.strip());
        if (v.signum() < 0 || v.compareTo(MAX_BIG) > 0) {
            throw new NumberFormatException(text + " is outside the uint256 range [0, 2^256-1]");
        }
        return of(v);
    }

    /** {@return whether the value fits in a {@code long}} */
    public boolean fitsLong() {
        return big == null;
    }

    /** {@return the value as a {@link BigInteger}} */
    public BigInteger toBigInteger() {
        return big != null ? big : BigInteger.valueOf(small);
    }

    /** {@return the sum, checked} */
    public U256 plus(U256 o) {
        if (big == null && o.big == null) {
            long r = small + o.small;
            if (r >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().add(o.toBigInteger()));
    }

    /** {@return the difference; a panic on underflow} */
    public U256 minus(U256 o) {
        if (big == null && o.big == null) {
            if (small < o.small) {
                throw PanicException.overflow("uint256 subtraction " + small + " - " + o.small);
            }
            return of(small - o.small);
        }
        return of(toBigInteger().subtract(o.toBigInteger()));
    }

    /** {@return the product, checked} */
    public U256 times(U256 o) {
        if (big == null && o.big == null) {
            long hi = Math.multiplyHigh(small, o.small);
            long lo = small * o.small;
            if (hi == 0 && lo >= 0) {
                return of(lo);
            }
        }
        return of(toBigInteger().multiply(o.toBigInteger()));
    }

    /** {@return the quotient rounded in the given direction; a panic on division by zero} */
    public U256 divide(U256 divisor, Rounding rounding) {
        return of(FixedPoint.divide(toBigInteger(), divisor.toBigInteger(), rounding));
    }

    /** {@return whether the value is zero} */
    public boolean isZero() {
        return big == null && small == 0;
    }

    /** {@return the smaller of the two} */
    public U256 min(U256 o) {
        return compareTo(o) <= 0 ? this : o;
    }

    /** {@return the larger of the two} */
    public U256 max(U256 o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /** {@return this value as a signed word; a panic above {@code 2^255 - 1} (Solidity's SafeCast)} */
    public I256 toI256() {
        return big == null ? I256.of(small) : I256.of(big);
    }

    @Override
    public int compareTo(U256 o) {
        if (big == null && o.big == null) {
            return Long.compare(small, o.small);
        }
        return toBigInteger().compareTo(o.toBigInteger());
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof U256 o && (big == null ? o.big == null && small == o.small : big.equals(o.big));
    }

    @Override
    public int hashCode() {
        return big == null ? Long.hashCode(small) : big.hashCode();
    }

    @Override
    public String toString() {
        return big == null ? Long.toString(small) : big.toString();
    }
}
