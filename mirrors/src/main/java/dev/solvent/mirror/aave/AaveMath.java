package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.WideMul;
import dev.solvent.mirror.evm.WideMul.Round;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.evm.WordDivision;
import java.math.BigInteger;

/**
 * Aave's fixed-point arithmetic exactly as its libraries compute it: {@code WadRayMath} and {@code PercentageMath}
 * (half-up, and from v3.5 the floor and ceiling variants), {@code MathUtils} interest (the v3.3 three-term binomial
 * and the v3.7 form of it), with the same overflow guards. The libraries' guards are assembly
 * {@code revert(0, 0)}: an empty revert, not a {@code Panic}; their plain Solidity arithmetic panics.
 */
public final class AaveMath {

    private AaveMath() {}

    /** 1e27. */
    public static final BigInteger RAY = BigInteger.TEN.pow(27);

    /** 1e18. */
    public static final BigInteger WAD = BigInteger.TEN.pow(18);

    static final BigInteger HALF_RAY = RAY.shiftRight(1);
    static final BigInteger HALF_WAD = WAD.shiftRight(1);
    static final BigInteger WAD_RAY_RATIO = BigInteger.TEN.pow(9);

    /** 100.00%: percentages are basis points. */
    public static final BigInteger PERCENTAGE_FACTOR = BigInteger.valueOf(10_000);

    static final BigInteger HALF_PERCENTAGE_FACTOR = BigInteger.valueOf(5_000);
    static final BigInteger SECONDS_PER_YEAR = BigInteger.valueOf(365L * 24 * 3600);
    private static final long YEAR = 365L * 24 * 3600;
    private static final WordDivision.Divisor PER_YEAR = WordDivision.Divisor.of(YEAR);
    private static final WordDivision.Divisor PER_YEAR_SQUARED = WordDivision.Divisor.of(YEAR * YEAR);
    private static final WordDivision.Divisor SIX = WordDivision.Divisor.of(6);

    private static RuntimeException guard() {
        return new EvmRevert.Empty().raise();
    }

    // Each function below reverts, as WadRayMath and PercentageMath do, when its numerator would pass 2^256 - 1.
    // Solidity checks that with a division (a > (MAX - c) / b); for b > 0 that is exactly a * b + c > MAX, which
    // the mirror checks on the numerator it computes anyway, without a 256-bit division per call.

    /** {@code a * b / RAY}, half up. */
    public static BigInteger rayMul(BigInteger a, BigInteger b) {
        if (WideMul.fits(a, b)) {
            return WideMul.mulDivPow10(a, b, 27, Round.HALF_UP);
        }
        return divRay(checked(a.multiply(b).add(HALF_RAY)));
    }

