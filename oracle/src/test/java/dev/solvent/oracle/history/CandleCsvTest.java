package dev.solvent.oracle.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleCsvTest {

    static Either<Vector<HistoryError>, CandleSeries> parse(String body) {
        return CandleCsv.parse("test.csv", new StringReader(CandleCsv.HEADER + "\n" + body), 8);
    }

    static Vector<String> messages(Either<Vector<HistoryError>, CandleSeries> result) {
        assertThat(result.isLeft()).as("expected errors, got %s", result).isTrue();
        return result.getLeft().map(HistoryError::message);
    }

    static long t(String iso) {
        return Instant.parse(iso).getEpochSecond();
    }

    @Test
    void readsPricesExactlyWithTheRequestedDecimals() {
        CandleSeries s = parse("""
                        2020-03-13T02:10:00Z,101.2,103.5,95,96.01,2214.73731
                        2020-03-13T02:15:00Z,96.01,99,86,90.5,0.00000001
                        """).get();
        assertThat(s.intervalSeconds()).isEqualTo(300);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.candles().get(1))
                .isEqualTo(new Candle(
                        t("2020-03-13T02:15:00Z"),
                        I256.of(9_601_000_000L),
                        I256.of(9_900_000_000L),
                        I256.of(8_600_000_000L),
                        I256.of(9_050_000_000L),
                        I256.of(1)));
        assertThat(s.gaps()).isEmpty();
    }

    @Test
    void roundsExtraFractionalDigitsHalfUp() {
        CandleSeries s = CandleCsv.parse(
                        "two.csv",
                        new StringReader(CandleCsv.HEADER + "\n2020-01-01T00:00:00Z,1.005,1.005,1.005,1.005,1\n"
                                + "2020-01-01T00:01:00Z,1.004,1.004,1.004,1.004,1\n"),
                        2)
                .get();
        assertThat(s.candles().map(Candle::close)).containsExactly(I256.of(101), I256.of(100));
    }

    @Test
    void fillsGapsWithThePreviousCloseAndReportsThem() {
        CandleSeries s = parse("""
                        2020-01-01T00:00:00Z,10,12,9,11,5
                        2020-01-01T00:01:00Z,11,11,10,10.5,5
                        2020-01-01T00:04:00Z,10.5,13,10,12,5
                        """).get();
        assertThat(s.size()).isEqualTo(5);
        assertThat(s.candles().get(2)).isEqualTo(Candle.flat(t("2020-01-01T00:02:00Z"), I256.of(1_050_000_000L)));
        assertThat(s.candles().get(3)).isEqualTo(Candle.flat(t("2020-01-01T00:03:00Z"), I256.of(1_050_000_000L)));
        assertThat(s.gaps())
                .containsExactly(new Gap("test.csv", 4, t("2020-01-01T00:01:00Z"), t("2020-01-01T00:04:00Z"), 2));
        assertThat(s.gaps().head().message())
                .isEqualTo("test.csv line 4: 2 missing candle(s) between 2020-01-01T00:01:00Z and 2020-01-01T00:04:00Z"
                        + " filled with the previous close (carry forward)");
    }

    @Test
    void reportsEveryBadRowWithItsFileAndLine() {
        var result = parse("""
                        2020-01-01T00:00:00Z,10,12,9,11,5
                        2020-01-01T00:01:00Z,11,11,10,10.5
                        2020-01-01T00:02:00Z,abc,11,10,10.5,1
                        yesterday,11,11,10,10.5,1
                        2020-01-01T00:03:00Z,0,11,0,10.5,1
                        2020-01-01T00:04:00Z,11,12,11.5,10.5,1
                        2020-01-01T00:05:00Z,11,12,10,10.5,-1
                        """);
        assertThat(messages(result))
                .containsExactly(
                        "test.csv line 3: has 5 field(s); valid: 6 (timestamp_utc,open,high,low,close,volume)",
                        "test.csv line 4: open 'abc' is not a decimal number",
                        "test.csv line 5: timestamp_utc 'yesterday' is not an ISO-8601 UTC instant; valid: e.g."
                                + " 2020-03-12T10:05:00Z",
                        "test.csv line 6: open 0 is not a positive price at the requested decimals; valid: > 0",
                        "test.csv line 7: open 11, high 12, low 11.5, close 10.5; valid: low <= min(open, close) <="
                                + " max(open, close) <= high",
                        "test.csv line 8: volume '-1' is negative; valid: >= 0");
    }

    @Test
    void reportsTimestampsOutOfOrderDuplicatedOrOffTheGrid() {
        var result = parse("""
                        2020-01-01T00:00:00Z,10,12,9,11,5
                        2020-01-01T00:05:00Z,10,12,9,11,5
                        2020-01-01T00:05:00Z,10,12,9,11,5
                        2020-01-01T00:02:00Z,10,12,9,11,5
                        """);
        assertThat(messages(result))
                .containsExactly(
                        "test.csv line 4: timestamp 2020-01-01T00:05:00Z repeats the row before; valid: one row per"
                                + " interval",
                        "test.csv line 5: timestamp 2020-01-01T00:02:00Z comes after 2020-01-01T00:05:00Z; valid: rows"
                                + " in ascending time");
        var misaligned = parse("""
                        2020-01-01T00:00:00Z,10,12,9,11,5
                        2020-01-01T00:05:00Z,10,12,9,11,5
                        2020-01-01T00:12:00Z,10,12,9,11,5
                        """);
        assertThat(messages(misaligned))
                .containsExactly("test.csv line 4: timestamp 2020-01-01T00:12:00Z is not on the file's 300-second"
                        + " grid; valid: first timestamp + k * interval");
    }

    @Test
    void refusesAWrongHeaderOrAnEmptyFile() {
        assertThat(messages(CandleCsv.parse("x.csv", new StringReader("time,o,h,l,c\n1,2,3,4,5\n"), 8)))
                .containsExactly("x.csv line 1: header is 'time,o,h,l,c'; valid: '" + CandleCsv.HEADER + "'");
        assertThat(messages(CandleCsv.parse("x.csv", new StringReader(CandleCsv.HEADER + "\n"), 8)))
                .containsExactly("x.csv: holds no candle; valid: a header line and at least one row");
        assertThat(messages(CandleCsv.parse("x.csv", new StringReader(""), 8)))
                .containsExactly("x.csv: holds no candle; valid: a header line and at least one row");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.csv");
        assertThat(messages(CandleCsv.read(missing, 8)).head()).startsWith(missing + ": cannot be read");
        assertThat(messages(CandleCsv.bundled("nope.csv", 8)).head())
                .isEqualTo("nope.csv: cannot be read: no bundled price file of that name; see prices/README.md in the"
                        + " solvent-data artifact (data/)");
        Path ok = dir.resolve("ok.csv");
        Files.writeString(ok, CandleCsv.HEADER + "\n2020-01-01T00:00:00Z,1,1,1,1,0\n2020-01-01T00:01:00Z,1,1,1,1,0\n");
        assertThat(CandleCsv.read(ok, 8).get().source()).isEqualTo(ok.toString());
    }
}
