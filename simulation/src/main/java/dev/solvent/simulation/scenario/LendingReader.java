package dev.solvent.simulation.scenario;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a lending scenario ({@code protocol: aave-v3.3} and a {@code market} of reserves, or {@code protocol: comet}
 * and a Comet market read by {@link CometReader}) from YAML, field by field as
 * {@link ScenarioReader} reads the engine's: every problem names the file, the field's dotted path, the value and what
 * would be valid, and all come out together. Chain, prices and oracle are read by the same code as the engine's.
 */
public final class LendingReader {

    /** The protocols a lending scenario can name. */
    public static final Vector<String> PROTOCOLS = Vector.of("aave-v3.3", "aave-v3.7", "comet", "maker-liq2");

    private static final Set<String> TOP = HashSet.of(
            "name",
            "description",
            "seed",
            "blocks",
            "sampleEvery",
            "protocol",
            "market",
            "chain",
            "prices",
            "oracle",
            "traders",
            "keepers");

    private static final BigInteger BPS = BigInteger.TEN.pow(14);

    private LendingReader() {}

    /** {@return whether a scenario text names its protocol by name ({@code protocol: aave-v3.3}), not as a mapping} */
    public static boolean isLending(String source, String yaml) {
        JsonNode root = ScenarioReader.tree(source, yaml);
        JsonNode p = root.get("protocol");
        return p != null && p.isValueNode() && !p.isNull();
    }

    /**
     * {@return the lending scenario in a YAML text, with some fields overridden}
     *
     * @param source how to name the text in messages
     * @param overrides values by dotted path, as for {@link ScenarioReader#parse(String, String, Map, String)}
     * @param option the option that gave the overrides (such as {@code --set}), or null to name the file
     * @throws ScenarioException naming every problem
     */
    public static LendingScenario parse(String source, String yaml, Map<String, String> overrides, String option) {
        JsonNode root = ScenarioReader.tree(source, yaml);
        Map<String, String> origins = new java.util.HashMap<>();
        for (Map.Entry<String, String> o : new java.util.TreeMap<>(overrides).entrySet()) {
            String origin = option == null ? source : option + " " + o.getKey();
            ScenarioReader.override(origin, root, o.getKey(), o.getValue(), option == null ? null : origins);
        }
        Fields f = new Fields(source, origins);
        LendingScenario s = decode(f, root);
        if (!f.problems().isEmpty()) {
            throw new ScenarioException(f.problems());
        }
        return s;
    }

    private static LendingScenario decode(Fields f, JsonNode root) {
        f.onlyKnown(root, "", TOP);
        String name = f.text(root, "", "name", null, "a short name such as aave-may-2021");
        String description = f.text(root, "", "description", "", "one line");
        long seed = f.whole(root, "", "seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        int blocks = f.small(root, "", "blocks", 0, 0, 50_000_000);
        int sampleEvery = f.small(root, "", "sampleEvery", 25, 1, 1_000_000);
        String protocol = f.text(root, "", "protocol", null, "one of " + PROTOCOLS.mkString(", "));
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            f.problem(
                    "protocol",
                    Fields.quote(protocol) + " is not valid; valid: one of " + PROTOCOLS.mkString(", ")
                            + ", or a mapping of the engine's protocol (docs/scenarios.md)");
        }
        TreeMap<String, Scenario.PriceSpec> prices = prices(f, root);
        Scenario.ChainSpec chain = ScenarioReader.chain(f, f.object(root, "", "chain", false), prices);
        Scenario.OracleSpec oracle = PriceReader.oracle(f, f.object(root, "", "oracle", false));
        Market market = market(f, f.object(root, "", "market", true), protocol, prices);
        TreeMap<String, LendingScenario.Reserve> reserves = market.reserves();
        Option<LendingScenario.Comet> comet = market.comet();
        Option<LendingScenario.Maker> maker = market.maker();
        LendingScenario.Traders traders = traders(f, f.object(root, "", "traders", true), reserves);
        if (comet.isDefined() && traders != null) {
            CometReader.traders(f, comet.get(), traders);
        }
        if (maker.isDefined() && traders != null) {
            MakerReader.traders(f, maker.get(), traders);
        }
        Vector<LendingScenario.Keeper> keepers = keepers(f, root.get("keepers"), reserves);
        return new LendingScenario(
                name,
                description,
                seed,
                blocks,
                sampleEvery,
                protocol,
                reserves,
                comet,
                maker,
                chain,
                prices,
                oracle,
                traders,
                keepers);
    }

