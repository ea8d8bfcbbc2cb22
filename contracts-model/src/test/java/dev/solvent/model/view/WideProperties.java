package dev.solvent.model.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

class WideProperties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Property
    void dividesA128BitValueByAPreparedDivisorLikeBigInteger(
            @ForAll("wide") BigInteger u, @ForAll @IntRange(min = 0, max = 54) int twos, @ForAll("fives") int fives) {
        long[] t = new long[3];
        long odd = Wide.pow5(fives);
        Wide.prepareDivisor(t, 0, twos, odd);
        BigInteger d = BigInteger.valueOf(odd).shiftLeft(twos);
        BigInteger[] qr = u.divideAndRemainder(d);
        long packed = Wide.divide(u.shiftRight(64).longValue(), u.longValue(), t, 0);
        assertPacked(packed, qr);
    }

    @Property
    void dividesA192BitValueByAPreparedDivisorLikeBigInteger(
            @ForAll("wider") BigInteger u, @ForAll @IntRange(min = 0, max = 54) int twos, @ForAll("fives") int fives) {
        long[] t = new long[3];
        long odd = Wide.pow5(fives);
        Wide.prepareDivisor(t, 0, twos, odd);
        BigInteger d = BigInteger.valueOf(odd).shiftLeft(twos);
        BigInteger[] qr = u.divideAndRemainder(d);
        long packed =
                Wide.divide(u.shiftRight(128).longValue(), u.shiftRight(64).longValue(), u.longValue(), t, 0);
        assertPacked(packed, qr);
    }

    @Property
    void magicDivisionIsExactBelow2To63(
            @ForAll @LongRange(min = 0) long x, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long d) {
        assertThat(Wide.magicDivide(x, Wide.magic(d), Wide.magicShift(d))).isEqualTo(x / d);
    }

    @Property
    void magicDivisionIsExactForPowersOfTenAndFive(
            @ForAll @LongRange(min = 0) long x, @ForAll @IntRange(min = 0, max = 18) int n) {
        long d = Wide.pow10(n);
        assertThat(Wide.magicDivide(x, Wide.magic(d), Wide.magicShift(d))).isEqualTo(x / d);
        long f = Wide.pow5(n);
        assertThat(Wide.magicDivide(x, Wide.magic(f), Wide.magicShift(f))).isEqualTo(x / f);
    }

    private static void assertPacked(long packed, BigInteger[] qr) {
        if (qr[0].bitLength() > 62) {
            assertThat(packed).isEqualTo(Wide.FAIL);
            return;
        }
        assertThat(packed).isNotNegative();
        assertThat(BigInteger.valueOf(packed >>> 1)).isEqualTo(qr[0]);
        assertThat(packed & 1).isEqualTo(qr[1].signum() == 0 ? 0L : 1L);
    }

    @Provide
    Arbitrary<Integer> fives() {
        return Arbitraries.integers().between(0, 27);
    }

    @Provide
    Arbitrary<BigInteger> wide() {
        return bits(128);
    }

    @Provide
    Arbitrary<BigInteger> wider() {
        return bits(192);
    }

    /** Unsigned values of every bit length up to {@code max}, so that small quotients are as common as large ones. */
    private static Arbitrary<BigInteger> bits(int max) {
        return Arbitraries.integers()
                .between(0, max)
                .flatMap(n -> n == 0
                        ? Arbitraries.just(BigInteger.ZERO)
                        : Arbitraries.bigIntegers()
                                .between(
                                        BigInteger.ONE.shiftLeft(n - 1),
                                        BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE)));
    }

    @Property(tries = 1)
    void unsignedReadsTheTopBitAsTwoToThe63() {
        assertThat(Wide.unsigned(-1L)).isEqualTo(TWO_64.subtract(BigInteger.ONE));
    }

    @Property
    void anEstimatedProductIsTheExactFloorOrDeclined(
            @ForAll("wide") BigInteger m,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long price,
            @ForAll @IntRange(min = -18, max = 27) int shift) {
        BigInteger num = BigInteger.valueOf(price).multiply(BigInteger.TEN.pow(Math.max(0, -shift)));
        BigInteger den = BigInteger.TEN.pow(Math.max(0, shift));
        long[] c = Wide.mantissa(num, den);
        long packed = estimateProduct(m, c);
        if (packed != Wide.FAIL) {
            assertPacked(packed, m.multiply(num).divideAndRemainder(den));
        }
        Statistics.label("decided").collect(packed != Wide.FAIL);
    }

    @Property
    void anEstimatedFundingQuotientIsTheExactFloorOrDeclined(
            @ForAll("wide") BigInteger size,
            @ForAll("wide") BigInteger delta,
            @ForAll @IntRange(min = 18, max = 54) int exponent) {
        BigInteger d = BigInteger.TEN.pow(exponent);
        long r = BigInteger.ONE.shiftLeft(63 + d.bitLength()).divide(d).longValue();
        long packed = estimateFunding(size, delta, r, 63 + d.bitLength());
        if (packed != Wide.FAIL) {
            assertPacked(packed, size.multiply(delta).divideAndRemainder(d));
        }
        Statistics.label("decided").collect(packed != Wide.FAIL);
    }

    /** Quotients that are exact or a hair off an integer are where a wrong estimate would show. */
    @Property
    void estimatesNeverDecideANearIntegerWrongly(
            @ForAll @IntRange(min = 0, max = 30) int digits,
            @ForAll @LongRange(min = 1, max = 1_000_000) long units,
            @ForAll @IntRange(min = -2, max = 2) int nudge,
            @ForAll @IntRange(min = 0, max = 27) int shift,
            @ForAll @LongRange(min = 1, max = 100_000_000_000_000L) long price) {
        BigInteger m = BigInteger.TEN
                .pow(digits)
                .multiply(BigInteger.valueOf(units))
                .add(BigInteger.valueOf(nudge))
                .abs();
        BigInteger den = BigInteger.TEN.pow(shift);
        long[] c = Wide.mantissa(BigInteger.valueOf(price), den);
        long packed = estimateProduct(m, c);
        if (packed != Wide.FAIL) {
            assertPacked(packed, m.multiply(BigInteger.valueOf(price)).divideAndRemainder(den));
        }
        BigInteger d = BigInteger.TEN.pow(18 + shift);
        long r = BigInteger.ONE.shiftLeft(63 + d.bitLength()).divide(d).longValue();
        BigInteger delta = BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(price));
        long funding = estimateFunding(m, delta, r, 63 + d.bitLength());
        if (funding != Wide.FAIL) {
            assertPacked(funding, m.multiply(delta).divideAndRemainder(d));
        }
    }

    private static long estimateProduct(BigInteger m, long[] c) {
        long hi = m.shiftRight(64).longValue();
        long lo = m.longValue();
        long z = Wide.leadingZeros(hi, lo);
        return Wide.estimateProduct(Wide.top(hi, lo, z), z, c[0], c[1]);
    }

    private static long estimateFunding(BigInteger size, BigInteger delta, long r, long l) {
        long hi = size.shiftRight(64).longValue();
        long lo = size.longValue();
        long z = Wide.leadingZeros(hi, lo);
        long dh = delta.shiftRight(64).longValue();
        long dl = delta.longValue();
        long zd = Wide.leadingZeros(dh, dl);
        return Wide.estimateFunding(Wide.top(hi, lo, z), z, Wide.top(dh, dl, zd), zd, r, l);
    }
}
