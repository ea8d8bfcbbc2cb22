package dev.solvent.oracle.mirror;

import dev.solvent.mirror.evm.Address;
import dev.solvent.oracle.rpc.JsonRpcTransport;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every mirror state file shares: the header ({@code format}, {@code version}, {@code protocol}, {@code chainId},
 * the block's number, hash and time), deterministic writing (indented, maps sorted by address, integers of protocol
 * width as decimal strings) and a reader that names the path of the first wrong field and what is valid.
 */
final class StateJson {

    /** The value of the {@code format} field. */
    static final String FORMAT = "solvent-mirror-state";

    /** The version of the format written and read. */
    static final int VERSION = 1;

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private StateJson() {}

    /** {@return a new file's root with its header; the protocol adds {@code block} fields and the rest} */
    static ObjectNode header(String protocol, long chainId, long number, String hash, long timestamp) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("protocol", protocol);
        root.put("chainId", chainId);
        ObjectNode block = root.putObject("block");
        block.put("number", number);
        block.put("hash", hash);
        block.put("timestamp", timestamp);
        return root;
    }

    /** {@return the file's text, ending with a newline} */
    static String text(ObjectNode root) {
        return JSON.writeValueAsString(root) + "\n";
    }

    /** A file's header as read. */
    record Header(long chainId, long number, String hash, long timestamp) {}

    /** {@return the header of a file of {@code protocol}} */
    static Header header(Node root, String protocol) {
        root.object();
        String format = root.get("format").text();
        if (!format.equals(FORMAT)) {
            throw root.get("format").bad("\"" + FORMAT + "\"", "\"" + format + "\"");
        }
        long version = root.get("version").number(0, Integer.MAX_VALUE);
        if (version != VERSION) {
            throw root.get("version").bad(VERSION + " (the version this solvent reads)", String.valueOf(version));
        }
        String found = root.get("protocol").text();
        if (!found.equals(protocol)) {
            throw root.get("protocol")
                    .bad("\"" + protocol + "\" (the protocol this reader reads)", "\"" + found + "\"");
        }
        long chainId = root.get("chainId").number(0, Long.MAX_VALUE);
        Node block = root.get("block");
        long number = block.get("number").number(0, Long.MAX_VALUE);
        String hash = block.get("hash").text();
        if (!hash.matches("0x[0-9a-fA-F]{64}")) {
            throw block.get("hash").bad("0x and 64 hex digits", "\"" + hash + "\"");
        }
        long timestamp = block.get("timestamp").number(0, Long.MAX_VALUE);
        return new Header(chainId, number, hash, timestamp);
    }

    /** {@return what {@code parse} makes of {@code text}, or what is wrong with it} */
    static <T> Either<String, T> read(String text, Function<Node, T> parse) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return Either.left("not JSON: " + JsonRpcTransport.shorten(e.getOriginalMessage()));
        }
        try {
            return Either.right(parse.apply(new Node("", root)));
        } catch (BadField e) {
            return Either.left(e.getMessage());
        }
    }

    static String str(BigInteger n) {
        return n.toString();
    }

    static <V> Map<Address, V> sorted(io.vavr.collection.Map<Address, V> map) {
        return new TreeMap<>(map.toJavaMap());
    }

    static int comparePairs(Tuple2<Address, Address> a, Tuple2<Address, Address> b) {
        int first = a._1.compareTo(b._1);
        return first != 0 ? first : a._2.compareTo(b._2);
    }

    /** Gathers a persistent map. */
    static final class Collector<K, V> {
        io.vavr.collection.Map<K, V> map = HashMap.empty();

        void put(K key, V value) {
            map = map.put(key, value);
        }
    }

    /** A field that is missing or wrong: its path and what would be valid. */
    static final class BadField extends RuntimeException {
        BadField(String message) {
            super(message, null, false, false);
        }
    }

    /** A JSON node with its path from the root, for messages. */
    record Node(String path, JsonNode json) {

        String where() {
            return path.isEmpty() ? "the file" : path;
        }

        BadField bad(String valid, String found) {
            return new BadField(where() + ": expected " + valid + ", found " + found);
        }

        Node object() {
            if (!json.isObject()) {
                throw bad("an object", describe());
            }
            return this;
        }

        Node get(String field) {
            object();
            JsonNode child = json.get(field);
            String childPath = path.isEmpty() ? field : path + "." + field;
            if (child == null || child.isNull()) {
                throw new BadField(childPath + ": missing (required)");
            }
            return new Node(childPath, child);
        }

        List<Node> elements() {
            if (!json.isArray()) {
                throw bad("an array", describe());
            }
            List<Node> out = new ArrayList<>();
            for (int k = 0; k < json.size(); k++) {
                out.add(new Node(path + "[" + k + "]", json.get(k)));
            }
            return out;
        }

        /** Calls {@code each} for every field, whose name must be an address. */
        void fields(java.util.function.BiConsumer<Address, Node> each) {
            object();
            for (var e : json.properties()) {
                Node child = new Node(path + "." + e.getKey(), e.getValue());
                Address key;
                try {
                    key = Address.of(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw new BadField(child.path() + ": the key is not an address; expected 0x and 40 hex digits");
                }
                each.accept(key, child);
            }
        }

        String text() {
            if (!json.isString()) {
                throw bad("a string", describe());
            }
            return json.asString();
        }

        long number(long min, long max) {
            if (!json.isIntegralNumber() || !json.canConvertToLong()) {
                throw bad("a whole number from " + min + " to " + max, describe());
            }
            long v = json.asLong();
            if (v < min || v > max) {
                throw bad("a whole number from " + min + " to " + max, String.valueOf(v));
            }
            return v;
        }

        Address address() {
            String s = text();
            try {
                return Address.of(s);
            } catch (IllegalArgumentException e) {
                throw bad("an address (0x and 40 hex digits)", "\"" + s + "\"");
            }
        }

        BigInteger uint(int bits) {
            return decimal(bits, false, Function.identity());
        }

        BigInteger integer(int bits) {
            return decimal(bits, true, Function.identity());
        }

        private BigInteger decimal(int bits, boolean signed, Function<BigInteger, BigInteger> f) {
            String type = (signed ? "int" : "uint") + bits;
            String valid = "a " + type + " as a decimal string";
            String s = text();
            if (!s.matches(signed ? "-?[0-9]{1,80}" : "[0-9]{1,80}")) {
                throw bad(valid, "\"" + JsonRpcTransport.shorten(s) + "\"");
            }
            BigInteger v = new BigInteger(s);
            boolean fits = signed ? v.bitLength() <= bits - 1 : v.bitLength() <= bits;
            if (!fits) {
                throw bad(valid + " (it does not fit " + bits + " bits)", s);
            }
            return f.apply(v);
        }

        private String describe() {
            return json.isString()
                    ? "\"" + JsonRpcTransport.shorten(json.asString()) + "\""
                    : json.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
