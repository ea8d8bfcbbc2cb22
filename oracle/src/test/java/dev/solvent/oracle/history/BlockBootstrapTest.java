package dev.solvent.oracle.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.oracle.market.MarketPrice;
import java.util.stream.IntStream;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlockBootstrapTest {

    static CandleSeries eth;

    @BeforeAll
    static void load() {
        eth = CandleCsv.bundled("eth-usd-2022-11-07_2022-11-11-5m.csv", 8).get();
    }

    static MarketPrice firstOpen() {
        return eth.price(eth.candles().head().open());
    }

    static double[] closeLogReturns(CandleSeries s) {
        return IntStream.range(1, s.size())
                .mapToDouble(i -> Math.log(s.candles().get(i).close().longValueExact()
                        / (double) s.candles().get(i - 1).close().longValueExact()))
                .toArray();
    }

    static java.util.List<Object> prices(Candle c) {
        return java.util.List.of(c.openTime(), c.open(), c.high(), c.low(), c.close());
    }

    @Test
    void reproducesTheHistoryWhenOneRunCoversIt() {
        CandleSeries s = BlockBootstrap.of(eth, eth.size()).sample(eth.size(), firstOpen(), 1L);
        assertThat(s.candles().map(BlockBootstrapTest::prices))
                .isEqualTo(eth.candles().map(BlockBootstrapTest::prices));
    }

    @Test
    void isDeterministicForASeedAndVariesAcrossSeeds() {
        BlockBootstrap b = BlockBootstrap.of(eth, 12);
        assertThat(b.sample(500, firstOpen(), 5L)).isEqualTo(b.sample(500, firstOpen(), 5L));
        assertThat(b.sample(500, firstOpen(), 5L)).isNotEqualTo(b.sample(500, firstOpen(), 6L));
        CandleSeries s = b.sample(500, MarketPrice.parse("3000", 8), 5L);
        assertThat(s.size()).isEqualTo(500);
        assertThat(s.startTime()).isEqualTo(eth.startTime());
        assertThat(s.intervalSeconds()).isEqualTo(300);
    }

    @Test
    void resamplesReturnsFromTheHistorysDistribution() {
        // pooled close-to-close log-returns of many samples vs the history's own: two-sample KS
        BlockBootstrap b = BlockBootstrap.of(eth, 24);
        double[] pooled = IntStream.range(0, 40)
                .mapToObj(seed -> closeLogReturns(b.sample(400, firstOpen(), seed)))
                .flatMapToDouble(java.util.Arrays::stream)
                .toArray();
        double p = KolmogorovSmirnovTest.withDefaults()
                .test(pooled, closeLogReturns(eth))
                .getPValue();
        assertThat(p).isGreaterThan(0.001);
    }

    @Test
    void refusesRunsLongerThanTheHistory() {
        assertThatThrownBy(() -> BlockBootstrap.of(eth, 0)).hasMessageContaining("BlockBootstrap.blockLength: 0");
        assertThatThrownBy(() -> BlockBootstrap.of(eth, 1441))
                .hasMessageContaining("BlockBootstrap.blockLength: 1441 is out of range; valid: 1 <= value <= 1440");
    }
}