    /** {@code a * RAY / b}, half up. */
    public static BigInteger rayDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(a, b)) {
            return WideMul.mulDiv(a, RAY, b, Round.HALF_UP);
        }
        return div(checked(a.multiply(RAY).add(b.shiftRight(1))), b);
    }

    /** {@code a * b / RAY}, rounded down. */
    public static BigInteger rayMulFloor(BigInteger a, BigInteger b) {
        if (WideMul.fits(a, b)) {
            return WideMul.mulDivPow10(a, b, 27, Round.DOWN);
        }
        return divRay(checked(a.multiply(b)));
    }

    /** {@code a * b / RAY}, rounded up. */
    public static BigInteger rayMulCeil(BigInteger a, BigInteger b) {
        if (WideMul.fits(a, b)) {
            return WideMul.mulDivPow10(a, b, 27, Round.UP);
        }
        BigInteger n = checked(a.multiply(b));
        BigInteger q = divRay(n);
        return q.multiply(RAY).equals(n) ? q : q.add(BigInteger.ONE);
    }

    /** {@code a * RAY / b}, rounded down. */
    public static BigInteger rayDivFloor(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(a, b)) {
            return WideMul.mulDiv(a, RAY, b, Round.DOWN);
        }
        return div(checked(a.multiply(RAY)), b);
    }

    /** {@code a * RAY / b}, rounded up. */
    public static BigInteger rayDivCeil(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(a, b)) {
            return WideMul.mulDiv(a, RAY, b, Round.UP);
        }
        return ceilDiv(checked(a.multiply(RAY)), b);
    }

    /** {@code a * WAD / b}, half up. */
    public static BigInteger wadDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(a, b)) {
            return WideMul.mulDiv(a, WAD, b, Round.HALF_UP);
        }
        return div(checked(a.multiply(WAD).add(b.shiftRight(1))), b);
    }

    /** {@code a * 1e9}, guarded. */
    public static BigInteger wadToRay(BigInteger a) {
        return checked(a.multiply(WAD_RAY_RATIO));
    }

    /** {@code value * percentage / 10000}, half up. */
    public static BigInteger percentMul(BigInteger value, BigInteger percentage) {
        if (WideMul.fits(value, percentage)) {
            return WideMul.mulDivPow10(value, percentage, 4, Round.HALF_UP);
        }
        return divPow10(checked(value.multiply(percentage).add(HALF_PERCENTAGE_FACTOR)), 4);
    }

    /** {@code value * 10000 / percentage}, half up. */
    public static BigInteger percentDiv(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(value, percentage)) {
            return WideMul.mulDiv(value, PERCENTAGE_FACTOR, percentage, Round.HALF_UP);
        }
        return div(checked(value.multiply(PERCENTAGE_FACTOR).add(percentage.shiftRight(1))), percentage);
    }

    /** {@code value * percentage / 10000}, rounded down. */
    public static BigInteger percentMulFloor(BigInteger value, BigInteger percentage) {
        if (WideMul.fits(value, percentage)) {
            return WideMul.mulDivPow10(value, percentage, 4, Round.DOWN);
        }
        return divPow10(checked(value.multiply(percentage)), 4);
    }

    /** {@code value * percentage / 10000}, rounded up. */
    public static BigInteger percentMulCeil(BigInteger value, BigInteger percentage) {
        if (WideMul.fits(value, percentage)) {
            return WideMul.mulDivPow10(value, percentage, 4, Round.UP);
        }
        return ceilDiv(checked(value.multiply(percentage)), PERCENTAGE_FACTOR);
    }

    /** {@code value * 10000 / percentage}, rounded down. */
    public static BigInteger percentDivFloor(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(value, percentage)) {
            return WideMul.mulDiv(value, PERCENTAGE_FACTOR, percentage, Round.DOWN);
        }
        return div(checked(value.multiply(PERCENTAGE_FACTOR)), percentage);
    }

    /** {@code value * 10000 / percentage}, rounded up. */
    public static BigInteger percentDivCeil(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(value, percentage)) {
            return WideMul.mulDiv(value, PERCENTAGE_FACTOR, percentage, Round.UP);
        }
        return ceilDiv(checked(value.multiply(PERCENTAGE_FACTOR)), percentage);
    }

    /** {@code MathUtils.mulDivCeil}: {@code a * b / c} rounded up (v3.7). */
    public static BigInteger mulDivCeil(BigInteger a, BigInteger b, BigInteger c) {
        if (c.signum() == 0) {
            throw guard();
        }
        if (WideMul.fits(a, b) && WideMul.fits(c, c)) {
            return WideMul.mulDiv(a, b, c, Round.UP);
        }
        return ceilDiv(checked(a.multiply(b)), c);
    }

    /** {@return the numerator, or the revert of a numerator past 2^256 - 1} Operands are never negative. */
    private static BigInteger checked(BigInteger numerator) {
        if (numerator.bitLength() > 256) {
            throw guard();
        }
        return numerator;
    }

    /** {@return n / 10^27, rounded down} */
    static BigInteger divRay(BigInteger n) {
        return WordDivision.divPow10(n, 27);
    }

    /** {@return n / d for n >= 0 and d > 0, rounded down} */
    static BigInteger div(BigInteger n, BigInteger d) {
        return WordDivision.divide(n, d);
    }

    /** {@return n / unit for n >= 0 and unit a power of ten (a token's unit, 10^decimals), rounded down} */
    static BigInteger divUnit(BigInteger n, BigInteger unit) {
        return WordDivision.divide(n, unit);
    }

    /** {@return 10^k, for k from 0 to 77} */
    static BigInteger pow10(int k) {
        return WordDivision.pow10(k);
    }

    /** {@return n / 10^k for n >= 0, rounded down} */
    static BigInteger divPow10(BigInteger n, int k) {
        return WordDivision.divPow10(n, k);
    }

    /** {@return n / d for n >= 0 and d > 0 a long, rounded down} */
    static BigInteger divSmall(BigInteger n, long d) {
        return WordDivision.divide(n, d);
    }

    private static BigInteger ceilDiv(BigInteger n, BigInteger d) {
        BigInteger q = divUnit(n, d);
        return q.multiply(d).equals(n) ? q : q.add(BigInteger.ONE);
    }

    /**
     * One interest factor worked out before: the version (null for the linear factor, which both versions compute
     * alike), the rate, the elapsed time and the factor.
     */
    private record Interest(AaveVersion version, BigInteger rate, long lastUpdate, long now, BigInteger factor) {

        boolean answers(AaveVersion v, BigInteger r, long from, long to) {
            return version == v && lastUpdate == from && now == to && rate.equals(r);
        }
    }

    /**
     * The interest factors worked out last, by a hash of their arguments. Every account's view in a block projects
     * the same few reserves over the same time, and the factors are pure functions of (version, rate, times): a hit
     * answers what the computation would. Slots hold immutable records, so threads that race on a slot see one
     * whole record or another.
     */
    private static final Interest[] RECENT = new Interest[64];

    private static Interest recent(AaveVersion v, BigInteger rate, long lastUpdate, long now) {
        Interest hit = RECENT[slot(v, rate, lastUpdate, now)];
        return hit != null && hit.answers(v, rate, lastUpdate, now) ? hit : null;
    }

    private static BigInteger remember(AaveVersion v, BigInteger rate, long lastUpdate, long now, BigInteger f) {
        RECENT[slot(v, rate, lastUpdate, now)] = new Interest(v, rate, lastUpdate, now, f);
        return f;
    }

    private static int slot(AaveVersion v, BigInteger rate, long lastUpdate, long now) {
        int h = rate.hashCode() * 31 + Long.hashCode(now - lastUpdate) * 17 + (v == null ? 0 : v.ordinal() + 1);
        return (h ^ (h >>> 16)) & (RECENT.length - 1);
    }

    /** {@code MathUtils.calculateLinearInterest}: {@code RAY + rate * dt / year}, checked. */
    public static BigInteger linearInterest(BigInteger rate, long lastUpdate, long now) {
        Interest hit = recent(null, rate, lastUpdate, now);
        return hit != null ? hit.factor() : remember(null, rate, lastUpdate, now, linear(rate, lastUpdate, now));
    }

    /** {@link #linearInterest} worked out, without the memory of recent factors. */
    static BigInteger linear(BigInteger rate, long lastUpdate, long now) {
        BigInteger dt = Word.subU(BigInteger.valueOf(now), BigInteger.valueOf(lastUpdate), 256);
        BigInteger result = WordDivision.divide(Word.mulU(rate, dt, 256), PER_YEAR);
        return Word.addU(RAY, result, 256);
    }

    /**
     * {@code MathUtils.calculateCompoundedInterest}: v3.3 expands {@code (1 + rate/year)^dt} to three binomial terms
     * (checked products, half-up {@code rayMul}); v3.7 to {@code 1 + x + x^2/2 + x^3/6} with {@code x = rate * dt /
     * year}, in an unchecked block.
     */
    public static BigInteger compoundedInterest(AaveVersion version, BigInteger rate, long lastUpdate, long now) {
        Interest hit = recent(version, rate, lastUpdate, now);
        return hit != null
                ? hit.factor()
                : remember(version, rate, lastUpdate, now, compounded(version, rate, lastUpdate, now));
    }

    /** {@link #compoundedInterest} worked out, without the memory of recent factors. */
    static BigInteger compounded(AaveVersion version, BigInteger rate, long lastUpdate, long now) {
        BigInteger exp = Word.subU(BigInteger.valueOf(now), BigInteger.valueOf(lastUpdate), 256);
        if (exp.signum() == 0) {
            return RAY;
        }
        if (version == AaveVersion.V3_7) {
            BigInteger x = WordDivision.divide(Word.truncate(rate.multiply(exp), 256), PER_YEAR);
            BigInteger inner = Word.truncate(x.shiftRight(1).add(rayMul(x, WordDivision.divide(x, SIX))), 256);
            return Word.truncate(RAY.add(x).add(rayMul(x, inner)), 256);
        }
        BigInteger expMinusOne = exp.subtract(BigInteger.ONE);
        BigInteger expMinusTwo = exp.compareTo(BigInteger.TWO) > 0 ? exp.subtract(BigInteger.TWO) : BigInteger.ZERO;
        BigInteger basePowerTwo = WordDivision.divide(rayMul(rate, rate), PER_YEAR_SQUARED);
        BigInteger basePowerThree = WordDivision.divide(rayMul(basePowerTwo, rate), PER_YEAR);
        BigInteger secondTerm =
                Word.mulU(Word.mulU(exp, expMinusOne, 256), basePowerTwo, 256).shiftRight(1);
        BigInteger thirdTerm = WordDivision.divide(
                Word.mulU(Word.mulU(Word.mulU(exp, expMinusOne, 256), expMinusTwo, 256), basePowerThree, 256), SIX);
        BigInteger linear = WordDivision.divide(Word.mulU(rate, exp, 256), PER_YEAR);
        return Word.addU(Word.addU(Word.addU(RAY, linear, 256), secondTerm, 256), thirdTerm, 256);
    }
}
