package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A time-weighted average of the market price over the last {@code windowSeconds}, in the manner of Uniswap's price
 * accumulators: each block's price holds from its timestamp until the next block's, the contract keeps the running
 * sum of price times seconds, and the average is {@code (cumulative(now) - cumulative(now - window)) / window},
 * rounded down. The current block's price has held for zero seconds and so has no weight: a manipulation must last to
 * move the average, which is the point of a TWAP and also why it lags real moves.
 *
 * <p>No answer until the observations span a whole window (Uniswap v3's {@code observe} reverts with {@code OLD} for a
 * time before its oldest observation).
 *
 * @param windowSeconds the averaging window, {@code 1..}
 * @param decimals decimals of the answers, {@code 0..36}
 */
public record Twap(long windowSeconds, int decimals) implements OracleFeed<Twap.State> {

    /** Rejects a non-positive window and impossible decimals. */
    public Twap {
        ParameterChecks.within("Twap.windowSeconds", windowSeconds, 1, 366L * 86_400, "seconds");
        ParameterChecks.within("Twap.decimals", decimals, 0, 36, "");
    }

    /**
     * One accumulator checkpoint.
     *
     * @param timestamp when it was written, unix seconds
     * @param cumulative the sum of price times seconds up to {@code timestamp}
     * @param price the price that holds from {@code timestamp} on
     */
    public record Observation(long timestamp, I256 cumulative, I256 price) {}

    /**
     * The checkpoints still needed for one window (the oldest at or before the window's start), oldest first, and the
     * number of blocks seen.
     *
     * @param observations checkpoints, oldest first
     * @param blocks blocks seen
     */
    public record State(Vector<Observation> observations, long blocks) {}

    @Override
    public State start() {
        return new State(Vector.empty(), 0);
    }

    @Override
    public State next(State state, MarketTick tick) {
        I256 price = Scale.toDecimals(tick.price(), decimals);
        long t = tick.timestamp();
        Vector<Observation> obs = state.observations();
        if (obs.isEmpty()) {
            return new State(Vector.of(new Observation(t, I256.ZERO, price)), 1);
        }
        Observation last = obs.last();
        ParameterChecks.require(
                t >= last.timestamp(),
                "Twap.tick.timestamp",
                t + " is before the previous block's " + last.timestamp());
        Observation now =
                new Observation(t, last.cumulative().plus(last.price().times(I256.of(t - last.timestamp()))), price);
        obs = t == last.timestamp() ? obs.init().append(now) : obs.append(now);
        long from = t - windowSeconds;
        while (obs.size() >= 2 && obs.get(1).timestamp() <= from) {
            obs = obs.tail();
        }
        return new State(obs, state.blocks() + 1);
    }

    /** {@inheritDoc} The average over the window ending at the last block: id = blocks seen, timestamps = now. */
    @Override
    public Option<Round> latestRound(State state) {
        Vector<Observation> obs = state.observations();
        if (obs.isEmpty()) {
            return Option.none();
        }
        Observation last = obs.last();
        long from = last.timestamp() - windowSeconds;
        Observation oldest = obs.head();
        if (oldest.timestamp() > from) {
            return Option.none();
        }
        I256 atFrom = oldest.cumulative().plus(oldest.price().times(I256.of(from - oldest.timestamp())));
        I256 average = last.cumulative().minus(atFrom).divide(I256.of(windowSeconds), Rounding.FLOOR);
        return Option.some(new Round(state.blocks(), average, last.timestamp(), last.timestamp(), state.blocks()));
    }
}
