package dev.solvent.cli.replay;

import static dev.solvent.cli.replay.Decode.ACCOUNT;
import static dev.solvent.cli.replay.Decode.DECIMALS;
import static dev.solvent.cli.replay.Decode.RATIO;
import static dev.solvent.cli.replay.Decode.TEXT;
import static dev.solvent.cli.replay.Decode.child;
import static dev.solvent.cli.replay.Decode.fail;
import static dev.solvent.cli.replay.Decode.flat;
import static dev.solvent.cli.replay.Decode.index;
import static dev.solvent.cli.replay.Decode.invalid;
import static dev.solvent.cli.replay.Decode.ok;
import static dev.solvent.cli.replay.Decode.optional;
import static dev.solvent.cli.replay.Decode.required;
import static dev.solvent.cli.replay.Decode.signed;
import static dev.solvent.cli.replay.Decode.whole;

import dev.solvent.cli.replay.Decode.Kind;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.claim.Claim;
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
import java.nio.file.Path;

/**
 * Reads a claim file for {@code solvent check} (the format is in {@code docs/check.md}): the claim, the protocol as a
 * replay state file (a path next to the claim file, or the same object inline), who trades and who keeps, the price
 * bounds and the search's tries and seed. Every problem is reported with its file, line and field, as for replay files;
 * the state is read by the replay's own state-file decoder.
 */
public final class ClaimFile {

    private static final Set<String> TOP =
            LinkedHashSet.of("note", "claim", "state", "traders", "keeper", "prices", "keepers", "search");
    private static final Set<String> PRICES = LinkedHashSet.of("initial", "maxMovePerBlock", "blocks");
    private static final Set<String> ANSWER = LinkedHashSet.of("answer", "decimals");
    private static final Set<String> KEEPERS = LinkedHashSet.of("actWithinBlocks", "gasPrice");
    private static final Set<String> SEARCH = LinkedHashSet.of("tries", "seed");
    private static final Wad ONE_BPS = Wad.parse("0.0001");

    private ClaimFile() {}

    /**
     * A claim file, read.
     *
     * @param claim the claim
     * @param tries how many scenarios to try
     * @param seed the seed of the random scenarios
     * @param note the file's note, if any
     */
    public record Read(Claim claim, int tries, long seed, Option<String> note) {}

    /** {@return the claim a file describes, or every problem found in it (and in the state file it names)} */
    public static Validation<Seq<Problem>, Read> load(Path file) {
        String name = file.toString();
        return JsonFile.read(file, JsonFile.Limit.CLAIM)
                .fold(
                        p -> Validation.<Seq<Problem>, Read>invalid(List.of(p)),
                        root -> decode(root, file)
                                .mapError(ps -> ps.map(p -> p.file().isEmpty() ? p.inFile(name) : p)));
    }

    private static Validation<Seq<Problem>, Read> decode(JsonValue root, Path file) {
        String valid = "an object with claim, state, traders, keeper, prices, keepers and search";
        return Decode.object(root, "", valid, TOP, o -> fields(o, file));
    }

    private static Validation<Seq<Problem>, Read> fields(JsonValue.Obj o, Path file) {
        Validation<Seq<Problem>, Option<String>> note = optional(o, "", "note", TEXT);
        String kinds = Vector.of(Claim.Kind.values()).map(Claim.Kind::key).mkString(", ");
        Validation<Seq<Problem>, Claim.Kind> kind = required(
                o,
                "",
                "claim",
                new Kind<>(
                        "one of " + kinds,
                        (n, p) -> TEXT.read(n, p)
                                .flatMap(s -> Claim.Kind.of(s)
                                        .map(Decode::<Claim.Kind>ok)
                                        .getOrElse(() -> invalid(n, p, "is not a claim", "one of " + kinds)))));
        Validation<Seq<Problem>, Genesis> genesis = required(o, "", "state", state(file));
        Option<Genesis> g = genesis.toOption();
        Validation<Seq<Problem>, Vector<AccountId>> traders = required(o, "", "traders", traders(g));
        Validation<Seq<Problem>, AccountId> keeper = required(o, "", "keeper", ACCOUNT);
        Validation<Seq<Problem>, Tuple2<TreeMap<String, OracleAnswer>, Tuple2<Integer, Integer>>> prices =
                required(o, "", "prices", prices(g));
        Validation<Seq<Problem>, Tuple2<Integer, I256>> keepers = required(o, "", "keepers", keepers());
        Validation<Seq<Problem>, Tuple2<Integer, Long>> search =
                optional(o, "", "search", search(), Tuple.of(1000, 0L));
        Validation<Seq<Problem>, Read> read = flat(Validation.combine(
                        note, kind, genesis, traders, keeper, prices, keepers, search)
                .ap((n, k, gen, t, kp, p, ks, sr) -> new Read(
                        new Claim(k, setup(gen, t, kp, p._1), p._2._1, p._2._2, ks._1, ks._2), sr._1, sr._2, n)));
        return read;
    }

