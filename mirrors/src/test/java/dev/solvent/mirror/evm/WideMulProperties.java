package dev.solvent.mirror.evm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link WideMul}'s word paths give exactly what BigInteger gives for {@code a * b / 10^k} and {@code a * b / d},
 * rounded down, up and half up: operands and divisors of every width up to 128 bits (the word edges drawn often, and
 * 2^128 - 1, where the product and the rounding carry into the top word; divisors of one and two words, where Knuth's
 * quotient estimate needs its corrections) and every power of ten the path takes.
 */
class WideMulProperties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 5000)
    void aPowerOfTenQuotientIsBigIntegers(
            @ForAll("operands") BigInteger a,
            @ForAll("operands") BigInteger b,
            @ForAll @IntRange(min = 0, max = 27) int k) {
        BigInteger unit = BigInteger.TEN.pow(k);
        assertThat(WideMul.fits(a, b)).isTrue();
        assertThat(WideMul.mulDivPow10(a, b, k, WideMul.Round.DOWN)).isEqualTo(down(a.multiply(b), unit));
        assertThat(WideMul.mulDivPow10(a, b, k, WideMul.Round.UP)).isEqualTo(up(a.multiply(b), unit));
        assertThat(WideMul.mulDivPow10(a, b, k, WideMul.Round.HALF_UP))
                .isEqualTo(down(a.multiply(b).add(unit.shiftRight(1)), unit));
    }

    @Property(tries = 8000)
    void anyQuotientIsBigIntegers(
            @ForAll("operands") BigInteger a, @ForAll("operands") BigInteger b, @ForAll("operands") BigInteger d) {
        if (d.signum() == 0) {
            return;
        }
        assertThat(WideMul.mulDiv(a, b, d, WideMul.Round.DOWN)).isEqualTo(down(a.multiply(b), d));
        assertThat(WideMul.mulDiv(a, b, d, WideMul.Round.UP)).isEqualTo(up(a.multiply(b), d));
        assertThat(WideMul.mulDiv(a, b, d, WideMul.Round.HALF_UP))
                .isEqualTo(down(a.multiply(b).add(d.shiftRight(1)), d));
    }

    @Example
    void aRayProductRoundsAsWadRayMathSays() {
        BigInteger ray = BigInteger.TEN.pow(27);
        // 1.5 ray x 1 wei: 1.5 wei, half up 2, down 1, up 2
        BigInteger a = ray.multiply(BigInteger.valueOf(3)).shiftRight(1);
        assertThat(WideMul.mulDivPow10(a, BigInteger.ONE, 27, WideMul.Round.HALF_UP))
                .isEqualTo(BigInteger.TWO);
        assertThat(WideMul.mulDivPow10(a, BigInteger.ONE, 27, WideMul.Round.DOWN))
                .isEqualTo(BigInteger.ONE);
        assertThat(WideMul.mulDivPow10(a, BigInteger.ONE, 27, WideMul.Round.UP)).isEqualTo(BigInteger.TWO);
        // rayDiv(2 wei, 3 ray): 2/3 of a wei, half up 1 ((2 ray + 1.5 ray) / 3 ray), down 0, up 1
        BigInteger three = ray.multiply(BigInteger.valueOf(3));
        assertThat(WideMul.mulDiv(BigInteger.TWO, ray, three, WideMul.Round.HALF_UP))
                .isEqualTo(BigInteger.ONE);
        assertThat(WideMul.mulDiv(BigInteger.TWO, ray, three, WideMul.Round.DOWN))
                .isEqualTo(BigInteger.ZERO);
        assertThat(WideMul.mulDiv(BigInteger.TWO, ray, three, WideMul.Round.UP)).isEqualTo(BigInteger.ONE);
        // the largest operands: (2^128 - 1)^2 / 1 and / (2^128 - 1)
        BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        assertThat(WideMul.mulDivPow10(max, max, 0, WideMul.Round.UP)).isEqualTo(max.multiply(max));
        assertThat(WideMul.mulDiv(max, max, max, WideMul.Round.UP)).isEqualTo(max);
    }

    @Property(tries = 1000)
    void wordsMakeTheNumberTheyHold(@ForAll long w0, @ForAll long w1, @ForAll long w2, @ForAll long w3) {
        BigInteger expected = WordDivision.ofWords(new long[] {w0, w1, w2, w3});
        assertThat(WideMul.of(w3, w2, w1, w0)).isEqualTo(expected);
        assertThat(WideMul.of(0, 0, 0, w0)).isEqualTo(WordDivision.unsigned(w0));
        assertThat(WideMul.of(0, 0, w1, w0))
                .isEqualTo(WordDivision.unsigned(w1).multiply(TWO_64).add(WordDivision.unsigned(w0)));
    }

    private static BigInteger down(BigInteger n, BigInteger d) {
        return n.divide(d);
    }

    private static BigInteger up(BigInteger n, BigInteger d) {
        BigInteger[] qr = n.divideAndRemainder(d);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    @Provide
    Arbitrary<BigInteger> operands() {
        Arbitrary<Integer> widths = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 128)),
                Tuple.of(1, Arbitraries.of(0, 1, 62, 63, 64, 65, 90, 126, 127, 128)));
        Arbitrary<BigInteger> any = widths.flatMap(w -> Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))
                .edgeCases(c -> c.includeOnly(
                        BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))));
        // top words at 2^64 - 1 and a low word of anything: where an estimated quotient digit is too large
        Arbitrary<BigInteger> topHeavy = Arbitraries.longs()
                .map(low -> BigInteger.ONE
                        .shiftLeft(64)
                        .subtract(BigInteger.ONE)
                        .shiftLeft(64)
                        .add(WordDivision.unsigned(low)));
        return Arbitraries.frequencyOf(Tuple.of(6, any), Tuple.of(1, topHeavy));
    }
}
