package dev.solvent.oracle.feed;

import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.control.Option;

/**
 * A fault: the wrapped feed stops updating from block {@code fromBlock} on (its nodes go offline, its transmissions
 * revert, it hits its answer limits), while contracts keep reading its last round. Its {@code updatedAt} ages, so a
 * staleness guard catches it once the age exceeds the guard's maximum.
 *
 * @param inner the feed that freezes
 * @param fromBlock the first block the feed ignores
 * @param <S> the wrapped feed's state type
 */
public record FrozenFeed<S>(OracleFeed<S> inner, long fromBlock) implements OracleFeed<S> {

    /** Requires the wrapped feed. */
    public FrozenFeed {
        ParameterChecks.present("FrozenFeed.inner", inner);
    }

    @Override
    public int decimals() {
        return inner.decimals();
    }

    @Override
    public S start() {
        return inner.start();
    }

    @Override
    public S next(S state, MarketTick tick) {
        return tick.block() < fromBlock ? inner.next(state, tick) : state;
    }

    @Override
    public Option<Round> latestRound(S state) {
        return inner.latestRound(state);
    }
}
