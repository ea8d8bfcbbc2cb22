package dev.solvent.oracle.feed;

import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A fault: contracts see the wrapped feed's round of {@code blocks} blocks ago (a lagging relay, a slow bridge to an
 * L2, a reorg-safe reader). Nothing is visible during the first {@code blocks} blocks.
 *
 * @param inner the feed whose rounds arrive late
 * @param blocks the delay, in blocks, {@code >= 0}
 * @param <S> the wrapped feed's state type
 */
public record DelayedFeed<S>(OracleFeed<S> inner, int blocks) implements OracleFeed<DelayedFeed.State<S>> {

    /** Requires the wrapped feed and a non-negative delay. */
    public DelayedFeed {
        ParameterChecks.present("DelayedFeed.inner", inner);
        ParameterChecks.within("DelayedFeed.blocks", blocks, 0, 1_000_000, "blocks");
    }

    /**
     * The wrapped feed's state and its recent rounds, oldest first.
     *
     * @param inner the wrapped state
     * @param recent the wrapped feed's round after each of the last {@code blocks + 1} blocks, oldest first
     */
    public record State<S>(S inner, Vector<Option<Round>> recent) {}

    @Override
    public int decimals() {
        return inner.decimals();
    }

    @Override
    public State<S> start() {
        return new State<>(inner.start(), Vector.empty());
    }

    @Override
    public State<S> next(State<S> state, MarketTick tick) {
        S s = inner.next(state.inner(), tick);
        Vector<Option<Round>> recent = state.recent().append(inner.latestRound(s));
        return new State<>(s, recent.size() > blocks + 1 ? recent.tail() : recent);
    }

    @Override
    public Option<Round> latestRound(State<S> state) {
        return state.recent().size() == blocks + 1 ? state.recent().head() : Option.none();
    }
}
