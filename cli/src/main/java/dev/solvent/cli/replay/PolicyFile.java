package dev.solvent.cli.replay;

import static dev.solvent.cli.replay.Decode.RATIO;
import static dev.solvent.cli.replay.Decode.TEXT;
import static dev.solvent.cli.replay.Decode.amount;
import static dev.solvent.cli.replay.Decode.child;
import static dev.solvent.cli.replay.Decode.fail;
import static dev.solvent.cli.replay.Decode.flat;
import static dev.solvent.cli.replay.Decode.model;
import static dev.solvent.cli.replay.Decode.ok;
import static dev.solvent.cli.replay.Decode.optional;
import static dev.solvent.cli.replay.Decode.required;

import dev.solvent.cli.replay.Decode.Kind;
import dev.solvent.cli.replay.Decode.Unit;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PriceCurve;
import dev.solvent.model.preset.Preset;
import dev.solvent.model.preset.Presets;
import io.vavr.Tuple;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import io.vavr.control.Validation;

/**
 * Reads a state file's {@code preset} and {@code liquidation} fields. With a preset, a {@code liquidation} object may
 * leave out its {@code type} and any parameter, which then come from the preset's policy: that is how a file
 * overrides a preset's parameters.
 */
final class PolicyFile {

    private static final String TYPES = "\"AccountWide\", \"CloseFactor\", \"Absorb\", \"DutchAuction\","
            + " \"BackstopVault\", \"FillablePrice\" or \"WindowCapped\" (the SYNTHETIX_V3_PERPS preset's, whose"
            + " per-market parameters are not read from files)";
    private static final Set<String> CLOSE_FACTOR =
            LinkedHashSet.of("closeFactor", "fullCloseHealth", "fullCloseBelow", "bonus", "protocolShareOfBonus");
    private static final Set<String> ABSORB = LinkedHashSet.of(
            "liquidationFactors", "defaultLiquidationFactor", "storeFrontPriceFactor", "targetReserves");
    private static final Set<String> AUCTION =
            LinkedHashSet.of("buf", "curve", "tail", "cusp", "chop", "hole", "globalHole", "tip", "chip", "dust");
    private static final Set<String> VAULT =
            LinkedHashSet.of("vault", "backstopBelow", "partialAbove", "partialFraction", "cooldown");
    private static final Set<String> FILLABLE =
            LinkedHashSet.of("bankruptcyAdjustment", "spreadToMaintenanceMarginRatio", "maxLiquidationFee");
    private static final Set<String> FIELDS = LinkedHashSet.of("type")
            .addAll(CLOSE_FACTOR)
            .addAll(ABSORB)
            .addAll(AUCTION)
            .addAll(VAULT)
            .addAll(FILLABLE);
    private static final String CURVES = "{\"type\": \"Linear\", \"tau\": 3600},"
            + " {\"type\": \"StairstepExponential\", \"cut\": \"0.99\", \"step\": 90}"
            + " or {\"type\": \"Exponential\", \"cut\": \"0.999\"}";
    private static final Kind<Long> SECONDS = Decode.whole("a whole number of seconds > 0, such as 3600", 1);

    private PolicyFile() {}

    /** A preset's name. */
    static final Kind<Preset> PRESET = new Kind<>(
            "one of " + Presets.all().map(p -> "\"" + p.name() + "\"").mkString(", "),
            (n, path) -> TEXT.read(n, path)
                    .flatMap(name -> Presets.byName(name)
                            .map(Decode::ok)
                            .getOrElse(() -> Decode.invalid(
                                    n,
                                    path,
                                    Presets.renamed(name)
                                            .map(why -> "is not a preset (" + why + ")")
                                            .getOrElse("is not a preset"),
                                    "one of "
                                            + Presets.all()
                                                    .map(p -> "\"" + p.name() + "\"")
                                                    .mkString(", ")))));

