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

    private static final String TYPES = "\"AccountWide\", \"CloseFactor\" or \"Absorb\"";
    private static final Set<String> CLOSE_FACTOR =
            LinkedHashSet.of("closeFactor", "fullCloseHealth", "fullCloseBelow", "bonus", "protocolShareOfBonus");
    private static final Set<String> ABSORB = LinkedHashSet.of(
            "liquidationFactors", "defaultLiquidationFactor", "storeFrontPriceFactor", "targetReserves");
    private static final Set<String> FIELDS =
            LinkedHashSet.of("type").addAll(CLOSE_FACTOR).addAll(ABSORB);

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
                                    "is not a preset",
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
            Node root, Option<Unit> settlement, Option<Set<AssetId>> known, Option<LiquidationPolicy> base) {
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
                            default ->
                                Decode.invalid(
                                        o.get("type").get(), child(path, "type"), "is not a liquidation policy", TYPES);
                        };
                    });
                }));
    }

    private static Validation<Seq<Problem>, LiquidationPolicy> closeFactor(
            Node root, Node.Obj o, String path, Option<Unit> settlement, Option<LiquidationPolicy> same) {
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
            Node root,
            Node.Obj o,
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

    private static Validation<Seq<Problem>, TreeMap<AssetId, Wad>> factors(
            Node n, String path, Option<Set<AssetId>> known) {
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
    private static Validation<Seq<Problem>, Boolean> only(Node.Obj o, String path, String type, Set<String> allowed) {
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
            Node.Obj o, String path, String name, Kind<T> kind, Option<T> inherited) {
        return inherited.isDefined() ? optional(o, path, name, kind, inherited.get()) : required(o, path, name, kind);
    }
}
