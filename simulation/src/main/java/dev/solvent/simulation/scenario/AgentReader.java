package dev.solvent.simulation.scenario;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a scenario's agents: the {@code traders} (how many, on which markets, their leverage, notional and behaviour)
 * and the {@code keepers} (each one's strategy, fees and limits).
 */
final class AgentReader {

    private AgentReader() {}

    static Scenario.TraderSpec traders(Fields f, JsonNode n, Scenario.ProtocolSpec protocol) {
        if (n == null) {
            return null;
        }
        String p = "traders";
        f.onlyKnown(
                n,
                p,
                HashSet.of(
                        "count",
                        "markets",
                        "longShare",
                        "isolatedShare",
                        "underlyingCollateralShare",
                        "leverage",
                        "notional",
                        "behaviour"));
        int count = f.small(n, p, "count", null, 1, 2_000_000);
        TreeMap<MarketId, Integer> markets = markets(f, n, p, protocol);
        Tuple2<Wad, Wad> leverage = leverage(f, n, p);
        int sd = protocol == null ? 6 : protocol.config().settlement().decimals();
        Tuple2<I256, Wad> notional = notional(f, n, p, sd);
        Scenario.Behaviour behaviour = behaviour(f, n, p);
        return new Scenario.TraderSpec(
                count,
                markets,
                f.ratio(n, p, "longShare", "0.5", "0", "1"),
                f.ratio(n, p, "isolatedShare", "0", "0", "1"),
                f.ratio(n, p, "underlyingCollateralShare", "0", "0", "1"),
                leverage._1,
                leverage._2,
                notional._1,
                notional._2,
                behaviour);
    }

    /** {@return each market's weight in {@code traders.markets}, which must name markets of the protocol} */
    private static TreeMap<MarketId, Integer> markets(Fields f, JsonNode n, String p, Scenario.ProtocolSpec protocol) {
        TreeMap<MarketId, Integer> markets = TreeMap.empty();
        JsonNode mn = f.object(n, p, "markets", protocol != null);
        if (mn != null && protocol != null) {
            for (Map.Entry<String, JsonNode> e : mn.properties()) {
                if (!Fields.validName(e.getKey())
                        || !protocol.config().markets().containsKey(MarketId.of(e.getKey()))) {
                    f.problem(
                            p + ".markets." + e.getKey(),
                            "is not a market of the protocol; valid: "
                                    + protocol.config().markets().keySet().mkString(", "));
                    continue;
                }
                markets = markets.put(MarketId.of(e.getKey()), f.small(mn, p + ".markets", e.getKey(), null, 0, 1_000));
            }
            if (markets.values().sum().intValue() == 0 && f.problems().isEmpty()) {
                f.problem(p + ".markets", "gives no market a positive weight; valid: weights such as ETH-PERP: 6");
            }
        }
        return markets;
    }

    /** {@return the least and the most leverage of {@code traders.leverage}, the least no more than the most} */
    private static Tuple2<Wad, Wad> leverage(Fields f, JsonNode n, String p) {
        JsonNode lev = f.object(n, p, "leverage", false);
        f.onlyKnown(lev, p + ".leverage", HashSet.of("min", "max"));
        int before = f.count();
        Wad minL = f.ratio(lev, p + ".leverage", "min", "2", "1", "1000");
        Wad maxL = f.ratio(lev, p + ".leverage", "max", "10", "1", "1000");
        if (f.count() == before && minL.compareTo(maxL) > 0) {
            f.problem(p + ".leverage", "min " + minL + " is above max " + maxL + "; valid: min <= max");
        }
        return new Tuple2<>(minL, maxL);
    }

    /** {@return the median notional in settlement units and its spread, of {@code traders.notional}} */
    private static Tuple2<I256, Wad> notional(Fields f, JsonNode n, String p, int sd) {
        JsonNode notional = f.object(n, p, "notional", false);
        f.onlyKnown(notional, p + ".notional", HashSet.of("median", "spread"));
        I256 median = f.amount(notional, p + ".notional", "median", "10000", sd, true);
        Wad spread = f.ratio(notional, p + ".notional", "spread", "1", "0", "5");
        return new Tuple2<>(median, spread);
    }

    /** {@return how traders top up, close, reduce and open, from {@code traders.behaviour}} */
    private static Scenario.Behaviour behaviour(Fields f, JsonNode n, String p) {
        JsonNode b = f.object(n, p, "behaviour", false);
        String q = p + ".behaviour";
        f.onlyKnown(
                b,
                q,
                HashSet.of(
                        "topUpBelow",
                        "topUpProbability",
                        "topUpDelayBlocks",
                        "topUpTo",
                        "closePerDay",
                        "reducePerDay",
                        "reduceFraction",
                        "openPerDay"));
        return new Scenario.Behaviour(
                f.ratio(b, q, "topUpBelow", "1.2", "1", "100"),
                f.ratio(b, q, "topUpProbability", "0.3", "0", "1"),
                f.small(b, q, "topUpDelayBlocks", 25, 0, 1_000_000),
                f.ratio(b, q, "topUpTo", "2", "1", "100"),
                f.ratio(b, q, "closePerDay", "0.05", "0", "100"),
                f.ratio(b, q, "reducePerDay", "0.05", "0", "100"),
                f.ratio(b, q, "reduceFraction", "0.5", "0", "1"),
                f.ratio(b, q, "openPerDay", "0.05", "0", "100"));
    }

    private static final Set<String> KEEPER = HashSet.of(
            "name",
            "strategy",
            "priorityFeeGwei",
            "latePriceBlocks",
            "gasPerBlock",
            "bidPercent",
            "capital",
            "auctionMargin");

    static Vector<Scenario.KeeperSpec> keepers(Fields f, JsonNode n, int settlementDecimals) {
        Vector<Scenario.KeeperSpec> out = Vector.empty();
        if (n == null || n.isNull()) {
            f.problem("keepers", "missing; valid: a list of keepers, such as - {name: keeper-1, strategy: indexed}");
            return out;
        }
        if (!n.isArray() || n.isEmpty()) {
            f.problem("keepers", Fields.shown(n) + " is not valid; valid: a non-empty list of keepers");
            return out;
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode k = n.get(i);
            String p = "keepers." + i;
            // an element of another shape must not read as a keeper with every field at its default
            if (!f.element(k, p, KEEPER, "{name: keeper-1, strategy: indexed}")) {
                continue;
            }
            f.onlyKnown(k, p, KEEPER);
            String name = f.text(k, p, "name", "keeper-" + (i + 1), "an account name");
            if (!Fields.validName(name)) {
                f.problem(p + ".name", Fields.quote(name) + " is not valid; valid: " + Fields.NAME);
                continue;
            }
            if (!names.add(name)) {
                f.problem(p + ".name", Fields.quote(name) + " is used twice; valid: a name no other keeper has");
            }
            Scenario.Strategy strategy = f.choice(k, p, "strategy", Scenario.Strategy.INDEXED, Scenario.Strategy.class);
            I256 fee = f.amount(k, p, "priorityFeeGwei", "2", 9, false);
            out = out.append(new Scenario.KeeperSpec(
                    AccountId.of(name),
                    strategy,
                    fee.fitsLong() ? fee.longValueExact() : 0,
                    f.small(k, p, "latePriceBlocks", 0, 0, 10_000),
                    f.whole(k, p, "gasPerBlock", 0L, 0, 1_000_000_000),
                    f.small(k, p, "bidPercent", 50, 0, 100),
                    f.amount(k, p, "capital", "100000", settlementDecimals, false),
                    f.ratio(k, p, "auctionMargin", "0.02", "0", "0.99")));
        }
        return out;
    }
}
