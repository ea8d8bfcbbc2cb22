package dev.solvent.mirror.maker;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * The two rpows of dss (jug.sol's {@code _rpow} and abaci.sol's {@code rpow}, both @ fa4f6630) give, in 64-bit words
 * where their values stay below 2^128, what a plain reading of the assembly gives with {@link BigInteger}: the same
 * value or the same empty revert, for bases near RAY (cuts and duties), anywhere below 2^128 and past it.
 */
class DssRpowProperties {

    private static final BigInteger RAY = BigInteger.TEN.pow(27);
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    @Property(tries = 4000)
    void theAbacisRpowIsTheAssemblys(
            @ForAll("bases") BigInteger x, @ForAll @LongRange(min = 0, max = 1L << 40) long n) {
        assertThat(outcome(() -> DssMath.abaciRpow(x, BigInteger.valueOf(n), RAY)))
                .isEqualTo(outcome(() -> reference(x, n, RAY, true)));
    }

    @Property(tries = 4000)
    void theJugsRpowIsTheAssemblys(@ForAll("bases") BigInteger x, @ForAll @LongRange(min = 0, max = 1L << 40) long n) {
        assertThat(outcome(() -> DssMath.jugRpow(x, BigInteger.valueOf(n), RAY)))
                .isEqualTo(outcome(() -> reference(x, n, RAY, false)));
    }

    /** The value, or "revert" for the assembly's empty revert. */
    private static String outcome(java.util.function.Supplier<BigInteger> f) {
        try {
            return f.get().toString();
        } catch (RuntimeException e) {
            return "revert";
        }
    }

    /**
     * The assembly read plainly: {@code n == 0} gives {@code b} (the abaci first; the jug only for {@code x == 0});
     * then square and multiply by the bits of {@code n}, each product rounded half up and divided by {@code b},
     * reverting where a product or its rounding passes 256 bits, and (abaci) where {@code x} reaches 2^128.
     */
    private static BigInteger reference(BigInteger x, long n, BigInteger b, boolean abaci) {
        if (abaci && n == 0) {
            return b;
        }
        if (x.signum() == 0) {
            return n == 0 ? b : BigInteger.ZERO;
        }
        BigInteger half = b.shiftRight(1);
        BigInteger z = (n & 1) == 1 ? x : b;
        for (n >>= 1; n != 0; n >>= 1) {
            if (abaci && x.compareTo(TWO_128) >= 0) {
                throw new IllegalStateException("x past 2^128");
            }
            BigInteger xx = x.multiply(x);
            check(xx.compareTo(TWO_256) < 0 && xx.add(half).compareTo(TWO_256) < 0);
            x = xx.add(half).divide(b);
            if ((n & 1) == 1) {
                BigInteger zx = z.multiply(x);
                check(x.signum() == 0 || zx.compareTo(TWO_256) < 0);
                check(zx.add(half).compareTo(TWO_256) < 0);
                z = zx.add(half).divide(b);
            }
        }
        return z;
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("overflow");
        }
    }

    @Provide
    Arbitrary<BigInteger> bases() {
        BigInteger nearRay = RAY.divide(BigInteger.valueOf(1000));
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.bigIntegers().between(RAY.subtract(nearRay), RAY.add(nearRay))),
                Tuple.of(2, Arbitraries.bigIntegers().between(BigInteger.ZERO, RAY)),
                Tuple.of(2, Arbitraries.bigIntegers().between(RAY, TWO_128.subtract(BigInteger.ONE))),
                Tuple.of(1, Arbitraries.bigIntegers().between(TWO_128.shiftRight(2), TWO_128.shiftLeft(2))),
                Tuple.of(1, Arbitraries.of(BigInteger.ZERO, BigInteger.ONE, RAY, TWO_128.subtract(BigInteger.ONE))));
    }
}