    private static CampaignSetup setup(
            Genesis g, Vector<AccountId> traders, AccountId keeper, TreeMap<String, OracleAnswer> prices) {
        Vector<CampaignSetup.Balance> balances = Vector.empty();
        U256 fund = U256.ZERO;
        for (Genesis.Seed s : g.seeds()) {
            switch (s.entry().tx()) {
                case Tx.Deposit d ->
                    balances = balances.append(new CampaignSetup.Balance(d.account(), d.asset(), d.amount()));
                case Tx.FundInsurance f -> fund = fund.plus(f.amount());
                // a state file seeds nothing else
                case Tx.Withdraw x -> {}
                case Tx.Borrow x -> {}
                case Tx.Repay x -> {}
                case Tx.Trade x -> {}
                case Tx.OpenIsolated x -> {}
                case Tx.ModifyIsolated x -> {}
                case Tx.CloseIsolated x -> {}
                case Tx.AddIsolatedMargin x -> {}
                case Tx.RemoveIsolatedMargin x -> {}
                case Tx.SettleFunding x -> {}
                case Tx.Liquidate x -> {}
                case Tx.LiquidateIsolated x -> {}
                case Tx.BuyCollateral x -> {}
                case Tx.Take x -> {}
                case Tx.Redo x -> {}
            }
        }
        TreeMap<String, OracleAnswer> stamped =
                prices.mapValues(a -> new OracleAnswer(a.answer(), a.decimals(), g.timestamp()));
        return new CampaignSetup(g.config(), g.timestamp(), balances, fund, traders, keeper, stamped);
    }

    /** A state file named by a path (relative to the claim file's folder), or the same object inline. */
    private static Kind<Genesis> state(Path claimFile) {
        String valid = "the path of a replay state file, such as \"state.json\", or the same object inline";
        return new Kind<>(valid, (n, path) -> switch (n) {
            case JsonValue.Str s -> {
                Path parent = claimFile.toAbsolutePath().getParent();
                Path stateFile = parent == null ? Path.of(s.value()) : parent.resolve(s.value());
                String shown = claimFile.getParent() == null
                        ? s.value()
                        : claimFile.getParent().resolve(s.value()).toString();
                yield JsonFile.read(stateFile, JsonFile.Limit.STATE)
                        .fold(
                                p -> Validation.<Seq<Problem>, Genesis>invalid(
                                        List.of(Problem.at(n.line(), path, shown + ": " + p.message()))),
                                root -> StateFile.decode(root).mapError(ps -> ps.map(p -> p.inFile(shown))));
            }
            case JsonValue.Obj obj ->
                StateFile.decode(obj)
                        .mapError(ps -> ps.map(p -> Problem.at(p.line(), child(path, p.path()), p.message())));
            case JsonValue.Arr x -> invalid(n, path, "is neither a path nor an object", valid);
            case JsonValue.Num x -> invalid(n, path, "is neither a path nor an object", valid);
            case JsonValue.Bool x -> invalid(n, path, "is neither a path nor an object", valid);
            case JsonValue.Null x -> invalid(n, path, "is neither a path nor an object", valid);
        });
    }