    /** {@return the price sources of {@code prices}, which a lending run reads without market impact} */
    private static TreeMap<String, Scenario.PriceSpec> prices(Fields f, JsonNode root) {
        TreeMap<String, Scenario.PriceSpec> prices = PriceReader.prices(f, f.object(root, "", "prices", true), null);
        for (Scenario.PriceSpec p : prices.values()) {
            if (!(p.impact().model() instanceof Scenario.ImpactModel.None)) {
                f.problem(
                        "prices." + p.key() + ".impact",
                        "is not supported in a lending run yet; valid: no impact (leave the field out)");
            }
        }
        return prices;
    }

    /**
     * The {@code market} of a lending scenario as its protocol reads it.
     *
     * @param reserves its assets as reserves
     * @param comet the rest of a Comet market's configuration, for {@code protocol: comet}
     * @param maker the collateral type's configuration, for {@code protocol: maker-liq2}
     */
    private record Market(
            TreeMap<String, LendingScenario.Reserve> reserves,
            Option<LendingScenario.Comet> comet,
            Option<LendingScenario.Maker> maker) {}

    /** {@return the {@code market} read by the protocol's reader: Maker's, Comet's, or Aave's reserves} */
    private static Market market(
            Fields f, JsonNode market, String protocol, TreeMap<String, Scenario.PriceSpec> prices) {
        if ("maker-liq2".equals(protocol)) {
            Tuple2<TreeMap<String, LendingScenario.Reserve>, LendingScenario.Maker> m =
                    MakerReader.market(f, market, prices);
            return new Market(m._1, Option.none(), Option.of(m._2));
        } else if ("comet".equals(protocol)) {
            Tuple2<TreeMap<String, LendingScenario.Reserve>, LendingScenario.Comet> c =
                    CometReader.market(f, market, prices);
            return new Market(c._1, Option.of(c._2), Option.none());
        }
        return new Market(reserves(f, market, prices), Option.none(), Option.none());
    }

    private static final Set<String> RESERVE = HashSet.of(
            "decimals",
            "priceKey",
            "ltv",
            "liquidationThreshold",
            "liquidationBonus",
            "protocolFee",
            "reserveFactor",
            "rates",
            "liquidity");

    private static TreeMap<String, LendingScenario.Reserve> reserves(
            Fields f, JsonNode market, TreeMap<String, Scenario.PriceSpec> prices) {
        TreeMap<String, LendingScenario.Reserve> out = TreeMap.empty();
        if (market == null) {
            return out;
        }
        f.onlyKnown(market, "market", HashSet.of("reserves"));
        JsonNode rn = f.object(market, "market", "reserves", true);
        if (rn == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : rn.properties()) {
            Option<LendingScenario.Reserve> reserve = reserve(f, e.getKey(), e.getValue(), prices);
            if (reserve.isDefined()) {
                out = out.put(e.getKey(), reserve.get());
            }
        }
        if (out.isEmpty() && f.problems().isEmpty()) {
            f.problem("market.reserves", "has no reserve; valid: reserves such as WETH: {decimals: 18, ...}");
        }
        return out;
    }

    /** {@return one reserve of {@code market.reserves}, or none (with its problem told) when it cannot be read} */
    private static Option<LendingScenario.Reserve> reserve(
            Fields f, String name, JsonNode r, TreeMap<String, Scenario.PriceSpec> prices) {
        String p = "market.reserves." + name;
        if (r == null || !r.isObject()) {
            f.problem(
                    p,
                    Fields.shown(r) + " is not valid; valid: a mapping with fields "
                            + String.join(", ", io.vavr.collection.TreeSet.ofAll(RESERVE)));
            return Option.none();
        }
        if (!Fields.validName(name)) {
            f.problem(p, Fields.quote(name) + " is not valid; valid: an asset name such as WETH");
            return Option.none();
        }
        f.onlyKnown(r, p, RESERVE);
        int decimals = f.small(r, p, "decimals", null, 0, 36);
        String key = f.text(
                r,
                p,
                "priceKey",
                null,
                "a price key of prices: " + prices.keySet().mkString(", "));
        if (key != null && !prices.containsKey(key)) {
            f.problem(
                    p + ".priceKey",
                    Fields.quote(key) + " is not valid; valid: a price key of prices: "
                            + prices.keySet().mkString(", "));
        }
        int before = f.count();
        int ltv = bps(f, r, p, "ltv", null, "0", "0.9999");
        int threshold = bps(f, r, p, "liquidationThreshold", null, "0.0001", "0.9999");
        int bonus = bps(f, r, p, "liquidationBonus", "0.05", "0", "0.5");
        int fee = bps(f, r, p, "protocolFee", "0.1", "0", "1");
        int factor = bps(f, r, p, "reserveFactor", "0.1", "0", "1");
        if (f.count() == before && ltv > threshold) {
            f.problem(
                    p + ".ltv",
                    "is above the liquidationThreshold; valid: an ltv at or below the liquidation threshold");
        }
        if (f.count() == before && (long) threshold * (10_000 + bonus) > 10_000L * 10_000) {
            f.problem(
                    p + ".liquidationBonus",
                    "with the liquidation threshold it is more than 100% of the collateral (threshold x (1 +"
                            + " bonus) > 1); valid: a bonus the collateral can pay");
        }
        LendingScenario.Rates strategy = rates(f, r, p);
        I256 liquidity = f.amount(r, p, "liquidity", "0", decimals, false);
        return Option.some(new LendingScenario.Reserve(
                name, decimals, key, ltv, threshold, bonus, fee, factor, strategy, liquidity));
    }

