package dev.solvent.oracle.feed;

import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.control.Option;

/**
 * A feed together with its current state, so that a simulation can hold feeds of different kinds side by side
 * ({@code RunningFeed<?>}) and step them alike. Immutable: {@link #next} returns a new value.
 *
 * @param feed the feed's rules
 * @param state its state after the last block it saw
 * @param <S> the feed's state type
 */
public record RunningFeed<S>(OracleFeed<S> feed, S state) {

    /** Requires both parts. */
    public RunningFeed {
        if (feed == null || state == null) {
            throw new IllegalArgumentException("RunningFeed: feed and state are required");
        }
    }

    /** {@return {@code feed} in its start state} */
    public static <S> RunningFeed<S> start(OracleFeed<S> feed) {
        return new RunningFeed<>(feed, feed.start());
    }

    /** {@return the feed after the block of {@code tick}} */
    public RunningFeed<S> next(MarketTick tick) {
        return new RunningFeed<>(feed, feed.next(state, tick));
    }

    /** {@return the latest round a contract reads now} */
    public Option<Round> latestRound() {
        return feed.latestRound(state);
    }

    /** {@return the latest answer a contract reads now, as the model's type} */
    public Option<OracleAnswer> answer() {
        return feed.answer(state);
    }
}
