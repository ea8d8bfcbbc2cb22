package dev.solvent.mirror.evm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link WordDivision}'s word-by-word divisions give exactly BigInteger's floor division: by any divisor from 1 to 2^63 - 1
 * (with its reciprocal, and without), by a power of ten, and the 128-by-64-bit division under them. Numbers of every
 * width up to 256 bits, with the widths at the word edges drawn often, and divisors at their own edges (1, 2^k, 5^k,
 * 2^63 - 1).
 */
class WordDivisionProperties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 5000)
    void aDivisorThatFitsInALongDividesAsBigIntegerDoes(@ForAll("numbers") BigInteger n, @ForAll("divisors") long d) {
        BigInteger expected = n.divide(BigInteger.valueOf(d));
        assertThat(WordDivision.divide(n, d)).isEqualTo(expected);
        assertThat(WordDivision.divide(n, WordDivision.Divisor.of(d))).isEqualTo(expected);
    }

    @Property(tries = 3000)
    void anyDivisorDividesAsBigIntegerDoes(
            @ForAll("numbers") BigInteger n,
            @ForAll("numbers") BigInteger d,
            @ForAll boolean negateN,
            @ForAll boolean negateD,
            @ForAll @IntRange(min = 0, max = 30) int k) {
        BigInteger a = negateN ? n.negate() : n;
        BigInteger b = negateD ? d.negate() : d;
        if (b.signum() != 0) {
            assertThat(WordDivision.divide(a, b)).isEqualTo(a.divide(b));
        }
        assertThat(WordDivision.divide(a, BigInteger.TEN.pow(k))).isEqualTo(a.divide(BigInteger.TEN.pow(k)));
    }

    @Property(tries = 3000)
    void aPowerOfTenDividesAsBigIntegerDoes(
            @ForAll("numbers") BigInteger n, @ForAll @IntRange(min = 0, max = 77) int k) {
        assertThat(WordDivision.divPow10(n, k)).isEqualTo(n.divide(BigInteger.TEN.pow(k)));
        assertThat(WordDivision.pow10(k)).isEqualTo(BigInteger.TEN.pow(k));
    }

    @Property(tries = 3000)
    void theLongDivisionOfTwoWordsIsExact(@ForAll long u1, @ForAll long u0, @ForAll long v) {
        if (v == 0 || Long.compareUnsigned(u1, v) >= 0) {
            return;
        }
        BigInteger n = WordDivision.unsigned(u1).shiftLeft(64).add(WordDivision.unsigned(u0));
        assertThat(WordDivision.unsigned(WordDivision.divideUnsigned128(u1, u0, v)))
                .isEqualTo(n.divide(WordDivision.unsigned(v)));
    }

    @Property(tries = 1000)
    void wordsMakeTheNumberTheyHold(@ForAll long w0, @ForAll long w1, @ForAll long w2) {
        BigInteger expected = WordDivision.unsigned(w2)
                .shiftLeft(128)
                .add(WordDivision.unsigned(w1).shiftLeft(64))
                .add(WordDivision.unsigned(w0));
        assertThat(WordDivision.ofWords(new long[] {w0, w1, w2})).isEqualTo(expected);
        assertThat(WordDivision.unsigned(w0)).isEqualTo(new BigInteger(Long.toUnsignedString(w0)));
        assertThat(WordDivision.unsigned(w0).compareTo(TWO_64)).isNegative();
    }

    @Provide
    Arbitrary<BigInteger> numbers() {
        Arbitrary<Integer> widths = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 256)),
                Tuple.of(1, Arbitraries.of(1, 62, 63, 64, 65, 90, 126, 127, 128, 129, 180, 191, 192, 193, 255, 256)));
        return widths.flatMap(w -> Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))
                .edgeCases(c -> c.includeOnly(
                        BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))));
    }

    @Provide
    Arbitrary<Long> divisors() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, Long.MAX_VALUE)),
                Tuple.of(1, Arbitraries.integers().between(0, 62).map(k -> 1L << k)),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(0, 27)
                                .map(k -> BigInteger.valueOf(5).pow(k).longValueExact())),
                Tuple.of(1, Arbitraries.of(1L, 3L, 6L, 10_000L, 31_536_000L, Long.MAX_VALUE, Long.MAX_VALUE - 1)));
    }
}
