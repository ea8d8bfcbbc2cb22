package dev.solvent.model.view;

import java.math.BigInteger;

/**
 * The unsigned 128- and 192-bit steps of {@link HealthKernel}'s fast path: products of 64-bit words and divisions by
 * a divisor prepared once per block, all without allocation.
 *
 * <p>Every divisor the kernel meets is {@code 2^a * f} with {@code f} odd and below {@code 2^63} ({@code 10^s = 2^s *
 * 5^s}, and a WAD ratio's reduced denominator divides {@code 10^18}). A division shifts the power of two away and
 * divides by {@code f} with Möller and Granlund's reciprocal ("Improved division by invariant integers", IEEE Trans.
 * Computers 2011, algorithm 4): two multiplications instead of a hardware divide. Small divisions of a value below
 * {@code 2^63} use a 64-bit magic multiplier (Granlund and Montgomery 1994).
 *
 * <p>A division returns its quotient packed with an "inexact" bit, {@code (q << 1) | (remainder != 0)}, so one
 * {@code long} carries what floor and ceil both need; it returns {@link #FAIL} (negative) when the quotient would be
 * {@code 2^62} or more, and the caller then takes the exact path. Nothing here rounds silently.
 */
final class Wide {

    /** Returned by the packed divisions when the quotient is out of the fast range. */
    static final long FAIL = -1;

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger ALL_128 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Wide() {}

    // ---- preparation (once per block)

    /** Slots of a prepared divisor {@code 2^a * f}: net right shift, normalized {@code f}, reciprocal. */
    static final int DIV_SHIFT = 0;

    static final int DIV_NORMALIZED = 1;
    static final int DIV_RECIPROCAL = 2;

    /**
     * Writes the divisor {@code 2^twos * odd} into {@code t[o..o+2]}: {@code a - c} (positive: shift the dividend
     * right; negative: left), {@code odd << c} with its top bit set, and {@code floor((2^128 - 1) / (odd << c)) -
     * 2^64}, where {@code c} is the number of leading zeros of {@code odd}.
     */
    static void prepareDivisor(long[] t, int o, int twos, long odd) {
        if (odd <= 0 || (odd & 1) == 0 || twos < 0 || twos > 63) {
            throw new IllegalArgumentException("divisor 2^" + twos + " * " + odd + " is outside the kernel's range");
        }
        int c = Long.numberOfLeadingZeros(odd);
        long normalized = odd << c;
        t[o + DIV_SHIFT] = twos - c;
        t[o + DIV_NORMALIZED] = normalized;
        t[o + DIV_RECIPROCAL] =
                ALL_128.divide(unsigned(normalized)).subtract(TWO_64).longValue();
    }

    /** {@return the shift {@code l} with which {@link #magicDivide} divides by {@code d}, {@code 1 <= d < 2^63}} */
    static int magicShift(long d) {
        return d == 1 ? 0 : 64 - Long.numberOfLeadingZeros(d - 1);
    }

    /**
     * {@return the multiplier {@code ceil(2^(63 + l) / d)} with which {@link #magicDivide} divides by {@code d}}
     *
     * <p>Exact for every dividend {@code 0 <= x < 2^63}: with {@code l = ceil(log2 d)} the multiplier's error times
     * {@code x} stays below {@code 1/d}, so it never crosses an integer.
     */
    static long magic(long d) {
        if (d <= 0) {
            throw new IllegalArgumentException("magic divisor " + d + " must be positive");
        }
        BigInteger n = BigInteger.ONE.shiftLeft(63 + magicShift(d));
        BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(d));
        return (qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE)).longValue();
    }

    /** {@return {@code 10^n}, {@code 0 <= n <= 18}} */
    static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** {@return {@code 5^n}, {@code 0 <= n <= 27} (the largest power of five below {@code 2^63})} */
    static long pow5(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 5;
        }
        return p;
    }

    /** {@return the unsigned value of {@code x}} */
    static BigInteger unsigned(long x) {
        BigInteger b = BigInteger.valueOf(x);
        return x < 0 ? b.add(TWO_64) : b;
    }

    // ---- the fast path

    /** {@return {@code floor(x / d)} for {@code 0 <= x < 2^63}, given {@link #magic}{@code (d)} and its shift} */
    static long magicDivide(long x, long magic, long shift) {
        return Math.unsignedMultiplyHigh(x << 1, magic) >>> shift;
    }

    /**
     * {@return the packed quotient of the unsigned 128-bit {@code (uh, ul)} by the divisor prepared at {@code t[o]}},
     * or {@link #FAIL}
     */
    static long divide(long uh, long ul, long[] t, int o) {
        int shift = (int) t[o + DIV_SHIFT];
        long u1;
        long u0;
        long lost;
        if (shift >= 0) {
            lost = ul & ((1L << shift) - 1);
            u0 = (ul >>> shift) | (uh << 1 << (63 - shift));
            u1 = uh >>> shift;
        } else {
            int left = -shift;
            if ((uh >>> (64 - left)) != 0) {
                return FAIL;
            }
            u1 = (uh << left) | (ul >>> (64 - left));
            u0 = ul << left;
            lost = 0;
        }
        return divideNormalized(u1, u0, t[o + DIV_NORMALIZED], t[o + DIV_RECIPROCAL], lost);
    }

    /**
     * {@return the packed quotient of the unsigned 192-bit {@code (p2, p1, p0)} by the divisor prepared at
     * {@code t[o]}}, or {@link #FAIL}
     */
    static long divide(long p2, long p1, long p0, long[] t, int o) {
        int shift = (int) t[o + DIV_SHIFT];
        if (shift < 0) {
            return p2 == 0 ? divide(p1, p0, t, o) : FAIL;
        }
        if ((p2 >>> shift) != 0) {
            return FAIL;
        }
        long lost = p0 & ((1L << shift) - 1);
        long u0 = (p0 >>> shift) | (p1 << 1 << (63 - shift));
        long u1 = (p1 >>> shift) | (p2 << 1 << (63 - shift));
        return divideNormalized(u1, u0, t[o + DIV_NORMALIZED], t[o + DIV_RECIPROCAL], lost);
    }

    /** Möller-Granlund 2/1 division of {@code (u1, u0)} by the normalized {@code d} with reciprocal {@code v}. */
    private static long divideNormalized(long u1, long u0, long d, long v, long lost) {
        if (Long.compareUnsigned(u1, d) >= 0) {
            return FAIL;
        }
        long p0 = v * u1;
        long p1 = Math.unsignedMultiplyHigh(v, u1);
        long q0 = p0 + u0;
        long q1 = p1 + u1 + 1 + (Long.compareUnsigned(q0, p0) < 0 ? 1 : 0);
        long r = u0 - q1 * d;
        if (Long.compareUnsigned(r, q0) > 0) {
            q1--;
            r += d;
        }
        if (Long.compareUnsigned(r, d) >= 0) {
            q1++;
            r -= d;
        }
        if ((q1 >>> 62) != 0) {
            return FAIL;
        }
        return (q1 << 1) | ((r | lost) != 0 ? 1 : 0);
    }
}
