package dev.solvent.mirror.evm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;

/**
 * The fixed-point products and quotients the contracts compute on every call, {@code a * b / 10^k} and {@code a * b /
 * d} with their roundings, in 64-bit words where the operands are below 2^128 (balances, indices, prices and factors
 * are): four word products, an add with carry, and a division by words (a shift and 5^k for a power of ten, Knuth's
 * algorithm D otherwise), with no intermediate {@link BigInteger}. Operands past
 * 128 bits take BigInteger's arithmetic; both give the same quotient, which the properties check.
 *
 * <p>Callers keep their contract's overflow rule: below 2^128 each, the product and the rounding's addend stay below
 * 2^256, so no numerator on the word path can overflow a word of the EVM.
 */
public final class WideMul {

    private WideMul() {}

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The largest power of ten this class divides by in words: 5^27 is the largest power of five below 2^63. */
    static final int MAX_K = 27;

    private static final WordDivision.Divisor[] POW5 = new WordDivision.Divisor[MAX_K + 1];

    /** Half of 10^k as its two words, high first. */
    private static final long[][] HALF_POW10 = new long[MAX_K + 1][];

    static {
        long p = 1;
        for (int k = 0; k <= MAX_K; k++) {
            POW5[k] = WordDivision.Divisor.of(p);
            p *= 5;
            BigInteger half = BigInteger.TEN.pow(k).shiftRight(1);
            HALF_POW10[k] = new long[] {high(half), half.longValue()};
        }
    }

    /** How a quotient is rounded. */
    public enum Round {
        /** Toward zero: Solidity's {@code /}. */
        DOWN,
        /** Away from zero when anything remains: {@code Math.ceilDiv}, the "Ceil" functions of WadRayMath v3.7. */
        UP,
        /**
         * Half the divisor (rounded down) added before the division: WadRayMath's {@code rayMul}/{@code rayDiv},
         * PercentageMath's {@code percentMul}/{@code percentDiv}, dss's rpow steps.
         */
        HALF_UP
    }

    /**
     * {@return whether {@code a} and {@code b} take the word path} Both non-negative and below 2^128 (a divisor too).
     */
    public static boolean fits(BigInteger a, BigInteger b) {
        return a.signum() >= 0 && b.signum() >= 0 && a.bitLength() <= 128 && b.bitLength() <= 128;
    }

    /**
     * {@return {@code a * b / 10^k}, rounded as {@code round} says} For {@code a} and {@code b} as {@link #fits}
     * accepts and {@code 0 <= k <= 27}.
     */
    public static BigInteger mulDivPow10(BigInteger a, BigInteger b, int k, Round round) {
        long a1 = high(a);
        long b1 = high(b);
        long[] q = new long[4];
        mulDivPow10(a1, a.longValue(), b1, b.longValue(), k, round, q);
        return of(q[3], q[2], q[1], q[0]);
    }

    /**
     * {@return {@code a * b / d}, rounded as {@code round} says} For {@code a}, {@code b} and {@code d} as {@link
     * #fits} accepts and {@code d} positive: the divisions of {@code rayDiv}, {@code wadDiv} and {@code percentDiv},
     * whose divisors are balances, indices and sums of them.
     */
    public static BigInteger mulDiv(BigInteger a, BigInteger b, BigInteger d, Round round) {
        long a1 = high(a);
        long b1 = high(b);
        long d1 = high(d);
        long d0 = d.longValue();
        long[] u = new long[4];
        boolean half = round == Round.HALF_UP;
        product(a1, a.longValue(), b1, b.longValue(), half ? d1 >>> 1 : 0, half ? (d0 >>> 1) | (d1 << 63) : 0, u);
        long[] q = new long[4];
        boolean inexact = d1 == 0 ? divideByWord(u, d0, q) : divideByTwoWords(u, d1, d0, q);
        if (round == Round.UP && inexact && ++q[0] == 0 && ++q[1] == 0 && ++q[2] == 0) {
            q[3]++;
        }
        return of(q[3], q[2], q[1], q[0]);
    }

    /** {@code u[0..3] / d} for one nonzero word {@code d}, into {@code q}; {@return whether a remainder is left} */
    private static boolean divideByWord(long[] u, long d, long[] q) {
        int s = Long.numberOfLeadingZeros(d);
        long dn = d << s;
        long v = WordDivision.divideUnsigned128(~dn, -1L, dn);
        long r = s == 0 ? 0 : u[3] >>> (64 - s);
        for (int j = 3; j >= 0; j--) {
            long word = s == 0 ? u[j] : (u[j] << s) | (j > 0 ? u[j - 1] >>> (64 - s) : 0);
            q[j] = step(r, word, dn, v);
            r = word - q[j] * dn;
        }
        return r != 0;
    }

