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
 * {@link WideMul}'s word path gives exactly what BigInteger gives for {@code (a * b + c) / 10^k}, rounded down and
 * up: operands of every width up to 128 bits (the word edges drawn often, and 2^128 - 1, where the product and the
 * addend carry into the top word), addends up to 2^128 - 1 and every power of ten it takes.
 */
class WideMulProperties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Property(tries = 5000)
    void theWordPathGivesBigIntegersQuotient(
            @ForAll("operands") BigInteger a,
            @ForAll("operands") BigInteger b,
            @ForAll("operands") BigInteger c,
            @ForAll @IntRange(min = 0, max = 27) int k) {
        assertThat(WideMul.fits(a, b)).isTrue();
        BigInteger n = a.multiply(b).add(c);
        BigInteger[] qr = n.divideAndRemainder(BigInteger.TEN.pow(k));
        BigInteger up = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        assertThat(WideMul.mulAddDivPow10(a, b, WideMul.high(c), WideMul.low(c), k, WideMul.Round.DOWN))
                .isEqualTo(qr[0]);
        assertThat(WideMul.mulAddDivPow10(a, b, WideMul.high(c), WideMul.low(c), k, WideMul.Round.UP))
                .isEqualTo(up);
    }

    @Example
    void aRayProductRoundsAsWadRayMathSays() {
        BigInteger ray = BigInteger.TEN.pow(27);
        BigInteger halfRay = ray.shiftRight(1);
        // 1.5 ray x 1 wei: 1.5 wei, half up 2, down 1, up 2
        BigInteger a = ray.multiply(BigInteger.valueOf(3)).shiftRight(1);
        long halfHigh = WideMul.high(halfRay);
        long halfLow = WideMul.low(halfRay);
        assertThat(WideMul.mulAddDivPow10(a, BigInteger.ONE, halfHigh, halfLow, 27, WideMul.Round.DOWN))
                .isEqualTo(BigInteger.TWO);
        assertThat(WideMul.mulAddDivPow10(a, BigInteger.ONE, 0, 0, 27, WideMul.Round.DOWN))
                .isEqualTo(BigInteger.ONE);
        assertThat(WideMul.mulAddDivPow10(a, BigInteger.ONE, 0, 0, 27, WideMul.Round.UP))
                .isEqualTo(BigInteger.TWO);
        // the largest operands: (2^128 - 1)^2 + (2^128 - 1) = 2^256 - 2^128, by 1
        BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        assertThat(WideMul.mulAddDivPow10(max, max, -1L, -1L, 0, WideMul.Round.UP))
                .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE.shiftLeft(128)));
    }

    @Property(tries = 1000)
    void wordsMakeTheNumberTheyHold(@ForAll long w0, @ForAll long w1, @ForAll long w2, @ForAll long w3) {
        BigInteger expected = WordDivision.ofWords(new long[] {w0, w1, w2, w3});
        assertThat(WideMul.of(w3, w2, w1, w0)).isEqualTo(expected);
        assertThat(WideMul.of(0, 0, 0, w0)).isEqualTo(WordDivision.unsigned(w0));
        assertThat(WideMul.of(0, 0, w1, w0))
                .isEqualTo(WordDivision.unsigned(w1).multiply(TWO_64).add(WordDivision.unsigned(w0)));
    }

    @Provide
    Arbitrary<BigInteger> operands() {
        Arbitrary<Integer> widths = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 128)),
                Tuple.of(1, Arbitraries.of(0, 1, 62, 63, 64, 65, 90, 126, 127, 128)));
        return widths.flatMap(w -> Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))
                .edgeCases(c -> c.includeOnly(
                        BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))));
    }
}
