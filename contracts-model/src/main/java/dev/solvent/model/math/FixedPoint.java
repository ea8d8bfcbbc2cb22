package dev.solvent.model.math;

import java.math.BigInteger;

/**
 * The {@code mulDiv} family: {@code a * b / c} with a full-width intermediate product (as OpenZeppelin's
 * {@code Math.mulDiv}), so only the final quotient must fit in 256 bits, and an explicit rounding direction.
 *
 * <p>Callers outside {@code model.math} should not pick a direction themselves: the intent-named helpers in
 * {@code MarginLogic} and {@link Units} say which way each conversion rounds and why.
 */
public final class FixedPoint {

    /** {@code 1e18}, the scale of ratios and risk parameters. */
    public static final long WAD_LONG = 1_000_000_000_000_000_000L;
    /** {@code 1e18} as a word. */
    public static final I256 WAD = I256.of(WAD_LONG);

    private FixedPoint() {}

    /** {@return {@code a * b / c} rounded down (toward minus infinity)} */
    public static I256 mulDivFloor(I256 a, I256 b, I256 c) {
        return mulDiv(a, b, c, Rounding.FLOOR);
    }

    /** {@return {@code a * b / c} rounded up (toward plus infinity)} */
    public static I256 mulDivCeil(I256 a, I256 b, I256 c) {
        return mulDiv(a, b, c, Rounding.CEIL);
    }

    /** {@return {@code a * b / c} in the given direction; a panic if {@code c} is zero or the result overflows} */
    public static I256 mulDiv(I256 a, I256 b, I256 c, Rounding rounding) {
        if (c.isZero()) {
            throw PanicException.divisionByZero();
        }
        if (a.fitsLong() && b.fitsLong() && c.fitsLong()) {
            long x = a.longValueExact();
            long y = b.longValueExact();
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return I256.of(lo).divide(c, rounding);
            }
        }
        return I256.of(divide(a.toBigInteger().multiply(b.toBigInteger()), c.toBigInteger(), rounding));
    }

    /** {@return {@code a * b / WAD} rounded down} */
    public static I256 wadMulFloor(I256 a, I256 wad) {
        return mulDiv(a, wad, WAD, Rounding.FLOOR);
    }

    /** {@return {@code a * b / WAD} rounded up} */
    public static I256 wadMulCeil(I256 a, I256 wad) {
        return mulDiv(a, wad, WAD, Rounding.CEIL);
    }

    /** {@return {@code n / d} rounded in the given direction; a panic if {@code d} is zero} */
    static BigInteger divide(BigInteger n, BigInteger d, Rounding rounding) {
        if (d.signum() == 0) {
            throw PanicException.divisionByZero();
        }
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        if (qr[1].signum() != 0) {
            boolean positive = n.signum() == d.signum();
            if (rounding == Rounding.FLOOR && !positive) {
                q = q.subtract(BigInteger.ONE);
            } else if (rounding == Rounding.CEIL && positive) {
                q = q.add(BigInteger.ONE);
            }
        }
        return q;
    }
}
