package dev.solvent.cli;

import dev.solvent.oracle.live.ChainlinkFeedReader;
import dev.solvent.oracle.live.FeedAddress;
import dev.solvent.oracle.live.FeedFailure;
import dev.solvent.oracle.live.FeedFailure.ReadFailure;
import dev.solvent.oracle.live.FeedFailure.Rejection;
import dev.solvent.oracle.live.LiveConsumerGuard;
import dev.solvent.oracle.live.RoundData;
import dev.solvent.oracle.live.ValidatedAnswer;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code solvent price --rpc URL --feed ADDRESS}: reads a Chainlink price feed on a live chain and prints its latest
 * answer once it passes a careful consumer's checks (complete round, answered in its own round, not from the future,
 * not older than {@code --max-age}, positive), or the reason it is rejected, or why the feed could not be read.
 */
@Command(
        name = "price",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Reads the latest answer of a Chainlink price feed (an AggregatorV3Interface, usually its proxy) over"
                    + " JSON-RPC and prints it once it passes a careful consumer's checks: a complete round, answered"
                    + " in its own round, not from the future, at most --max-age old, and positive.",
            "Example: solvent price --rpc https://your-node --feed 0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419"
                    + " (ETH / USD on Ethereum mainnet, heartbeat 1 hour)."
        },
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the answer passed the checks; it is printed",
            "1:the feed answered, but the answer is rejected (stale, not positive, incomplete or carried-over"
                    + " round, from the future); the reason and the round are printed",
            "2:bad arguments, or the feed could not be read (connection, timeout, HTTP or JSON-RPC error, no feed"
                    + " at that address)",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class PriceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--rpc",
            required = true,
            paramLabel = "URL",
            converter = RpcUrlConverter.class,
            description = "The chain's JSON-RPC endpoint, http or https, such as http://127.0.0.1:8545.")
    private RpcUrl rpc;

    @Option(
            names = "--feed",
            required = true,
            paramLabel = "ADDRESS",
            converter = FeedAddressConverter.class,
            description = "The feed's address: 0x and 40 hexadecimal digits (a mixed-case one must match its"
                    + " EIP-55 checksum).")
    private FeedAddress feed;

    @Option(
            names = "--max-age",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description = "The oldest answer accepted, in seconds; set it from the feed's heartbeat"
                    + " (default: ${DEFAULT-VALUE}).")
    private long maxAgeSeconds;

    @Option(
            names = "--clock-skew",
            paramLabel = "SECONDS",
            defaultValue = "5",
            description = "How far in the future the update time may be, for a local clock a little behind the"
                    + " chain's (default: ${DEFAULT-VALUE}).")
    private long clockSkewSeconds;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "The longest one request may take: such as 500ms, 10s, or a number of seconds"
                    + " (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "2",
            description = "How often to try a request again after a timeout, a reset connection, HTTP 429 or 5xx,"
                    + " 0..9 (default: ${DEFAULT-VALUE}); other failures are never retried.")
    private int retries;

    /** The clock that judges the answer's age: read here, at the edge, and passed to the reader. */
    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        LiveConsumerGuard guard = guard();
        RpcSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ChainlinkFeedReader reader = ChainlinkFeedReader.create(rpc, settings)) {
            Either<ReadFailure, String> description = reader.description(feed);
            if (description.isLeft()) {
                return failed(err, description.getLeft());
            }
            Instant now = clock.instant();
            Either<FeedFailure, ValidatedAnswer> answer = reader.latestAnswer(feed, guard, now);
            if (answer.isLeft()) {
                return failed(err, answer.getLeft());
            }
            print(out, description.get(), answer.get(), guard);
            return ExitCodes.OK;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private LiveConsumerGuard guard() {
        if (maxAgeSeconds <= 0) {
            throw new ParameterException(
                    spec.commandLine(), "--max-age: " + maxAgeSeconds + " is not a positive number of seconds");
        }
        if (clockSkewSeconds < 0) {
            throw new ParameterException(
                    spec.commandLine(), "--clock-skew: " + clockSkewSeconds + " must not be negative");
        }
        return new LiveConsumerGuard(Duration.ofSeconds(maxAgeSeconds), Duration.ofSeconds(clockSkewSeconds));
    }

    private RpcSettings settings() {
        if (retries < 0 || retries > 9) {
            throw new ParameterException(spec.commandLine(), "--retries: " + retries + " is out of range; valid: 0..9");
        }
        return RpcSettings.DEFAULTS.withTimeout(timeout).withMaxAttempts(retries + 1);
    }

    private int failed(PrintWriter err, FeedFailure failure) {
        return switch (failure) {
            case Rejection rejection -> {
                err.println("solvent price: rejected: " + rejection.message());
                err.println("  " + describe(rejection.round()));
                yield ExitCodes.PROBLEM_FOUND;
            }
            case ReadFailure read -> {
                err.println("solvent price: cannot read the feed at " + rpc + ": " + read.message());
                yield ExitCodes.BAD_INPUT;
            }
        };
    }

    private void print(PrintWriter out, String description, ValidatedAnswer answer, LiveConsumerGuard guard) {
        RoundData round = answer.round();
        BigDecimal price = new BigDecimal(round.answer().toBigInteger(), answer.decimals());
        out.println(description + " at " + feed);
        out.println("price       " + price.toPlainString());
        out.println("raw answer  " + round.answer() + " (" + answer.decimals() + " decimals)");
        out.println("round       " + round.roundId());
        out.println("updated at  " + Instant.ofEpochSecond(round.updatedAt()) + " (" + round.updatedAt() + ")");
        out.println("age         " + answer.age().toSeconds() + " s (at most "
                + guard.maxAge().toSeconds() + " s)");
    }

    private static String describe(RoundData round) {
        return "round " + round.roundId() + ": answer " + round.answer() + " (raw), startedAt " + round.startedAt()
                + ", updatedAt " + round.updatedAt() + ", answeredInRound " + round.answeredInRound();
    }

    /** Reads {@code --rpc}, with the reason when it is not an http(s) URL. */
    static final class RpcUrlConverter implements ITypeConverter<RpcUrl> {
        @Override
        public RpcUrl convert(String value) {
            return RpcUrl.parse(value).getOrElseThrow(TypeConversionException::new);
        }
    }

    /** Reads {@code --feed}, with the reason when it is not an address. */
    static final class FeedAddressConverter implements ITypeConverter<FeedAddress> {
        @Override
        public FeedAddress convert(String value) {
            return FeedAddress.parse(value).getOrElseThrow(TypeConversionException::new);
        }
    }

    /** Reads a positive duration: {@code 500ms}, {@code 10s}, or a bare number of seconds. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s)?");

        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value.strip());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new TypeConversionException(
                        "'" + value + "' is not a positive duration; valid: such as 500ms, 10s or 10");
            }
            long amount = Long.parseLong(m.group(1));
            return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        }
    }
}
