package dev.solvent.model.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WadTest {

    @Test
    void parsesDecimalsExactly() {
        assertThat(Wad.parse("0.05").raw()).isEqualTo(I256.of(50_000_000_000_000_000L));
        assertThat(Wad.parse("1").raw()).isEqualTo(I256.of(1_000_000_000_000_000_000L));
        assertThat(Wad.parse("-1.25").raw()).isEqualTo(I256.of(-1_250_000_000_000_000_000L));
        assertThat(Wad.parse(".5").raw()).isEqualTo(I256.of(500_000_000_000_000_000L));
        assertThat(Wad.parse("0.000000000000000001").raw()).isEqualTo(I256.ONE);
        assertThat(Wad.parse("0.05")).hasToString("0.05");
        assertThat(Wad.parse("-1.25")).hasToString("-1.25");
        assertThat(Wad.parse("3")).hasToString("3");
    }

    @Test
    void rejectsWhatIsNotADecimal() {
        assertThatThrownBy(() -> Wad.parse("abc")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Wad.parse("1e-3")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Wad.parse("0.0000000000000000001"))
                .isInstanceOf(NumberFormatException.class)
                .hasMessageContaining("18 decimal places");
        assertThatThrownBy(() -> Wad.parse(".")).isInstanceOf(NumberFormatException.class);
    }
}
