package dev.solvent.oracle.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

class HistoricalReplayTest {

    static Candle candle(long t, long o, long h, long l, long c) {
        return new Candle(t, I256.of(o), I256.of(h), I256.of(l), I256.of(c), I256.ONE);
    }

    /** An up candle then a down candle, one minute each, prices with 0 decimals. */
    static final CandleSeries TWO_MINUTES = new CandleSeries(
            "hand", 0, 60, Vector.of(candle(0, 100, 110, 90, 105), candle(60, 105, 106, 80, 85)), Vector.empty());

    static Vector<Long> prices(MarketPath p) {
        return Vector.ofAll(p.toUnitArray());
    }

    @Test
    void walksEachCandleOpenExtremesCloseOverItsBlocks() {
        // 5 blocks per candle: waypoints at offsets 0, 1, 2, 4; offset 3 halfway from the second extreme to the close.
        // up candle: 100, low 90, high 110, (110+105)/2 = 107.5 -> 108, 105
        // down candle: 105, high 106, low 80, (80+85)/2 = 82.5 -> 83, 85
        assertThat(prices(HistoricalReplay.replay(TWO_MINUTES, 0, 12, Interpolation.OHLC_PATH)))
                .containsExactly(100L, 90L, 110L, 108L, 105L, 105L, 106L, 80L, 83L, 85L);
    }

    @Test
    void givesShortCandlesTheirLastWaypoints() {
        // 2 blocks per candle (30 s): second extreme and close
        assertThat(prices(HistoricalReplay.replay(TWO_MINUTES, 0, 30, Interpolation.OHLC_PATH)))
                .containsExactly(110L, 105L, 80L, 85L);
        // 1 block per candle: the close
        assertThat(prices(HistoricalReplay.replay(TWO_MINUTES, 0, 60, Interpolation.OHLC_PATH)))
                .containsExactly(105L, 85L);
    }

    @Test
    void interpolatesLinearlyBetweenClosesAtCandleEnds() {
        // knots (0 s, 100 open) (60 s, 105) (120 s, 85); every 12 s
        assertThat(prices(HistoricalReplay.replay(TWO_MINUTES, 0, 12, Interpolation.LINEAR_CLOSES)))
                .containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 101L, 97L, 93L, 89L);
    }

    @Test
    void startsAClockMidSeriesAndNumbersItsBlocks() {
        MarketPath p = HistoricalReplay.replay(TWO_MINUTES, new BlockClock(500, 48, 12), Interpolation.OHLC_PATH);
        // blocks at 48 s (the first candle's last block, its close) then the second candle's five
        assertThat(prices(p)).containsExactly(105L, 105L, 106L, 80L, 83L, 85L);
        assertThat(p.first().block()).isEqualTo(500);
        assertThatThrownBy(
                        () -> HistoricalReplay.replay(TWO_MINUTES, new BlockClock(0, 120, 12), Interpolation.OHLC_PATH))
                .hasMessageContaining("HistoricalReplay.clock.firstTimestamp: 120 is out of range; valid: within the"
                        + " series, 0 <= t < 120");
    }

    @Test
    void interpolatesExactlyEvenBeyondLongProducts() {
        assertThat(HistoricalReplay.lerp(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2, 3, 7))
                .isEqualTo(Long.MAX_VALUE / 2);
        assertThat(HistoricalReplay.lerp(10, 20, 1, 4)).isEqualTo(13); // 12.5 -> 13
        assertThat(HistoricalReplay.lerp(20, 10, 1, 4)).isEqualTo(18); // 17.5 -> 18
    }
}
