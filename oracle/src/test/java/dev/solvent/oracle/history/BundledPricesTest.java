package dev.solvent.oracle.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real crash windows bundled in {@code prices/}, checked against the numbers their README states. */
class BundledPricesTest {

    static CandleSeries load(String name) {
        var result = CandleCsv.bundled(name, 8);
        assertThat(result.isRight()).as("%s: %s", name, result).isTrue();
        return result.get();
    }

    static long t(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @ParameterizedTest
    @CsvSource({
        "eth-usd-2020-03-11_2020-03-14-5m.csv, 1152, 300, 86, 2020-03-13T02:15:00Z",
        "eth-usd-2020-03-11_2020-03-14-1h.csv, 96, 3600, 86, 2020-03-13T02:00:00Z",
        "btc-usd-2020-03-11_2020-03-14-1h.csv, 96, 3600, 3782.13, 2020-03-13T02:00:00Z",
        "eth-usd-2021-05-18_2021-05-20-1m.csv, 4320, 60, 1888, 2021-05-19T13:10:00Z",
        "luna-usd-2022-05-07_2022-05-13-1m.csv, 8680, 60, 0.00004, 2022-05-13T00:35:00Z",
        "eth-usd-2022-11-07_2022-11-11-5m.csv, 1440, 300, 1073.53, 2022-11-09T23:35:00Z",
        "btc-usd-2025-10-09_2025-10-12-5m.csv, 1152, 300, 102000, 2025-10-10T21:20:00Z",
        "eth-usd-perp-2020-03-11_2020-03-14-5m.csv, 1152, 300, 84.23, 2020-03-13T02:15:00Z",
    })
    void readsEachBundledWindowWithTheRowsAndLowItsReadmeStates(
            String name, int rows, long interval, String low, String lowAt) {
        CandleSeries s = load(name);
        assertThat(s.size()).isEqualTo(rows);
        assertThat(s.intervalSeconds()).isEqualTo(interval);
        assertThat(s.gaps()).isEmpty();
        assertThat(s.lowest().low()).isEqualTo(MarketPrice.parse(low, 8).value());
        assertThat(s.lowest().openTime()).isEqualTo(t(lowAt));
    }

    @Test
    void readsEveryBundledCandleFileExactlyAtEightDecimals() throws Exception {
        // the files live in the solvent-data artifact: a folder in the IDE, a jar in a Maven build
        java.net.URI readme =
                BundledPricesTest.class.getResource("/prices/README.md").toURI();
        try (var jar = readme.getScheme().equals("jar")
                        ? java.nio.file.FileSystems.newFileSystem(readme, java.util.Map.of())
                        : null;
                var files =
                        java.nio.file.Files.list(java.nio.file.Path.of(readme).getParent())) {
            java.nio.file.Path dir = java.nio.file.Path.of(readme).getParent();
            var names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".csv") && !n.startsWith("chainlink"))
                    .sorted()
                    .toList();
            assertThat(names).hasSize(30);
            for (String name : names) {
                CandleSeries s = load(name);
                assertThat(s.gaps()).as(name).isEmpty();
                // no value needed rounding: every field has at most 8 fractional digits
                var lines = java.nio.file.Files.readAllLines(dir.resolve(name));
                assertThat(lines.stream()
                                .skip(1)
                                .flatMap(l -> Arrays.stream(l.split(",")).skip(1)))
                        .as(name)
                        .allMatch(v -> new java.math.BigDecimal(v).scale() <= 8);
                assertThat(lines).hasSize(s.size() + 1);
            }
        }
    }

    @Test
    void replaysTheMarch2020EthLowOf86At0215IntoTwelveSecondBlocks() {
        CandleSeries eth = load("eth-usd-2020-03-11_2020-03-14-5m.csv");
        MarketPath path = HistoricalReplay.replay(eth, 9_650_000, 12, Interpolation.OHLC_PATH);
        assertThat(path.size()).isEqualTo(4 * 86_400 / 12);
        long[] u = path.toUnitArray();
        long min = Arrays.stream(u).min().getAsLong();
        assertThat(min).isEqualTo(8_600_000_000L);
        MarketTick low =
                path.ticks().filter(k -> k.price().units() == min).findFirst().get();
        // inside the 02:15 candle: 02:15:00 <= t < 02:20:00
        assertThat(low.timestamp()).isBetween(t("2020-03-13T02:15:00Z"), t("2020-03-13T02:19:59Z"));
        assertThat(low.price()).isEqualTo(MarketPrice.parse("86", 8));
        // every block before the window's last close is on the 12-second grid from 2020-03-11T00:00Z
        assertThat(path.first().timestamp()).isEqualTo(t("2020-03-11T00:00:00Z"));
        assertThat(path.last().timestamp()).isEqualTo(t("2020-03-14T23:59:48Z"));
        // the smooth rule never reaches the wick
        long smoothMin = Arrays.stream(HistoricalReplay.replay(eth, 0, 12, Interpolation.LINEAR_CLOSES)
                        .toUnitArray())
                .min()
                .getAsLong();
        assertThat(smoothMin).isGreaterThan(8_600_000_000L);
    }

    @Test
    void replaysEveryHighAndLowOfTheMay2021OneMinuteCandles() {
        CandleSeries eth = load("eth-usd-2021-05-18_2021-05-20-1m.csv");
        MarketPath path = HistoricalReplay.replay(eth, 0, 12, Interpolation.OHLC_PATH);
        for (int i = 0; i < eth.size(); i++) {
            Candle c = eth.candles().get(i);
            long[] blocks = Arrays.copyOfRange(path.toUnitArray(), 5 * i, 5 * i + 5);
            assertThat(blocks).contains(c.high().longValueExact(), c.low().longValueExact());
            assertThat(blocks[0]).isEqualTo(c.open().longValueExact());
            assertThat(blocks[4]).isEqualTo(c.close().longValueExact());
        }
    }

    @Test
    void readsLunaDownToItsLastTradeAtEightDecimals() {
        CandleSeries luna = load("luna-usd-2022-05-07_2022-05-13-1m.csv");
        assertThat(luna.endTime()).isEqualTo(t("2022-05-13T00:40:00Z"));
        assertThat(luna.lowest().low()).isEqualTo(I256.of(4_000));
    }
}
