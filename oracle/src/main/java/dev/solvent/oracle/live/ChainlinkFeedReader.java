package dev.solvent.oracle.live;

import dev.solvent.oracle.live.FeedFailure.BadData;
import dev.solvent.oracle.live.FeedFailure.NoContract;
import dev.solvent.oracle.live.FeedFailure.ReadFailure;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import org.web3j.abi.datatypes.Function;

/**
 * Reads a Chainlink price feed (an AggregatorV3Interface, usually its proxy) over HTTP JSON-RPC with raw
 * {@code eth_call}s at the latest block, and checks an answer as a careful consumer contract would before handing it
 * on. Every failure comes back as a {@link FeedFailure} value, never as an exception and never as a wrong price.
 *
 * <p>The reader owns its HTTP client (timeouts from {@link RpcSettings}, no hidden retries) and its retries; close it
 * to release the client's connections. It never reads a clock: the time to judge staleness against is passed in.
 *
 * {@snippet :
 * try (ChainlinkFeedReader reader = ChainlinkFeedReader.create(rpcUrl, RpcSettings.DEFAULTS)) {
 *     Either<FeedFailure, ValidatedAnswer> answer =
 *             reader.latestAnswer(ethUsd, LiveConsumerGuard.maxAge(Duration.ofMinutes(70)), clock.instant());
 * }
 * }
 */
public final class ChainlinkFeedReader implements AutoCloseable {

    private final EthCaller caller;

    private ChainlinkFeedReader(EthCaller caller) {
        this.caller = caller;
    }

    /** {@return a reader of feeds on the chain behind {@code url}, which waits between retries by sleeping} */
    public static ChainlinkFeedReader create(RpcUrl url, RpcSettings settings) {
        return create(url, settings, Sleeper.THREAD);
    }

    /** {@return a reader of feeds on the chain behind {@code url}, which waits between retries with {@code sleeper}} */
    public static ChainlinkFeedReader create(RpcUrl url, RpcSettings settings, Sleeper sleeper) {
        return new ChainlinkFeedReader(new EthCaller(url, settings, sleeper));
    }

    /** {@return the feed's {@code decimals()}, {@code 0..36}, or why it could not be read} */
    public Either<ReadFailure, Integer> decimals(FeedAddress feed) {
        return call(feed, AggregatorAbi.DECIMALS, "decimals()", AggregatorAbi::decodeDecimals);
    }

    /** {@return the feed's {@code description()}, such as {@code "ETH / USD"}, or why it could not be read} */
    public Either<ReadFailure, String> description(FeedAddress feed) {
        return call(feed, AggregatorAbi.DESCRIPTION, "description()", AggregatorAbi::decodeDescription);
    }

    /** {@return the feed's {@code latestRoundData()}, unchecked, or why it could not be read} */
    public Either<ReadFailure, RoundData> latestRoundData(FeedAddress feed) {
        return call(feed, AggregatorAbi.LATEST_ROUND_DATA, "latestRoundData()", AggregatorAbi::decodeRound);
    }

    /**
     * {@return the feed's {@code getRoundData(roundId)}, unchecked, or why it could not be read} A round the feed does
     * not have usually reverts ("No data present").
     *
     * @throws IllegalArgumentException if {@code roundId} is not a {@code uint80}
     */
    public Either<ReadFailure, RoundData> roundData(FeedAddress feed, BigInteger roundId) {
        if (!RoundData.isRoundId(roundId)) {
            throw new IllegalArgumentException("roundId: " + roundId + " is not a uint80");
        }
        return call(
                feed, AggregatorAbi.getRoundData(roundId), "getRoundData(" + roundId + ")", AggregatorAbi::decodeRound);
    }

    /**
     * {@return the feed's latest answer with its decimals if {@code guard} accepts it at {@code now}, or why not} Reads
     * {@code decimals()} then {@code latestRoundData()}.
     */
    public Either<FeedFailure, ValidatedAnswer> latestAnswer(FeedAddress feed, LiveConsumerGuard guard, Instant now) {
        return Either.<FeedFailure, Integer>narrow(decimals(feed))
                .flatMap(decimals -> Either.<FeedFailure, RoundData>narrow(latestRoundData(feed))
                        .flatMap(round -> Either.<FeedFailure, RoundData>narrow(guard.check(round, now)))
                        .map(round -> new ValidatedAnswer(
                                feed,
                                decimals,
                                round,
                                Duration.ofSeconds(Math.max(0, now.getEpochSecond() - round.updatedAt())))));
    }

    private <T> Either<ReadFailure, T> call(
            FeedAddress feed,
            Function function,
            String name,
            BiFunction<String, byte[], Either<ReadFailure, T>> decode) {
        String call = name + " on " + feed;
        return caller.call(call, feed, AggregatorAbi.encode(function)).flatMap(data -> {
            if (data.length == 0) {
                // an address without code answers every call with empty data, where a zero would be a lie
                return Either.left(new NoContract(call, feed));
            }
            try {
                return decode.apply(call, data);
            } catch (RuntimeException e) {
                return Either.left(new BadData(call, "undecodable: " + e.getMessage()));
            }
        });
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        caller.close();
    }
}
