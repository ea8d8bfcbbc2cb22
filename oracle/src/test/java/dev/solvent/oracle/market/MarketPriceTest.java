package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import org.junit.jupiter.api.Test;

class MarketPriceTest {

    @Test
    void parsesDecimalStringsExactly() {
        assertThat(MarketPrice.parse("86", 8).value()).isEqualTo(I256.of(8_600_000_000L));
        assertThat(MarketPrice.parse("0.00004", 8).value()).isEqualTo(I256.of(4_000L));
        assertThat(MarketPrice.parse("123306.01", 8).value()).isEqualTo(I256.of(12_330_601_000_000L));
    }

    @Test
    void refusesMoreDecimalsThanItCanHold() {
        assertThatThrownBy(() -> MarketPrice.parse("0.000000001", 8)).hasMessageContaining("more than 8 decimals");
        assertThatThrownBy(() -> MarketPrice.parse("abc", 8)).hasMessageContaining("not a decimal number");
    }

    @Test
    void refusesNonPositivePricesAndImpossibleDecimals() {
        assertThatThrownBy(() -> MarketPrice.of(0, 8)).hasMessageContaining("MarketPrice.value: 0 is out of range");
        assertThatThrownBy(() -> MarketPrice.of(1, 19)).hasMessageContaining("MarketPrice.decimals: 19");
    }

    @Test
    void rescalesExactlyUpAndHalfUpDown() {
        // 1.23456789 with 8 decimals -> 4 decimals: 1.2346 (the dropped 6789 rounds up)
        assertThat(MarketPrice.of(123_456_789, 8).rescale(4)).isEqualTo(MarketPrice.of(12_346, 4));
        // 1.00005 -> 4 decimals: exactly half, rounds up to 1.0001
        assertThat(MarketPrice.of(100_005, 5).rescale(4)).isEqualTo(MarketPrice.of(10_001, 4));
        assertThat(MarketPrice.of(12, 0).rescale(8)).isEqualTo(MarketPrice.of(1_200_000_000L, 8));
        // never below one unit
        assertThat(MarketPrice.of(4, 8).rescale(2)).isEqualTo(MarketPrice.of(1, 2));
    }

    @Test
    void comparesAsNumbersWhateverTheDecimals() {
        assertThat(MarketPrice.of(2000, 0)).isEqualByComparingTo(MarketPrice.of(200_000_000_000L, 8));
        assertThat(MarketPrice.of(1999, 0)).isLessThan(MarketPrice.of(199_900_000_001L, 8));
        assertThat(MarketPrice.of(86, 0).toPlainString()).isEqualTo("86");
        assertThat(MarketPrice.of(8_600_000_000L, 8).toString()).isEqualTo("86.00000000");
    }
}
