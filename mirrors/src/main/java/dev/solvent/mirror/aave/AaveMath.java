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
    private static final long YEAR = 365L * 24 * 3600;
    private static final BigInteger[] POW10 = new BigInteger[78];
    private static final long[] POW5 = new long[28];
    private static final BigInteger[] POW5_BIG = new BigInteger[28];

    static {
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = BigInteger.TEN.pow(k);
        }
        for (int k = 0; k < POW5.length; k++) {
            POW5_BIG[k] = BigInteger.valueOf(5).pow(k);
            POW5[k] = POW5_BIG[k].longValueExact();
        }
    }

    private static RuntimeException guard() {
        return new EvmRevert.Empty().raise();
    }

    // Each function below reverts, as WadRayMath and PercentageMath do, when its numerator would pass 2^256 - 1.
    // Solidity checks that with a division (a > (MAX - c) / b); for b > 0 that is exactly a * b + c > MAX, which
    // the mirror checks on the numerator it computes anyway, without a 256-bit division per call.

    /** {@code a * b / RAY}, half up. */
    public static BigInteger rayMul(BigInteger a, BigInteger b) {
        return divRay(checked(a.multiply(b).add(HALF_RAY)));
    }

    /** {@code a * RAY / b}, half up. */
    public static BigInteger rayDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        return div(checked(a.multiply(RAY).add(b.shiftRight(1))), b);
    }

    /** {@code a * b / RAY}, rounded down. */
    public static BigInteger rayMulFloor(BigInteger a, BigInteger b) {
        return divRay(checked(a.multiply(b)));
    }

    /** {@code a * b / RAY}, rounded up. */
    public static BigInteger rayMulCeil(BigInteger a, BigInteger b) {
        BigInteger n = checked(a.multiply(b));
        BigInteger q = divRay(n);
        return q.multiply(RAY).equals(n) ? q : q.add(BigInteger.ONE);
    }

    /** {@code a * RAY / b}, rounded down. */
    public static BigInteger rayDivFloor(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        return div(checked(a.multiply(RAY)), b);
    }

    /** {@code a * RAY / b}, rounded up. */
    public static BigInteger rayDivCeil(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        return ceilDiv(checked(a.multiply(RAY)), b);
    }

    /** {@code a * WAD / b}, half up. */
    public static BigInteger wadDiv(BigInteger a, BigInteger b) {
        if (b.signum() == 0) {
            throw guard();
        }
        return div(checked(a.multiply(WAD).add(b.shiftRight(1))), b);
    }

    /** {@code a * 1e9}, guarded. */
    public static BigInteger wadToRay(BigInteger a) {
        return checked(a.multiply(WAD_RAY_RATIO));
    }

    /** {@code value * percentage / 10000}, half up. */
    public static BigInteger percentMul(BigInteger value, BigInteger percentage) {
        return divPow10(checked(value.multiply(percentage).add(HALF_PERCENTAGE_FACTOR)), 4);
    }

    /** {@code value * 10000 / percentage}, half up. */
    public static BigInteger percentDiv(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0) {
            throw guard();
        }
        return div(checked(value.multiply(PERCENTAGE_FACTOR).add(percentage.shiftRight(1))), percentage);
    }

    /** {@code value * percentage / 10000}, rounded down. */
    public static BigInteger percentMulFloor(BigInteger value, BigInteger percentage) {
        return divPow10(checked(value.multiply(percentage)), 4);
    }

    /** {@code value * percentage / 10000}, rounded up. */
    public static BigInteger percentMulCeil(BigInteger value, BigInteger percentage) {
        return ceilDiv(checked(value.multiply(percentage)), PERCENTAGE_FACTOR);
    }

    /** {@code value * 10000 / percentage}, rounded down. */
    public static BigInteger percentDivFloor(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0) {
            throw guard();
        }
        return div(checked(value.multiply(PERCENTAGE_FACTOR)), percentage);
    }

    /** {@code value * 10000 / percentage}, rounded up. */
    public static BigInteger percentDivCeil(BigInteger value, BigInteger percentage) {
        if (percentage.signum() == 0) {
            throw guard();
        }
        return ceilDiv(checked(value.multiply(PERCENTAGE_FACTOR)), percentage);
    }

    /** {@code MathUtils.mulDivCeil}: {@code a * b / c} rounded up (v3.7). */
    public static BigInteger mulDivCeil(BigInteger a, BigInteger b, BigInteger c) {
        if (c.signum() == 0) {
            throw guard();
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
        return divPow10(n, 27);
    }

    /** {@return n / d for n >= 0 and d > 0, rounded down} */
    static BigInteger div(BigInteger n, BigInteger d) {
        return d.bitLength() < 64 ? divSmall(n, d.longValue()) : n.divide(d);
    }

    /** {@return n / unit for n >= 0 and unit a power of ten (a token's unit, 10^decimals), rounded down} */
    static BigInteger divUnit(BigInteger n, BigInteger unit) {
        int k = unit.getLowestSetBit();
        return k >= 0 && k < POW10.length && POW10[k] == unit ? divPow10(n, k) : div(n, unit);
    }

    /** {@return 10^k, for k from 0 to 77} */
    static BigInteger pow10(int k) {
        return k < POW10.length ? POW10[k] : BigInteger.TEN.pow(k);
    }

    /**
     * {@return n / 10^k for n >= 0, rounded down} As {@code (n >> k) / 5^k}: for k up to 27 the divisor fits in a
     * long, so a quotient that fits too is one long division, not a BigInteger long division by a multi-word number.
     */
    static BigInteger divPow10(BigInteger n, int k) {
        if (k > 27) {
            return n.divide(pow10(k));
        }
        return divSmall(n.shiftRight(k), POW5[k]);
    }

    /**
     * {@return n / d for n >= 0 and d > 0 a long, rounded down} A number below 2^63 is one long division; a wider one
     * is divided 64 bits at a time, from the top, each step a 128-by-64-bit division of the remainder and the next
     * word: cheaper than BigInteger's general long division for a divisor that fits in a long.
     */
    static BigInteger divSmall(BigInteger n, long d) {
        if (d <= 0) {
            throw new ArithmeticException("divisor " + d);
        }
        int bits = n.bitLength();
        if (bits < 64) {
            return BigInteger.valueOf(n.longValue() / d);
        }
        if (bits <= 126) {
            long hi = n.shiftRight(64).longValue();
            if (hi < d) {
                long q = divideUnsigned128(hi, n.longValue(), d);
                return q >= 0 ? BigInteger.valueOf(q) : new BigInteger(Long.toUnsignedString(q));
            }
        }
        byte[] bytes = n.toByteArray();
        int words = (bytes.length + 7) >>> 3;
        byte[] out = new byte[words * 8];
        long r = 0;
        for (int w = words - 1; w >= 0; w--) {
            long u = 0;
            for (int b = 7; b >= 0; b--) {
                int at = bytes.length - 1 - (w * 8 + b);
                u = (u << 8) | (at >= 0 ? bytes[at] & 0xFF : 0);
            }
            long q = divideUnsigned128(r, u, d);
            r = u - q * d;
            int base = out.length - 8 * (w + 1);
            for (int b = 0; b < 8; b++) {
                out[base + b] = (byte) (q >>> (56 - 8 * b));
            }
        }
        return new BigInteger(1, out);
    }

    /**
     * {@return (u1 * 2^64 + u0) / v, unsigned, for u1 < v} The long division of two 32-bit digits by a normalized
     * divisor (Knuth's algorithm D for a two-digit divisor, in the form of Warren's Hacker's Delight, 9-3).
     */
    static long divideUnsigned128(long u1, long u0, long v) {
        final long b = 1L << 32;
        int s = Long.numberOfLeadingZeros(v);
        v <<= s;
        long vn1 = v >>> 32;
        long vn0 = v & 0xFFFF_FFFFL;
        long un32 = s == 0 ? u1 : (u1 << s) | (u0 >>> (64 - s));
        long un10 = u0 << s;
        long un1 = un10 >>> 32;
        long un0 = un10 & 0xFFFF_FFFFL;
        long q1 = Long.divideUnsigned(un32, vn1);
        long rhat = un32 - q1 * vn1;
        while (Long.compareUnsigned(q1, b) >= 0 || Long.compareUnsigned(q1 * vn0, b * rhat + un1) > 0) {
            q1--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) {
                break;
            }
        }
        long un21 = un32 * b + un1 - q1 * v;
        long q0 = Long.divideUnsigned(un21, vn1);
        rhat = un21 - q0 * vn1;
        while (Long.compareUnsigned(q0, b) >= 0 || Long.compareUnsigned(q0 * vn0, b * rhat + un0) > 0) {
            q0--;
            rhat += vn1;
            if (Long.compareUnsigned(rhat, b) >= 0) {
                break;
            }
        }
        return q1 * b + q0;
    }

    private static BigInteger ceilDiv(BigInteger n, BigInteger d) {
        BigInteger q = divUnit(n, d);
        return q.multiply(d).equals(n) ? q : q.add(BigInteger.ONE);
    }

    /** {@code MathUtils.calculateLinearInterest}: {@code RAY + rate * dt / year}, checked. */
    public static BigInteger linearInterest(BigInteger rate, long lastUpdate, long now) {
        BigInteger dt = Word.subU(BigInteger.valueOf(now), BigInteger.valueOf(lastUpdate), 256);
        BigInteger result = divSmall(Word.mulU(rate, dt, 256), YEAR);
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
            BigInteger x = divSmall(Word.truncate(rate.multiply(exp), 256), YEAR);
            BigInteger inner = Word.truncate(x.shiftRight(1).add(rayMul(x, divSmall(x, 6))), 256);
            return Word.truncate(RAY.add(x).add(rayMul(x, inner)), 256);
        }
        BigInteger expMinusOne = exp.subtract(BigInteger.ONE);
        BigInteger expMinusTwo = exp.compareTo(BigInteger.TWO) > 0 ? exp.subtract(BigInteger.TWO) : BigInteger.ZERO;
        BigInteger basePowerTwo = divSmall(rayMul(rate, rate), YEAR * YEAR);
        BigInteger basePowerThree = divSmall(rayMul(basePowerTwo, rate), YEAR);
        BigInteger secondTerm =
                Word.mulU(Word.mulU(exp, expMinusOne, 256), basePowerTwo, 256).shiftRight(1);
        BigInteger thirdTerm = divSmall(
                Word.mulU(Word.mulU(Word.mulU(exp, expMinusOne, 256), expMinusTwo, 256), basePowerThree, 256), 6);
        BigInteger linear = divSmall(Word.mulU(rate, exp, 256), YEAR);
        return Word.addU(Word.addU(Word.addU(RAY, linear, 256), secondTerm, 256), thirdTerm, 256);
    }
}
