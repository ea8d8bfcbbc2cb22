package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.control.Option;

/**
 * A push feed in the manner of Chainlink's price feeds (OCR aggregators): off-chain nodes watch the market and transmit
 * a new round only when the market has moved from the last on-chain answer by at least the deviation threshold, or
 * when the heartbeat has elapsed since the last update. Between rounds the answer stands still, however far the market
 * goes.
 *
 * <p>Per block, in order: (1) a pending transmission that is due ({@code latencyBlocks} after its observation) and not
 * blocked by {@link Congestion} lands as round {@code n + 1}, with {@code startedAt = updatedAt =} the block's
 * timestamp and {@code answeredInRound = roundId}; (2) if nothing is in flight, the nodes observe the market price
 * (rescaled to the feed's decimals, halves up) and start a transmission when there is no round yet, when {@code
 * |price - answer| * 10000 >= deviationBps * answer}, or when {@code now - updatedAt >= heartbeatSeconds}; (3) with
 * zero latency it lands in the same block. An observation outside the aggregator's {@code limits} is not transmitted
 * (OCR's transmit reverts with "median is out of min-max range"), so the feed freezes at its last in-range answer, as
 * the LUNA/USD feed did in May 2022 at its
 * {@code minAnswer} of 0.10 USD.
 *
 * <p>Rules from the Chainlink documentation ("Data Feeds: deviation threshold and heartbeat", "Monitoring data feeds")
 * and the {@code OffchainAggregator} contracts. Simplifications: one transmission in flight at a time; no per-node
 * observations or median among nodes (the market price is the consensus).
 *
 * @param decimals decimals of the answers, {@code 0..36} (Chainlink USD feeds: 8)
 * @param deviationBps the deviation threshold in basis points, {@code 0..10000} (ETH/USD on mainnet: 50, i.e. 0.5%)
 * @param heartbeatSeconds the longest time between rounds, {@code 1..} (ETH/USD on mainnet: 3600)
 * @param latencyBlocks blocks between an observation and its inclusion, {@code 0..}
 * @param congestion blocks where due transmissions cannot land
 * @param limits the aggregator's {@code [minAnswer, maxAnswer]}, if any
 */
public record PushFeed(
        int decimals,
        long deviationBps,
        long heartbeatSeconds,
        int latencyBlocks,
        Congestion congestion,
        Option<AnswerRange> limits)
        implements OracleFeed<PushFeed.State> {

    /** Rejects parameters out of range. */
    public PushFeed {
        ParameterChecks.within("PushFeed.decimals", decimals, 0, 36, "");
        ParameterChecks.within("PushFeed.deviationBps", deviationBps, 0, 10_000, "basis points; 50 means 0.5%");
        ParameterChecks.within("PushFeed.heartbeatSeconds", heartbeatSeconds, 1, 366L * 86_400, "seconds");
        ParameterChecks.within("PushFeed.latencyBlocks", latencyBlocks, 0, 1_000_000, "blocks");
        ParameterChecks.present("PushFeed.congestion", congestion);
        ParameterChecks.present("PushFeed.limits", limits);
    }

    /** {@return a feed with no congestion and no answer limits} */
    public static PushFeed chainlink(int decimals, long deviationBps, long heartbeatSeconds, int latencyBlocks) {
        return new PushFeed(
                decimals, deviationBps, heartbeatSeconds, latencyBlocks, new Congestion.None(), Option.none());
    }

    /** {@return this feed with transmissions blocked by {@code newCongestion}} */
    public PushFeed withCongestion(Congestion newCongestion) {
        return new PushFeed(decimals, deviationBps, heartbeatSeconds, latencyBlocks, newCongestion, limits);
    }

    /** {@return this feed with the aggregator limits {@code range}} */
    public PushFeed withLimits(AnswerRange range) {
        return new PushFeed(decimals, deviationBps, heartbeatSeconds, latencyBlocks, congestion, Option.some(range));
    }

    /**
     * A transmission on its way on-chain.
     *
     * @param answer the observed price, with the feed's decimals
     * @param observedAt when it was observed, unix seconds
     * @param dueBlock the first block where it can land
     */
    public record Pending(I256 answer, long observedAt, long dueBlock) {}

    /**
     * The feed's state.
     *
     * @param latest the latest round on-chain
     * @param pending a transmission in flight
     */
    public record State(Option<Round> latest, Option<Pending> pending) {}

    @Override
    public State start() {
        return new State(Option.none(), Option.none());
    }

    @Override
    public State next(State state, MarketTick tick) {
        State s = land(state, tick);
        if (s.pending().isEmpty()) {
            I256 observed = observe(tick.price());
            if (limits.forAll(r -> r.contains(observed)) && triggers(s.latest(), observed, tick.timestamp())) {
                s = land(
                        new State(
                                s.latest(),
                                Option.some(new Pending(observed, tick.timestamp(), tick.block() + latencyBlocks))),
                        tick);
            }
        }
        return s;
    }

    /** {@return the market price with the feed's decimals, rounded to the nearest unit, halves up} */
    I256 observe(MarketPrice price) {
        return Scale.toDecimals(price, decimals);
    }

    /** {@return whether the deviation threshold or the heartbeat calls for a new round} */
    boolean triggers(Option<Round> latest, I256 observed, long now) {
        if (latest.isEmpty()) {
            return true;
        }
        Round r = latest.get();
        if (now - r.updatedAt() >= heartbeatSeconds) {
            return true;
        }
        I256 move = observed.minus(r.answer()).abs().times(I256.of(10_000));
        return move.compareTo(r.answer().abs().times(I256.of(deviationBps))) >= 0;
    }

    private State land(State s, MarketTick tick) {
        if (s.pending().isEmpty()) {
            return s;
        }
        Pending p = s.pending().get();
        if (tick.block() < p.dueBlock() || congestion.congested(tick.block())) {
            return s;
        }
        long id = s.latest().map(Round::roundId).getOrElse(0L) + 1;
        return new State(Option.some(new Round(id, p.answer(), tick.timestamp(), tick.timestamp(), id)), Option.none());
    }

    @Override
    public Option<Round> latestRound(State state) {
        return state.latest();
    }
}
