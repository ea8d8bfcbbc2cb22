package dev.solvent.cli.replay;

import static dev.solvent.cli.replay.Decode.ACCOUNT;
import static dev.solvent.cli.replay.Decode.BOOLEAN;
import static dev.solvent.cli.replay.Decode.DECIMALS;
import static dev.solvent.cli.replay.Decode.RATIO;
import static dev.solvent.cli.replay.Decode.TEXT;
import static dev.solvent.cli.replay.Decode.amount;
import static dev.solvent.cli.replay.Decode.child;
import static dev.solvent.cli.replay.Decode.fail;
import static dev.solvent.cli.replay.Decode.flat;
import static dev.solvent.cli.replay.Decode.join;
import static dev.solvent.cli.replay.Decode.key;
import static dev.solvent.cli.replay.Decode.model;
import static dev.solvent.cli.replay.Decode.ok;
import static dev.solvent.cli.replay.Decode.optional;
import static dev.solvent.cli.replay.Decode.required;
import static dev.solvent.cli.replay.Decode.whole;

import dev.solvent.cli.replay.Decode.Kind;
import dev.solvent.cli.replay.Decode.Unit;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.preset.Preset;
import dev.solvent.model.preset.Presets;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Tx;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/**
 * Decodes a genesis state file (the format is in {@code docs/replay.md}) into a {@link Genesis}. Syntax, references
 * between fields and amounts are checked here; parameter ranges are the model's own checks, whose problems come back
 * with the line of the field they name.
 */
final class StateFile {

    /** The sender of the genesis {@code FundInsurance}. */
    static final AccountId GENESIS_SENDER = AccountId.of("genesis");

    /** Seconds after which a price is stale when a file does not say. */
    static final long DEFAULT_MAX_ORACLE_AGE = 3600;

    private static final Set<String> TOP = LinkedHashSet.of(
            "note",
            "block",
            "timestamp",
            "settlementAsset",
            "assets",
            "markets",
            "keeperReward",
            "receiver",
            "shortfall",
            "preset",
            "liquidation",
            "gas",
            "balances",
            "insuranceFund");
    private static final Set<String> ASSET = LinkedHashSet.of(
            "decimals", "priceKey", "collateralWeight", "borrowable", "liabilityWeight", "maxOracleAge");
    private static final Set<String> MARKET = LinkedHashSet.of(
            "underlying",
            "initialMargin",
            "maintenanceMargin",
            "liquidationPenalty",
            "maxOpenInterest",
            "priceBand",
            "maxOracleAge",
            "maxFundingRatePerDay",
            "takerFee",
            "makerFee");
    private static final Set<String> KEEPER = LinkedHashSet.of("flat", "shareOfPenalty");
    private static final Set<String> GAS = LinkedHashSet.of(
            "deposit",
            "withdraw",
            "trade",
            "isolatedMargin",
            "settleFunding",
            "liquidateBase",
            "liquidatePerPosition",
            "liquidatePerAsset",
            "revert");

    private static final Kind<Long> SECONDS = whole("a whole number of seconds > 0, such as 3600", Long.MIN_VALUE);
    private static final Kind<Long> GAS_UNITS = whole("a whole number of gas units >= 0", Long.MIN_VALUE);
    private static final String ASSET_NAME = "an asset symbol such as \"USDC\"";
    private static final String MARKET_NAME = "a market name such as \"ETH-PERP\"";

    private StateFile() {}

    /** {@return the genesis a state file describes, or every problem found in it} */
    static Validation<Seq<Problem>, Genesis> decode(JsonValue root) {
        return Decode.object(
                root, "", "an object with the configuration, balances and insurance fund", TOP, o -> decode(root, o));
    }

