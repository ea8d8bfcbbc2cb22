package dev.solvent.simulation.world;

import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.chain.Outcome;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.Event;
import io.vavr.collection.Seq;
import java.lang.reflect.RecordComponent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Notable events as one-line JSON objects for {@code events.jsonl}: the block, the transaction and its sender, the
 * event's type and fields (amounts as exact integer strings of base units), in a fixed field order.
 */
final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    static String event(long block, PendingTx tx, Event e, int cascade) {
        ObjectNode n = NODES.objectNode();
        n.put("block", block);
        n.put("sentAt", tx.sentAt());
        n.put("sender", tx.sender().toString());
        n.put("tx", tx.tx().getClass().getSimpleName());
        n.put("event", e.getClass().getSimpleName());
        fields(n, (Record) e);
        if (cascade > 0) {
            n.put("cascadeDepth", cascade);
        }
        return MAPPER.writeValueAsString(n);
    }

    /** {@return an auto-deleveraging fill as {@link #event}, with the notional it closed (settlement base units)} */
    static String deleveraged(long block, PendingTx tx, Event.PositionAutoDeleveraged e, I256 notional) {
        ObjectNode n = NODES.objectNode();
        n.put("block", block);
        n.put("sentAt", tx.sentAt());
        n.put("sender", tx.sender().toString());
        n.put("tx", tx.tx().getClass().getSimpleName());
        n.put("event", e.getClass().getSimpleName());
        fields(n, e);
        n.put("notional", notional.toString());
        return MAPPER.writeValueAsString(n);
    }

    static String failure(long block, Outcome o) {
        ObjectNode n = NODES.objectNode();
        n.put("block", block);
        n.put("sentAt", o.tx().sentAt());
        n.put("sender", o.tx().sender().toString());
        n.put("tx", o.tx().tx().getClass().getSimpleName());
        switch (o) {
            case Outcome.Reverted r -> {
                n.put("event", "Reverted");
                n.put("reason", r.reason().toString());
            }
            case Outcome.OutOfGas g -> n.put("event", "OutOfGas");
            case Outcome.Succeeded s -> n.put("event", "Succeeded");
        }
        n.put("gasUsed", o.gasUsed());
        return MAPPER.writeValueAsString(n);
    }

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };

    private static void fields(ObjectNode n, Record r) {
        for (RecordComponent c : COMPONENTS.get(r.getClass())) {
            try {
                n.set(c.getName(), value(c.getAccessor().invoke(r)));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c, ex);
            }
        }
    }

    private static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof Seq<?> s) {
            ArrayNode a = NODES.arrayNode();
            s.forEach(x -> a.add(value(x)));
            return a;
        }
        if (v instanceof dev.solvent.model.id.AccountId
                || v instanceof dev.solvent.model.id.AssetId
                || v instanceof dev.solvent.model.id.MarketId) {
            return NODES.stringNode(v.toString());
        }
        if (v instanceof Record r) {
            ObjectNode o = NODES.objectNode();
            fields(o, r);
            return o;
        }
        return NODES.stringNode(v.toString());
    }
}
