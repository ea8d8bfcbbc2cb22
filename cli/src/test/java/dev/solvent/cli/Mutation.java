package dev.solvent.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One malformation of an input file, as a user or a broken tool might make it: a value of the wrong type, a field
 * deleted or given twice, a list element repeated, a huge or deeply nested value, a YAML alias, bytes that are not
 * UTF-8, a file cut short. A mutation is a value (its kind and two numbers that pick where), so that jqwik can shrink a
 * failing list of them and print it as a readable description.
 *
 * @param kind what the mutation does
 * @param where picks the field, line or offset (modulo how many there are)
 * @param what picks the value or the bytes (modulo how many there are)
 */
record Mutation(Kind kind, int where, int what) {

    /** What a mutation does to a file. */
    enum Kind {
        /** Replaces a field's or element's value with one of {@link #VALUES}. */
        REPLACE,
        /** Deletes a field or a list element. */
        DELETE,
        /** Repeats a list element. */
        REPEAT_ELEMENT,
        /** Puts a value inside a list or a mapping of its own. */
        WRAP,
        /** Writes a line twice (in YAML: a key given twice, or a list item repeated). */
        DUPLICATE_LINE,
        /** Deletes a line. */
        DELETE_LINE,
        /** Cuts the file at an offset. */
        TRUNCATE,
        /** Inserts bytes that are not UTF-8 text (or a control character) at an offset. */
        BAD_BYTES,
        /** Turns a value into a YAML alias, with or without an anchor of that name elsewhere. */
        ALIAS
    }

    /** The values a {@link Kind#REPLACE} puts in: wrong types, edge numbers, huge and deep values. */
    static final List<JsonNode> VALUES = values();

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    /** The most nested levels of {@link #VALUES}' deepest value, past the parsers' limit of 500. */
    static final int DEEP = 600;

    /** Stands for the deepest value in the tree; replaced by {@link #DEEP} nested lists in the text. */
    private static final String DEEP_MARK = "DEEP-VALUE-MARK";

    /** The longest string of {@link #VALUES}, past the 100,000-character limit of a value. */
    static final int HUGE = 150_000;