    /**
     * {@return how to read a liquidation policy}
     *
     * @param base the preset's policy, whose type and parameters fill what the object leaves out
     */
    static Kind<LiquidationPolicy> liquidation(
            JsonValue root, Option<Unit> settlement, Option<Set<AssetId>> known, Option<LiquidationPolicy> base) {
        String valid = "an object such as {\"type\": \"CloseFactor\", \"closeFactor\": \"0.5\", ...}; type " + TYPES
                + (base.isDefined() ? ", or only the preset's parameters to override" : "");
        return new Kind<>(
                valid,
                (n, path) -> Decode.object(n, path, valid, FIELDS, o -> {
                    Option<String> inherited = base.map(b -> b.getClass().getSimpleName());
                    Validation<Seq<Problem>, String> type = inherited.isDefined()
                            ? optional(o, path, "type", TEXT, inherited.get())
                            : required(o, path, "type", TEXT);
                    return type.flatMap(t -> {
                        Option<LiquidationPolicy> same =
                                base.filter(b -> b.getClass().getSimpleName().equals(t));
                        return switch (t) {
                            case "AccountWide" ->
                                only(o, path, t, LinkedHashSet.empty())
                                        .map(x -> (LiquidationPolicy) new LiquidationPolicy.AccountWide());
                            case "CloseFactor" -> closeFactor(root, o, path, settlement, same);
                            case "Absorb" -> absorb(root, o, path, settlement, known, same);
                            case "DutchAuction" -> auction(root, o, path, settlement, same);
                            case "BackstopVault" -> vault(root, o, path, settlement, same);
                            case "FillablePrice" -> fillable(root, o, path, same);
                            case "WindowCapped" ->
                                same.isDefined()
                                        ? only(o, path, t, LinkedHashSet.empty())
                                                .map(x -> same.get())
                                        : Decode.invalid(
                                                o.get("type").get(),
                                                child(path, "type"),
                                                "needs the SYNTHETIX_V3_PERPS preset",
                                                "\"preset\": \"SYNTHETIX_V3_PERPS\" beside it, or another type: "
                                                        + TYPES);
                            default ->
                                Decode.invalid(
                                        o.get("type").get(), child(path, "type"), "is not a liquidation policy", TYPES);
                        };
                    });
                }));
    }

    private static Validation<Seq<Problem>, LiquidationPolicy> closeFactor(
            JsonValue root, JsonValue.Obj o, String path, Option<Unit> settlement, Option<LiquidationPolicy> same) {
        Option<LiquidationPolicy.CloseFactor> b = same.map(LiquidationPolicy.CloseFactor.class::cast);
        return flat(Validation.combine(
                                only(o, path, "CloseFactor", CLOSE_FACTOR),
                                field(o, path, "closeFactor", RATIO, b.map(LiquidationPolicy.CloseFactor::closeFactor)),
                                field(
                                        o,
                                        path,
                                        "fullCloseHealth",
                                        RATIO,
                                        b.map(LiquidationPolicy.CloseFactor::fullCloseHealth)),
                                field(
                                        o,
                                        path,
                                        "fullCloseBelow",
                                        amount(settlement, true),
                                        b.map(LiquidationPolicy.CloseFactor::fullCloseBelow)),
                                field(o, path, "bonus", RATIO, b.map(LiquidationPolicy.CloseFactor::bonus)),
                                field(
                                        o,
                                        path,
                                        "protocolShareOfBonus",
                                        RATIO,
                                        b.map(LiquidationPolicy.CloseFactor::protocolShareOfBonus)))
                        .ap((x, cf, h, dust, bonus, share) -> Tuple.of(cf, h, dust, bonus, share)))
                .flatMap(t -> model(root, () ->
                        (LiquidationPolicy) new LiquidationPolicy.CloseFactor(t._1, t._2, t._3, t._4, t._5)));
    }

    private static Validation<Seq<Problem>, LiquidationPolicy> absorb(
            JsonValue root,
            JsonValue.Obj o,
            String path,
            Option<Unit> settlement,
            Option<Set<AssetId>> known,
            Option<LiquidationPolicy> same) {
        Option<LiquidationPolicy.Absorb> b = same.map(LiquidationPolicy.Absorb.class::cast);
        Validation<Seq<Problem>, TreeMap<AssetId, Wad>> factors = o.get("liquidationFactors")
                .map(n -> factors(n, child(path, "liquidationFactors"), known))
                .getOrElse(() -> ok(b.map(LiquidationPolicy.Absorb::liquidationFactors)
                        .getOrElse(TreeMap.empty())
                        .filterKeys(a -> known.forAll(k -> k.contains(a)))));
        return flat(Validation.combine(
                                only(o, path, "Absorb", ABSORB),
                                factors,
                                field(
                                        o,
                                        path,
                                        "defaultLiquidationFactor",
                                        RATIO,
                                        b.map(LiquidationPolicy.Absorb::defaultLiquidationFactor)),
                                field(
                                        o,
                                        path,
                                        "storeFrontPriceFactor",
                                        RATIO,
                                        b.map(LiquidationPolicy.Absorb::storeFrontPriceFactor)),
                                field(
                                        o,
                                        path,
                                        "targetReserves",
                                        amount(settlement, true),
                                        b.map(LiquidationPolicy.Absorb::targetReserves)))
                        .ap((x, f, lf, sf, target) -> Tuple.of(f, lf, sf, target)))
                .flatMap(t ->
                        model(root, () -> (LiquidationPolicy) new LiquidationPolicy.Absorb(t._1, t._2, t._3, t._4)));
    }

