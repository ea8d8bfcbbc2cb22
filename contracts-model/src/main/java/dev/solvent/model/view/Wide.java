package dev.solvent.model.view;

import dev.solvent.model.math.I256;
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
 * <p>Most of the time the kernel does not divide at all: it estimates the quotient from the operands' top 64 bits and
 * a per-block 64-bit mantissa of the constant factor ({@link #estimateProduct}, {@link #estimateFunding}). Every
 * truncation rounds down, so the estimate is below the exact quotient by less than a few units in its last place; when
 * its fraction bits are farther than that from an integer, the floor and the inexactness are proven, and otherwise
 * (rarely, or for an exact quotient such as a round amount at a round price) the caller divides exactly.
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

    // ---- estimates: one or two high multiplications, proven or declined

    /**
     * {@return {@code {m, e}} with {@code m = floor(num / den * 2^e)} in {@code [2^63, 2^64)}}, the 64-bit mantissa of a
     * positive rational constant
     */
    static long[] mantissa(BigInteger num, BigInteger den) {
        int e = 63 - (num.bitLength() - den.bitLength());
        while (true) {
            BigInteger m = e >= 0 ? num.shiftLeft(e).divide(den) : num.divide(den.shiftLeft(-e));
            if (m.bitLength() < 64) {
                e++;
            } else if (m.bitLength() > 64) {
                e--;
            } else {
                return new long[] {m.longValue(), e};
            }
        }
    }

    /** {@return the number of leading zeros of the unsigned 128-bit {@code (hi, lo)}, {@code 0..128}} */
    static long leadingZeros(long hi, long lo) {
        long zh = Long.numberOfLeadingZeros(hi);
        return zh + (-(zh >>> 6) & Long.numberOfLeadingZeros(lo));
    }

    /** {@return the top 64 bits of {@code (hi, lo) << z}, for {@code z} its number of leading zeros (no branch)} */
    static long top(long hi, long lo, long z) {
        long below64 = (z - 64) >> 63;
        return (((hi << z) | (lo >>> 1 >>> (63 - z))) & below64) | ((lo << z) & ~below64);
    }

    /**
     * {@return the packed {@code floor(M * C)} for an unsigned 128-bit {@code M} given as its {@link #top} 64 bits and
     * its {@link #leadingZeros}, and the constant {@code C = m * 2^-e}} ({@link #mantissa}), or {@link #FAIL} when the
     * estimate cannot prove it
     *
     * <p>With {@code M = (Mt + s) 2^(a-64)}, {@code C = (m + g) 2^-e}, {@code 0 <= s, g < 1} and {@code Qm =
     * mulhi(Mt, m)}, the product is {@code Y 2^(a - e)} with {@code Qm <= Y < Qm + 3}.
     */
    static long estimateProduct(long top, long zeros, long m, long e) {
        return decide(Math.unsignedMultiplyHigh(top, m), e + zeros - 128, 3);
    }

    /**
     * {@return the packed {@code floor(S * D / 10^n)} for unsigned 128-bit {@code S} and {@code D}, each given as its
     * {@link #top} 64 bits and {@link #leadingZeros}}, given {@code r =
     * floor(2^(63 + L) / 10^n)} and {@code l = 63 + L} where {@code L} is the bit length of {@code 10^n}; or
     * {@link #FAIL} when the estimate cannot prove it
     *
     * <p>With both operands truncated to their top 64 bits and {@code 1/10^n = (r + g) 2^-l}, {@code Qm =
     * mulhi(mulhi(St, Dt), r)} and the quotient is {@code Y 2^(a + b - l)} with {@code Qm <= Y < Qm + 5}.
     */
    static long estimateFunding(long sTop, long zs, long dTop, long zd, long r, long l) {
        long pm = Math.unsignedMultiplyHigh(sTop, dTop);
        long qm = Math.unsignedMultiplyHigh(pm, r);
        return decide(qm, l + zs + zd - 256, 5);
    }

    /**
     * {@return the packed floor of {@code Y * 2^-shift}, where {@code Qm <= Y < Qm + slack}, if the estimate
     * {@code qm} proves it}: its fraction must be at least one unit above zero (so the quotient is inexact) and more
     * than {@code slack} units below one (so the floor cannot move)
     */
    private static long decide(long qm, long shift, long slack) {
        if (Long.compareUnsigned(shift - 4, 60) >= 0) {
            // beyond 2^65, Y < 2^64 + slack makes the quotient below one, positive when qm is (operands nonzero)
            return shift >= 66 && qm != 0 ? 1 : FAIL;
        }
        long mask = (1L << shift) - 1;
        long fraction = qm & mask;
        if (Long.compareUnsigned(fraction - 1, mask - slack) >= 0) {
            return FAIL;
        }
        return ((qm >>> shift) << 1) | 1;
    }

    /** {@return 1 if the unsigned sum {@code sum = a + b} wrapped, else 0, without a branch} */
    static long carry(long sum, long b) {
        return Long.compareUnsigned(sum, b) < 0 ? 1 : 0;
    }

    /** {@return 1 if the unsigned {@code a - b} borrows, else 0} */
    static long borrow(long a, long b) {
        return Long.compareUnsigned(a, b) < 0 ? 1 : 0;
    }

    /** The longs a prepared divisor takes in a table (see {@link #prepareDivisor}). */
    static final int DIVISOR_SLOTS = DIV_RECIPROCAL + 1;

    /** {@return 1 if {@code x} is zero, else 0, without a branch} */
    static long isZero(long x) {
        return ((x | -x) >>> 63) ^ 1;
    }

    /** {@return whether a 128-bit value with high word {@code hi} lies in {@code [-2^119, 2^119)}} */
    static boolean within119(long hi) {
        return (((hi >> 55) + 1) >>> 1) == 0;
    }

    // ---- 128-bit conversions

    private static final BigInteger MIN_128 = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX_128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    static boolean fits128(I256 v) {
        if (v.fitsLong()) {
            return true;
        }
        BigInteger b = v.toBigInteger();
        return b.compareTo(MIN_128) >= 0 && b.compareTo(MAX_128) <= 0;
    }

    /** {@return the high word of a value that {@link #fits128 fits 128 bits}} */
    static long hi(I256 v) {
        return v.fitsLong()
                ? v.longValueExact() >> 63
                : v.toBigInteger().shiftRight(64).longValue();
    }

    /** {@return the low word of a value that {@link #fits128 fits 128 bits}} */
    static long lo(I256 v) {
        return v.fitsLong() ? v.longValueExact() : v.toBigInteger().longValue();
    }

    /** {@return the two's complement 128-bit {@code (hi, lo)} as an I256} */
    static I256 i256(long hi, long lo) {
        if (hi == (lo >> 63)) {
            return I256.of(lo);
        }
        return I256.of(BigInteger.valueOf(hi).shiftLeft(64).add(unsigned(lo)));
    }
}
