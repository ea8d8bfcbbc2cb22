package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * A pull-style price in the manner of Pyth: publishers sign a price with a confidence interval and a publish time off
 * chain, continuously; the chain stores a price only when someone submits an update ({@code updatePriceFeeds}), and an
 * update older than the stored one is ignored. Consumers read with a maximum age ({@code getPriceNoOlderThan}, which
 * reverts with {@code StalePrice}) and should also bound the confidence. Because the submitter picks the update, it
 * may submit any signed price it holds that is newer than the stored one, not necessarily the latest.
 *
 * <p>Each block, the latest published price is the market price with {@code confidence = max(1, price *
 * confidenceBps / 10000)} (rounded down) and the block's timestamp as publish time. With {@code autoPullSeconds}, a
 * user of the protocol pulls the latest price whenever the stored one is at least that old; without it, only explicit
 * {@link #pull}s store prices. The round view follows Pyth's {@code PythAggregatorV3}: round id, startedAt, updatedAt
 * and answeredInRound are all the publish time.
 *
 * @param decimals decimals of the price and confidence ({@code -expo} in Pyth), {@code 0..36}
 * @param confidenceBps the half-width of the confidence interval, in basis points of the price
 * @param autoPullSeconds the stored price's age at which someone pulls the latest, if anyone does
 */
public record PullFeed(int decimals, long confidenceBps, Option<Long> autoPullSeconds)
        implements OracleFeed<PullFeed.State> {

    /** Rejects parameters out of range. */
    public PullFeed {
        ParameterChecks.within("PullFeed.decimals", decimals, 0, 36, "");
        ParameterChecks.within("PullFeed.confidenceBps", confidenceBps, 0, 10_000, "basis points of the price");
        ParameterChecks.present("PullFeed.autoPullSeconds", autoPullSeconds);
        autoPullSeconds.forEach(
                s -> ParameterChecks.within("PullFeed.autoPullSeconds", s, 0, 366L * 86_400, "seconds"));
    }

    /**
     * A signed price update as Pyth publishes it.
     *
     * @param price the price, with {@code decimals} decimals
     * @param confidence the half-width of the confidence interval, same units
     * @param decimals the decimals ({@code -expo})
     * @param publishTime when it was published, unix seconds
     */
    public record PriceUpdate(I256 price, I256 confidence, int decimals, long publishTime) {}

    /**
     * The feed's state.
     *
     * @param published the latest price published off-chain
     * @param stored the price stored on-chain
     */
    public record State(Option<PriceUpdate> published, Option<PriceUpdate> stored) {}

    /** Why a read was refused, as Pyth's custom errors and a consumer's confidence check. */
    public sealed interface Rejection {

        /** Nothing stored yet ({@code PriceFeedNotFound}). */
        record PriceFeedNotFound() implements Rejection {}

        /** The stored price is older than the maximum age ({@code StalePrice}). */
        record StalePrice(long publishTime, long now, long maxAge) implements Rejection {}

        /** The confidence interval is wider than the consumer accepts. */
        record ConfidenceTooWide(I256 confidence, I256 price, long maxBps) implements Rejection {}
    }

    @Override
    public State start() {
        return new State(Option.none(), Option.none());
    }

    @Override
    public State next(State state, MarketTick tick) {
        I256 price = Scale.toDecimals(tick.price(), decimals);
        I256 conf = price.times(I256.of(confidenceBps))
                .divide(I256.of(10_000), Rounding.FLOOR)
                .max(I256.ONE);
        PriceUpdate latest = new PriceUpdate(price, conf, decimals, tick.timestamp());
        State s = new State(Option.some(latest), state.stored());
        boolean pull = autoPullSeconds.exists(
                age -> s.stored().forAll(stored -> tick.timestamp() - stored.publishTime() >= age));
        return pull ? pull(s, latest) : s;
    }

    /**
     * {@return {@code state} after someone submits {@code update}} Stored only if newer than the stored price ({@code
     * updatePriceFeeds} skips older updates without reverting).
     */
    public static State pull(State state, PriceUpdate update) {
        if (state.stored().exists(s -> s.publishTime() >= update.publishTime())) {
            return state;
        }
        return new State(state.published(), Option.some(update));
    }

    /** {@return the stored price if its publish time is within {@code maxAge} of {@code now}, as {@code getPriceNoOlderThan}} */
    public static Either<Rejection, PriceUpdate> priceNoOlderThan(State state, long now, long maxAge) {
        if (state.stored().isEmpty()) {
            return Either.left(new Rejection.PriceFeedNotFound());
        }
        PriceUpdate p = state.stored().get();
        // Pyth compares the absolute difference, so a publish time in the future is also refused
        if (StrictMath.abs(now - p.publishTime()) > maxAge) {
            return Either.left(new Rejection.StalePrice(p.publishTime(), now, maxAge));
        }
        return Either.right(p);
    }

    /** {@return {@code update} if its confidence is at most {@code maxBps} of its price} */
    public static Either<Rejection, PriceUpdate> confidenceWithin(PriceUpdate update, long maxBps) {
        if (update.confidence().times(I256.of(10_000)).gt(update.price().times(I256.of(maxBps)))) {
            return Either.left(new Rejection.ConfidenceTooWide(update.confidence(), update.price(), maxBps));
        }
        return Either.right(update);
    }

    @Override
    public Option<Round> latestRound(State state) {
        return state.stored()
                .map(p -> new Round(p.publishTime(), p.price(), p.publishTime(), p.publishTime(), p.publishTime()));
    }
}
