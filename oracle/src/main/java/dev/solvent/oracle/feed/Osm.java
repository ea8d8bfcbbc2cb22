package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.control.Option;

/**
 * A delayed price in the manner of Maker's Oracle Security Module ({@code OSM.sol}): contracts read the price of one
 * period ago. Once per {@code hop}, a poke moves the queued next value ({@code nxt}) to the current one ({@code cur})
 * and queues the source's present value; so the value read is always one hop old, and governance has a hop to react
 * ({@link #halted}, {@link #voided}) before a bad source value is used. The queued value is public on-chain ({@code
 * peep}), which keepers watch to act before it takes effect.
 *
 * <p>Mirrors {@code poke()}: requires {@code pass()} ({@code now >= zzz + hop}); reads the source's {@code peek()};
 * only if it has a value: {@code cur = nxt; nxt = value; zzz = prev(now)} with {@code prev(t) = t - t % hop}. Pokes
 * are public; here one lands at the first block where {@code pass()} holds (an attentive keeper). The source is any
 * feed, stepped with the same ticks (Maker's OSMs read a Median).
 *
 * @param source the feed the OSM reads
 * @param hopSeconds the delay, {@code 1..} (Maker: 3600)
 * @param <S> the source's state type
 */
public record Osm<S>(OracleFeed<S> source, long hopSeconds) implements OracleFeed<Osm.State<S>> {

    /** Rejects a missing source or a non-positive hop. */
    public Osm {
        ParameterChecks.present("Osm.source", source);
        ParameterChecks.within("Osm.hopSeconds", hopSeconds, 1, 366L * 86_400, "seconds");
    }

    /**
     * The OSM's storage and its source's state.
     *
     * @param source the source's state
     * @param cur the current value, read by contracts ({@code peek})
     * @param nxt the queued value, public ({@code peep})
     * @param zzz the time of the last poke, rounded down to a multiple of hop
     * @param pokes how many pokes moved a value
     * @param stopped whether governance stopped the OSM ({@code stop()}): pokes fail
     */
    public record State<S>(S source, Option<I256> cur, Option<I256> nxt, long zzz, long pokes, boolean stopped) {}

    @Override
    public int decimals() {
        return source.decimals();
    }

    @Override
    public State<S> start() {
        return new State<>(source.start(), Option.none(), Option.none(), 0, 0, false);
    }

    @Override
    public State<S> next(State<S> state, MarketTick tick) {
        S src = source.next(state.source(), tick);
        long now = tick.timestamp();
        if (state.stopped() || now < state.zzz() + hopSeconds) {
            return new State<>(src, state.cur(), state.nxt(), state.zzz(), state.pokes(), state.stopped());
        }
        Option<Round> peek = source.latestRound(src);
        if (peek.isEmpty()) {
            return new State<>(src, state.cur(), state.nxt(), state.zzz(), state.pokes(), false);
        }
        return new State<>(
                src, state.nxt(), Option.some(peek.get().answer()), now - now % hopSeconds, state.pokes() + 1, false);
    }

    /** {@return the value queued for the next hop ({@code peep}), public on-chain} */
    public Option<I256> queued(State<S> state) {
        return state.nxt();
    }

    /** {@return {@code state} stopped by governance ({@code stop()}): values freeze, pokes fail} */
    public static <S> State<S> halted(State<S> state) {
        return new State<>(state.source(), state.cur(), state.nxt(), state.zzz(), state.pokes(), true);
    }

    /** {@return {@code state} restarted ({@code start()})} */
    public static <S> State<S> resumed(State<S> state) {
        return new State<>(state.source(), state.cur(), state.nxt(), state.zzz(), state.pokes(), false);
    }

    /** {@return {@code state} voided ({@code void()}): both values dropped and the OSM stopped} */
    public static <S> State<S> voided(State<S> state) {
        return new State<>(state.source(), Option.none(), Option.none(), state.zzz(), state.pokes(), true);
    }

    /**
     * {@inheritDoc} The round of the current value: id = number of pokes, {@code startedAt = updatedAt = zzz} (the
     * poke that made it current).
     */
    @Override
    public Option<Round> latestRound(State<S> state) {
        return state.cur().map(v -> new Round(state.pokes(), v, state.zzz(), state.zzz(), state.pokes()));
    }
}
