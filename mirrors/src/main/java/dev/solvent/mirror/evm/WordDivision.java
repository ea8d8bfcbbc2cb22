package dev.solvent.mirror.evm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * Unsigned division of numbers up to 256 bits by a divisor that fits in a long, the division at the end of every
 * fixed-point product the contracts compute ({@code / RAY}, {@code / WAD}, {@code / 10^decimals}, {@code / 10000}):
 * 64 bits at a time from the top, each step a two-by-one word division, instead of {@link BigInteger}'s general long
 * division. Exact: the same quotient as {@link BigInteger#divide}, which the properties check.
 */
public final class WordDivision {

    private WordDivision() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The largest {@code k} with 5^k below 2^63. */
    private static final int MAX_POW5 = 27;

    private static final Divisor[] POW5 = new Divisor[MAX_POW5 + 1];
    private static final BigInteger[] POW10 = new BigInteger[78];

    static {
        long p = 1;
        for (int k = 0; k <= MAX_POW5; k++) {
            POW5[k] = Divisor.of(p);
            p *= 5;
        }
        for (int k = 0; k < POW10.length; k++) {
            POW10[k] = BigInteger.TEN.pow(k);
        }
    }

    /**
     * A divisor from 1 to 2^63 - 1 with what dividing by it many times needs worked out once: the shift that sets its
     * top bit and the reciprocal of the shifted divisor (Möller and Granlund, "Improved division by invariant integers",
     * 2011), so that each step of a division is two multiplications instead of a hardware division.
     *
     * @param value the divisor
     * @param shift how far {@code value} is shifted left to set its top bit
     * @param normalized {@code value << shift}
     * @param reciprocal {@code floor((2^128 - 1) / normalized) - 2^64}
     */
    public record Divisor(long value, int shift, long normalized, long reciprocal) {

        /** {@return the divisor {@code value} with its reciprocal} */
        public static Divisor of(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("a divisor is from 1 to 2^63 - 1, not " + value);
            }
            int shift = Long.numberOfLeadingZeros(value);
            long normalized = value << shift;
            return new Divisor(value, shift, normalized, divideUnsigned128(~normalized, -1L, normalized));
        }
    }

    /** {@return 10^k, for k from 0 to 77} */
    public static BigInteger pow10(int k) {
        return k < POW10.length ? POW10[k] : BigInteger.TEN.pow(k);
    }

    /**
     * {@return n / 10^k for 0 <= n < 2^256, rounded down} As {@code (n >> k) / 5^k}, which is the same quotient: for k up
     * to 27, 5^k fits in a long.
     */
    public static BigInteger divPow10(BigInteger n, int k) {
        if (k > MAX_POW5) {
            return n.divide(pow10(k));
        }
        return divide(n.shiftRight(k), POW5[k]);
    }

    /**
     * {@return n / d, truncated toward zero as {@link BigInteger#divide} does} Word by word where {@code n} is from 0 to
     * 2^256 - 1 and {@code d} positive and either fits in a long or is a power of ten up to 10^27 (RAY, WAD, a
     * token's unit); BigInteger's long division otherwise.
     */
    public static BigInteger divide(BigInteger n, BigInteger d) {
        if (n.signum() < 0 || d.signum() <= 0) {
            return n.divide(d);
        }
        if (d.bitLength() < 64) {
            return divide(n, d.longValue());
        }
        int k = d.getLowestSetBit();
        return k <= MAX_POW5 && POW10[k].equals(d) ? divPow10(n, k) : n.divide(d);
    }

    /** {@return n / d for 0 <= n < 2^256 and 0 < d, rounded down} */
    public static BigInteger divide(BigInteger n, long d) {
        if (d <= 0) {
            throw new ArithmeticException("divisor " + d);
        }
        int bits = n.bitLength();
        if (bits < 64) {
            return BigInteger.valueOf(n.longValue() / d);
        }
        if (bits <= 128) {
            long hi = bits == 64 ? 0 : n.shiftRight(64).longValue();
            long lo = n.longValue();
            if (Long.compareUnsigned(hi, d) < 0) {
                return unsigned(divideUnsigned128(hi, lo, d));
            }
        }
        return divide(n, Divisor.of(d));
    }

    /** {@return n / d for 0 <= n < 2^256, rounded down} */
    public static BigInteger divide(BigInteger n, Divisor d) {
        int bits = n.bitLength();
        if (bits < 64) {
            return BigInteger.valueOf(n.longValue() / d.value);
        }
        if (bits > 256) {
            return n.divide(BigInteger.valueOf(d.value));
        }
        int words = (bits + 63) >>> 6;
        long[] u = new long[words];
        BigInteger rest = n;
        for (int w = 0; w < words; w++) {
            u[w] = rest.longValue();
            if (w + 1 < words) {
                rest = rest.shiftRight(64);
            }
        }
        int s = d.shift;
        long dn = d.normalized;
        long v = d.reciprocal;
        // the numerator shifted left with the divisor (the quotient is the same), its top bits the first remainder,
        // below the shifted divisor as each step needs
        long r = s == 0 ? 0 : u[words - 1] >>> (64 - s);
        long[] q = u;
        for (int w = words - 1; w >= 0; w--) {
            long word = s == 0 ? u[w] : (u[w] << s) | (w > 0 ? u[w - 1] >>> (64 - s) : 0);
            // Möller-Granlund 2/1 division of (r, word) by dn, with r < dn
            long qh = Math.unsignedMultiplyHigh(v, r);
            long ql = v * r;
            long lo = ql + word;
            qh += r + (Long.compareUnsigned(lo, ql) < 0 ? 1 : 0) + 1;
            long rem = word - qh * dn;
            if (Long.compareUnsigned(rem, lo) > 0) {
                qh--;
                rem += dn;
            }
            if (Long.compareUnsigned(rem, dn) >= 0) {
                qh++;
                rem -= dn;
            }
            q[w] = qh;
            r = rem;
        }
        return ofWords(q);
    }

    /**
     * {@return (u1 * 2^64 + u0) / v, unsigned, for u1 < v} The long division of two 32-bit digits by a normalized
     * divisor (Knuth's algorithm D for a two-digit divisor, in the form of Warren's Hacker's Delight, 9-3).
     */
    public static long divideUnsigned128(long u1, long u0, long v) {
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

    /** {@return the unsigned value of one 64-bit word} */
    public static BigInteger unsigned(long word) {
        return word >= 0 ? BigInteger.valueOf(word) : ofWords(new long[] {word});
    }

    /** {@return the unsigned number whose 64-bit words, least significant first, are {@code words}} */
    public static BigInteger ofWords(long[] words) {
        int top = words.length - 1;
        while (top > 0 && words[top] == 0) {
            top--;
        }
        if (top == 0 && words[0] >= 0) {
            return BigInteger.valueOf(words[0]);
        }
        byte[] bytes = new byte[8 * (top + 1)];
        for (int w = 0; w <= top; w++) {
            LONGS.set(bytes, 8 * (top - w), words[w]);
        }
        return new BigInteger(1, bytes);
    }
}
