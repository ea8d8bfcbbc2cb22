package dev.solvent.oracle.history;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.feed.Round;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads recorded Chainlink rounds in the layout of the bundled {@code chainlink-*.csv} files: a header {@code
 * round_id,answer,started_at,updated_at}, then one row per round with the proxy round id ({@code phaseId << 64 |
 * aggregatorRoundId}), the raw {@code int256} answer and unix seconds. The resulting rounds carry the aggregator round
 * id (the low 64 bits) and {@code answeredInRound = roundId}, which held in every row of the bundled file. Every bad
 * row is reported with its file and line; rows must be in ascending round id.
 */
public final class RoundCsv {

    /** The header every round file starts with. */
    public static final String HEADER = "round_id,answer,started_at,updated_at";

    private static final BigInteger LOW_64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.TRIM_SPACES)
            .build();

    private RoundCsv() {}

    /** Reads one of the round files bundled in the {@code solvent-data} artifact's {@code prices/} resources. */
    public static Either<Vector<HistoryError>, Vector<Round>> bundled(String fileName) {
        InputStream in = RoundCsv.class.getResourceAsStream("/prices/" + fileName);
        if (in == null) {
            return Either.left(Vector.of(new HistoryError.Unreadable(
                    fileName,
                    "no bundled price file of that name; see prices/README.md in the solvent-data artifact (data/)")));
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(fileName, reader);
        } catch (IOException e) {
            return Either.left(Vector.of(new HistoryError.Unreadable(fileName, String.valueOf(e.getMessage()))));
        }
    }

    /** Parses round rows from {@code reader}; {@code source} names the file in messages. */
    public static Either<Vector<HistoryError>, Vector<Round>> parse(String source, Reader reader) {
        Vector<HistoryError> errors = Vector.empty();
        Vector<Round> rounds = Vector.empty();
        BigInteger previousId = null;
        boolean header = true;
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(reader)) {
            while (it.hasNextValue()) {
                int line = it.currentLocation().getLineNr();
                String[] f = it.nextValue();
                if (header) {
                    header = false;
                    String found = String.join(",", f);
                    if (!found.equals(HEADER)) {
                        return Either.left(Vector.of(new HistoryError.BadHeader(source, found, HEADER)));
                    }
                    continue;
                }
                if (f.length != 4) {
                    errors = errors.append(new HistoryError.MalformedRow(
                            source, line, "has " + f.length + " field(s); valid: 4 (" + HEADER + ")"));
                    continue;
                }
                BigInteger id;
                I256 answer;
                long startedAt;
                long updatedAt;
                try {
                    id = new BigInteger(f[0]);
                    answer = I256.parse(f[1]);
                    startedAt = Long.parseLong(f[2]);
                    updatedAt = Long.parseLong(f[3]);
                } catch (NumberFormatException e) {
                    errors = errors.append(new HistoryError.MalformedRow(
                            source,
                            line,
                            "fields must be integers (round id, raw answer, unix seconds): " + e.getMessage()));
                    continue;
                }
                if (previousId != null && id.compareTo(previousId) <= 0) {
                    errors = errors.append(new HistoryError.MalformedRow(
                            source,
                            line,
                            "round_id " + id + " does not follow " + previousId + "; valid: ascending ids"));
                    continue;
                }
                previousId = id;
                long aggregatorRound = id.and(LOW_64).longValue();
                rounds = rounds.append(new Round(aggregatorRound, answer, startedAt, updatedAt, aggregatorRound));
            }
        } catch (JacksonException | UncheckedIOException e) {
            return Either.left(errors.append(new HistoryError.Unreadable(source, e.getMessage())));
        }
        if (!errors.isEmpty()) {
            return Either.left(errors);
        }
        if (rounds.isEmpty()) {
            return Either.left(Vector.of(new HistoryError.Empty(source)));
        }
        return Either.right(rounds);
    }
}
