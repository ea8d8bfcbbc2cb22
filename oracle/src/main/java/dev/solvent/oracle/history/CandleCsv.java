package dev.solvent.oracle.history;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads OHLCV candle files in the layout of the bundled price data: a header {@code
 * timestamp_utc,open,high,low,close,volume}, then one row per candle with its ISO-8601 UTC open time and decimal
 * strings.
 *
 * <p>Prices are parsed exactly (as decimal strings, never through {@code double}) into integers with the requested
 * decimals; a value with more fractional digits is rounded to the nearest unit, halves up. Every problem is reported,
 * each naming the file and line: malformed rows, non-positive prices, candles whose high and low do not bound open and
 * close, timestamps out of order, duplicated, or off the file's grid. The candle interval is the smallest step between
 * consecutive rows. Holes (a step of several intervals) are not errors: they are filled with flat candles at the
 * previous close, with zero volume (carry forward), and listed in {@link CandleSeries#gaps()}.
 */
public final class CandleCsv {

    /** The header every candle file starts with. */
    public static final String HEADER = "timestamp_utc,open,high,low,close,volume";

    private static final String[] COLUMNS = HEADER.split(",");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.TRIM_SPACES)
            .build();

    private CandleCsv() {}

    /** One parsed row. */
    private record Row(int line, long time, I256[] values) {}

    /**
     * Reads a candle file.
     *
     * @param decimals the decimals of the resulting prices, {@code 0..18} (8 matches Chainlink USD feeds)
     * @return the series, or every problem found
     */
    public static Either<Vector<HistoryError>, CandleSeries> read(Path file, int decimals) {
        String source = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(source, reader, decimals);
        } catch (IOException | UncheckedIOException e) {
            return Either.left(Vector.of(new HistoryError.Unreadable(source, String.valueOf(e.getMessage()))));
        }
    }

    /**
     * Reads one of the files bundled in the {@code solvent-data} artifact's {@code prices/} resources (see its README for provenance), e.g.
     * {@code "eth-usd-2020-03-11_2020-03-14-5m.csv"}.
     *
     * @return the series, or the problems (an unknown name is {@link HistoryError.Unreadable})
     */
    public static Either<Vector<HistoryError>, CandleSeries> bundled(String fileName, int decimals) {
        InputStream in = CandleCsv.class.getResourceAsStream("/prices/" + fileName);
        if (in == null) {
            return Either.left(Vector.of(new HistoryError.Unreadable(
                    fileName,
                    "no bundled price file of that name; see prices/README.md in the solvent-data artifact (data/)")));
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(fileName, reader, decimals);
        } catch (IOException e) {
            return Either.left(Vector.of(new HistoryError.Unreadable(fileName, String.valueOf(e.getMessage()))));
        }
    }

    /**
     * Parses candle rows from {@code reader}; {@code source} names the file in messages.
     *
     * @return the series, or every problem found
     */
    public static Either<Vector<HistoryError>, CandleSeries> parse(String source, Reader reader, int decimals) {
        ParameterChecks.within("CandleCsv.decimals", decimals, 0, MarketPrice.MAX_DECIMALS, "");
        Vector<HistoryError> errors = Vector.empty();
        Vector<Row> rows = Vector.empty();
        boolean header = true;
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
            while (it.hasNextValue()) {
                int line = it.currentLocation().getLineNr();
                String[] fields = it.nextValue();
                if (header) {
                    header = false;
                    String found = String.join(",", fields);
                    if (!found.equals(HEADER)) {
                        return Either.left(Vector.of(new HistoryError.BadHeader(source, found, HEADER)));
                    }
                    continue;
                }
                Either<HistoryError, Row> row = row(source, line, fields, decimals);
                if (row.isLeft()) {
                    errors = errors.append(row.getLeft());
                } else {
                    rows = rows.append(row.get());
                }
            }
        } catch (JacksonException | UncheckedIOException e) {
            return Either.left(errors.append(new HistoryError.Unreadable(source, e.getMessage())));
        }
        if (header || (rows.isEmpty() && errors.isEmpty())) {
            return Either.left(Vector.of(new HistoryError.Empty(source)));
        }
        return assemble(source, decimals, rows, errors);
    }

    private static Either<HistoryError, Row> row(String source, int line, String[] fields, int decimals) {
        if (fields.length != COLUMNS.length) {
            return Either.left(new HistoryError.MalformedRow(
                    source,
                    line,
                    "has " + fields.length + " field(s); valid: " + COLUMNS.length + " (" + HEADER + ")"));
        }
        long time;
        try {
            Instant t = Instant.parse(fields[0]);
            if (t.getNano() != 0) {
                return Either.left(new HistoryError.MalformedRow(
                        source,
                        line,
                        "timestamp_utc '" + fields[0] + "' has a fraction of a second; valid: whole seconds"));
            }
            time = t.getEpochSecond();
        } catch (DateTimeParseException e) {
            return Either.left(new HistoryError.MalformedRow(
                    source,
                    line,
                    "timestamp_utc '" + fields[0]
                            + "' is not an ISO-8601 UTC instant; valid: e.g. 2020-03-12T10:05:00Z"));
        }
        I256[] v = new I256[5];
        for (int c = 1; c < COLUMNS.length; c++) {
            BigInteger units;
            try {
                units = new BigDecimal(fields[c])
                        .movePointRight(decimals)
                        .setScale(0, RoundingMode.HALF_UP)
                        .toBigIntegerExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return Either.left(new HistoryError.MalformedRow(
                        source, line, COLUMNS[c] + " '" + fields[c] + "' is not a decimal number"));
            }
            boolean isVolume = c == 5;
            if (isVolume ? units.signum() < 0 : units.signum() <= 0) {
                if (isVolume) {
                    return Either.left(new HistoryError.MalformedRow(
                            source, line, "volume '" + fields[c] + "' is negative; valid: >= 0"));
                }
                return Either.left(new HistoryError.NonPositivePrice(source, line, COLUMNS[c], fields[c]));
            }
            if (units.bitLength() > 63) {
                return Either.left(new HistoryError.MalformedRow(
                        source,
                        line,
                        COLUMNS[c] + " '" + fields[c] + "' is too large for " + decimals
                                + " decimals; valid: below 2^63 units"));
            }
            v[c - 1] = I256.of(units);
        }
        I256 open = v[0];
        I256 high = v[1];
        I256 low = v[2];
        I256 close = v[3];
        if (low.gt(open.min(close)) || high.lt(open.max(close))) {
            return Either.left(new HistoryError.InconsistentCandle(
                    source,
                    line,
                    "open " + fields[1] + ", high " + fields[2] + ", low " + fields[3] + ", close " + fields[4]));
        }
        return Either.right(new Row(line, time, v));
    }

    private static Either<Vector<HistoryError>, CandleSeries> assemble(
            String source, int decimals, Vector<Row> rows, Vector<HistoryError> errors) {
        Vector<Row> ordered = Vector.empty();
        for (Row r : rows) {
            if (!ordered.isEmpty()) {
                long prev = ordered.last().time();
                if (r.time() < prev) {
                    errors = errors.append(new HistoryError.OutOfOrder(source, r.line(), r.time(), prev));
                    continue;
                }
                if (r.time() == prev) {
                    errors = errors.append(new HistoryError.DuplicateTimestamp(source, r.line(), r.time()));
                    continue;
                }
            }
            ordered = ordered.append(r);
        }
        long interval = Long.MAX_VALUE;
        for (int i = 1; i < ordered.size(); i++) {
            interval = StrictMath.min(
                    interval, ordered.get(i).time() - ordered.get(i - 1).time());
        }
        if (ordered.size() == 1 && errors.isEmpty()) {
            errors = errors.append(new HistoryError.MalformedRow(
                    source,
                    ordered.head().line(),
                    "a single candle does not tell its interval; valid: two or more rows"));
        }
        if (!errors.isEmpty()) {
            return Either.left(errors.sortBy(CandleCsv::lineOf));
        }
        long first = ordered.head().time();
        Vector<Candle> candles = Vector.empty();
        Vector<Gap> gaps = Vector.empty();
        for (Row r : ordered) {
            if ((r.time() - first) % interval != 0) {
                errors = errors.append(new HistoryError.MisalignedTimestamp(source, r.line(), r.time(), interval));
                continue;
            }
            if (!candles.isEmpty()) {
                Candle prev = candles.last();
                int missing = (int) ((r.time() - prev.openTime()) / interval) - 1;
                if (missing > 0) {
                    gaps = gaps.append(new Gap(source, r.line(), prev.openTime(), r.time(), missing));
                    for (int k = 1; k <= missing; k++) {
                        candles = candles.append(Candle.flat(prev.openTime() + k * interval, prev.close()));
                    }
                }
            }
            I256[] v = r.values();
            candles = candles.append(new Candle(r.time(), v[0], v[1], v[2], v[3], v[4]));
        }
        if (!errors.isEmpty()) {
            return Either.left(errors);
        }
        return Either.right(new CandleSeries(source, decimals, interval, candles, gaps));
    }

    private static int lineOf(HistoryError e) {
        return switch (e) {
            case HistoryError.MalformedRow m -> m.line();
            case HistoryError.NonPositivePrice n -> n.line();
            case HistoryError.InconsistentCandle i -> i.line();
            case HistoryError.OutOfOrder o -> o.line();
            case HistoryError.DuplicateTimestamp d -> d.line();
            case HistoryError.MisalignedTimestamp m -> m.line();
            case HistoryError.BadHeader b -> 1;
            case HistoryError.Empty empty -> 0;
            case HistoryError.Unreadable u -> Integer.MAX_VALUE;
        };
    }
}