    private static Validation<Seq<Problem>, Genesis> decode(JsonValue root, JsonValue.Obj o) {
        Validation<Seq<Problem>, Long> block = optional(o, "", "block", whole("a block number >= 0", 0), 0L);
        Validation<Seq<Problem>, Long> timestamp =
                required(o, "", "timestamp", whole("a Unix time in seconds, such as 1700000000", 0));
        Validation<Seq<Problem>, Option<String>> note = optional(o, "", "note", TEXT);

        Option<JsonValue.Obj> assetsNode =
                o.get("assets").filter(JsonValue.Obj.class::isInstance).map(JsonValue.Obj.class::cast);
        // what the rest of the file may refer to, read leniently so that a bad asset does not hide other problems
        Option<Set<AssetId>> known = assetsNode.map(a -> a.fields()
                .keySet()
                .filter(k -> !k.isBlank() && k.equals(k.strip()))
                .map(AssetId::of));
        TreeMap<AssetId, Unit> units = assetsNode.map(StateFile::units).getOrElse(TreeMap.empty());

        Validation<Seq<Problem>, Option<Preset>> preset = optional(o, "", "preset", PolicyFile.PRESET);
        // a misspelt preset is reported once, not again as every field it would have supplied
        Option<Preset> p = o.get("preset").isDefined()
                ? Option.some(preset.toOption().flatMap(x -> x).getOrElse(Presets.AAVE_STYLE))
                : Option.none();
        Validation<Seq<Problem>, AssetId> settlement = required(o, "", "settlementAsset", assetRef(known));
        Option<Unit> settlementUnit = settlement.toOption().flatMap(units::get);
        Validation<Seq<Problem>, ProtocolConfig> config = config(root, o, known, units, settlement, p);

        Validation<Seq<Problem>, Vector<Tuple2<Tx.Deposit, JsonValue>>> balances =
                optional(o, "", "balances", balances(known, units), Vector.empty());
        Validation<Seq<Problem>, Option<Tx>> fund = optional(o, "", "insuranceFund", amount(settlementUnit, false))
                .map(a -> a.map(x -> (Tx) new Tx.FundInsurance(x)));

        return flat(Validation.combine(block, timestamp, note, preset, config, balances, fund)
                .ap((b, t, n, pr, c, bal, f) -> new Genesis(c, b, t, seeds(o, b, t, bal, f))));
    }

    /**
     * {@return the configuration a state file describes (assets, markets, the policies, gas, beside the settlement
     * asset read already), each policy from the file or else from the preset {@code p} names, or every problem found
     * in it}
     */
    private static Validation<Seq<Problem>, ProtocolConfig> config(
            JsonValue root,
            JsonValue.Obj o,
            Option<Set<AssetId>> known,
            TreeMap<AssetId, Unit> units,
            Validation<Seq<Problem>, AssetId> settlement,
            Option<Preset> p) {
        Option<Unit> settlementUnit = settlement.toOption().flatMap(units::get);
        Validation<Seq<Problem>, TreeMap<AssetId, AssetConfig>> assets = required(
                        o, "", "assets", map("an object of assets by symbol, such as {\"USDC\": {...}}"))
                .flatMap(a -> assets(root, a));
        Validation<Seq<Problem>, TreeMap<MarketId, MarketConfig>> markets = required(
                        o, "", "markets", map("an object of markets by name, such as {\"ETH-PERP\": {...}}"))
                .flatMap(m -> markets(root, m, known, units));
        Validation<Seq<Problem>, KeeperReward> keeper =
                fromPreset(o, "keeperReward", keeperReward(root, settlementUnit), p.map(Preset::keeperReward));
        Validation<Seq<Problem>, PositionReceiver> receiver =
                fromPreset(o, "receiver", RECEIVER, p.map(Preset::receiver));
        Validation<Seq<Problem>, ShortfallPolicy> shortfall =
                fromPreset(o, "shortfall", SHORTFALL, p.map(Preset::shortfall));
        Option<LiquidationPolicy> presetPolicy = p.map(Preset::liquidation)
                .map(l -> l instanceof LiquidationPolicy.Absorb a
                        ? new LiquidationPolicy.Absorb(
                                a.liquidationFactors().filterKeys(id -> known.forAll(k -> k.contains(id))),
                                a.defaultLiquidationFactor(),
                                a.storeFrontPriceFactor(),
                                a.targetReserves())
                        : l);
        Validation<Seq<Problem>, LiquidationPolicy> liquidation = optional(
                o,
                "",
                "liquidation",
                PolicyFile.liquidation(root, settlementUnit, known, presetPolicy),
                presetPolicy.getOrElse(new LiquidationPolicy.AccountWide()));
        Validation<Seq<Problem>, GasSchedule> gas = optional(o, "", "gas", gas(root), GasSchedule.DEFAULT);
        return join(Validation.combine(settlement, assets, markets, keeper, receiver, shortfall, gas, liquidation)
                .ap((s, a, m, k, r, sh, g, l) -> model(root, () -> new ProtocolConfig(s, a, m, k, r, sh, g, l))));
    }