    private static Kind<Vector<AccountId>> traders(Option<Genesis> g) {
        String valid = "an array of at least two account names with genesis balances, such as [\"alice\", \"bob\"]";
        return new Kind<>(valid, (n, path) -> {
            if (!(n instanceof JsonValue.Arr a)) {
                return invalid(n, path, "is not an array", valid);
            }
            Seq<Validation<Seq<Problem>, AccountId>> each = a.items()
                    .zipWithIndex()
                    .map(e -> ACCOUNT.read(e._1, index(path, e._2))
                            .flatMap(id -> funded(g, e._1, index(path, e._2), id)));
            return Validation.sequence(each).flatMap(ids -> {
                Vector<AccountId> v = Vector.ofAll(ids);
                if (v.distinct().size() < 2) {
                    return fail(n, path, "has fewer than two distinct accounts; valid: " + valid);
                }
                return ok(v.distinct());
            });
        });
    }

    private static Validation<Seq<Problem>, AccountId> funded(
            Option<Genesis> g, JsonValue at, String path, AccountId id) {
        boolean known = g.forAll(gen -> gen.seeds()
                .exists(s ->
                        s.entry().tx() instanceof Tx.Deposit d && d.account().equals(id)));
        return known
                ? ok(id)
                : fail(
                        at,
                        path,
                        "\"" + id + "\" has no genesis balance in the state; valid: an account under balances");
    }

    private static Kind<Tuple2<TreeMap<String, OracleAnswer>, Tuple2<Integer, Integer>>> prices(Option<Genesis> g) {
        String valid =
                "an object such as {\"initial\": {\"ETH/USD\": {\"answer\": \"3000_00000000\", \"decimals\": 8}},"
                        + " \"maxMovePerBlock\": \"0.02\", \"blocks\": 30}";
        Option<Set<String>> keys = g.map(gen ->
                gen.config().assets().values().flatMap(AssetConfig::priceKey).toSortedSet());
        return new Kind<>(
                valid,
                (n, path) -> Decode.object(n, path, valid, PRICES, o -> {
                    Validation<Seq<Problem>, TreeMap<String, OracleAnswer>> initial =
                            required(o, path, "initial", initial(keys));
                    Validation<Seq<Problem>, Integer> move = required(o, path, "maxMovePerBlock", basisPoints());
                    Validation<Seq<Problem>, Long> blocks = required(
                                    o, path, "blocks", whole("a whole number of blocks from 1 to 10000", 1))
                            .flatMap(b -> b > 10_000
                                    ? fail(
                                            o.get("blocks").get(),
                                            child(path, "blocks"),
                                            b + " is too large; valid: a whole number of blocks from 1 to 10000")
                                    : ok(b));
                    return flat(Validation.combine(initial, move, blocks)
                            .ap((i, m, b) -> Tuple.of(i, Tuple.of(m, b.intValue()))));
                }));
    }

    private static Kind<Integer> basisPoints() {
        String valid = "a fraction of the price below 1 in whole basis points, such as \"0.02\" (2%)";
        return new Kind<>(
                valid,
                (n, path) -> RATIO.read(n, path).flatMap(w -> {
                    I256 raw = w.raw();
                    I256 bps = raw.divide(ONE_BPS.raw(), dev.solvent.model.math.Rounding.FLOOR);
                    if (raw.isNegative() || w.compareTo(Wad.ONE) >= 0) {
                        return invalid(n, path, "is out of range", valid);
                    }
                    if (!bps.times(ONE_BPS.raw()).equals(raw)) {
                        // in range, but between two basis points: say so, and name the two on either side
                        Wad below = new Wad(bps.times(ONE_BPS.raw()));
                        Wad above = new Wad(bps.plus(I256.ONE).times(ONE_BPS.raw()));
                        return invalid(
                                n,
                                path,
                                "is not a whole number of basis points",
                                "a fraction of the price in whole basis points (0.0001 each), such as " + below + " or "
                                        + above);
                    }
                    return ok((int) bps.longValueExact());
                }));
    }

