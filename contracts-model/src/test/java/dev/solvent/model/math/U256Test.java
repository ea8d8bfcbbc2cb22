package dev.solvent.model.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class U256Test {

    @Test
    void panicsOnUnderflowAsUint256Does() {
        assertThatThrownBy(() -> U256.of(1).minus(U256.of(2)))
                .isInstanceOfSatisfying(
                        PanicException.class, e -> assertThat(e.code()).isEqualTo(0x11));
        assertThatThrownBy(() -> U256.MAX.plus(U256.ONE)).isInstanceOf(PanicException.class);
        assertThat(U256.MAX.minus(U256.MAX)).isEqualTo(U256.ZERO);
    }

    @Test
    void convertsToSignedOnlyWithinInt256() {
        assertThat(U256.of(5).toI256()).isEqualTo(I256.of(5));
        assertThatThrownBy(() -> U256.MAX.toI256()).isInstanceOf(PanicException.class);
        assertThatThrownBy(() -> I256.of(-1).toU256()).isInstanceOf(PanicException.class);
        assertThat(U256.of(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE))
                        .toI256())
                .isEqualTo(I256.MAX);
    }

    @Test
    void rejectsNegativeText() {
        assertThatThrownBy(() -> U256.parse("-1"))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("uint256 range");
        assertThat(U256.parse("18446744073709551616").toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(64));
    }
}