    private static Vector<Genesis.Seed> seeds(
            JsonValue.Obj o,
            long block,
            long timestamp,
            Vector<Tuple2<Tx.Deposit, JsonValue>> balances,
            Option<Tx> fund) {
        Vector<Genesis.Seed> seeds = Vector.empty();
        for (Tuple2<Tx.Deposit, JsonValue> b : balances) {
            Tx.Deposit d = b._1;
            String path = "balances." + d.account() + "." + d.asset();
            seeds = seeds.append(seed(seeds.size(), path, b._2.line(), block, timestamp, d.account(), d));
        }
        for (Tx f : fund) {
            seeds = seeds.append(seed(
                    seeds.size(), "insuranceFund", o.lineOf("insuranceFund"), block, timestamp, GENESIS_SENDER, f));
        }
        return seeds;
    }

    private static Genesis.Seed seed(
            int index, String path, int line, long block, long timestamp, AccountId sender, Tx tx) {
        BlockContext context = new BlockContext(block, timestamp, sender, TreeMap.empty());
        return new Genesis.Seed(new Entry(index, Option.some(path), context, tx), path, line);
    }

    // ---- assets

    private static TreeMap<AssetId, Unit> units(JsonValue.Obj assets) {
        TreeMap<AssetId, Unit> units = TreeMap.empty();
        for (Tuple2<String, JsonValue> e : assets.fields()) {
            if (e._2 instanceof JsonValue.Obj a && !e._1.isBlank() && e._1.equals(e._1.strip())) {
                Option<Integer> decimals =
                        a.get("decimals").flatMap(d -> DECIMALS.read(d, "").toOption());
                for (Integer d : decimals) {
                    units = units.put(AssetId.of(e._1), new Unit(e._1, d));
                }
            }
        }
        return units;
    }

    private static Validation<Seq<Problem>, TreeMap<AssetId, AssetConfig>> assets(
            JsonValue root, JsonValue.Obj assets) {
        Seq<Validation<Seq<Problem>, Tuple2<AssetId, AssetConfig>>> each =
                assets.fields().toList().map(e -> asset(root, e._1, e._2));
        return Validation.sequence(each).map(TreeMap::ofEntries);
    }

    private static Validation<Seq<Problem>, Tuple2<AssetId, AssetConfig>> asset(
            JsonValue root, String name, JsonValue node) {
        String path = child("assets", name);
        Validation<Seq<Problem>, AssetId> id = key(name, node, path, ASSET_NAME).map(AssetId::of);
        return Decode.object(
                node,
                path,
                "an object with decimals, collateralWeight and the asset's other fields",
                ASSET,
                o -> join(Validation.combine(
                                id,
                                required(o, path, "decimals", DECIMALS),
                                optional(o, path, "priceKey", Decode.name("an oracle key such as \"ETH/USD\"")),
                                required(o, path, "collateralWeight", RATIO),
                                optional(o, path, "borrowable", BOOLEAN, false),
                                optional(o, path, "liabilityWeight", RATIO, Wad.ONE),
                                optional(o, path, "maxOracleAge", SECONDS, DEFAULT_MAX_ORACLE_AGE))
                        .ap((i, d, key, w, b, l, age) ->
                                model(root, () -> Tuple.of(i, new AssetConfig(i, d, key, w, b, l, age))))));
    }

    private static Kind<AssetId> assetRef(Option<Set<AssetId>> known) {
        Kind<String> name = Decode.name(ASSET_NAME);
        return new Kind<>(
                ASSET_NAME,
                (n, path) -> name.read(n, path).map(AssetId::of).flatMap(a -> configured(n, path, a, known)));
    }

    private static Validation<Seq<Problem>, AssetId> configured(
            JsonValue at, String path, AssetId asset, Option<Set<AssetId>> known) {
        return known.exists(k -> !k.contains(asset))
                ? fail(
                        at,
                        path,
                        "\"" + asset + "\" is not a configured asset; valid: one of "
                                + known.get().mkString(", "))
                : ok(asset);
    }

    // ---- markets

    private static Validation<Seq<Problem>, TreeMap<MarketId, MarketConfig>> markets(
            JsonValue root, JsonValue.Obj markets, Option<Set<AssetId>> known, TreeMap<AssetId, Unit> units) {
        Seq<Validation<Seq<Problem>, Tuple2<MarketId, MarketConfig>>> each =
                markets.fields().toList().map(e -> market(root, e._1, e._2, known, units));
        return Validation.sequence(each).map(TreeMap::ofEntries);
    }

