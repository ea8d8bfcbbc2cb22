package dev.solvent.cli.replay;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import io.vavr.Tuple2;
import io.vavr.collection.Traversable;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders a replay's result as JSON for people and tools. Amounts are exact base-unit integers written as strings (an
 * 18-decimal amount does not fit in the doubles many JSON readers use); ratios are decimal strings such as
 * {@code "0.05"}; counts, block numbers, timestamps and gas are numbers.
 *
 * <p>The output is deterministic: the same result gives the same bytes. Records are written field by field in their
 * declared order, maps in the sorted order of their keys, and lines end with {@code \n} on every platform. Events,
 * reverts and transactions are written from their record components, each with its {@code type}, so every field the
 * model emits appears and a new event type needs no change here.
 */
public final class ReplayJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        WRITER = JsonMapper.builder().build().writer().with(printer);
    }

    private ReplayJson() {}

    /** {@return the result as a JSON document, ending with a newline} */
    public static String render(Replay.Result result) {
        ObjectNode root = NODES.objectNode();
        ObjectNode genesis = root.putObject("genesis");
        genesis.put("block", result.genesis().block());
        genesis.put("timestamp", result.genesis().timestamp());
        genesis.set("transactions", outcomes(result.seeds()));
        root.set("transactions", outcomes(result.transactions()));
        root.set("summary", summary(result.transactions()));
        root.set("finalState", state(result.finalState()));
        return WRITER.writeValueAsString(root) + "\n";
    }

    private static ArrayNode outcomes(Vector<Replay.Outcome> outcomes) {
        ArrayNode out = NODES.arrayNode();
        for (Replay.Outcome o : outcomes) {
            ObjectNode n = out.addObject();
            n.put("index", o.entry().index());
            o.entry().note().forEach(note -> n.put("note", note));
            n.set("block", value(o.entry().block()));
            n.set("tx", variant(o.entry().tx()));
            if (o.result().isRight()) {
                Receipt r = o.result().get();
                ObjectNode receipt = n.putObject("receipt");
                receipt.put("gasUsed", r.gasUsed());
                receipt.set("events", array(r.events().map(e -> variant((Record) e))));
            } else {
                Revert revert = o.result().getLeft();
                ObjectNode node = variant((Record) revert);
                node.put("message", revert.message());
                n.set("revert", node);
            }
        }
        return out;
    }

    private static ObjectNode summary(Vector<Replay.Outcome> outcomes) {
        ObjectNode s = NODES.objectNode();
        int succeeded = outcomes.count(o -> o.result().isRight());
        s.put("transactions", outcomes.size());
        s.put("succeeded", succeeded);
        s.put("reverted", outcomes.size() - succeeded);
        s.put(
                "gasUsed",
                outcomes.flatMap(o -> o.result().toOption())
                        .map(Receipt::gasUsed)
                        .sum()
                        .longValue());
        return s;
    }

    private static ObjectNode state(ProtocolState state) {
        ObjectNode s = NODES.objectNode();
        ObjectNode accounts = s.putObject("accounts");
        for (Tuple2<AccountId, Account> e : state.accounts()) {
            ObjectNode a = accounts.putObject(e._1.account());
            a.set("balances", value(e._2.balances()));
            a.set("positions", value(e._2.positions()));
            a.set("isolated", value(e._2.isolated()));
        }
        s.set("markets", value(state.markets()));
        s.set("insuranceFund", value(state.insuranceFund()));
        s.set("feePool", value(state.feePool()));
        s.set("ledger", value(state.ledger()));
        // only under a policy that uses them (absorption), so that other replays print as before
        if (!state.reserves().isZero() || !state.collateralReserves().isEmpty()) {
            s.set("reserves", value(state.reserves()));
            s.set("collateralReserves", value(state.collateralReserves()));
        }
        if (!state.auctions().isEmpty()) {
            s.set("auctions", value(state.auctions()));
        }
        return s;
    }

    /** {@return a member of a sealed family (a transaction, an event, a revert) with its {@code type} first} */
    private static ObjectNode variant(Object value) {
        Record r = (Record) value;
        ObjectNode n = NODES.objectNode();
        n.put("type", r.getClass().getSimpleName());
        return fields(n, r);
    }

    private static ObjectNode fields(ObjectNode n, Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            n.set(c.getName(), value(component(r, c)));
        }
        return n;
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    private static JsonNode value(Object v) {
        return switch (v) {
            case I256 i -> NODES.stringNode(i.toString());
            case U256 u -> NODES.stringNode(u.toString());
            case Wad w -> NODES.stringNode(w.toString());
            case AccountId a -> NODES.stringNode(a.account());
            case AssetId a -> NODES.stringNode(a.symbol());
            case MarketId m -> NODES.stringNode(m.name());
            case String s -> NODES.stringNode(s);
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Long l -> NODES.numberNode(l);
            case Option<?> o -> o.isDefined() ? value(o.get()) : NODES.nullNode();
            case io.vavr.collection.Map<?, ?> m -> {
                ObjectNode n = NODES.objectNode();
                // sorted by the key's text whatever the map, so that the output never depends on hashing
                m.toList()
                        .map(e -> new Tuple2<String, Object>(key(e._1), e._2))
                        .sortBy(Tuple2::_1)
                        .forEach(e -> n.set(e._1, value(e._2)));
                yield n;
            }
            case Traversable<?> t -> array(t.toVector().map(ReplayJson::value));
            case Record r -> fields(NODES.objectNode(), r);
            default ->
                throw new IllegalArgumentException(
                        "no JSON form for " + v.getClass().getName());
        };
    }

    /** {@return a map key's text: keys are ids and oracle keys, whose text is their name} */
    private static String key(Object k) {
        return k.toString();
    }

    private static ArrayNode array(Vector<? extends JsonNode> items) {
        ArrayNode a = NODES.arrayNode();
        items.forEach(a::add);
        return a;
    }
}
