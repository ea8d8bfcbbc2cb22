package dev.solvent.simulation.scenario;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.preset.Preset;
import dev.solvent.model.preset.Presets;
import dev.solvent.oracle.history.BadPrints;
import dev.solvent.oracle.market.Gbm;
import dev.solvent.oracle.market.JumpDiffusion;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.PathGenerator;
import dev.solvent.oracle.market.Shock;
import dev.solvent.simulation.scenario.Scenario.ImpactModel;
import dev.solvent.simulation.scenario.Scenario.PriceSource;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a scenario from YAML, checking every field: a problem names the file, the field's dotted path, the value and
 * what would be valid, and all problems come out together. Sweeps override fields by dotted path before reading.
 */
public final class ScenarioReader {

    private static final Set<String> TOP = HashSet.of(
            "name",
            "description",
            "seed",
            "blocks",
            "sampleEvery",
            "dust",
            "chain",
            "protocol",
            "prices",
            "oracle",
            "traders",
            "keepers",
            "unwind");

    /**
     * Losses past the insurance fund up to this many settlement tokens are rounding dust (the default of {@code
     * dust}): one cent of a dollar stablecoin, ten thousand base units of 6-decimal USDC.
     */
    public static final String DEFAULT_DUST = "0.01";

    private ScenarioReader() {}

    /** {@return the scenario in a file} @throws ScenarioException naming every problem */
    public static Scenario read(Path file) {
        return parse(file.toString(), readText(file), Map.of());
    }

    /**
     * {@return a file's text} @throws ScenarioException when it cannot be read: missing, a directory, larger than
     * {@link InputFile#MAX_YAML_BYTES} or not UTF-8 text
     */
    public static String readText(Path file) {
        return YamlInput.readText(file, "scenario");
    }

    /**
     * {@return the scenario in a YAML text, with some fields overridden}
     *
     * @param source how to name the text in messages (its file or bundled name)
     * @param yaml the text
     * @param overrides values by dotted path (such as {@code protocol.markets.ETH-PERP.maintenanceMargin}), applied
     *     before reading; a path must lead to a field the file has or may have
     * @throws ScenarioException naming every problem
     */
    public static Scenario parse(String source, String yaml, Map<String, String> overrides) {
        return parse(source, yaml, overrides, null);
    }

    /**
     * {@return the scenario in a YAML text, with some fields overridden from the command line}
     *
     * @param source how to name the text in messages (its file or bundled name)
     * @param yaml the text
     * @param overrides values by dotted path, as for {@link #parse(String, String, Map)}
     * @param option the option that gave the overrides, such as {@code --set}: a problem with an overridden value
     *     names it and the path ({@code --set blocks: ...}) rather than the file, which does not hold that value; null
     *     to name the file
     * @throws ScenarioException naming every problem
     */
    public static Scenario parse(String source, String yaml, Map<String, String> overrides, String option) {
        JsonNode root = tree(source, yaml);
        Map<String, String> origins = new java.util.HashMap<>();
        for (Map.Entry<String, String> o : new java.util.TreeMap<>(overrides).entrySet()) {
            String origin = option == null ? source : option + " " + o.getKey();
            override(origin, root, o.getKey(), o.getValue(), option == null ? null : origins);
        }
        Fields f = new Fields(source, origins);
        Scenario s = decode(f, root);
        if (!f.problems().isEmpty()) {
            throw new ScenarioException(f.problems());
        }
        return s;
    }

    static JsonNode tree(String source, String yaml) {
        JsonNode root = YamlInput.tree(source, yaml);
        if (root == null || !root.isObject()) {
            throw new ScenarioException(Vector.of(source + ": is not a scenario; valid: a YAML mapping with fields "
                    + String.join(", ", io.vavr.collection.TreeSet.ofAll(TOP))));
        }
        return root;
    }

    /** Sets the value at a dotted path, creating mappings on the way; a list element is named by its index. */
    static void override(String source, JsonNode root, String path, String value) {
        override(source, root, path, value, null);
    }

