package dev.solvent.cli.replay;

import static dev.solvent.cli.replay.Decode.ACCOUNT;
import static dev.solvent.cli.replay.Decode.DECIMALS;
import static dev.solvent.cli.replay.Decode.TEXT;
import static dev.solvent.cli.replay.Decode.amount;
import static dev.solvent.cli.replay.Decode.child;
import static dev.solvent.cli.replay.Decode.flat;
import static dev.solvent.cli.replay.Decode.index;
import static dev.solvent.cli.replay.Decode.invalid;
import static dev.solvent.cli.replay.Decode.ok;
import static dev.solvent.cli.replay.Decode.optional;
import static dev.solvent.cli.replay.Decode.required;
import static dev.solvent.cli.replay.Decode.signed;
import static dev.solvent.cli.replay.Decode.whole;

import dev.solvent.cli.replay.Decode.Kind;
import dev.solvent.cli.replay.Decode.Unit;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
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
import java.lang.reflect.RecordComponent;

/**
 * Decodes a transaction file (the format is in {@code docs/replay.md}): a JSON array of entries, each a block context
 * and a transaction. Oracle answers carry forward from block to block, as a feed keeps its last answer until it
 * publishes a new one; an entry's {@code prices} lists only the answers published since.
 */
final class TxFile {

    /** Every transaction type, in the order of {@link Tx}. */
    static final List<String> TYPES = List.of(
            "Deposit",
            "Withdraw",
            "Borrow",
            "Repay",
            "FundInsurance",
            "Trade",
            "OpenIsolated",
            "ModifyIsolated",
            "CloseIsolated",
            "AddIsolatedMargin",
            "RemoveIsolatedMargin",
            "SettleFunding",
            "Liquidate",
            "LiquidateIsolated",
            "BuyCollateral",
            "Take",
            "Redo");

    private static final Decode.Kind<Long> AUCTION = Decode.whole("an auction id >= 1, such as 1", 1);

    private static final Set<String> ENTRY = LinkedHashSet.of("note", "block", "tx");
    private static final Set<String> BLOCK = LinkedHashSet.of("number", "timestamp", "sender", "prices");
    private static final Set<String> PRICE = LinkedHashSet.of("answer", "decimals", "updatedAt");
    private static final String ENTRY_VALID =
            "an object such as {\"block\": {...}, \"tx\": {\"type\": \"Deposit\", ...}}";
    private static final String BLOCK_VALID =
            "an object such as {\"number\": 1, \"timestamp\": 1700000012, \"sender\": \"alice\", \"prices\": {...}}";

    private TxFile() {}

    /**
     * Where the replay starts: the genesis block and time, and what the file may refer to. The references are not
     * checked when the state file itself could not be read.
     */
    record Start(long block, long timestamp, Option<ProtocolConfig> config) {}

    /** One decoded entry before its block is placed in the chain. */
    private record Draft(
            int index,
            Option<String> note,
            long number,
            long timestamp,
            AccountId sender,
            TreeMap<String, OracleAnswer> prices,
            Tx tx,
            JsonValue.Obj block) {}

    /** {@return the entries of a transaction file, or every problem found in it} */
    static Validation<Seq<Problem>, Vector<Entry>> decode(JsonValue root, Start start) {
        if (!(root instanceof JsonValue.Arr entries)) {
            return invalid(root, "", "is not an array", "an array of entries, such as [{\"block\": ..., \"tx\": ...}]");
        }
        Seq<Validation<Seq<Problem>, Draft>> each =
                entries.items().zipWithIndex().map(e -> entry(e._1, e._2, start));
        return Validation.sequence(each).flatMap(drafts -> chain(drafts.toVector(), start));
    }

    /** Puts the blocks in order: numbers and times never go back, and oracle answers carry forward. */
    private static Validation<Seq<Problem>, Vector<Entry>> chain(Vector<Draft> drafts, Start start) {
        Vector<Entry> out = Vector.empty();
        Seq<Problem> problems = List.empty();
        long number = start.block();
        long timestamp = start.timestamp();
        String since = "the genesis block's";
        TreeMap<String, OracleAnswer> prices = TreeMap.empty();
        for (Draft d : drafts) {
            String path = child(index("", d.index()), "block");
            if (d.number() < number) {
                problems = problems.append(Problem.at(
                        d.block().lineOf("number"),
                        child(path, "number"),
                        d.number() + " is before " + since + " " + number + "; valid: >= " + number
                                + " (blocks never go back)"));
            }
            if (d.timestamp() < timestamp) {
                problems = problems.append(Problem.at(
                        d.block().lineOf("timestamp"),
                        child(path, "timestamp"),
                        d.timestamp() + " is before " + since + " " + timestamp + "; valid: >= " + timestamp
                                + " (time never goes back)"));
            }
            number = Math.max(number, d.number());
            timestamp = Math.max(timestamp, d.timestamp());
            since = "the previous entry's";
            prices = prices.merge(d.prices(), (old, updated) -> updated);
            BlockContext block = new BlockContext(d.number(), d.timestamp(), d.sender(), prices);
            out = out.append(new Entry(d.index(), d.note(), block, d.tx()));
        }
        return problems.isEmpty() ? ok(out) : Validation.invalid(problems);
    }

