package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Word;
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
    private static final BigInteger MAX = Word.UINT256_MAX;

    private static RuntimeException guard() {
        return new EvmRevert.Empty().raise();
    }

    /** {@code a * b / RAY}, half up. */
    public static BigInteger rayMul(BigInteger a, BigInteger b) {
        if (b.signum() != 0 && a.compareTo(MAX.subtract(HALF_RAY).divide(b)) > 0) {
            throw guard();
        }
        return a.multiply(b).add(HALF_RAY).divide(RAY);
    }

    /** {@code a * RAY / b}, half up. */
    public static BigInteger rayDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0 || a.compareTo(MAX.subtract(b.shiftRight(1)).divide(RAY)) > 0) {
            throw guard();
        }
        return a.multiply(RAY).add(b.shiftRight(1)).divide(b);
    }

    /** {@code a * b / RAY}, rounded down. */
    public static BigInteger rayMulFloor(BigInteger a, BigInteger b) {
        if (b.signum() != 0 && a.compareTo(MAX.divide(b)) > 0) {
            throw guard();
        }
        return a.multiply(b).divide(RAY);
    }

    /** {@code a * b / RAY}, rounded up. */
    public static BigInteger rayMulCeil(BigInteger a, BigInteger b) {
        if (b.signum() != 0 && a.compareTo(MAX.divide(b)) > 0) {
            throw guard();
        }
        return ceilDiv(a.multiply(b), RAY);
    }

    /** {@code a * RAY / b}, rounded down. */
    public static BigInteger rayDivFloor(BigInteger a, BigInteger b) {
        if (b.signum() == 0 || a.compareTo(MAX.divide(RAY)) > 0) {
            throw guard();
        }
        return a.multiply(RAY).divide(b);
    }

    /** {@code a * RAY / b}, rounded up. */
    public static BigInteger rayDivCeil(BigInteger a, BigInteger b) {
        if (b.signum() == 0 || a.compareTo(MAX.divide(RAY)) > 0) {
            throw guard();
        }
        return ceilDiv(a.multiply(RAY), b);
    }

    /** {@code a * WAD / b}, half up. */
    public static BigInteger wadDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0 || a.compareTo(MAX.subtract(b.shiftRight(1)).divide(WAD)) > 0) {
            throw guard();
        }
        return a.multiply(WAD).add(b.shiftRight(1)).divide(b);
    }

    /** {@code a * 1e9}, guarded. */
    public static BigInteger wadToRay(BigInteger a) {
        BigInteger b = a.multiply(WAD_RAY_RATIO);
        if (b.bitLength() > 256) {
            throw guard();
        }
        return b;
    }

    /** {@code value * percentage / 10000}, half up. */
    public static BigInteger percentMul(BigInteger value, BigInteger percentage) {
        if (percentage.signum() != 0
                && value.compareTo(MAX.subtract(HALF_PERCENTAGE_FACTOR).divide(percentage)) > 0) {
            throw guard();
        }
        return value.multiply(percentage).add(HALF_PERCENTAGE_FACTOR).divide(PERCENTAGE_FACTOR);
    }

    /** {@code value * 10000 / percentage}, half up. */
    public static BigInteger percentDiv(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0
                || value.compareTo(MAX.subtract(percentage.shiftRight(1)).divide(PERCENTAGE_FACTOR)) > 0) {
            throw guard();
        }
        return value.multiply(PERCENTAGE_FACTOR).add(percentage.shiftRight(1)).divide(percentage);
    }

    /** {@code value * percentage / 10000}, rounded down. */
    public static BigInteger percentMulFloor(BigInteger value, BigInteger percentage) {
        if (percentage.signum() != 0 && value.compareTo(MAX.divide(percentage)) > 0) {
            throw guard();
        }
        return value.multiply(percentage).divide(PERCENTAGE_FACTOR);
    }

    /** {@code value * percentage / 10000}, rounded up. */
    public static BigInteger percentMulCeil(BigInteger value, BigInteger percentage) {
        if (percentage.signum() != 0 && value.compareTo(MAX.divide(percentage)) > 0) {
            throw guard();
        }
        return ceilDiv(value.multiply(percentage), PERCENTAGE_FACTOR);
    }

    /** {@code value * 10000 / percentage}, rounded down. */
    public static BigInteger percentDivFloor(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0 || value.compareTo(MAX.divide(PERCENTAGE_FACTOR)) > 0) {
            throw guard();
        }
        return value.multiply(PERCENTAGE_FACTOR).divide(percentage);
    }

    /** {@code value * 10000 / percentage}, rounded up. */
    public static BigInteger percentDivCeil(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0 || value.compareTo(MAX.divide(PERCENTAGE_FACTOR)) > 0) {
            throw guard();
        }
        return ceilDiv(value.multiply(PERCENTAGE_FACTOR), percentage);
    }

    /** {@code MathUtils.mulDivCeil}: {@code a * b / c} rounded up (v3.7). */
    public static BigInteger mulDivCeil(BigInteger a, BigInteger b, BigInteger c) {
        if (c.signum() == 0) {
            throw guard();
        }
        if (b.signum() != 0 && a.compareTo(MAX.divide(b)) > 0) {
            throw guard();
        }
        return ceilDiv(a.multiply(b), c);
    }

    private static BigInteger ceilDiv(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** {@code MathUtils.calculateLinearInterest}: {@code RAY + rate * dt / year}, checked. */
    public static BigInteger linearInterest(BigInteger rate, long lastUpdate, long now) {
        BigInteger dt = Word.subU(BigInteger.valueOf(now), BigInteger.valueOf(lastUpdate), 256);
        BigInteger result = Word.mulU(rate, dt, 256).divide(SECONDS_PER_YEAR);
        return Word.addU(RAY, result, 256);
    }

    /**
     * {@code MathUtils.calculateCompoundedInterest}: v3.3 expands {@code (1 + rate/year)^dt} to three binomial terms
     * (checked products, half-up {@code rayMul}); v3.7 to {@code 1 + x + x^2/2 + x^3/6} with {@code x = rate * dt /
     * year}, in an unchecked block.
     */
    public static BigInteger compoundedInterest(AaveVersion version, BigInteger rate, long lastUpdate, long now) {
        BigInteger exp = Word.subU(BigInteger.valueOf(now), BigInteger.valueOf(lastUpdate), 256);
        if (exp.signum() == 0) {
            return RAY;
        }
        if (version == AaveVersion.V3_7) {
            BigInteger x = Word.truncate(rate.multiply(exp), 256).divide(SECONDS_PER_YEAR);
            BigInteger inner = Word.truncate(x.shiftRight(1).add(rayMul(x, x.divide(BigInteger.valueOf(6)))), 256);
            return Word.truncate(RAY.add(x).add(rayMul(x, inner)), 256);
        }
        BigInteger expMinusOne = exp.subtract(BigInteger.ONE);
        BigInteger expMinusTwo = exp.compareTo(BigInteger.TWO) > 0 ? exp.subtract(BigInteger.TWO) : BigInteger.ZERO;
        BigInteger basePowerTwo = rayMul(rate, rate).divide(SECONDS_PER_YEAR.multiply(SECONDS_PER_YEAR));
        BigInteger basePowerThree = rayMul(basePowerTwo, rate).divide(SECONDS_PER_YEAR);
        BigInteger secondTerm =
                Word.mulU(Word.mulU(exp, expMinusOne, 256), basePowerTwo, 256).shiftRight(1);
        BigInteger thirdTerm = Word.mulU(
                        Word.mulU(Word.mulU(exp, expMinusOne, 256), expMinusTwo, 256), basePowerThree, 256)
                .divide(BigInteger.valueOf(6));
        BigInteger linear = Word.mulU(rate, exp, 256).divide(SECONDS_PER_YEAR);
        return Word.addU(Word.addU(Word.addU(RAY, linear, 256), secondTerm, 256), thirdTerm, 256);
    }
}