    /** {@return a reserve's interest rate strategy, {@code rates}: the optimal usage, the base rate and two slopes} */
    private static LendingScenario.Rates rates(Fields f, JsonNode r, String p) {
        JsonNode rates = f.object(r, p, "rates", false);
        String q = p + ".rates";
        f.onlyKnown(rates, q, HashSet.of("optimalUsage", "base", "slope1", "slope2"));
        return new LendingScenario.Rates(
                bps(f, rates, q, "optimalUsage", "0.8", "0.01", "0.99"),
                bps(f, rates, q, "base", "0", "0", "10"),
                bps(f, rates, q, "slope1", "0.04", "0", "10"),
                bps(f, rates, q, "slope2", "0.8", "0", "10"));
    }

    private static final Set<String> TRADERS = HashSet.of("count", "collateral", "borrow", "ltv", "size", "behaviour");

    private static LendingScenario.Traders traders(
            Fields f, JsonNode n, TreeMap<String, LendingScenario.Reserve> reserves) {
        if (n == null) {
            return null;
        }
        String p = "traders";
        f.onlyKnown(n, p, TRADERS);
        int count = f.small(n, p, "count", null, 1, 1_000_000);
        Vector<String> collateral = collaterals(f, n, p, reserves);
        String borrow = asset(f, n, p, "borrow", reserves);
        if (collateral.contains(borrow)) {
            f.problem(p + ".borrow", Fields.quote(borrow) + " is the collateral too; valid: another reserve");
        }
        JsonNode ltv = f.object(n, p, "ltv", false);
        f.onlyKnown(ltv, p + ".ltv", HashSet.of("min", "max"));
        int before = f.count();
        int min = bps(f, ltv, p + ".ltv", "min", "0.5", "0.0001", "0.9999");
        int max = bps(f, ltv, p + ".ltv", "max", "0.75", "0.0001", "0.9999");
        if (f.count() == before && min > max) {
            f.problem(p + ".ltv", "min is above max; valid: min <= max");
        }
        for (String a : collateral) {
            LendingScenario.Reserve c = reserves.get(a).getOrNull();
            if (f.count() == before && c != null && max > c.ltvBps()) {
                f.problem(
                        p + ".ltv.max",
                        "is above the ltv of " + a + " (" + c.ltvBps() + " bps); valid: at most "
                                + Wad.parse(java.math.BigDecimal.valueOf(c.ltvBps(), 4)
                                        .toPlainString())
                                + ", or the borrow reverts");
            }
        }
        JsonNode size = f.object(n, p, "size", false);
        f.onlyKnown(size, p + ".size", HashSet.of("median", "spread"));
        I256 median = f.amount(size, p + ".size", "median", "10000", 8, true);
        Wad spread = f.ratio(size, p + ".size", "spread", "1", "0", "5");
        JsonNode b = f.object(n, p, "behaviour", false);
        String q = p + ".behaviour";
        f.onlyKnown(b, q, HashSet.of("actBelow", "actProbability", "delayBlocks", "restoreTo", "repayShare"));
        int below = bps(f, b, q, "actBelow", "1.1", "1", "100");
        int restore = bps(f, b, q, "restoreTo", "1.5", "1", "100");
        LendingScenario.Behaviour behaviour = new LendingScenario.Behaviour(
                below,
                bps(f, b, q, "actProbability", "0.3", "0", "1"),
                f.small(b, q, "delayBlocks", 25, 0, 1_000_000),
                restore,
                bps(f, b, q, "repayShare", "0.5", "0", "1"));
        return new LendingScenario.Traders(
                count,
                collateral,
                borrow,
                min,
                max,
                median,
                spread.raw().toBigInteger().divide(BigInteger.TEN.pow(12)).longValueExact(),
                behaviour);
    }