    private static Validation<Seq<Problem>, Draft> entry(JsonValue node, int i, Start start) {
        String path = index("", i);
        return Decode.object(node, path, ENTRY_VALID, ENTRY, o -> {
            Validation<Seq<Problem>, Option<String>> note = optional(o, path, "note", TEXT);
            Validation<Seq<Problem>, JsonValue.Obj> blockNode =
                    required(o, path, "block", new Kind<>(BLOCK_VALID, (n, p) -> Decode.map(n, p, BLOCK_VALID)));
            String blockPath = child(path, "block");
            Validation<Seq<Problem>, Boolean> blockFields = blockNode.flatMap(b -> Decode.unknown(b, blockPath, BLOCK));
            Validation<Seq<Problem>, Long> number =
                    blockNode.flatMap(b -> required(b, blockPath, "number", whole("a block number >= 0", 0)));
            Validation<Seq<Problem>, Long> timestamp = blockNode.flatMap(
                    b -> required(b, blockPath, "timestamp", whole("a Unix time in seconds, such as 1700000012", 0)));
            Validation<Seq<Problem>, AccountId> sender =
                    blockNode.flatMap(b -> required(b, blockPath, "sender", ACCOUNT));
            Validation<Seq<Problem>, TreeMap<String, OracleAnswer>> prices = blockNode.flatMap(b -> optional(
                    b, child(path, "block"), "prices", prices(timestamp.toOption(), start.config()), TreeMap.empty()));
            Validation<Seq<Problem>, Tx> tx = required(o, path, "tx", tx(start.config()));
            return flat(Validation.combine(note, number, timestamp, sender, prices, tx, blockNode, blockFields)
                    .ap((nt, num, t, s, p, x, b, f) -> new Draft(i, nt, num, t, s, p, x, b)));
        });
    }

    // ---- prices

    private static Kind<TreeMap<String, OracleAnswer>> prices(Option<Long> timestamp, Option<ProtocolConfig> config) {
        String valid = "an object of oracle answers by price key, such as"
                + " {\"ETH/USD\": {\"answer\": \"300000000000\", \"decimals\": 8}}";
        Option<Set<String>> keys = config.map(
                c -> c.assets().values().flatMap(AssetConfig::priceKey).toSortedSet());
        return new Kind<>(
                valid,
                (n, path) -> Decode.map(n, path, valid).flatMap(o -> {
                    Seq<Validation<Seq<Problem>, Tuple2<String, OracleAnswer>>> each = o.fields()
                            .toList()
                            .map(e -> {
                                String at = child(path, e._1);
                                return flat(
                                        Validation.combine(priceKey(e._1, e._2, at, keys), answer(e._2, at, timestamp))
                                                .ap(Tuple::of));
                            });
                    return Validation.sequence(each).map(TreeMap::ofEntries);
                }));
    }

    /** {@return the key if it names a price some asset uses: any other key can only be a typo} */
    private static Validation<Seq<Problem>, String> priceKey(
            String key, JsonValue value, String path, Option<Set<String>> keys) {
        return Decode.key(key, value, path, "an oracle key such as \"ETH/USD\"")
                .flatMap(k -> keys.exists(ks -> !ks.contains(k))
                        ? Decode.fail(
                                value,
                                path,
                                "\"" + k + "\" is not the price key of any asset; valid: one of "
                                        + keys.get().mkString(", "))
                        : ok(k));
    }

