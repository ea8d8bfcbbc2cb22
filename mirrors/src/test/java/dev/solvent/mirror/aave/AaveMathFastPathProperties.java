package dev.solvent.mirror.aave;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The shortcuts {@link AaveMath} takes for speed give exactly BigInteger's floor division: by a divisor that fits in a
 * long and by a power of ten through a shift ({@code WordDivisionProperties} checks the word division under both). Numbers of every width up to 256 bits,
 * with the widths at the shortcuts' edges (63, 64, 126, 127 bits) drawn often.
 */
class AaveMathFastPathProperties {

    @Property(tries = 3000)
    void aPowerOfTenDividesAsBigIntegerDoes(@ForAll("words") BigInteger n, @ForAll @IntRange(min = 0, max = 40) int k) {
        BigInteger unit = BigInteger.TEN.pow(k);
        assertThat(AaveMath.divPow10(n, k)).isEqualTo(n.divide(unit));
        assertThat(AaveMath.divUnit(n, AaveMath.pow10(k))).isEqualTo(n.divide(unit));
    }

    @Property(tries = 3000)
    void aDivisorThatFitsInALongDividesAsBigIntegerDoes(@ForAll("words") BigInteger n, @ForAll("words") BigInteger d) {
        if (d.signum() == 0) {
            return;
        }
        assertThat(AaveMath.div(n, d)).isEqualTo(n.divide(d));
        if (d.bitLength() < 64) {
            assertThat(AaveMath.divSmall(n, d.longValue())).isEqualTo(n.divide(d));
        }
    }

    @Property(tries = 3000)
    void theRayRoundingsAgreeWithBigInteger(@ForAll("words") BigInteger a, @ForAll("words") BigInteger b) {
        BigInteger product = a.multiply(b);
        if (product.bitLength() > 256) {
            return;
        }
        BigInteger[] qr = product.divideAndRemainder(AaveMath.RAY);
        assertThat(AaveMath.rayMulFloor(a, b)).isEqualTo(qr[0]);
        assertThat(AaveMath.rayMulCeil(a, b)).isEqualTo(qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE));
    }

    @Property(tries = 2000)
    void rememberedInterestFactorsAreTheFactors(
            @ForAll("rates") java.util.List<BigInteger> rates,
            @ForAll @IntRange(min = 0, max = 400_000_000) int lastUpdate,
            @ForAll @IntRange(min = 0, max = 40) int step) {
        // the same few rates and times over and over, as the accounts of one block ask, so that slots are hit, shared
        // and overwritten
        for (int i = 0; i < 3 * rates.size(); i++) {
            BigInteger rate = rates.get(i % rates.size());
            long now = lastUpdate + (long) step * (i % 3);
            for (AaveVersion v : AaveVersion.values()) {
                assertThat(AaveMath.compoundedInterest(v, rate, lastUpdate, now))
                        .isEqualTo(AaveMath.compounded(v, rate, lastUpdate, now));
            }
            assertThat(AaveMath.linearInterest(rate, lastUpdate, now))
                    .isEqualTo(AaveMath.linear(rate, lastUpdate, now));
        }
    }

    @Provide
    Arbitrary<java.util.List<BigInteger>> rates() {
        return Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, AaveMath.RAY.multiply(BigInteger.TEN))
                .list()
                .ofMinSize(1)
                .ofMaxSize(100);
    }

    @Provide
    Arbitrary<BigInteger> words() {
        Arbitrary<Integer> widths = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 256)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(62, 63, 64, 65, 89, 90, 91, 117, 118, 126, 127, 128, 154)));
        return widths.flatMap(w -> Arbitraries.bigIntegers()
                .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))
                .edgeCases(c -> c.includeOnly(
                        BigInteger.ZERO, BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE))));
    }
}
