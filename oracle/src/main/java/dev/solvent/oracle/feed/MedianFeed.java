package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A Maker-style {@link Median} fed by reporters who watch the market and a relayer who pokes it: when the median of the
 * reporters' values has moved from the stored value by at least {@code spreadBps}, or the stored value is older than
 * {@code expirySeconds}, every reporter signs its value with the block's timestamp as age, the relayer sorts the first
 * {@code bar} reports by value and pokes. Reporters may lie ({@link Behaviour}), which is how collusion scenarios are
 * written. A rejected poke keeps the stored value and records why.
 *
 * @param median the contract: feed id, quorum, authorised oracles
 * @param decimals the decimals of the reported values, {@code 0..36} (Maker uses 18)
 * @param reporters the reporters in relay order, at least {@code bar}; the first {@code bar} are relayed
 * @param spreadBps the move of the median, in basis points, that makes the relayer poke
 * @param expirySeconds the age of the stored value that makes the relayer poke regardless
 */
public record MedianFeed(Median median, int decimals, Vector<Relayed> reporters, long spreadBps, long expirySeconds)
        implements OracleFeed<MedianFeed.State> {

    /** Rejects too few reporters and parameters out of range. */
    public MedianFeed {
        ParameterChecks.present("MedianFeed.median", median);
        ParameterChecks.within("MedianFeed.decimals", decimals, 0, 36, "");
        ParameterChecks.present("MedianFeed.reporters", reporters);
        ParameterChecks.require(
                reporters.size() >= median.bar(),
                "MedianFeed.reporters",
                reporters.size() + " reporter(s) is out of range; valid: at least bar = " + median.bar());
        ParameterChecks.within("MedianFeed.spreadBps", spreadBps, 0, 10_000, "basis points");
        ParameterChecks.within("MedianFeed.expirySeconds", expirySeconds, 1, 366L * 86_400, "seconds");
    }

    /** What a reporter signs, given the market. */
    public sealed interface Behaviour {

        /** The market price. */
        record Honest() implements Behaviour {}

        /** The market price moved by {@code bps} basis points (90000: ten times the market). */
        record Scaled(long bps) implements Behaviour {}

        /** A fixed value, whatever the market. */
        record Fixed(I256 value) implements Behaviour {}
    }

    /**
     * A reporter and how it behaves.
     *
     * @param reporter the signing key
     * @param behaviour what it reports
     */
    public record Relayed(Reporter reporter, Behaviour behaviour) {}

    /**
     * The feed's state.
     *
     * @param median the Median's storage
     * @param lastRejection why the last poke was rejected, if it was
     */
    public record State(Median.State median, Option<MedianRejection> lastRejection) {}

    @Override
    public State start() {
        return new State(Median.State.EMPTY, Option.none());
    }

    @Override
    public State next(State state, MarketTick tick) {
        I256 market = Scale.toDecimals(tick.price(), decimals);
        Vector<Relayed> relayed = reporters.take(median.bar());
        Vector<I256> values = relayed.map(r -> value(r.behaviour(), market));
        I256 mid = values.sorted().get(values.size() >> 1);
        Median.State stored = state.median();
        boolean due = stored.pokes() == 0
                || tick.timestamp() - stored.age() >= expirySeconds
                || mid.minus(stored.val())
                                .abs()
                                .times(I256.of(10_000))
                                .compareTo(stored.val().times(I256.of(spreadBps)))
                        >= 0;
        if (!due) {
            return state;
        }
        Vector<SignedReport> reports = relayed.zipWith(
                        values, (r, v) -> r.reporter().sign(v, tick.timestamp(), median.wat()))
                .sortBy(SignedReport::value);
        return median.poke(stored, reports.asJava(), tick.timestamp())
                .fold(rejection -> new State(stored, Option.some(rejection)), poked -> new State(poked, Option.none()));
    }

    private static I256 value(Behaviour b, I256 market) {
        return switch (b) {
            case Behaviour.Honest h -> market;
            case Behaviour.Scaled s -> market.times(I256.of(10_000 + s.bps())).divide(I256.of(10_000), Rounding.FLOOR);
            case Behaviour.Fixed f -> f.value();
        };
    }

    /** {@inheritDoc} The stored median while positive: id = pokes, {@code startedAt = updatedAt = age}. */
    @Override
    public Option<Round> latestRound(State state) {
        Median.State m = state.median();
        return m.peek().map(v -> new Round(m.pokes(), v, m.age(), m.age(), m.pokes()));
    }
}