    private static Validation<Seq<Problem>, OracleAnswer> answer(JsonValue node, String path, Option<Long> timestamp) {
        String valid = "an object such as {\"answer\": \"300000000000\", \"decimals\": 8, \"updatedAt\": 1700000012}";
        return Decode.object(node, path, valid, PRICE, o -> {
            // any integer: a zero or negative answer is what a broken feed returns, and replaying it is legitimate
            Validation<Seq<Problem>, I256> answer = required(
                    o, path, "answer", signed("an integer price with the feed's decimals", true, true, Option.none()));
            Validation<Seq<Problem>, Integer> decimals = required(o, path, "decimals", DECIMALS);
            Validation<Seq<Problem>, Long> updatedAt = optional(
                            o,
                            path,
                            "updatedAt",
                            whole("a Unix time in seconds, at or before the block's timestamp", 0),
                            timestamp.getOrElse(0L))
                    .flatMap(u -> timestamp.exists(t -> u > t)
                            ? Decode.fail(
                                    o.get("updatedAt").get(),
                                    child(path, "updatedAt"),
                                    u + " is after the block's timestamp " + timestamp.get() + "; valid: <= "
                                            + timestamp.get() + " (a feed cannot publish in the future)")
                            : ok(u));
            return flat(Validation.combine(answer, decimals, updatedAt).ap(OracleAnswer::new));
        });
    }

    // ---- transactions

    private static Kind<Tx> tx(Option<ProtocolConfig> config) {
        String valid = "an object such as {\"type\": \"Deposit\", \"account\": \"alice\", \"asset\": \"USDC\","
                + " \"amount\": \"1000000\"}";
        return new Kind<>(
                valid,
                (n, path) -> Decode.map(n, path, valid)
                        .flatMap(o -> required(o, path, "type", TEXT).flatMap(type -> {
                            if (!TYPES.contains(type)) {
                                return invalid(
                                        o.get("type").get(),
                                        child(path, "type"),
                                        "is not a transaction type",
                                        "one of " + TYPES.mkString(", "));
                            }
                            return Decode.object(
                                    o, path, valid, fields(type), x -> new Fields(o, path, config).tx(type));
                        })));
    }

    /** {@return the fields a transaction of this type has: its record components, and {@code type}} */
    static Set<String> fields(String type) {
        for (Class<?> c : Tx.class.getPermittedSubclasses()) {
            if (c.getSimpleName().equals(type)) {
                return LinkedHashSet.of("type")
                        .addAll(List.of(c.getRecordComponents()).map(RecordComponent::getName));
            }
        }
        throw new IllegalArgumentException("no transaction type " + type);
    }

    /** Reads the fields of one transaction object, checking what they refer to against the configuration. */
    private record Fields(JsonValue.Obj o, String path, Option<ProtocolConfig> config) {

        Validation<Seq<Problem>, Tx> tx(String type) {
            return switch (type) {
                case "Deposit" -> assetAmount(Tx.Deposit::new);
                case "Withdraw" -> assetAmount(Tx.Withdraw::new);
                case "Borrow" -> assetAmount(Tx.Borrow::new);
                case "Repay" -> assetAmount(Tx.Repay::new);
                case "FundInsurance" ->
                    required(o, path, "amount", amount(settlement(), false)).map(Tx.FundInsurance::new);
                case "Trade" -> trade();
                case "OpenIsolated" -> openIsolated();
                case "ModifyIsolated" -> modifyIsolated();
                case "CloseIsolated" ->
                    flat(Validation.combine(account("account"), market(), account("maker"), price())
                            .ap(Tx.CloseIsolated::new));
                case "AddIsolatedMargin" ->
                    flat(Validation.combine(
                                    account("account"),
                                    market(),
                                    required(o, path, "amount", amount(settlement(), false)))
                            .ap(Tx.AddIsolatedMargin::new));
                case "RemoveIsolatedMargin" ->
                    flat(Validation.combine(
                                    account("account"),
                                    market(),
                                    required(o, path, "amount", amount(settlement(), false)))
                            .ap(Tx.RemoveIsolatedMargin::new));
                case "SettleFunding" -> account("account").map(Tx.SettleFunding::new);
                case "Liquidate" -> account("account").map(Tx.Liquidate::new);
                case "LiquidateIsolated" ->
                    flat(Validation.combine(account("account"), market()).ap(Tx.LiquidateIsolated::new));
                case "BuyCollateral" -> buyCollateral();
                case "Take" -> take();
                case "Redo" -> required(o, path, "auction", AUCTION).map(Tx.Redo::new);
                default -> throw new IllegalArgumentException("no transaction type " + type);
            };
        }

        private Validation<Seq<Problem>, Tx> trade() {
            var market = market();
            return flat(Validation.combine(market, account("taker"), account("maker"), size("size", market), price())
                    .ap(Tx.Trade::new));
        }