    private static Validation<Seq<Problem>, LiquidationPolicy> auction(
            JsonValue root, JsonValue.Obj o, String path, Option<Unit> settlement, Option<LiquidationPolicy> same) {
        Option<LiquidationPolicy.DutchAuction> b = same.map(LiquidationPolicy.DutchAuction.class::cast);
        var first = flat(Validation.combine(
                        only(o, path, "DutchAuction", AUCTION),
                        field(o, path, "buf", RATIO, b.map(LiquidationPolicy.DutchAuction::buf)),
                        field(o, path, "curve", curve(root), b.map(LiquidationPolicy.DutchAuction::curve)),
                        field(o, path, "tail", SECONDS, b.map(LiquidationPolicy.DutchAuction::tail)),
                        field(o, path, "cusp", RATIO, b.map(LiquidationPolicy.DutchAuction::cusp)),
                        field(o, path, "chop", RATIO, b.map(LiquidationPolicy.DutchAuction::chop)))
                .ap((x, buf, curve, tail, cusp, chop) -> Tuple.of(buf, curve, tail, cusp, chop)));
        var second = flat(Validation.combine(
                        field(o, path, "hole", amount(settlement, true), b.map(LiquidationPolicy.DutchAuction::hole)),
                        field(
                                o,
                                path,
                                "globalHole",
                                amount(settlement, true),
                                b.map(LiquidationPolicy.DutchAuction::globalHole)),
                        field(o, path, "tip", amount(settlement, true), b.map(LiquidationPolicy.DutchAuction::tip)),
                        field(o, path, "chip", RATIO, b.map(LiquidationPolicy.DutchAuction::chip)),
                        field(o, path, "dust", amount(settlement, true), b.map(LiquidationPolicy.DutchAuction::dust)))
                .ap(Tuple::of));
        return flat(Validation.combine(first, second).ap(Tuple::of))
                .flatMap(t -> model(root, () -> (LiquidationPolicy) new LiquidationPolicy.DutchAuction(
                        t._1._1, t._1._2, t._1._3, t._1._4, t._1._5, t._2._1, t._2._2, t._2._3, t._2._4, t._2._5)));
    }

    private static Kind<PriceCurve> curve(JsonValue root) {
        return new Kind<>(
                CURVES,
                (n, path) -> Decode.object(
                        n,
                        path,
                        CURVES,
                        LinkedHashSet.of("type", "tau", "cut", "step"),
                        o -> required(o, path, "type", TEXT).flatMap(t -> switch (t) {
                            case "Linear" ->
                                required(o, path, "tau", SECONDS)
                                        .flatMap(tau -> model(root, () -> (PriceCurve) new PriceCurve.Linear(tau)));
                            case "StairstepExponential" ->
                                flat(Validation.combine(
                                                        required(o, path, "cut", RATIO),
                                                        required(o, path, "step", SECONDS))
                                                .ap(Tuple::of))
                                        .flatMap(c -> model(root, () ->
                                                (PriceCurve) new PriceCurve.StairstepExponential(c._1, c._2)));
                            case "Exponential" ->
                                required(o, path, "cut", RATIO)
                                        .flatMap(
                                                cut -> model(root, () -> (PriceCurve) new PriceCurve.Exponential(cut)));
                            default ->
                                Decode.invalid(
                                        o.get("type").get(),
                                        child(path, "type"),
                                        "is not a price curve",
                                        "\"Linear\", \"StairstepExponential\" or \"Exponential\"");
                        })));
    }