    /** {@return the collateral of the traders: one reserve's name, or a list of them} */
    private static Vector<String> collaterals(
            Fields f, JsonNode n, String p, TreeMap<String, LendingScenario.Reserve> reserves) {
        JsonNode c = n.get("collateral");
        if (c == null || !c.isArray()) {
            String one = asset(f, n, p, "collateral", reserves);
            return one == null ? Vector.empty() : Vector.of(one);
        }
        if (c.isEmpty()) {
            f.problem(
                    p + ".collateral",
                    "[] is not valid; valid: a reserve of market.reserves, or a list of them: "
                            + reserves.keySet().mkString(", "));
            return Vector.empty();
        }
        Vector<String> out = Vector.empty();
        for (int i = 0; i < c.size(); i++) {
            JsonNode e = c.get(i);
            String valid = "a reserve of market.reserves: " + reserves.keySet().mkString(", ");
            String a = e != null && e.isValueNode() && !e.isNull() ? e.asString() : null;
            if (a == null || !reserves.containsKey(a)) {
                f.problem(
                        p + ".collateral." + i,
                        (a == null ? Fields.shown(e) : Fields.quote(a)) + " is not valid; valid: " + valid);
            } else if (out.contains(a)) {
                f.problem(p + ".collateral." + i, Fields.quote(a) + " is listed twice; valid: each reserve once");
            } else {
                out = out.append(a);
            }
        }
        return out;
    }

    private static String asset(
            Fields f, JsonNode n, String p, String name, TreeMap<String, LendingScenario.Reserve> reserves) {
        String a = f.text(
                n,
                p,
                name,
                null,
                "a reserve of market.reserves: " + reserves.keySet().mkString(", "));
        if (a != null && !reserves.containsKey(a)) {
            if (!reserves.isEmpty()) {
                f.problem(
                        p + "." + name,
                        Fields.quote(a) + " is not valid; valid: a reserve of market.reserves: "
                                + reserves.keySet().mkString(", "));
            }
            return null;
        }
        return a;
    }

    private static final Set<String> KEEPER = HashSet.of("name", "strategy", "capital");

    private static Vector<LendingScenario.Keeper> keepers(
            Fields f, JsonNode n, TreeMap<String, LendingScenario.Reserve> reserves) {
        Vector<LendingScenario.Keeper> out = Vector.empty();
        if (n == null || n.isNull()) {
            f.problem("keepers", "missing; valid: a list of keepers, such as - {name: keeper-1, strategy: best-gain}");
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
            if (k == null || !k.isObject()) {
                f.problem(
                        p,
                        Fields.shown(k) + " is not valid; valid: a mapping with fields capital, name, strategy, such"
                                + " as {name: keeper-1, strategy: best-gain}");
                continue;
            }
            f.onlyKnown(k, p, KEEPER);
            String name = f.text(k, p, "name", "keeper-" + (i + 1), "a name");
            if (!Fields.validName(name)) {
                f.problem(p + ".name", Fields.quote(name) + " is not valid; valid: a name without spaces around it");
                continue;
            }
            if (!names.add(name)) {
                f.problem(p + ".name", Fields.quote(name) + " is used twice; valid: a name no other keeper has");
            }
            LendingScenario.Strategy strategy =
                    f.choice(k, p, "strategy", LendingScenario.Strategy.BEST_GAIN, LendingScenario.Strategy.class);
            TreeMap<String, I256> capital = TreeMap.empty();
            JsonNode cn = f.object(k, p, "capital", false);
            for (LendingScenario.Reserve r : reserves.values()) {
                // by default a keeper holds as much of each asset as the market's depositor supplies
                String fallback = new java.math.BigDecimal(r.liquidity().toBigInteger(), r.decimals())
                        .stripTrailingZeros()
                        .toPlainString();
                capital =
                        capital.put(r.asset(), f.amount(cn, p + ".capital", r.asset(), fallback, r.decimals(), false));
            }
            f.onlyKnown(cn, p + ".capital", HashSet.ofAll(reserves.keySet()));
            out = out.append(new LendingScenario.Keeper(name, strategy, capital));
        }
        return out;
    }

    /** {@return a ratio read as whole basis points; a value with more than 4 decimals is a problem} */
    static int bps(Fields f, JsonNode n, String p, String name, String fallback, String min, String max) {
        int before = f.count();
        Wad w = f.ratio(n, p, name, fallback, min, max);
        if (f.count() > before) {
            return 0;
        }
        BigInteger[] qr = w.raw().toBigInteger().divideAndRemainder(BPS);
        if (qr[1].signum() != 0) {
            f.problem(
                    Fields.join(p, name),
                    w + " is finer than a basis point; valid: a decimal with at most 4 decimals, such as 0.0825");
            return 0;
        }
        return qr[0].intValueExact();
    }

    /** {@return the {@code priceKey} of {@code n} at {@code p}, which must name one of {@code prices}} */
    static String priceKey(Fields f, JsonNode n, String p, TreeMap<String, Scenario.PriceSpec> prices) {
        String valid = "a price key of prices: " + prices.keySet().mkString(", ");
        String key = f.text(n, p, "priceKey", null, valid);
        if (key != null && !prices.containsKey(key)) {
            f.problem(p + ".priceKey", Fields.quote(key) + " is not valid; valid: " + valid);
        }
        return key;
    }
}