        private Validation<Seq<Problem>, Tx> openIsolated() {
            var market = market();
            return flat(Validation.combine(
                            account("account"),
                            market,
                            account("maker"),
                            size("size", market),
                            price(),
                            required(o, path, "margin", amount(settlement(), false)))
                    .ap(Tx.OpenIsolated::new));
        }

        private Validation<Seq<Problem>, Tx> modifyIsolated() {
            var market = market();
            return flat(
                    Validation.combine(account("account"), market, account("maker"), size("sizeDelta", market), price())
                            .ap(Tx.ModifyIsolated::new));
        }

        private Validation<Seq<Problem>, Tx> buyCollateral() {
            Validation<Seq<Problem>, AssetId> asset = asset();
            Option<Unit> unit = asset.toOption().flatMap(this::unit);
            return flat(Validation.combine(
                            account("buyer"),
                            asset,
                            required(o, path, "minAmount", amount(unit, true)),
                            required(o, path, "baseAmount", amount(settlement(), false)))
                    .ap(Tx.BuyCollateral::new));
        }

        private Validation<Seq<Problem>, Tx> take() {
            Validation<Seq<Problem>, Long> auction = required(o, path, "auction", AUCTION);
            return flat(Validation.combine(
                            auction, required(o, path, "amount", amount(Option.none(), false)), price("maxPrice"))
                    .ap(Tx.Take::new));
        }

        private interface AssetTx {
            Tx of(AccountId account, AssetId asset, U256 amount);
        }

        private Validation<Seq<Problem>, Tx> assetAmount(AssetTx make) {
            Validation<Seq<Problem>, AssetId> asset = asset();
            Option<Unit> unit = asset.toOption().flatMap(this::unit);
            return flat(Validation.combine(account("account"), asset, required(o, path, "amount", amount(unit, false)))
                    .ap(make::of));
        }

        private Validation<Seq<Problem>, AccountId> account(String name) {
            return required(o, path, name, ACCOUNT);
        }

        private Validation<Seq<Problem>, AssetId> asset() {
            String valid = "an asset symbol such as \"USDC\"";
            return required(
                    o,
                    path,
                    "asset",
                    new Kind<>(
                            valid,
                            (n, p) -> Decode.name(valid)
                                    .read(n, p)
                                    .map(AssetId::of)
                                    .flatMap(a -> config.exists(c -> !c.assets().containsKey(a))
                                            ? invalid(
                                                    n,
                                                    p,
                                                    "is not a configured asset",
                                                    "one of "
                                                            + config.get()
                                                                    .assets()
                                                                    .keySet()
                                                                    .mkString(", "))
                                            : ok(a))));
        }

        private Validation<Seq<Problem>, MarketId> market() {
            String valid = "a market name such as \"ETH-PERP\"";
            return required(
                    o,
                    path,
                    "market",
                    new Kind<>(
                            valid,
                            (n, p) -> Decode.name(valid)
                                    .read(n, p)
                                    .map(MarketId::of)
                                    .flatMap(
                                            m -> config.exists(c -> !c.markets().containsKey(m))
                                                    ? invalid(
                                                            n,
                                                            p,
                                                            "is not a configured market",
                                                            "one of "
                                                                    + config.get()
                                                                            .markets()
                                                                            .keySet()
                                                                            .mkString(", "))
                                                    : ok(m))));
        }

        private Validation<Seq<Problem>, I256> size(String name, Validation<Seq<Problem>, MarketId> market) {
            Option<Unit> unit = market.toOption()
                    .flatMap(m -> config.flatMap(c -> c.markets().get(m)))
                    .flatMap(m -> unit(m.underlying()));
            String valid = "a non-zero integer in base units of the underlying"
                    + unit.map(u -> " " + u.name() + " (" + u.decimals() + " decimals)")
                            .getOrElse("")
                    + ", positive to buy and negative to sell";
            return required(o, path, name, signed(valid, false, true, unit));
        }

        private Validation<Seq<Problem>, I256> price() {
            return price("price");
        }

        private Validation<Seq<Problem>, I256> price(String name) {
            return required(
                    o,
                    path,
                    name,
                    signed(
                            "a positive integer price with the oracle feed's decimals, such as \"300000000000\""
                                    + " (3000 with 8 decimals)",
                            false,
                            false,
                            Option.none()));
        }

        private Option<Unit> settlement() {
            return config.flatMap(c -> unit(c.settlementAsset()));
        }

        private Option<Unit> unit(AssetId asset) {
            return config.flatMap(c -> c.assets().get(asset)).map(a -> new Unit(a.id().symbol(), a.decimals()));
        }
    }
}
