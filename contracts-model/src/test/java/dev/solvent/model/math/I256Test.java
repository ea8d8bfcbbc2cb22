package dev.solvent.model.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class I256Test {

    static final I256 LONG_MAX = I256.of(Long.MAX_VALUE);

    @Test
    void crossesFromTheLongRepresentationToBigAndBackCanonically() {
        I256 big = LONG_MAX.plus(I256.ONE);
        assertThat(big.fitsLong()).isFalse();
        assertThat(big.toString()).isEqualTo("9223372036854775808");
        assertThat(big.minus(I256.ONE)).isEqualTo(LONG_MAX);
        assertThat(big.minus(I256.ONE).fitsLong()).isTrue();
        assertThat(I256.of(Long.MIN_VALUE).negate().toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(63));
        assertThat(LONG_MAX.times(LONG_MAX).toBigInteger())
                .isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).pow(2));
    }

    @Test
    void panicsWithCode0x11OutsideTheInt256Range() {
        assertThatThrownBy(() -> I256.MAX.plus(I256.ONE))
                .isInstanceOfSatisfying(
                        PanicException.class, e -> assertThat(e.code()).isEqualTo(0x11));
        assertThatThrownBy(() -> I256.MIN.minus(I256.ONE)).isInstanceOf(PanicException.class);
        assertThatThrownBy(() -> I256.MIN.negate()).isInstanceOf(PanicException.class);
        assertThatThrownBy(() -> I256.pow10(40).times(I256.pow10(40))).isInstanceOf(PanicException.class);
        assertThat(I256.MAX.minus(I256.MAX)).isEqualTo(I256.ZERO);
    }

    @Test
    void panicsWithCode0x12OnDivisionByZero() {
        assertThatThrownBy(() -> I256.ONE.divide(I256.ZERO, Rounding.FLOOR))
                .isInstanceOfSatisfying(
                        PanicException.class, e -> assertThat(e.code()).isEqualTo(0x12));
        assertThatThrownBy(() -> FixedPoint.mulDivCeil(I256.ONE, I256.ONE, I256.ZERO))
                .isInstanceOf(PanicException.class);
    }

    @Test
    void roundsTowardMinusOrPlusInfinityWhateverTheSigns() {
        assertThat(I256.of(7).divide(I256.of(2), Rounding.FLOOR)).isEqualTo(I256.of(3));
        assertThat(I256.of(7).divide(I256.of(2), Rounding.CEIL)).isEqualTo(I256.of(4));
        assertThat(I256.of(-7).divide(I256.of(2), Rounding.FLOOR)).isEqualTo(I256.of(-4));
        assertThat(I256.of(-7).divide(I256.of(2), Rounding.CEIL)).isEqualTo(I256.of(-3));
        assertThat(I256.of(7).divide(I256.of(-2), Rounding.FLOOR)).isEqualTo(I256.of(-4));
        assertThat(I256.of(-7).divide(I256.of(-2), Rounding.CEIL)).isEqualTo(I256.of(4));
        assertThat(I256.of(-8).divide(I256.of(2), Rounding.CEIL)).isEqualTo(I256.of(-4));
    }

    @Test
    void mulDivKeepsTheFullWidthIntermediate() {
        // (2^200 * 2^100) / 2^150 = 2^150: the product is 300 bits, the result fits
        I256 a = I256.of(BigInteger.ONE.shiftLeft(200));
        I256 b = I256.of(BigInteger.ONE.shiftLeft(100));
        I256 c = I256.of(BigInteger.ONE.shiftLeft(150));
        assertThat(FixedPoint.mulDivFloor(a, b, c)).isEqualTo(I256.of(BigInteger.ONE.shiftLeft(150)));
        // 10 * 10 / 3 = 33.3: floor 33, ceil 34; -33.3: floor -34, ceil -33
        assertThat(FixedPoint.mulDivFloor(I256.of(10), I256.of(10), I256.of(3))).isEqualTo(I256.of(33));
        assertThat(FixedPoint.mulDivCeil(I256.of(10), I256.of(10), I256.of(3))).isEqualTo(I256.of(34));
        assertThat(FixedPoint.mulDivFloor(I256.of(-10), I256.of(10), I256.of(3)))
                .isEqualTo(I256.of(-34));
        assertThat(FixedPoint.mulDivCeil(I256.of(-10), I256.of(10), I256.of(3))).isEqualTo(I256.of(-33));
    }

    @Test
    void parsesAndRejectsText() {
        assertThat(I256.parse(" -42 ")).isEqualTo(I256.of(-42));
        assertThatThrownBy(() -> I256.parse("1.5")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> I256.parse(BigInteger.ONE.shiftLeft(255).toString()))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("int256 range");
    }
}