    private static Kind<TreeMap<String, OracleAnswer>> initial(Option<Set<String>> keys) {
        String valid = "an object of the first oracle answer of every price key, such as"
                + " {\"ETH/USD\": {\"answer\": \"3000_00000000\", \"decimals\": 8}}";
        return new Kind<>(
                valid,
                (n, path) -> Decode.map(n, path, valid).flatMap(o -> {
                    Seq<Validation<Seq<Problem>, Tuple2<String, OracleAnswer>>> each = o.fields()
                            .toList()
                            .map(e -> {
                                String at = child(path, e._1);
                                Validation<Seq<Problem>, String> key = keys.exists(k -> !k.contains(e._1))
                                        ? fail(
                                                e._2,
                                                at,
                                                "\"" + e._1 + "\" is not the price key of any asset; valid: one of "
                                                        + keys.get().mkString(", "))
                                        : ok(e._1);
                                Validation<Seq<Problem>, OracleAnswer> answer = Decode.object(
                                        e._2,
                                        at,
                                        "an object such as {\"answer\": \"3000_00000000\", \"decimals\": 8}",
                                        ANSWER,
                                        a -> flat(Validation.combine(
                                                        required(
                                                                a,
                                                                at,
                                                                "answer",
                                                                signed(
                                                                        "a positive integer price with the feed's decimals",
                                                                        false,
                                                                        false,
                                                                        Option.none())),
                                                        required(a, at, "decimals", DECIMALS))
                                                .ap((x, d) -> new OracleAnswer(x, d, 0))));
                                return flat(Validation.combine(key, answer).ap(Tuple::of));
                            });
                    return Validation.sequence(each).map(TreeMap::ofEntries).flatMap(m -> {
                        Seq<String> missing = keys.map(
                                        k -> k.filter(x -> !m.containsKey(x)).toList())
                                .getOrElse(List.empty());
                        return missing.isEmpty()
                                ? ok(m)
                                : fail(n, path, "has no answer for " + missing.mkString(", ") + "; valid: " + valid);
                    });
                }));
    }

    private static Kind<Tuple2<Integer, I256>> keepers() {
        String valid = "an object such as {\"actWithinBlocks\": 2, \"gasPrice\": \"90\"}";
        return new Kind<>(
                valid,
                (n, path) -> Decode.object(n, path, valid, KEEPERS, o -> {
                    Validation<Seq<Problem>, Long> within = required(
                                    o, path, "actWithinBlocks", whole("a whole number of blocks from 0 to 1000", 0))
                            .flatMap(b -> b > 1000
                                    ? fail(
                                            o.get("actWithinBlocks").get(),
                                            child(path, "actWithinBlocks"),
                                            b + " is too large; valid: a whole number of blocks from 0 to 1000")
                                    : ok(b));
                    Validation<Seq<Problem>, I256> gas = optional(
                            o,
                            path,
                            "gasPrice",
                            signed(
                                    "an integer >= 0: settlement base units per unit of gas",
                                    true,
                                    false,
                                    Option.none()),
                            I256.ZERO);
                    return flat(Validation.combine(within, gas).ap((w, g) -> Tuple.of(w.intValue(), g)));
                }));
    }

    private static Kind<Tuple2<Integer, Long>> search() {
        String valid = "an object such as {\"tries\": 1000, \"seed\": 42}";
        return new Kind<>(
                valid,
                (n, path) -> Decode.object(n, path, valid, SEARCH, o -> {
                    Validation<Seq<Problem>, Long> tries = optional(
                                    o, path, "tries", whole("a whole number of tries from 1 to 1000000", 1), 1000L)
                            .flatMap(t -> t > 1_000_000
                                    ? fail(
                                            o.get("tries").get(),
                                            child(path, "tries"),
                                            t + " is too large; valid: a whole number of tries from 1 to 1000000")
                                    : ok(t));
                    Validation<Seq<Problem>, Long> seed =
                            optional(o, path, "seed", whole("a whole number such as 42", Long.MIN_VALUE), 0L);
                    return flat(Validation.combine(tries, seed).ap((t, s) -> Tuple.of(t.intValue(), s)));
                }));
    }
}