    private static Validation<Seq<Problem>, Tuple2<MarketId, MarketConfig>> market(
            JsonValue root, String name, JsonValue node, Option<Set<AssetId>> known, TreeMap<AssetId, Unit> units) {
        String path = child("markets", name);
        Validation<Seq<Problem>, MarketId> id =
                key(name, node, path, MARKET_NAME).map(MarketId::of);
        return Decode.object(
                node, path, "an object with underlying, margins and the market's other fields", MARKET, o -> {
                    Validation<Seq<Problem>, AssetId> underlying = required(o, path, "underlying", assetRef(known));
                    Option<Unit> unit = underlying.toOption().flatMap(units::get);
                    var rest = flat(Validation.combine(
                                    optional(o, path, "maxOracleAge", SECONDS, DEFAULT_MAX_ORACLE_AGE),
                                    optional(o, path, "maxFundingRatePerDay", RATIO, Wad.ZERO),
                                    optional(o, path, "takerFee", RATIO, Wad.ZERO),
                                    optional(o, path, "makerFee", RATIO, Wad.ZERO))
                            .ap(Tuple::of));
                    return join(Validation.combine(
                                    id,
                                    underlying,
                                    required(o, path, "initialMargin", RATIO),
                                    required(o, path, "maintenanceMargin", RATIO),
                                    required(o, path, "liquidationPenalty", RATIO),
                                    required(o, path, "maxOpenInterest", amount(unit, true)),
                                    required(o, path, "priceBand", RATIO),
                                    rest)
                            .ap((i, u, im, mm, pen, oi, band, r) -> model(
                                    root,
                                    () -> Tuple.of(
                                            i,
                                            new MarketConfig(i, u, im, mm, pen, oi, band, r._1, r._2, r._3, r._4)))));
                });
    }

    // ---- policies and gas

    /** {@return the field, required unless a preset supplies it} */
    private static <T> Validation<Seq<Problem>, T> fromPreset(
            JsonValue.Obj o, String name, Kind<T> kind, Option<T> preset) {
        return preset.isDefined() ? optional(o, "", name, kind, preset.get()) : required(o, "", name, kind);
    }

    private static Kind<KeeperReward> keeperReward(JsonValue root, Option<Unit> settlement) {
        String valid = "an object such as {\"flat\": \"5000000\", \"shareOfPenalty\": \"0.25\"}";
        return new Kind<>(
                valid,
                (n, path) -> Decode.object(n, path, valid, KEEPER, o -> {
                    var flatReward = required(o, path, "flat", amount(settlement, true));
                    var share = required(o, path, "shareOfPenalty", RATIO);
                    return join(Validation.combine(flatReward, share)
                            .ap((f, sh) -> model(root, () -> new KeeperReward(f, sh))));
                }));
    }

    private static final String RECEIVERS =
            "{\"type\": \"Liquidator\"} or {\"type\": \"Backstop\", \"account\": \"backstop\"}";
    private static final Kind<PositionReceiver> RECEIVER = new Kind<>(
            RECEIVERS,
            (n, path) ->
                    Decode.object(n, path, RECEIVERS, LinkedHashSet.of("type", "account"), o -> receiver(o, path)));

    private static Validation<Seq<Problem>, PositionReceiver> receiver(JsonValue.Obj o, String path) {
        return required(o, path, "type", TEXT).flatMap(type -> switch (type) {
            case "Liquidator" ->
                o.get("account").isDefined()
                        ? fail(
                                o.get("account").get(),
                                child(path, "account"),
                                "is only for a Backstop receiver; a Liquidator receiver is the keeper itself")
                        : ok(new PositionReceiver.Liquidator());
            case "Backstop" -> required(o, path, "account", ACCOUNT).map(PositionReceiver.Backstop::new);
            default ->
                Decode.invalid(
                        o.get("type").get(),
                        child(path, "type"),
                        "is not a receiver type",
                        "\"Liquidator\" or \"Backstop\"");
        });
    }

    private static final String POLICIES = "{\"type\": \"InsuranceThenSocialize\"}, {\"type\": \"InsuranceThenAdl\"},"
            + " {\"type\": \"InsuranceThenDeleverage\"} or {\"type\": \"InsuranceThenBadDebt\"}";
    private static final Kind<ShortfallPolicy> SHORTFALL = new Kind<>(
            POLICIES, (n, path) -> Decode.object(n, path, POLICIES, LinkedHashSet.of("type"), o -> shortfall(o, path)));

