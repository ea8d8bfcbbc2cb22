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
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a scenario's {@code protocol}: the settlement asset, the assets and markets, the keeper reward, who receives
 * liquidated positions, the shortfall policy and the preset, into a validated {@link ProtocolConfig}.
 */
final class ProtocolReader {

    private ProtocolReader() {}

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

    static Scenario.ProtocolSpec protocol(Fields f, JsonNode n) {
        if (n == null) {
            return null;
        }
        f.onlyKnown(n, "protocol", PROTOCOL);
        JsonNode s = f.object(n, "protocol", "settlement", false);
        f.onlyKnown(s, "protocol.settlement", HashSet.of("asset", "decimals"));
        AssetId settlement = f.name(
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
        AssetConfig underlying = u == null || !Fields.validName(u)
                ? null
                : assets.get(AssetId.of(u)).getOrNull();
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
}