    /**
     * Sets the value at a dotted path, as {@link #override(String, JsonNode, String, String)}, recording what it set.
     *
     * @param origin what gave the value, for messages: the file, or an option and the path, such as {@code --set blocks}
     * @param origins where to record, by the path the reader will name, the value set and every mapping created for
     *     it, each with {@code origin}; null to record nothing
     */
    static void override(String origin, JsonNode root, String path, String value, Map<String, String> origins) {
        String[] parts = path.split("\\.");
        String within = origin.endsWith(" " + path) ? origin : origin + ": " + path;
        JsonNode at = root;
        String walked = "";
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (at instanceof ObjectNode o) {
                String key = part;
                // a key may itself hold one dot (such as 0.05): take the two parts together when that key exists
                if (!last && !o.has(key) && o.has(key + "." + parts[i + 1])) {
                    key = key + "." + parts[i + 1];
                    i++;
                    last = i == parts.length - 1;
                }
                walked = Fields.join(walked, key);
                if (last) {
                    o.put(key, value);
                    if (origins != null) {
                        origins.put(walked, origin);
                    }
                    return;
                }
                JsonNode next = o.get(key);
                if (next == null || next.isNull()) {
                    next = o.putObject(key);
                    if (origins != null) {
                        origins.putIfAbsent(walked, origin);
                    }
                }
                at = next;
            } else if (at instanceof ArrayNode a) {
                int index;
                try {
                    index = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    index = -1;
                }
                if (index < 0 || index >= a.size()) {
                    throw new ScenarioException(Vector.of(within + ": \"" + part
                            + "\" is not an element of the list; valid: an index in [0, " + (a.size() - 1) + "]"));
                }
                walked = Fields.join(walked, part);
                if (last) {
                    a.set(index, a.stringNode(value));
                    if (origins != null) {
                        origins.put(walked, origin);
                    }
                    return;
                }
                at = a.get(index);
            } else {
                throw new ScenarioException(Vector.of(within + ": cannot be overridden; \""
                        + String.join(".", java.util.Arrays.copyOf(parts, i)) + "\" is a value, not a mapping"));
            }
        }
    }

    private static Scenario decode(Fields f, JsonNode root) {
        f.onlyKnown(root, "", TOP);
        String name = f.text(root, "", "name", null, "a short name such as march-2020");
        String description = f.text(root, "", "description", "", "one line");
        long seed = f.whole(root, "", "seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        int blocks = f.small(root, "", "blocks", 0, 0, 50_000_000);
        int sampleEvery = f.small(root, "", "sampleEvery", 300, 1, 1_000_000);

        Scenario.ProtocolSpec protocol = protocol(f, f.object(root, "", "protocol", true));
        I256 dust = f.amount(
                root,
                "",
                "dust",
                DEFAULT_DUST,
                protocol == null ? 6 : protocol.config().settlement().decimals(),
                false);
        TreeMap<String, Scenario.PriceSpec> prices = prices(f, f.object(root, "", "prices", true), protocol);
        Scenario.ChainSpec chain = chain(f, f.object(root, "", "chain", false), prices);
        Scenario.OracleSpec oracle = oracle(f, f.object(root, "", "oracle", false));
        Scenario.TraderSpec traders = traders(f, f.object(root, "", "traders", true), protocol);
        Vector<Scenario.KeeperSpec> keepers = keepers(
                f,
                root.get("keepers"),
                protocol == null ? 6 : protocol.config().settlement().decimals());
        Scenario.UnwindSpec unwind = unwind(f, f.object(root, "", "unwind", false));
        if (protocol != null) {
            for (var m : protocol.config().markets().values()) {
                String key = protocol.config()
                        .assets()
                        .get(m.underlying())
                        .flatMap(AssetConfig::priceKey)
                        .getOrNull();
                if (key != null && !prices.containsKey(key) && f.problems().isEmpty()) {
                    f.problem(
                            "prices",
                            "has no source for " + key + ", the price of market " + m.id()
                                    + "; valid: a source for every price key the protocol reads ("
                                    + String.join(", ", prices.keySet()) + " given)");
                }
            }
        }
        return new Scenario(
                name,
                description,
                seed,
                chain,
                blocks,
                sampleEvery,
                dust,
                protocol,
                prices,
                oracle,
                traders,
                keepers,
                unwind);
    }

    private static final Set<String> CHAIN =
            HashSet.of("blockSeconds", "gasLimit", "baseFeeGwei", "firstBlock", "startTime", "etherPrice");

    static Scenario.ChainSpec chain(Fields f, JsonNode n, TreeMap<String, Scenario.PriceSpec> prices) {
        f.onlyKnown(n, "chain", CHAIN);
        long blockSeconds = f.whole(n, "chain", "blockSeconds", 12L, 1, 3_600);
        long gasLimit = f.whole(n, "chain", "gasLimit", 30_000_000L, 1_000_000, 1_000_000_000);
        I256 baseFee = f.amount(n, "chain", "baseFeeGwei", "20", 9, false);
        long firstBlock = f.whole(n, "chain", "firstBlock", 1L, 0, Long.MAX_VALUE / 2);
        String start = f.text(n, "chain", "startTime", "", "an ISO-8601 UTC time such as 2020-03-12T00:00:00Z");
        long startTs = 0;
        if (!start.isEmpty()) {
            try {
                startTs = Instant.parse(start).getEpochSecond();
            } catch (DateTimeParseException e) {
                f.problem(
                        "chain.startTime",
                        Fields.quote(start)
                                + " is not valid; valid: an ISO-8601 UTC time such as 2020-03-12T00:00:00Z");
            }
        } else if (prices.values().forAll(p -> !(p.source() instanceof PriceSource.Historical))) {
            startTs = 1_700_000_000L;
        }
        I256 ether = f.amount(n, "chain", "etherPrice", "2000", 8, true);
        return new Scenario.ChainSpec(
                blockSeconds,
                gasLimit,
                baseFee.fitsLong() ? baseFee.longValueExact() : 0,
                firstBlock,
                startTs,
                price(f, "chain.etherPrice", ether));
    }

    private static final Set<String> PROTOCOL = HashSet.of(
            "preset",
            "settlement",
            "assets",
            "markets",
            "keeperReward",
            "receiver",
            "shortfall",
            "insuranceFund",
            "marketMakerCollateral",
            "backstopCollateral");

    /** The receivers a scenario can name. */
    enum Receiver {
        BACKSTOP,
        LIQUIDATOR
    }

    /** The shortfall policies a scenario can name. */
    enum Shortfall {
        INSURANCE_THEN_SOCIALIZE,
        INSURANCE_THEN_ADL,
        INSURANCE_THEN_DELEVERAGE,
        INSURANCE_THEN_BAD_DEBT
    }

    static final AccountId BACKSTOP = AccountId.of("backstop");

    private static final HashSet<String> MARKET_FIELDS = HashSet.of(
            "underlying",
            "initialMargin",
            "maintenanceMargin",
            "liquidationPenalty",
            "maxOpenInterest",
            "priceBand",
            "maxOracleAge",
            "takerFee",
            "makerFee");

    private static Scenario.ProtocolSpec protocol(Fields f, JsonNode n) {
        if (n == null) {
            return null;
        }
        f.onlyKnown(n, "protocol", PROTOCOL);
        JsonNode s = f.object(n, "protocol", "settlement", false);
        f.onlyKnown(s, "protocol.settlement", HashSet.of("asset", "decimals"));
        AssetId settlement = name(
                f,
                "protocol.settlement.asset",
                f.text(s, "protocol.settlement", "asset", "USDC", "an asset name"),
                AssetId::of,
                AssetId.of("USDC"));
        int sd = f.small(s, "protocol.settlement", "decimals", 6, 0, 30);
        TreeMap<AssetId, AssetConfig> assets = assets(f, n, settlement, sd);
        TreeMap<MarketId, MarketConfig> markets = markets(f, n, assets);
        JsonNode kr = f.object(n, "protocol", "keeperReward", false);
        f.onlyKnown(kr, "protocol.keeperReward", HashSet.of("flat", "shareOfPenalty"));
        KeeperReward reward = new KeeperReward(
                f.amount(kr, "protocol.keeperReward", "flat", "0", sd, false).toU256(),
                f.ratio(kr, "protocol.keeperReward", "shareOfPenalty", "0.25", "0", "1"));
        Receiver receiver = f.choice(n, "protocol", "receiver", Receiver.BACKSTOP, Receiver.class);
        Shortfall shortfall = f.choice(n, "protocol", "shortfall", Shortfall.INSURANCE_THEN_SOCIALIZE, Shortfall.class);
        String presetName = f.text(
                n,
                "protocol",
                "preset",
                "",
                "one of " + Presets.all().map(Preset::name).mkString(", "));
        I256 fund = f.amount(n, "protocol", "insuranceFund", "0", sd, false);
        I256 mmCollateral = f.amount(n, "protocol", "marketMakerCollateral", "1000000000", sd, true);
        I256 backstop = f.amount(n, "protocol", "backstopCollateral", "10000000", sd, false);
        if (!f.problems().isEmpty()) {
            return null;
        }
        PositionReceiver rec = receiver == Receiver.BACKSTOP
                ? new PositionReceiver.Backstop(BACKSTOP)
                : new PositionReceiver.Liquidator();
        ShortfallPolicy sp = policy(shortfall);
        ProtocolConfig config;
        try {
            config = new ProtocolConfig(settlement, assets, markets, reward, rec, sp, GasSchedule.DEFAULT);
        } catch (IllegalArgumentException ex) {
            f.problem("protocol", ex.getMessage());
            return null;
        }
        if (!presetName.isEmpty()) {
            config = withPreset(f, n, presetName, config, sp);
            if (config == null) {
                return null;
            }
        }
        return new Scenario.ProtocolSpec(
                presetName.isEmpty() ? "none" : presetName,
                config,
                fund,
                AccountId.of("market-maker"),
                mmCollateral,
                backstop);
    }

    /** {@return the shortfall policy a scenario names} */
    private static ShortfallPolicy policy(Shortfall shortfall) {
        return switch (shortfall) {
            case INSURANCE_THEN_SOCIALIZE -> new ShortfallPolicy.InsuranceThenSocialize();
            case INSURANCE_THEN_ADL -> new ShortfallPolicy.InsuranceThenAdl();
            case INSURANCE_THEN_DELEVERAGE -> new ShortfallPolicy.InsuranceThenDeleverage();
            case INSURANCE_THEN_BAD_DEBT -> new ShortfallPolicy.InsuranceThenBadDebt();
        };
    }

    /** {@return the settlement asset and the assets {@code protocol.assets} lists} */
    private static TreeMap<AssetId, AssetConfig> assets(Fields f, JsonNode n, AssetId settlement, int sd) {
        TreeMap<AssetId, AssetConfig> assets =
                TreeMap.of(settlement, new AssetConfig(settlement, sd, Option.none(), Wad.ONE, false, Wad.ONE, 3_600));
        JsonNode an = f.object(n, "protocol", "assets", true);
        if (an != null) {
            for (Map.Entry<String, JsonNode> e : an.properties()) {
                String p = "protocol.assets." + e.getKey();
                JsonNode a = e.getValue();
                f.onlyKnown(a, p, HashSet.of("decimals", "priceKey", "collateralWeight", "maxOracleAge"));
                int decimals = f.small(a, p, "decimals", null, 0, 30);
                String key = f.text(a, p, "priceKey", null, "the price key of its oracle, such as ETH/USD");
                Wad weight = f.ratio(a, p, "collateralWeight", "0", "0", "1");
                long age = f.whole(a, p, "maxOracleAge", 3_600L, 1, 31_536_000);
                try {
                    assets = assets.put(
                            AssetId.of(e.getKey()),
                            new AssetConfig(
                                    AssetId.of(e.getKey()), decimals, Option.of(key), weight, false, Wad.ONE, age));
                } catch (IllegalArgumentException ex) {
                    modelProblem(f, p, "assets." + e.getKey() + ".", ex.getMessage());
                }
            }
        }
        return assets;
    }

    /** {@return the markets {@code protocol.markets} lists, each on an asset with a price key} */
    private static TreeMap<MarketId, MarketConfig> markets(Fields f, JsonNode n, TreeMap<AssetId, AssetConfig> assets) {
        TreeMap<MarketId, MarketConfig> markets = TreeMap.empty();
        JsonNode mn = f.object(n, "protocol", "markets", true);
        if (mn != null) {
            for (Map.Entry<String, JsonNode> e : mn.properties()) {
                Option<MarketConfig> market = market(f, e, assets);
                if (market.isDefined()) {
                    markets = markets.put(MarketId.of(e.getKey()), market.get());
                }
            }
        }
        return markets;
    }

    /** {@return one market of {@code protocol.markets}, or none (with its problems told)} */
    private static Option<MarketConfig> market(
            Fields f, Map.Entry<String, JsonNode> e, TreeMap<AssetId, AssetConfig> assets) {
        String p = "protocol.markets." + e.getKey();
        JsonNode m = e.getValue();
        f.onlyKnown(m, p, MARKET_FIELDS);
        String u = f.text(
                m,
                p,
                "underlying",
                null,
                "one of the assets: " + assets.keySet().mkString(", "));
        AssetConfig underlying =
                u == null || !validName(u) ? null : assets.get(AssetId.of(u)).getOrNull();
        if (u != null && (underlying == null || underlying.priceKey().isEmpty())) {
            f.problem(
                    p + ".underlying",
                    Fields.quote(u) + " is not valid; valid: an asset with a price key: "
                            + assets.values()
                                    .filter(a -> a.priceKey().isDefined())
                                    .map(a -> a.id().toString())
                                    .mkString(", "));
            return Option.none();
        }
        int ud = underlying == null ? 18 : underlying.decimals();
        int before = f.count();
        Wad im = f.ratio(m, p, "initialMargin", null, "0.001", "1");
        Wad mm = f.ratio(m, p, "maintenanceMargin", null, "0.0005", "1");
        Wad pen = f.ratio(m, p, "liquidationPenalty", "0.01", "0", "1");
        I256 oi = f.amount(m, p, "maxOpenInterest", "1000000000", ud, true);
        Wad band = f.ratio(m, p, "priceBand", "0.5", "0.0001", "1");
        long age = f.whole(m, p, "maxOracleAge", 3_600L, 1, 31_536_000);
        Wad taker = f.ratio(m, p, "takerFee", "0", "0", "0.1");
        Wad maker = f.ratio(m, p, "makerFee", "0", "0", "0.1");
        if (underlying == null || f.count() > before) {
            // the checks across a market's fields need each field read: a value already reported stays alone
            return Option.none();
        }
        try {
            return Option.some(new MarketConfig(
                    MarketId.of(e.getKey()),
                    underlying.id(),
                    im,
                    mm,
                    pen,
                    oi.toU256(),
                    band,
                    age,
                    Wad.ZERO,
                    taker,
                    maker));
        } catch (IllegalArgumentException ex) {
            modelProblem(f, p, "markets." + e.getKey() + ".", ex.getMessage());
            return Option.none();
        }
    }

    /** {@return the configuration with the named preset applied, or null (with the problem told) for an unknown one} */
    private static ProtocolConfig withPreset(
            Fields f, JsonNode n, String presetName, ProtocolConfig config, ShortfallPolicy sp) {
        Option<Preset> preset = Presets.byName(presetName);
        if (preset.isEmpty()) {
            f.problem(
                    "protocol.preset",
                    Fields.quote(presetName) + " is not valid"
                            + Presets.renamed(presetName)
                                    .map(why -> " (" + why + ")")
                                    .getOrElse("")
                            + "; valid: one of "
                            + Presets.all().map(Preset::name).mkString(", "));
            return null;
        }
        ProtocolConfig applied = preset.get().applyTo(config);
        // fields the file gives explicitly win over the preset's
        return n.has("shortfall") ? applied.withShortfall(sp) : applied;
    }

    static TreeMap<String, Scenario.PriceSpec> prices(Fields f, JsonNode n, Scenario.ProtocolSpec protocol) {
        TreeMap<String, Scenario.PriceSpec> out = TreeMap.empty();
        if (n == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String p = "prices." + e.getKey();
            JsonNode src = e.getValue();
            f.onlyKnown(src, p, HashSet.of("historical", "badPrints", "generator", "constant", "shocks", "impact"));
            int given =
                    (src.has("historical") ? 1 : 0) + (src.has("generator") ? 1 : 0) + (src.has("constant") ? 1 : 0);
            if (given != 1) {
                f.problem(p, "needs exactly one source; valid: historical: FILE, generator: {...}, or constant: PRICE");
                continue;
            }
            PriceSource source;
            if (src.has("historical")) {
                source = new PriceSource.Historical(
                        f.text(src, p, "historical", null, "a candle CSV file"), badPrints(f, src, p));
            } else if (src.has("constant")) {
                source = new PriceSource.Constant(
                        price(f, p + ".constant", f.amount(src, p, "constant", null, 8, true)));
            } else {
                source = generator(f, src.get("generator"), p + ".generator");
            }
            if (src.has("badPrints") && !src.has("historical")) {
                f.problem(
                        p + ".badPrints",
                        "applies only to a historical source; valid: remove it, or use historical: FILE");
            }
            Vector<Shock> shocks = shocks(f, src.get("shocks"), p + ".shocks");
            Scenario.ImpactSpec impact = impact(f, f.object(src, p, "impact", false), p + ".impact", protocol);
            out = out.put(e.getKey(), new Scenario.PriceSpec(e.getKey(), source, shocks, impact));
        }
        if (out.isEmpty()) {
            f.problem("prices", "is empty; valid: a source per price key, such as ETH/USD: {historical: FILE}");
        }
        return out;
    }

    private static Option<Scenario.BadPrintFilter> badPrints(Fields f, JsonNode src, String p) {
        JsonNode b = f.object(src, p, "badPrints", false);
        if (b == null) {
            return Option.none();
        }
        String q = p + ".badPrints";
        f.onlyKnown(b, q, HashSet.of("reference", "maxDeviationBps"));
        String reference = f.text(
                b,
                q,
                "reference",
                null,
                "a candle CSV file of the same asset's spot or index market covering the window");
        int bps = f.small(b, q, "maxDeviationBps", null, 1, BadPrints.MAX_DEVIATION_BPS);
        return Option.some(new Scenario.BadPrintFilter(reference, bps));
    }

    /** The generators a scenario can name. */
    enum Generator {
        GBM,
        JUMP_DIFFUSION
    }

    private static PriceSource generator(Fields f, JsonNode g, String p) {
        if (g == null || !g.isObject()) {
            f.problem(p, "is not valid; valid: a mapping with type (gbm or jump-diffusion), start and parameters");
            return new PriceSource.Constant(MarketPrice.of(1, 8));
        }
        f.onlyKnown(
                g, p, HashSet.of("type", "start", "drift", "volatility", "jumpsPerYear", "jumpMean", "jumpVolatility"));
        Generator type = f.choice(g, p, "type", null, Generator.class);
        MarketPrice start = price(f, p + ".start", f.amount(g, p, "start", null, 8, true));
        double drift = f.real(g, p, "drift", "0", -10, 10);
        double vol = f.real(g, p, "volatility", "0.8", 0, 10);
        PathGenerator gen;
        if (type == Generator.GBM) {
            gen = new Gbm(drift, vol);
        } else {
            gen = new JumpDiffusion(
                    drift,
                    vol,
                    f.real(g, p, "jumpsPerYear", "12", 0, 100_000),
                    f.real(g, p, "jumpMean", "-0.1", -5, 5),
                    f.real(g, p, "jumpVolatility", "0.05", 0, 5));
        }
        return new PriceSource.Generated(gen, start.value().isZero() ? MarketPrice.of(1, 8) : start);
    }

    /**
     * {@return a price of 8 decimals from {@link Fields#amount}'s units} A market price is at most 2^63-1 units: a larger
     * one is a problem here, not a failure of the price's constructor; a value already reported (read as zero) is 1.
     */
    private static MarketPrice price(Fields f, String path, I256 units) {
        if (!units.isPositive()) {
            return MarketPrice.of(1, 8);
        }
        if (!units.fitsLong()) {
            f.problem(path, "is too large; valid: a price of at most 92233720368.54775807 (2^63-1 units of 10^-8)");
            return MarketPrice.of(1, 8);
        }
        return new MarketPrice(units, 8);
    }

    private static final Set<String> SHOCK = HashSet.of("type", "atBlock", "bps", "overBlocks");

    private static Vector<Shock> shocks(Fields f, JsonNode n, String p) {
        Vector<Shock> out = Vector.empty();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            f.problem(p, Fields.shown(n) + " is not valid; valid: a list of shocks");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode s = n.get(i);
            String q = p + "." + i;
            if (!element(f, s, q, SHOCK, "{type: fall, atBlock: 100, bps: 3000}")) {
                continue;
            }
            f.onlyKnown(s, q, SHOCK);
            String type = f.text(s, q, "type", null, "fall or gap");
            long at = f.whole(s, q, "atBlock", null, 0, Integer.MAX_VALUE);
            if ("fall".equals(type)) {
                long bps = f.whole(s, q, "bps", null, 1, 9_999);
                out = out.append(new Shock.Fall(at, bps, f.whole(s, q, "overBlocks", 1L, 1, Integer.MAX_VALUE)));
            } else if ("gap".equals(type)) {
                // signed: -3000 is a 30% gap down, 2500 a 25% gap up
                long bps = f.whole(s, q, "bps", null, -9_999, 100_000_000);
                if (bps == 0) {
                    f.problem(
                            q + ".bps",
                            "0 is not valid; valid: a non-zero move in basis points, -9999 to 100000000"
                                    + " (negative for a gap down)");
                } else {
                    out = out.append(new Shock.Gap(at, bps));
                }
            } else if (type != null) {
                f.problem(q + ".type", Fields.quote(type) + " is not valid; valid: fall or gap");
            }
        }
        return out;
    }

    /** The impact models a scenario can name. */
    enum Impact {
        NONE,
        LINEAR,
        SQRT,
        CONSTANT_PRODUCT
    }

    private static Scenario.ImpactSpec impact(Fields f, JsonNode n, String p, Scenario.ProtocolSpec protocol) {
        f.onlyKnown(n, p, HashSet.of("model", "depth", "coefficient", "reserve", "recoveryPerBlock"));
        int sd = protocol == null ? 6 : protocol.config().settlement().decimals();
        Impact model = f.choice(n, p, "model", Impact.NONE, Impact.class);
        Wad recovery = f.ratio(n, p, "recoveryPerBlock", "0.05", "0", "1");
        ImpactModel m = switch (model) {
            case NONE -> new ImpactModel.None();
            case LINEAR -> new ImpactModel.Linear(f.amount(n, p, "depth", null, sd, true));
            case SQRT ->
                new ImpactModel.SquareRoot(
                        f.amount(n, p, "depth", null, sd, true), f.ratio(n, p, "coefficient", "0.1", "0", "10"));
            case CONSTANT_PRODUCT -> new ImpactModel.ConstantProduct(f.amount(n, p, "reserve", null, sd, true));
        };
        return new Scenario.ImpactSpec(m, recovery);
    }

    static Scenario.OracleSpec oracle(Fields f, JsonNode n) {
        f.onlyKnown(n, "oracle", HashSet.of("deviationBps", "heartbeatSeconds", "latencyBlocks"));
        return new Scenario.OracleSpec(
                f.whole(n, "oracle", "deviationBps", 50L, 1, 10_000),
                f.whole(n, "oracle", "heartbeatSeconds", 3_600L, 1, 31_536_000),
                f.small(n, "oracle", "latencyBlocks", 1, 0, 1_000));
    }

    private static Scenario.TraderSpec traders(Fields f, JsonNode n, Scenario.ProtocolSpec protocol) {
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
        TreeMap<MarketId, Integer> markets = TreeMap.empty();
        JsonNode mn = f.object(n, p, "markets", protocol != null);
        if (mn != null && protocol != null) {
            for (Map.Entry<String, JsonNode> e : mn.properties()) {
                if (!validName(e.getKey()) || !protocol.config().markets().containsKey(MarketId.of(e.getKey()))) {
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
        JsonNode lev = f.object(n, p, "leverage", false);
        f.onlyKnown(lev, p + ".leverage", HashSet.of("min", "max"));
        int before = f.count();
        Wad minL = f.ratio(lev, p + ".leverage", "min", "2", "1", "1000");
        Wad maxL = f.ratio(lev, p + ".leverage", "max", "10", "1", "1000");
        if (f.count() == before && minL.compareTo(maxL) > 0) {
            f.problem(p + ".leverage", "min " + minL + " is above max " + maxL + "; valid: min <= max");
        }
        JsonNode notional = f.object(n, p, "notional", false);
        f.onlyKnown(notional, p + ".notional", HashSet.of("median", "spread"));
        int sd = protocol == null ? 6 : protocol.config().settlement().decimals();
        I256 median = f.amount(notional, p + ".notional", "median", "10000", sd, true);
        Wad spread = f.ratio(notional, p + ".notional", "spread", "1", "0", "5");
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
        Scenario.Behaviour behaviour = new Scenario.Behaviour(
                f.ratio(b, q, "topUpBelow", "1.2", "1", "100"),
                f.ratio(b, q, "topUpProbability", "0.3", "0", "1"),
                f.small(b, q, "topUpDelayBlocks", 25, 0, 1_000_000),
                f.ratio(b, q, "topUpTo", "2", "1", "100"),
                f.ratio(b, q, "closePerDay", "0.05", "0", "100"),
                f.ratio(b, q, "reducePerDay", "0.05", "0", "100"),
                f.ratio(b, q, "reduceFraction", "0.5", "0", "1"),
                f.ratio(b, q, "openPerDay", "0.05", "0", "100"));
        return new Scenario.TraderSpec(
                count,
                markets,
                f.ratio(n, p, "longShare", "0.5", "0", "1"),
                f.ratio(n, p, "isolatedShare", "0", "0", "1"),
                f.ratio(n, p, "underlyingCollateralShare", "0", "0", "1"),
                minL,
                maxL,
                median,
                spread,
                behaviour);
    }

    /** What a name of an asset, a market or an account may be. */
    private static final String NAME = "a name that is not blank and has no spaces around it, such as USDC";

    /** {@return whether {@code text} can name an asset, a market or an account} */
    private static boolean validName(String text) {
        return !text.isBlank() && text.strip().equals(text);
    }

    /** {@return the identifier named by {@code text}, or {@code fallback} after reporting a name that cannot be one} */
    private static <T> T name(
            Fields f, String path, String text, java.util.function.Function<String, T> of, T fallback) {
        if (!validName(text)) {
            f.problem(path, Fields.quote(text) + " is not valid; valid: " + NAME);
            return fallback;
        }
        return of.apply(text);
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

    private static Vector<Scenario.KeeperSpec> keepers(Fields f, JsonNode n, int settlementDecimals) {
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
            if (!element(f, k, p, KEEPER, "{name: keeper-1, strategy: indexed}")) {
                continue;
            }
            f.onlyKnown(k, p, KEEPER);
            String name = f.text(k, p, "name", "keeper-" + (i + 1), "an account name");
            if (!validName(name)) {
                f.problem(p + ".name", Fields.quote(name) + " is not valid; valid: " + NAME);
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

    /**
     * {@return whether an element of a list of mappings is a mapping} If it is not (a list, a value, or nothing), the
     * problem names its path and index and what would be valid, and the caller skips it: every field of a mapping may
     * have a default, so reading any other shape would silently give an element with every field at its default.
     */
    private static boolean element(Fields f, JsonNode e, String path, Set<String> fields, String example) {
        if (e != null && e.isObject()) {
            return true;
        }
        String found;
        if (e == null || e.isNull() || e.isMissingNode()) {
            found = "is empty";
        } else if (e.isArray()) {
            found = "is a list";
        } else {
            found = "is the value " + Fields.shown(e);
        }
        f.problem(
                path,
                found + "; valid: a mapping with fields " + String.join(", ", io.vavr.collection.TreeSet.ofAll(fields))
                        + ", such as " + example);
        return false;
    }

    /**
     * Reports a check of the model's, whose message names the field by its path in the model ({@code
     * markets.ETH-PERP.maintenanceMargin: ...}), at the field's path in the file ({@code
     * protocol.markets.ETH-PERP.maintenanceMargin}) rather than both.
     */
    private static void modelProblem(Fields f, String path, String modelPrefix, String message) {
        int colon = message.indexOf(": ");
        if (message.startsWith(modelPrefix) && colon > modelPrefix.length()) {
            f.problem(path + "." + message.substring(modelPrefix.length(), colon), message.substring(colon + 2));
        } else {
            f.problem(path, message);
        }
    }

    private static Scenario.UnwindSpec unwind(Fields f, JsonNode n) {
        f.onlyKnown(n, "unwind", HashSet.of("fractionPerBlock", "delayBlocks"));
        return new Scenario.UnwindSpec(
                f.ratio(n, "unwind", "fractionPerBlock", "0.1", "0.0001", "1"),
                f.small(n, "unwind", "delayBlocks", 0, 0, 1_000_000));
    }
}