    /**
     * {@code u[0..3] / (d1 * 2^64 + d0)} for {@code d1 != 0}, into {@code q}: Knuth's algorithm D with 64-bit digits
     * and a two-digit divisor (TAOCP 4.3.1), the quotient digit estimated from the top two digits by the top divisor
     * digit and corrected with the second; {@return whether a remainder is left}
     */
    private static boolean divideByTwoWords(long[] u, long d1, long d0, long[] q) {
        int s = Long.numberOfLeadingZeros(d1);
        long v1 = s == 0 ? d1 : (d1 << s) | (d0 >>> (64 - s));
        long v0 = d0 << s;
        // the numerator shifted with the divisor, one digit longer
        long[] n = new long[5];
        n[4] = s == 0 ? 0 : u[3] >>> (64 - s);
        for (int j = 3; j >= 0; j--) {
            n[j] = s == 0 ? u[j] : (u[j] << s) | (j > 0 ? u[j - 1] >>> (64 - s) : 0);
        }
        q[3] = 0;
        for (int j = 2; j >= 0; j--) {
            long top = n[j + 2];
            long next = n[j + 1];
            long qhat;
            long rhat;
            boolean rhatOverflow;
            if (top == v1) {
                qhat = -1L;
                rhat = next + v1;
                rhatOverflow = Long.compareUnsigned(rhat, next) < 0;
            } else {
                qhat = WordDivision.divideUnsigned128(top, next, v1);
                rhat = next - qhat * v1;
                rhatOverflow = false;
            }
            // at most two corrections: while qhat * v0 > rhat * 2^64 + n[j]
            while (!rhatOverflow) {
                long ph = Math.unsignedMultiplyHigh(qhat, v0);
                long pl = qhat * v0;
                if (Long.compareUnsigned(ph, rhat) < 0 || (ph == rhat && Long.compareUnsigned(pl, n[j]) <= 0)) {
                    break;
                }
                qhat--;
                long r2 = rhat + v1;
                rhatOverflow = Long.compareUnsigned(r2, rhat) < 0;
                rhat = r2;
            }
            // n[j..j+2] -= qhat * (v1, v0)
            long p0 = qhat * v0;
            long p0h = Math.unsignedMultiplyHigh(qhat, v0);
            long p1 = qhat * v1 + p0h;
            long p1h = Math.unsignedMultiplyHigh(qhat, v1) + (Long.compareUnsigned(p1, p0h) < 0 ? 1 : 0);
            long t0 = n[j] - p0;
            long borrow = Long.compareUnsigned(n[j], p0) < 0 ? 1 : 0;
            long t1 = n[j + 1] - p1 - borrow;
            borrow = Long.compareUnsigned(n[j + 1], p1) < 0 || (n[j + 1] == p1 && borrow == 1) ? 1 : 0;
            long t2 = n[j + 2] - p1h - borrow;
            boolean negative = Long.compareUnsigned(n[j + 2], p1h) < 0 || (n[j + 2] == p1h && borrow == 1);
            if (negative) {
                // the estimate was one too large: add the divisor back
                qhat--;
                long a0 = t0 + v0;
                long carry = Long.compareUnsigned(a0, t0) < 0 ? 1 : 0;
                long a1 = t1 + v1 + carry;
                carry = Long.compareUnsigned(a1, t1) < 0 || (a1 == t1 && carry == 1) ? 1 : 0;
                t0 = a0;
                t1 = a1;
                t2 += carry;
            }
            n[j] = t0;
            n[j + 1] = t1;
            n[j + 2] = t2;
            q[j] = qhat;
        }
        return n[0] != 0 || n[1] != 0;
    }

