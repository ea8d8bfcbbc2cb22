package dev.solvent.oracle.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.Vector;
import java.io.StringReader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BadPrintsTest {

    static final String ETH_PERP = "eth-usd-perp-2020-03-11_2020-03-14-5m.csv";
    static final String ETH_SPOT = "eth-usd-2020-03-11_2020-03-14-5m.csv";
    static final String BTC_PERP = "btc-usd-perp-2020-03-11_2020-03-14-5m.csv";
    static final String BTC_SPOT_1H = "btc-usd-2020-03-11_2020-03-14-1h.csv";

    static CandleSeries parse(String name, String body) {
        return CandleCsv.parse(name, new StringReader(CandleCsv.HEADER + "\n" + body), 8)
                .get();
    }

    /** {@return a series of one candle of {@code interval} seconds: open, high, low, close, volume 1} */
    static CandleSeries one(String name, long interval, String open, String high, String low, String close) {
        return new CandleSeries(
                name,
                8,
                interval,
                Vector.of(new Candle(
                        t("2020-01-01T00:00:00Z"), price(open), price(high), price(low), price(close), price("1"))),
                Vector.empty());
    }

    static I256 price(String text) {
        return MarketPrice.parse(text, 8).value();
    }

    static long t(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    /** {@return the candles whose high lies more than {@code bps} above the reference's high over their interval} */
    static Vector<Candle> highsBeyond(CandleSeries series, CandleSeries reference, int bps) {
        return series.candles().filter(c -> {
            I256 refHigh = reference
                    .candles()
                    .filter(r -> r.openTime() < c.openTime() + series.intervalSeconds()
                            && r.openTime() + reference.intervalSeconds() > c.openTime())
                    .map(Candle::high)
                    .reduce(I256::max);
            return c.high().times(I256.of(10_000)).gt(refHigh.times(I256.of(10_000 + bps)));
        });
    }

    @Test
    void theBundledMarch2020EthPerpHasOneHighFarAboveSpotAndTheFilterReplacesItWithTheSpotHigh() {
        CandleSeries perp = BundledPricesTest.load(ETH_PERP);
        CandleSeries spot = BundledPricesTest.load(ETH_SPOT);
        // the raw file: the 02:35Z candle opens at 103.24 and prints 323 while spot tops out at 119.61
        assertThat(highsBeyond(perp, spot, 1000).map(Candle::openTime)).containsExactly(t("2020-03-13T02:35:00Z"));

        BadPrints.Filtered f = BadPrints.filter(perp, spot, 1000).get();

        assertThat(highsBeyond(f.series(), spot, 1000)).isEmpty();
        assertThat(f.corrections())
                .containsExactly(new BadPrints.Correction(
                        t("2020-03-13T02:35:00Z"),
                        BadPrints.Extreme.HIGH,
                        price("323"),
                        price("119.61"),
                        price("119.61")));
        Candle fixed = f.series()
                .candles()
                .get(f.series().candles().indexWhere(c -> c.openTime() == t("2020-03-13T02:35:00Z")));
        assertThat(fixed)
                .isEqualTo(new Candle(
                        t("2020-03-13T02:35:00Z"),
                        price("103.24"),
                        price("119.61"),
                        price("101.05"),
                        price("117.44"),
                        price("76348.558")));
        // every other candle is exactly the source's
        assertThat(f.series().candles().filter(c -> c.openTime() != fixed.openTime()))
                .isEqualTo(perp.candles().filter(c -> c.openTime() != fixed.openTime()));
    }

    @Test
    void theBundledMarch2020BtcPerpAgreesWithHourlySpotWithinTenPercent() {
        CandleSeries perp = BundledPricesTest.load(BTC_PERP);
        CandleSeries spot = BundledPricesTest.load(BTC_SPOT_1H);

        BadPrints.Filtered f = BadPrints.filter(perp, spot, 1000).get();

        assertThat(f.corrections()).isEmpty();
        assertThat(f.series()).isSameAs(perp);
    }

    @Test
    void aLowFarUnderTheReferenceBecomesTheReferenceLowOrTheCandlesOwnOpenOrClose() {
        CandleSeries series = parse("perp.csv", """
                        2021-05-19T13:05:00Z,2000,2010,1400,1990,1
                        2021-05-19T13:10:00Z,1990,1995,1985,1991,1
                        """);
        // a finer reference: the five 1-minute candles inside each 5-minute candle are combined
        StringBuilder rows = new StringBuilder();
        for (int m = 0; m < 10; m++) {
            rows.append(String.format("2021-05-19T13:%02d:00Z,1995,2005,%s,1996,1%n", 5 + m, m == 3 ? "1900" : "1980"));
        }
        CandleSeries reference = parse("spot.csv", rows.toString());

        BadPrints.Filtered f = BadPrints.filter(series, reference, 1000).get();

        assertThat(f.corrections())
                .containsExactly(new BadPrints.Correction(
                        t("2021-05-19T13:05:00Z"), BadPrints.Extreme.LOW, price("1400"), price("1900"), price("1900")));
        assertThat(f.series().candles().get(0).low()).isEqualTo(price("1900"));
        assertThat(f.series().candles().get(1)).isEqualTo(series.candles().get(1));
    }

    @Test
    void anExtremeExactlyAtTheBoundIsKeptAndOneUnitPastItIsNot() {
        CandleSeries reference = one("spot.csv", 300, "100", "100", "100", "100");
        CandleSeries atBound = one("perp.csv", 300, "100", "110", "90", "100");
        CandleSeries past = one("perp.csv", 300, "100", "110.00000001", "89.99999999", "100");

        assertThat(BadPrints.filter(atBound, reference, 1000).get().corrections())
                .isEmpty();
        assertThat(BadPrints.filter(past, reference, 1000).get().corrections())
                .extracting(BadPrints.Correction::extreme)
                .containsExactly(BadPrints.Extreme.HIGH, BadPrints.Extreme.LOW);
    }

    @Test
    void aCoarserReferenceIsUsedWholeAndAnOpenOrCloseBeyondItIsKept() {
        CandleSeries reference = one("spot-1h.csv", 3600, "100", "105", "95", "100");
        // the second candle closes at 130: a move the reference did not see, but the close is kept and bounds the high
        CandleSeries series = parse("perp.csv", """
                        2020-01-01T00:00:00Z,100,104,96,101,1
                        2020-01-01T00:05:00Z,101,200,100,130,1
                        """);

        BadPrints.Filtered f = BadPrints.filter(series, reference, 500).get();

        assertThat(f.series().candles().get(1).high()).isEqualTo(price("130"));
        assertThat(f.corrections()).hasSize(1);
    }

    @Test
    void aReferenceThatDoesNotCoverTheSeriesIsRefusedWithBothWindows() {
        CandleSeries reference = one("spot.csv", 3600, "100", "105", "95", "100");
        CandleSeries series = parse("perp.csv", """
                        2020-01-01T00:00:00Z,100,104,96,101,1
                        2020-01-01T00:05:00Z,101,104,96,101,1
                        """);
        CandleSeries shorter = one("spot-5m.csv", 300, "100", "105", "95", "100");

        assertThat(BadPrints.filter(series, shorter, 1000).getLeft())
                .isEqualTo("the reference spot-5m.csv covers 2020-01-01T00:00:00Z to 2020-01-01T00:05:00Z; valid: a"
                        + " reference covering the whole window of perp.csv, 2020-01-01T00:00:00Z to"
                        + " 2020-01-01T00:10:00Z");
        assertThat(BadPrints.filter(series, reference, 1000).isRight()).isTrue();
    }

    @Test
    void aBoundOutsideOneToTenThousandBasisPointsIsRefused() {
        CandleSeries s = one("perp.csv", 300, "100", "105", "95", "100");
        assertThatThrownBy(() -> BadPrints.filter(s, s, 0)).hasMessageContaining("BadPrints.maxDeviationBps");
        assertThatThrownBy(() -> BadPrints.filter(s, s, 10_001)).hasMessageContaining("BadPrints.maxDeviationBps");
    }
}