    private static List<JsonNode> values() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        List<JsonNode> v = new ArrayList<>();
        v.add(f.stringNode(""));
        v.add(f.stringNode("abc"));
        v.add(f.stringNode("-1"));
        v.add(f.numberNode(-1));
        v.add(f.numberNode(0));
        v.add(f.numberNode(1));
        v.add(f.stringNode("1.5"));
        v.add(f.numberNode(0.000000000000000000001));
        v.add(f.stringNode("1e400"));
        v.add(f.stringNode(".inf"));
        v.add(f.stringNode("-.inf"));
        v.add(f.stringNode("NaN"));
        v.add(f.stringNode("0x10"));
        v.add(f.stringNode("9".repeat(40)));
        v.add(f.numberNode(new java.math.BigInteger("9".repeat(80))));
        v.add(f.stringNode("115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        v.add(f.stringNode("-" + "9".repeat(30)));
        v.add(f.booleanNode(true));
        v.add(f.nullNode());
        v.add(f.arrayNode());
        v.add(f.objectNode());
        v.add(f.arrayNode().add(1).add("x"));
        v.add(f.objectNode().put("a", 1));
        v.add(f.stringNode("line one\nline two"));
        v.add(f.stringNode("nul \u0000 and bell \u0007"));
        v.add(f.stringNode("é ü ∞ 🙂"));
        v.add(f.stringNode("x".repeat(HUGE)));
        v.add(f.stringNode("y".repeat(90_000)));
        // written out as text after the tree (the writers refuse a tree this deep)
        v.add(f.stringNode(DEEP_MARK));
        return List.copyOf(v);
    }

    /** {@return any mutation} */
    static Arbitrary<Mutation> any() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, 10_000),
                        Arbitraries.integers().between(0, 10_000))
                .as(Mutation::new);
    }

    /** {@return 1 to 3 mutations, applied in order} */
    static Arbitrary<List<Mutation>> some() {
        return any().list().ofMinSize(1).ofMaxSize(3);
    }

    /** {@return the file after the mutations, each applied to the previous one's result} */
    static byte[] applyAll(List<Mutation> mutations, byte[] base, boolean yaml) {
        byte[] text = base;
        for (Mutation m : mutations) {
            text = m.apply(text, yaml);
        }
        return text;
    }

    /** {@return the file after this mutation; a tree mutation of a file that no longer parses changes nothing} */
    byte[] apply(byte[] file, boolean yaml) {
        return switch (kind) {
            case REPLACE, DELETE, REPEAT_ELEMENT, WRAP -> tree(file, yaml);
            case DUPLICATE_LINE -> lines(file, true);
            case DELETE_LINE -> lines(file, false);
            case TRUNCATE -> java.util.Arrays.copyOf(file, file.length == 0 ? 0 : where % file.length);
            case BAD_BYTES -> insert(file, where, BAD[what % BAD.length]);
            case ALIAS -> yaml ? alias(file) : file;
        };
    }

    /** Byte sequences that are not UTF-8, or are but are not text a parser takes. */
    private static final byte[][] BAD = {
        {(byte) 0xff},
        {(byte) 0xc3, 0x28},
        {(byte) 0xe2, (byte) 0x82},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // an encoded surrogate
        {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, // a byte-order mark, in the middle of the file
        {0x00},
        {0x01},
        {'\t'},
        {'\r'}
    };

    private static byte[] insert(byte[] file, int at, byte[] bytes) {
        int i = file.length == 0 ? 0 : at % (file.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + bytes.length);
        out.write(file, 0, i);
        out.write(bytes, 0, bytes.length);
        out.write(file, i, file.length - i);
        return out.toByteArray();
    }

    private byte[] lines(byte[] file, boolean duplicate) {
        String text = new String(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return file;
        }
        int i = where % lines.size();
        if (duplicate) {
            lines.add(i, lines.get(i));
        } else {
            lines.remove(i);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static final Pattern VALUE = Pattern.compile("(?m)^(\\s*(?:- )?[\\w./-]+: )([^&*\\s{\\[][^\\n]*)$");

    /** Replaces one plain value with an alias; every other time also anchors another value with that name. */
    private byte[] alias(byte[] file) {
        String text = new String(file, StandardCharsets.UTF_8);
        List<int[]> found = new ArrayList<>();
        Matcher m = VALUE.matcher(text);
        while (m.find()) {
            found.add(new int[] {m.start(2), m.end(2)});
        }
        if (found.isEmpty()) {
            return file;
        }
        int[] target = found.get(where % found.size());
        StringBuilder b = new StringBuilder(text);
        b.replace(target[0], target[1], "*v");
        if (what % 2 == 1 && found.size() > 1) {
            int[] anchor = found.get((where + 1 + what) % found.size());
            if (anchor[0] < target[0]) {
                b.insert(anchor[0], "&v ");
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where a value sits: its container and its key or index. */
    private record Slot(JsonNode container, String key, int index) {}

    private byte[] tree(byte[] file, boolean yaml) {
        ObjectMapper mapper = yaml ? YAML : JSON;
        JsonNode root;
        try {
            root = mapper.readTree(file);
        } catch (RuntimeException e) {
            return file;
        }
        if (root == null || !root.isContainer()) {
            return file;
        }
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (kind == Kind.REPEAT_ELEMENT) {
            slots.removeIf(s -> s.key() != null);
        }
        if (slots.isEmpty()) {
            return file;
        }
        Slot s = slots.get(where % slots.size());
        JsonNode old =
                s.key() != null ? s.container().get(s.key()) : s.container().get(s.index());
        JsonNode value = switch (kind) {
            case REPLACE -> VALUES.get(what % VALUES.size());
            case WRAP ->
                what % 2 == 0
                        ? JsonNodeFactory.instance.arrayNode().add(old)
                        : JsonNodeFactory.instance.objectNode().set("value", old);
            default -> null;
        };
        if (s.container() instanceof ObjectNode o) {
            if (kind == Kind.DELETE) {
                o.remove(s.key());
            } else {
                o.set(s.key(), value);
            }
        } else if (s.container() instanceof ArrayNode a) {
            switch (kind) {
                case DELETE -> a.remove(s.index());
                case REPEAT_ELEMENT -> a.insert(s.index(), old.deepCopy());
                default -> a.set(s.index(), value);
            }
        }
        String written = mapper.writeValueAsString(root);
        String deep = "[".repeat(DEEP) + "1" + "]".repeat(DEEP);
        return written.replace("\"" + DEEP_MARK + "\"", deep)
                .replace("'" + DEEP_MARK + "'", deep)
                .replace(DEEP_MARK, deep)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                slots.add(new Slot(o, e.getKey(), -1));
                collect(e.getValue(), slots);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i));
                collect(a.get(i), slots);
            }
        }
    }

    @Override
    public String toString() {
        return kind + "@" + where + "/" + what;
    }
}