    /**
     * {@code a * b / 10^k} on words, most significant first: {@code a} and {@code b} below 2^128 as two words each,
     * {@code 0 <= k <= 27}; the quotient's four words, least significant first, go to {@code q}.
     */
    public static void mulDivPow10(long a1, long a0, long b1, long b0, int k, Round round, long[] q) {
        long[] w = new long[4];
        boolean half = round == Round.HALF_UP;
        product(a1, a0, b1, b0, half ? HALF_POW10[k][0] : 0, half ? HALF_POW10[k][1] : 0, w);
        long w0 = w[0];
        long w1 = w[1];
        long w2 = w[2];
        long w3 = w[3];

        // divided by 2^k (what falls off is remembered for rounding up), then by 5^k
        boolean inexact = false;
        if (k > 0) {
            inexact = (w0 & ((1L << k) - 1)) != 0;
            w0 = (w0 >>> k) | (w1 << (64 - k));
            w1 = (w1 >>> k) | (w2 << (64 - k));
            w2 = (w2 >>> k) | (w3 << (64 - k));
            w3 = w3 >>> k;
        }
        WordDivision.Divisor d = POW5[k];
        int s = d.shift();
        long dn = d.normalized();
        long v = d.reciprocal();
        // the numerator shifted left with the divisor; its top bits the first remainder, below the divisor
        long r = s == 0 ? 0 : w3 >>> (64 - s);
        long n3 = s == 0 ? w3 : (w3 << s) | (w2 >>> (64 - s));
        long n2 = s == 0 ? w2 : (w2 << s) | (w1 >>> (64 - s));
        long n1 = s == 0 ? w1 : (w1 << s) | (w0 >>> (64 - s));
        long n0 = w0 << s;
        long q3 = step(r, n3, dn, v);
        r = n3 - q3 * dn;
        long q2 = step(r, n2, dn, v);
        r = n2 - q2 * dn;
        long q1 = step(r, n1, dn, v);
        r = n1 - q1 * dn;
        long q0 = step(r, n0, dn, v);
        r = n0 - q0 * dn;
        if (round == Round.UP && (inexact || r != 0)) {
            q0++;
            if (q0 == 0) {
                q1++;
                if (q1 == 0) {
                    q2++;
                    if (q2 == 0) {
                        q3++;
                    }
                }
            }
        }
        q[0] = q0;
        q[1] = q1;
        q[2] = q2;
        q[3] = q3;
    }

    /** {@code a * b + c} for operands below 2^128 as words, into {@code w[0..3]}, least significant first. */
    private static void product(long a1, long a0, long b1, long b0, long cHigh, long cLow, long[] w) {
        // the 256-bit product, w3 w2 w1 w0, by schoolbook on 64-bit words
        long w0 = a0 * b0;
        long h00 = Math.unsignedMultiplyHigh(a0, b0);
        long l01 = a0 * b1;
        long h01 = Math.unsignedMultiplyHigh(a0, b1);
        long l10 = a1 * b0;
        long h10 = Math.unsignedMultiplyHigh(a1, b0);
        long l11 = a1 * b1;
        long h11 = Math.unsignedMultiplyHigh(a1, b1);
        long w1 = h00 + l01;
        long carry = Long.compareUnsigned(w1, h00) < 0 ? 1 : 0;
        long t = w1 + l10;
        carry += Long.compareUnsigned(t, w1) < 0 ? 1 : 0;
        w1 = t;
        long w2 = h01 + h10;
        long carry3 = Long.compareUnsigned(w2, h01) < 0 ? 1 : 0;
        t = w2 + l11;
        carry3 += Long.compareUnsigned(t, w2) < 0 ? 1 : 0;
        w2 = t + carry;
        carry3 += Long.compareUnsigned(w2, t) < 0 ? 1 : 0;
        long w3 = h11 + carry3;

        // plus c
        t = w0 + cLow;
        carry = Long.compareUnsigned(t, w0) < 0 ? 1 : 0;
        w0 = t;
        t = w1 + cHigh;
        long carry2 = Long.compareUnsigned(t, w1) < 0 ? 1 : 0;
        w1 = t + carry;
        carry2 += Long.compareUnsigned(w1, t) < 0 ? 1 : 0;
        t = w2 + carry2;
        w3 += Long.compareUnsigned(t, w2) < 0 ? 1 : 0;
        w2 = t;
        w[0] = w0;
        w[1] = w1;
        w[2] = w2;
        w[3] = w3;
    }

    /**
     * One Möller-Granlund 2/1 step: {@code (r * 2^64 + word) / dn} for a normalized {@code dn}, {@code r < dn} and the
     * reciprocal {@code v} of {@code dn}. The remainder is {@code word - q * dn} (in 64 bits).
     */
    private static long step(long r, long word, long dn, long v) {
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
        }
        return qh;
    }

    /** {@return the unsigned number of the words {@code w3 w2 w1 w0}, most significant first} */
    public static BigInteger of(long w3, long w2, long w1, long w0) {
        if (w3 == 0 && w2 == 0 && w1 == 0) {
            return w0 >= 0 ? BigInteger.valueOf(w0) : new BigInteger(1, bytes(0, w0));
        }
        if (w3 == 0 && w2 == 0) {
            return new BigInteger(1, bytes(w1, w0));
        }
        byte[] b = new byte[32];
        LONGS.set(b, 0, w3);
        LONGS.set(b, 8, w2);
        LONGS.set(b, 16, w1);
        LONGS.set(b, 24, w0);
        return new BigInteger(1, b);
    }

    private static byte[] bytes(long w1, long w0) {
        byte[] b = new byte[16];
        LONGS.set(b, 0, w1);
        LONGS.set(b, 8, w0);
        return b;
    }

    /** {@return the high word of {@code c}, for 0 <= c < 2^128 (the low word is {@code c.longValue()})} */
    public static long high(BigInteger c) {
        return c.bitLength() > 64 ? c.shiftRight(64).longValue() : 0;
    }
}