    private static Validation<Seq<Problem>, LiquidationPolicy> vault(
            JsonValue root, JsonValue.Obj o, String path, Option<Unit> settlement, Option<LiquidationPolicy> same) {
        Option<LiquidationPolicy.BackstopVault> b = same.map(LiquidationPolicy.BackstopVault.class::cast);
        return flat(Validation.combine(
                                only(o, path, "BackstopVault", VAULT),
                                field(o, path, "vault", Decode.ACCOUNT, b.map(LiquidationPolicy.BackstopVault::vault)),
                                field(
                                        o,
                                        path,
                                        "backstopBelow",
                                        RATIO,
                                        b.map(LiquidationPolicy.BackstopVault::backstopBelow)),
                                field(
                                        o,
                                        path,
                                        "partialAbove",
                                        amount(settlement, true),
                                        b.map(LiquidationPolicy.BackstopVault::partialAbove)),
                                field(
                                        o,
                                        path,
                                        "partialFraction",
                                        RATIO,
                                        b.map(LiquidationPolicy.BackstopVault::partialFraction)),
                                field(
                                        o,
                                        path,
                                        "cooldown",
                                        Decode.whole("a whole number of seconds >= 0, such as 30", 0),
                                        b.map(LiquidationPolicy.BackstopVault::cooldown)))
                        .ap((x, v, below, above, fraction, cooldown) -> Tuple.of(v, below, above, fraction, cooldown)))
                .flatMap(t -> model(root, () ->
                        (LiquidationPolicy) new LiquidationPolicy.BackstopVault(t._1, t._2, t._3, t._4, t._5)));
    }

    private static Validation<Seq<Problem>, LiquidationPolicy> fillable(
            JsonValue root, JsonValue.Obj o, String path, Option<LiquidationPolicy> same) {
        Option<LiquidationPolicy.FillablePrice> b = same.map(LiquidationPolicy.FillablePrice.class::cast);
        return flat(Validation.combine(
                                only(o, path, "FillablePrice", FILLABLE),
                                field(
                                        o,
                                        path,
                                        "bankruptcyAdjustment",
                                        RATIO,
                                        b.map(LiquidationPolicy.FillablePrice::bankruptcyAdjustment)),
                                field(
                                        o,
                                        path,
                                        "spreadToMaintenanceMarginRatio",
                                        RATIO,
                                        b.map(LiquidationPolicy.FillablePrice::spreadToMaintenanceMarginRatio)),
                                field(
                                        o,
                                        path,
                                        "maxLiquidationFee",
                                        RATIO,
                                        b.map(LiquidationPolicy.FillablePrice::maxLiquidationFee)))
                        .ap((x, ba, smmr, fee) -> Tuple.of(ba, smmr, fee)))
                .flatMap(t ->
                        model(root, () -> (LiquidationPolicy) new LiquidationPolicy.FillablePrice(t._1, t._2, t._3)));
    }

    private static Validation<Seq<Problem>, TreeMap<AssetId, Wad>> factors(
            JsonValue n, String path, Option<Set<AssetId>> known) {
        return Decode.map(n, path, "an object of liquidation factors by asset, such as {\"WETH\": \"0.95\"}")
                .flatMap(m -> Validation.sequence(m.fields().toList().map(e -> {
                            String at = child(path, e._1);
                            AssetId asset = AssetId.of(e._1);
                            Validation<Seq<Problem>, AssetId> id = known.exists(k -> !k.contains(asset))
                                    ? fail(
                                            e._2,
                                            at,
                                            "is not a configured asset; valid: one of "
                                                    + known.get().mkString(", "))
                                    : ok(asset);
                            return flat(
                                    Validation.combine(id, RATIO.read(e._2, at)).ap(Tuple::of));
                        }))
                        .map(TreeMap::ofEntries));
    }

    /** {@return nothing if the object holds no parameter of another policy type} */
    private static Validation<Seq<Problem>, Boolean> only(
            JsonValue.Obj o, String path, String type, Set<String> allowed) {
        Seq<Problem> others = o.fields()
                .filterKeys(k -> !k.equals("type") && FIELDS.contains(k) && !allowed.contains(k))
                .map(e -> Problem.at(
                        e._2.line(),
                        child(path, e._1),
                        "is not a parameter of " + type + "; valid fields here: type"
                                + (allowed.isEmpty() ? "" : ", " + allowed.mkString(", "))))
                .toList();
        return others.isEmpty() ? ok(true) : Validation.invalid(others);
    }

    private static <T> Validation<Seq<Problem>, T> field(
            JsonValue.Obj o, String path, String name, Kind<T> kind, Option<T> inherited) {
        return inherited.isDefined() ? optional(o, path, name, kind, inherited.get()) : required(o, path, name, kind);
    }
}