    private static Validation<Seq<Problem>, ShortfallPolicy> shortfall(JsonValue.Obj o, String path) {
        return required(o, path, "type", TEXT).flatMap(type -> switch (type) {
            case "InsuranceThenSocialize" -> ok(new ShortfallPolicy.InsuranceThenSocialize());
            case "InsuranceThenAdl" -> ok(new ShortfallPolicy.InsuranceThenAdl());
            case "InsuranceThenDeleverage" -> ok(new ShortfallPolicy.InsuranceThenDeleverage());
            case "InsuranceThenBadDebt" -> ok(new ShortfallPolicy.InsuranceThenBadDebt());
            default ->
                Decode.invalid(
                        o.get("type").get(),
                        child(path, "type"),
                        "is not a shortfall policy",
                        "\"InsuranceThenSocialize\", \"InsuranceThenAdl\", \"InsuranceThenDeleverage\" or"
                                + " \"InsuranceThenBadDebt\"");
        });
    }

    private static Kind<GasSchedule> gas(JsonValue root) {
        String valid = "an object of gas per operation, such as {\"trade\": 150000}; missing ones keep their default";
        GasSchedule d = GasSchedule.DEFAULT;
        return new Kind<>(
                valid,
                (n, path) -> Decode.object(n, path, valid, GAS, o -> {
                    var first = flat(Validation.combine(
                                    optional(o, path, "deposit", GAS_UNITS, d.deposit()),
                                    optional(o, path, "withdraw", GAS_UNITS, d.withdraw()),
                                    optional(o, path, "trade", GAS_UNITS, d.trade()),
                                    optional(o, path, "isolatedMargin", GAS_UNITS, d.isolatedMargin()),
                                    optional(o, path, "settleFunding", GAS_UNITS, d.settleFunding()))
                            .ap(Tuple::of));
                    var second = flat(Validation.combine(
                                    optional(o, path, "liquidateBase", GAS_UNITS, d.liquidateBase()),
                                    optional(o, path, "liquidatePerPosition", GAS_UNITS, d.liquidatePerPosition()),
                                    optional(o, path, "liquidatePerAsset", GAS_UNITS, d.liquidatePerAsset()),
                                    optional(o, path, "revert", GAS_UNITS, d.revert()))
                            .ap(Tuple::of));
                    return join(Validation.combine(first, second)
                            .ap((a, b) -> model(
                                    root,
                                    () -> new GasSchedule(a._1, a._2, a._3, a._4, a._5, b._1, b._2, b._3, b._4))));
                }));
    }

    // ---- balances

    private static Kind<Vector<Tuple2<Tx.Deposit, JsonValue>>> balances(
            Option<Set<AssetId>> known, TreeMap<AssetId, Unit> units) {
        String valid = "an object of balances by account, such as {\"alice\": {\"USDC\": \"1000000000\"}}";
        return new Kind<>(
                valid,
                (n, path) -> map(valid).read(n, path).flatMap(accounts -> {
                    Seq<Validation<Seq<Problem>, Seq<Tuple2<Tx.Deposit, JsonValue>>>> each = accounts.fields()
                            .toList()
                            .map(e -> accountBalances(e._1, e._2, child(path, e._1), known, units));
                    return Validation.sequence(each).map(s -> s.flatMap(x -> x).toVector());
                }));
    }

    private static Validation<Seq<Problem>, Seq<Tuple2<Tx.Deposit, JsonValue>>> accountBalances(
            String name, JsonValue node, String path, Option<Set<AssetId>> known, TreeMap<AssetId, Unit> units) {
        String valid = "an object of amounts by asset, such as {\"USDC\": \"1000000000\"}";
        Validation<Seq<Problem>, AccountId> account =
                key(name, node, path, "an account name such as \"alice\"").map(AccountId::of);
        return map(valid).read(node, path).flatMap(o -> {
            Seq<Validation<Seq<Problem>, Tuple2<Tx.Deposit, JsonValue>>> each = o.fields()
                    .toList()
                    .map(e -> {
                        String at = child(path, e._1);
                        Validation<Seq<Problem>, AssetId> asset = key(e._1, e._2, at, ASSET_NAME)
                                .map(AssetId::of)
                                .flatMap(a -> configured(e._2, at, a, known));
                        Option<Unit> unit = asset.toOption().flatMap(units::get);
                        return flat(Validation.combine(
                                        account, asset, amount(unit, false).read(e._2, at))
                                .ap((acc, a, amt) -> Tuple.of(new Tx.Deposit(acc, a, amt), e._2)));
                    });
            return Validation.sequence(each).map(List::ofAll);
        });
    }

    private static Kind<JsonValue.Obj> map(String valid) {
        return new Kind<>(valid, (n, path) -> Decode.map(n, path, valid));
    }
}
