package dev.solvent.model.math;

import java.math.BigInteger;

/**
 * A signed 256-bit integer with Solidity 0.8 {@code int256} semantics: every operation is checked and an out-of-range
 * result throws a {@link PanicException} (code {@code 0x11}).
 *
 * <p>Values that fit in a {@code long} are held as one and computed with overflow-checked {@code long} arithmetic; only
 * results beyond 64 bits fall back to {@link BigInteger}. The representation is canonical, so {@code equals} is value
 * equality.
 */
public final class I256 implements Comparable<I256> {

    static final BigInteger MIN_BIG = BigInteger.ONE.shiftLeft(255).negate();
    static final BigInteger MAX_BIG = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final I256[] SMALL = new I256[257];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new I256(i - 128, null);
        }
    }

    /** Zero. */
    public static final I256 ZERO = of(0);
    /** One. */
    public static final I256 ONE = of(1);
    /** The largest value, {@code 2^255 - 1}. */
    public static final I256 MAX = new I256(0, MAX_BIG);
    /** The smallest value, {@code -2^255}. */
    public static final I256 MIN = new I256(0, MIN_BIG);

    private final long small;
    /** Non-null only when the value does not fit in a {@code long}. */
    private final BigInteger big;

    private I256(long small, BigInteger big) {
        this.small = small;
        this.big = big;
    }

    /** {@return the value {@code v}} */
    public static I256 of(long v) {
        if (v >= -128 && v <= 128) {
            return SMALL[(int) v + 128];
        }
        return new I256(v, null);
    }

    /** {@return {@code v}, or a panic if it is outside the int256 range} */
    public static I256 of(BigInteger v) {
        if (v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0) {
            return of(v.longValue());
        }
        if (v.compareTo(MIN_BIG) < 0 || v.compareTo(MAX_BIG) > 0) {
            throw PanicException.overflow("int256");
        }
        return new I256(0, v);
    }

    /**
     * Parses a base-10 integer such as {@code "-1500000"}.
     *
     * @throws NumberFormatException if the text is not an integer or is outside the int256 range
     */
    public static I256 parse(String text) {
        BigInteger v = new BigInteger(text.strip());
        if (v.compareTo(MIN_BIG) < 0 || v.compareTo(MAX_BIG) > 0) {
            throw new NumberFormatException(text + " is outside the int256 range [-2^255, 2^255-1]");
        }
        return of(v);
    }

    /** {@return {@code 10^exponent}} for {@code exponent} in {@code 0..76} */
    public static I256 pow10(int exponent) {
        return Units.pow10(exponent);
    }

    /** {@return whether the value fits in a {@code long}} */
    public boolean fitsLong() {
        return big == null;
    }

    /**
     * {@return the value as a {@code long}}
     *
     * @throws ArithmeticException if it does not fit; check {@link #fitsLong()} first
     */
    public long longValueExact() {
        if (big != null) {
            throw new ArithmeticException(big + " does not fit in a long");
        }
        return small;
    }

    /** {@return the value as a {@link BigInteger}} */
    public BigInteger toBigInteger() {
        return big != null ? big : BigInteger.valueOf(small);
    }

    /** {@return the sum, checked} */
    public I256 plus(I256 o) {
        if (big == null && o.big == null) {
            long r = small + o.small;
            if (((small ^ r) & (o.small ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().add(o.toBigInteger()));
    }

    /** {@return the difference, checked} */
    public I256 minus(I256 o) {
        if (big == null && o.big == null) {
            long r = small - o.small;
            if (((small ^ o.small) & (small ^ r)) >= 0) {
                return of(r);
            }
        }
        return of(toBigInteger().subtract(o.toBigInteger()));
    }

    /** {@return the product, checked} */
    public I256 times(I256 o) {
        if (big == null && o.big == null) {
            long hi = Math.multiplyHigh(small, o.small);
            long lo = small * o.small;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return of(lo);
            }
        }
        return of(toBigInteger().multiply(o.toBigInteger()));
    }

    /** {@return the negation, checked ({@code -MIN} overflows)} */
    public I256 negate() {
        if (big == null && small != Long.MIN_VALUE) {
            return of(-small);
        }
        return of(toBigInteger().negate());
    }

    /** {@return the absolute value, checked} */
    public I256 abs() {
        return signum() < 0 ? negate() : this;
    }

    /** {@return the quotient rounded in the given direction; a panic on division by zero} */
    public I256 divide(I256 divisor, Rounding rounding) {
        if (divisor.signum() == 0) {
            throw PanicException.divisionByZero();
        }
        if (big == null && divisor.big == null && !(small == Long.MIN_VALUE && divisor.small == -1)) {
            return of(rounding == Rounding.FLOOR ? Math.floorDiv(small, divisor.small) : ceilDiv(small, divisor.small));
        }
        return of(FixedPoint.divide(toBigInteger(), divisor.toBigInteger(), rounding));
    }

    private static long ceilDiv(long a, long b) {
        long q = a / b;
        if ((a % b != 0) && ((a ^ b) >= 0)) {
            q++;
        }
        return q;
    }

    /** {@return -1, 0 or 1 as the value is negative, zero or positive} */
    public int signum() {
        return big != null ? big.signum() : Long.signum(small);
    }

    /** {@return whether the value is zero} */
    public boolean isZero() {
        return big == null && small == 0;
    }

    /** {@return whether the value is strictly negative} */
    public boolean isNegative() {
        return signum() < 0;
    }

    /** {@return whether the value is strictly positive} */
    public boolean isPositive() {
        return signum() > 0;
    }

    /** {@return the smaller of the two} */
    public I256 min(I256 o) {
        return compareTo(o) <= 0 ? this : o;
    }

    /** {@return the larger of the two} */
    public I256 max(I256 o) {
        return compareTo(o) >= 0 ? this : o;
    }

    /** {@return whether this is strictly less than {@code o}} */
    public boolean lt(I256 o) {
        return compareTo(o) < 0;
    }

    /** {@return whether this is strictly greater than {@code o}} */
    public boolean gt(I256 o) {
        return compareTo(o) > 0;
    }

    /** {@return this value as an unsigned word; a panic if negative (Solidity's SafeCast)} */
    public U256 toU256() {
        if (isNegative()) {
            throw PanicException.overflow("int256 to uint256 conversion of a negative value");
        }
        return big == null ? U256.of(small) : U256.of(big);
    }

    @Override
    public int compareTo(I256 o) {
        if (big == null && o.big == null) {
            return Long.compare(small, o.small);
        }
        return toBigInteger().compareTo(o.toBigInteger());
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof I256 o && (big == null ? o.big == null && small == o.small : big.equals(o.big));
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
