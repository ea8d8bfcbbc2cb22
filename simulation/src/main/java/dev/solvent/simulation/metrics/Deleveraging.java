package dev.solvent.simulation.metrics;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.tx.Event;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * What auto-deleveraging did in a run: how many fills closed profitable positions against a liquidation's receiver, the
 * notional they closed, what they were charged (the shortfall they covered), who was hit and when. Money in settlement
 * base units; notional is the closed size at the oracle price, rounded down. Serializable, like the summary it is part
 * of.
 *
 * @param fills deleveraging fills ({@code PositionAutoDeleveraged} events)
 * @param notional the notional they closed
 * @param charged what they were charged: the shortfall they covered
 * @param accounts how many accounts were deleveraged at least once
 * @param firstBlock the block of the first fill, 0 when there was none
 * @param firstTimestamp its unix time, 0 when there was none
 * @param lastBlock the block of the last fill, 0 when there was none
 * @param lastTimestamp its unix time, 0 when there was none
 * @param hit the accounts deleveraged, the largest notional first (ties by account), at most {@link #MAX_LISTED}
 */
public record Deleveraging(
        long fills,
        long notional,
        long charged,
        int accounts,
        long firstBlock,
        long firstTimestamp,
        long lastBlock,
        long lastTimestamp,
        List<Hit> hit)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The most accounts {@link #hit} lists; {@code events.jsonl} has every fill. */
    public static final int MAX_LISTED = 20;

    /** No deleveraging. */
    public static final Deleveraging NONE = new Deleveraging(0, 0, 0, 0, 0, 0, 0, 0, List.of());

    /** Copies the list. */
    public Deleveraging {
        hit = List.copyOf(hit);
    }

    /**
     * One account deleveraged during a run.
     *
     * @param account the account
     * @param markets the markets its positions were deleveraged in, in name order, comma-separated
     * @param fills how many fills closed its positions
     * @param notional the notional closed
     * @param charged what it was charged
     * @param firstBlock the block of its first fill
     * @param firstTimestamp that block's unix time
     */
    public record Hit(
            String account,
            String markets,
            long fills,
            long notional,
            long charged,
            long firstBlock,
            long firstTimestamp)
            implements java.io.Serializable {

        private static final long serialVersionUID = 1L;
    }

    /** {@return the notional of one fill: its size at its price (oracle decimals), in settlement units, rounded down} */
    public static I256 notional(ProtocolConfig config, Event.PositionAutoDeleveraged e, int priceDecimals) {
        var market = config.markets().get(e.market()).get();
        int du = config.assets().get(market.underlying()).get().decimals();
        return FixedPoint.mulDiv(
                e.size().abs(),
                e.price().times(I256.pow10(config.settlement().decimals())),
                I256.pow10(du + priceDecimals),
                Rounding.FLOOR);
    }

    /** Adds up deleveraging fills in the order they happened. */
    public static final class Tally {
        private final ProtocolConfig config;
        private final int priceDecimals;
        private final TreeMap<String, long[]> byAccount = new TreeMap<>();
        private final TreeMap<String, java.util.TreeSet<String>> markets = new TreeMap<>();
        private long fills;
        private I256 notional = I256.ZERO;
        private I256 charged = I256.ZERO;
        private long firstBlock;
        private long firstTimestamp;
        private long lastBlock;
        private long lastTimestamp;

        /** A tally for a protocol whose oracle prices have {@code priceDecimals} decimals. */
        public Tally(ProtocolConfig config, int priceDecimals) {
            this.config = config;
            this.priceDecimals = priceDecimals;
        }

        /** Counts one fill in a block. */
        public void add(long block, long timestamp, Event.PositionAutoDeleveraged e) {
            I256 n = notional(config, e, priceDecimals);
            if (fills == 0) {
                firstBlock = block;
                firstTimestamp = timestamp;
            }
            fills++;
            lastBlock = block;
            lastTimestamp = timestamp;
            notional = notional.plus(n);
            charged = charged.plus(e.charge());
            String id = e.account().toString();
            long[] a = byAccount.computeIfAbsent(id, k -> new long[] {0, 0, 0, block, timestamp});
            a[0]++;
            a[1] = Math.addExact(a[1], n.longValueExact());
            a[2] = Math.addExact(a[2], e.charge().longValueExact());
            markets.computeIfAbsent(id, k -> new java.util.TreeSet<>())
                    .add(e.market().toString());
        }

        /** {@return the tally so far} */
        public Deleveraging result() {
            if (fills == 0) {
                return NONE;
            }
            List<Hit> hits = new ArrayList<>();
            byAccount.forEach(
                    (id, a) -> hits.add(new Hit(id, String.join(",", markets.get(id)), a[0], a[1], a[2], a[3], a[4])));
            hits.sort(Comparator.comparingLong(Hit::notional).reversed().thenComparing(Hit::account));
            return new Deleveraging(
                    fills,
                    notional.longValueExact(),
                    charged.longValueExact(),
                    byAccount.size(),
                    firstBlock,
                    firstTimestamp,
                    lastBlock,
                    lastTimestamp,
                    hits.subList(0, Math.min(MAX_LISTED, hits.size())));
        }
    }
}
