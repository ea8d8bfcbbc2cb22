package dev.solvent.mirror.harness;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/**
 * The ABI, as the differential harnesses need it: revert data and receipt logs of real contracts decoded into the
 * values the mirrors produce ({@link EvmRevert}, {@link Log}), calls and constructor arguments encoded, and view
 * outputs rendered as text both sides compare.
 *
 * <p>Types are ABI type strings: {@code uintN}, {@code intN}, {@code address}, {@code bool}, {@code bytesN},
 * {@code string}, {@code bytes}, {@code T[]} and tuples {@code (T1,T2,...)}. Java values: {@link BigInteger} (or
 * {@link Long}, {@link Integer}) for integers, {@link Address}, {@link Boolean}, a hex {@link String} for
 * {@code bytesN} and {@code bytes}, a {@link String} for {@code string}, a {@link List} for arrays and tuples. Decoding
 * gives the same, with {@link BigInteger} for every integer.
 */
public final class AbiCodec {

    private static final String ERROR_STRING = "08c379a0";
    private static final String PANIC = "4e487b71";
    private static final Map<String, String> SELECTORS = new ConcurrentHashMap<>();
    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> errors;
    private final Map<Address, Map<String, Event>> events;

    private AbiCodec(Map<String, String> errors, Map<Address, Map<String, Event>> events) {
        this.errors = errors;
        this.events = events;
    }

    private record Event(String name, List<String> types, List<Boolean> indexed) {}

    /**
     * {@return a codec for the contracts at these addresses, each with the ABIs (JSON arrays) it answers to} A proxy
     * or a contract with a delegate lists both ABIs, as Comet lists Comet's and CometExt's. Custom errors are looked
     * up in every ABI given: a revert may bubble up from any contract.
     */
    public static AbiCodec of(Map<Address, List<JsonNode>> abisByAddress) {
        Map<String, String> errors = new HashMap<>();
        Map<Address, Map<String, Event>> events = new HashMap<>();
        abisByAddress.forEach((address, abis) -> {
            Map<String, Event> byTopic = new HashMap<>();
            for (JsonNode abi : abis) {
                for (JsonNode item : abi) {
                    String type = item.path("type").asString();
                    if (type.equals("error")) {
                        addError(errors, item);
                    } else if (type.equals("event") && !item.path("anonymous").asBoolean(false)) {
                        List<String> types = canonicalTypes(item.path("inputs"));
                        List<Boolean> indexed = new ArrayList<>();
                        item.path("inputs")
                                .forEach(p -> indexed.add(p.path("indexed").asBoolean(false)));
                        String topic =
                                Hash.sha3String(signature(item.path("name").asString(), types));
                        byTopic.put(topic, new Event(item.path("name").asString(), types, indexed));
                    }
                }
            }
            events.put(address, Map.copyOf(byTopic));
        });
        return new AbiCodec(Map.copyOf(errors), Map.copyOf(events));
    }

    private static void addError(Map<String, String> errors, JsonNode item) {
        String name = item.path("name").asString();
        String selector =
                selector(signature(name, canonicalTypes(item.path("inputs")))).substring(2);
        String known = errors.putIfAbsent(selector, name);
        if (known != null && !known.equals(name)) {
            throw new IllegalArgumentException("errors " + known + " and " + name + " share selector " + selector);
        }
    }

    // ---- reverts and logs --------------------------------------------------------------------------------------

    /**
     * {@return the revert that this revert data ({@code 0x}-prefixed hex) stands for} A custom error by its name
     * (its arguments, if any, are not kept), {@code Error(string)}, {@code Panic(uint256)}, or {@link EvmRevert.Empty}
     * for no data. A selector no ABI knows becomes a {@code CustomError} named {@code "unknown 0x..."}, so that a
     * comparison shows it.
     */
    public EvmRevert revert(String revertData) {
        String hex = strip(revertData);
        if (hex.isEmpty()) {
            return new EvmRevert.Empty();
        }
        if (hex.length() < 8) {
            return new EvmRevert.CustomError("malformed revert data 0x" + hex);
        }
        String selector = hex.substring(0, 8);
        String args = "0x" + hex.substring(8);
        return switch (selector) {
            case ERROR_STRING ->
                new EvmRevert.ErrorString(
                        (String) decode(List.of("string"), args).get(0));
            case PANIC ->
                EvmRevert.panic((BigInteger) decode(List.of("uint256"), args).get(0));
            default -> new EvmRevert.CustomError(errors.getOrDefault(selector, "unknown 0x" + selector));
        };
    }

    /**
     * {@return a receipt's log as a {@link Log}: the event by its first topic in the ABI of the contract at
     * {@code emitter}, and its arguments in declaration order} Indexed arguments come from the topics (an indexed
     * {@code string}, {@code bytes}, array or tuple is its topic, a hash, as hex); the others from the data.
     */
    public Log log(Address emitter, List<String> topics, String data) {
        Map<String, Event> known = events.get(emitter);
        if (known == null) {
            throw new IllegalArgumentException("no ABI for the emitter " + emitter);
        }
        Event event = topics.isEmpty() ? null : known.get(topics.get(0).toLowerCase(Locale.ROOT));
        if (event == null) {
            throw new IllegalArgumentException("no event of " + emitter + " has the topics " + topics);
        }
        List<String> dataTypes = new ArrayList<>();
        for (int i = 0; i < event.types().size(); i++) {
            if (!event.indexed().get(i)) {
                dataTypes.add(event.types().get(i));
            }
        }
        List<Object> fromData = decode(dataTypes, data);
        List<Object> args = new ArrayList<>();
        int topic = 1;
        int datum = 0;
        for (int i = 0; i < event.types().size(); i++) {
            String type = event.types().get(i);
            if (!event.indexed().get(i)) {
                args.add(fromData.get(datum++));
            } else if (isDynamic(type) || type.startsWith("(")) {
                args.add(topics.get(topic++));
            } else {
                args.add(decode(List.of(type), topics.get(topic++)).get(0));
            }
        }
        return new Log(emitter, event.name(), args);
    }

    // ---- encoding ----------------------------------------------------------------------------------------------

    /** {@return the 4-byte selector of a signature such as {@code "balanceOf(address)"}, as {@code 0x} hex} */
    public static String selector(String signature) {
        return SELECTORS.computeIfAbsent(signature, s -> Hash.sha3String(s).substring(0, 10));
    }

    /** {@return the calldata of a call: the selector of {@code signature}, then the arguments encoded by its types} */
    public static String encodeCall(String signature, List<Object> args) {
        return selector(signature) + encode(parameterTypes(signature), args).substring(2);
    }

    /** {@return {@link #encodeCall(String, List)} of these arguments} */
    public static String encodeCall(String signature, Object... args) {
        return encodeCall(signature, List.of(args));
    }

    /** {@return the types between the parentheses of a signature such as {@code "f(address,(uint8,bool)[])"}} */
    public static List<String> parameterTypes(String signature) {
        int open = signature.indexOf('(');
        if (open < 0 || !signature.endsWith(")")) {
            throw new IllegalArgumentException("not a function signature: " + signature);
        }
        return splitTypes(signature.substring(open + 1, signature.length() - 1));
    }

    /** {@return the canonical types of an ABI item's inputs or outputs (tuples spelled out)} */
    public static List<String> canonicalTypes(JsonNode params) {
        List<String> types = new ArrayList<>();
        params.forEach(p -> types.add(canonicalType(p)));
        return types;
    }

    private static String canonicalType(JsonNode param) {
        String type = param.path("type").asString();
        if (!type.startsWith("tuple")) {
            return type;
        }
        String inner = canonicalTypes(param.path("components")).stream().collect(Collectors.joining(",", "(", ")"));
        return inner + type.substring("tuple".length());
    }

    /** {@return the types of the constructor of an ABI (none if it has no constructor)} */
    public static List<String> constructorTypes(JsonNode abi) {
        for (JsonNode item : abi) {
            if (item.path("type").asString().equals("constructor")) {
                return canonicalTypes(item.path("inputs"));
            }
        }
        return List.of();
    }

    /** {@return these values encoded by these types, as {@code 0x} hex (the arguments part of calldata)} */
    public static String encode(List<String> types, List<Object> values) {
        if (types.size() != values.size()) {
            throw new IllegalArgumentException("expected " + types.size() + " values for " + types + ", got " + values);
        }
        return "0x" + encodeList(types, values);
    }

    private static String encodeList(List<String> types, List<?> values) {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        int headBytes = types.stream().mapToInt(AbiCodec::headBytes).sum();
        for (int i = 0; i < types.size(); i++) {
            String encoded = encodeOne(types.get(i), values.get(i));
            if (isDynamic(types.get(i))) {
                head.append(word(BigInteger.valueOf(headBytes + tail.length() / 2)));
                tail.append(encoded);
            } else {
                head.append(encoded);
            }
        }
        return head.append(tail).toString();
    }

    private static String encodeOne(String type, Object value) {
        if (type.endsWith("[]")) {
            List<?> items = (List<?>) value;
            String inner = type.substring(0, type.length() - 2);
            return word(BigInteger.valueOf(items.size())) + encodeList(Collections.nCopies(items.size(), inner), items);
        }
        if (type.startsWith("(")) {
            return encodeList(splitTypes(type.substring(1, type.length() - 1)), (List<?>) value);
        }
        if (type.equals("string") || type.equals("bytes")) {
            byte[] bytes = type.equals("string")
                    ? ((String) value).getBytes(StandardCharsets.UTF_8)
                    : HEX.parseHex(strip((String) value));
            String padded = HEX.formatHex(bytes) + "0".repeat((32 - bytes.length % 32) % 32 * 2);
            return word(BigInteger.valueOf(bytes.length)) + padded;
        }
        return elementary(type, value);
    }

    private static String elementary(String type, Object value) {
        if (type.equals("address")) {
            Address address = value instanceof Address a ? a : Address.of((String) value);
            return "0".repeat(24) + address.hex().substring(2);
        }
        if (type.equals("bool")) {
            return word((Boolean) value ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (type.startsWith("bytes")) {
            String hex = strip((String) value);
            int size = Integer.parseInt(type.substring(5));
            if (hex.length() != size * 2) {
                throw new IllegalArgumentException(type + " needs " + size + " bytes, not " + value);
            }
            return hex.toLowerCase(Locale.ROOT) + "0".repeat(64 - hex.length());
        }
        BigInteger n = integer(value);
        if (type.startsWith("uint")) {
            int bits = bits(type, 4);
            if (n.signum() < 0 || n.bitLength() > bits) {
                throw new IllegalArgumentException(n + " is not a " + type);
            }
            return word(n);
        }
        if (type.startsWith("int")) {
            int bits = bits(type, 3);
            if (n.bitLength() > bits - 1) {
                throw new IllegalArgumentException(n + " is not an " + type);
            }
            return word(n.signum() < 0 ? n.add(BigInteger.ONE.shiftLeft(256)) : n);
        }
        throw new IllegalArgumentException("unsupported ABI type " + type);
    }

    private static BigInteger integer(Object value) {
        return switch (value) {
            case BigInteger b -> b;
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            default -> throw new IllegalArgumentException("not an integer: " + value);
        };
    }

    private static int bits(String type, int prefix) {
        return type.length() == prefix ? 256 : Integer.parseInt(type.substring(prefix));
    }

    private static String word(BigInteger n) {
        String hex = n.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    // ---- decoding ----------------------------------------------------------------------------------------------

    /**
     * {@return the values that {@code data} ({@code 0x} hex) encodes by these types} Throws
     * {@link IllegalArgumentException} when the data is too short for them.
     */
    public static List<Object> decode(List<String> types, String data) {
        byte[] bytes = HEX.parseHex(strip(data));
        return decodeList(types, bytes, 0);
    }

    private static List<Object> decodeList(List<String> types, byte[] data, int base) {
        List<Object> values = new ArrayList<>(types.size());
        int at = base;
        for (String type : types) {
            if (isDynamic(type)) {
                values.add(decodeAt(type, data, base + intAt(data, at)));
            } else {
                values.add(decodeAt(type, data, at));
            }
            at += headBytes(type);
        }
        return values;
    }

    private static Object decodeAt(String type, byte[] data, int at) {
        if (type.endsWith("[]")) {
            int n = intAt(data, at);
            return decodeList(Collections.nCopies(n, type.substring(0, type.length() - 2)), data, at + 32);
        }
        if (type.startsWith("(")) {
            return decodeList(splitTypes(type.substring(1, type.length() - 1)), data, at);
        }
        if (type.equals("string") || type.equals("bytes")) {
            int n = intAt(data, at);
            byte[] content = slice(data, at + 32, n);
            return type.equals("string") ? new String(content, StandardCharsets.UTF_8) : "0x" + HEX.formatHex(content);
        }
        BigInteger word = new BigInteger(1, slice(data, at, 32));
        if (type.equals("address")) {
            return Address.of(String.format(
                    Locale.ROOT,
                    "0x%040x",
                    word.and(BigInteger.ONE.shiftLeft(160).subtract(BigInteger.ONE))));
        }
        if (type.equals("bool")) {
            return word.signum() != 0;
        }
        if (type.startsWith("bytes")) {
            return "0x" + HEX.formatHex(slice(data, at, Integer.parseInt(type.substring(5))));
        }
        if (type.startsWith("uint")) {
            return word;
        }
        if (type.startsWith("int")) {
            return word.testBit(255) ? word.subtract(BigInteger.ONE.shiftLeft(256)) : word;
        }
        throw new IllegalArgumentException("unsupported ABI type " + type);
    }

    private static int intAt(byte[] data, int at) {
        return new BigInteger(1, slice(data, at, 32)).intValueExact();
    }

    private static byte[] slice(byte[] data, int from, int length) {
        if (from < 0 || length < 0 || from + length > data.length) {
            throw new IllegalArgumentException(
                    "ABI data of " + data.length + " bytes is too short to read " + length + " at " + from);
        }
        return Arrays.copyOfRange(data, from, from + length);
    }

    /**
     * {@return return data rendered as {@code ViewCall} says: the outputs decoded by these types and joined by
     * {@code ","}, each an address in lower-case hex, an integer in decimal, or {@code true}/{@code false}} Return
     * data too short for the types (a call to an address without code returns none) renders as a revert without
     * data, {@code "revert Empty[]"}, which is what a Solidity caller would see.
     */
    public static String render(List<String> types, String returnData) {
        List<Object> values;
        try {
            values = decode(types, returnData);
        } catch (IllegalArgumentException | ArithmeticException tooShort) {
            return renderRevert(new EvmRevert.Empty());
        }
        return values.stream().map(AbiCodec::text).collect(Collectors.joining(","));
    }

    /** {@return a revert rendered as {@code ViewCall} says: {@code "revert " + revert}} */
    public static String renderRevert(EvmRevert revert) {
        return "revert " + revert;
    }

    private static String text(Object value) {
        return switch (value) {
            case Address a -> a.hex();
            case List<?> l -> l.stream().map(AbiCodec::text).collect(Collectors.joining(",", "[", "]"));
            default -> value.toString();
        };
    }

    // ---- types -------------------------------------------------------------------------------------------------

    private static String signature(String name, List<String> types) {
        return name + "(" + String.join(",", types) + ")";
    }

    private static boolean isDynamic(String type) {
        if (type.equals("string") || type.equals("bytes") || type.endsWith("[]")) {
            return true;
        }
        if (type.startsWith("(")) {
            return splitTypes(type.substring(1, type.length() - 1)).stream().anyMatch(AbiCodec::isDynamic);
        }
        if (type.endsWith("]")) {
            throw new IllegalArgumentException("fixed-size arrays are not supported: " + type);
        }
        return false;
    }

    private static int headBytes(String type) {
        if (isDynamic(type)) {
            return 32;
        }
        if (type.startsWith("(")) {
            return splitTypes(type.substring(1, type.length() - 1)).stream()
                    .mapToInt(AbiCodec::headBytes)
                    .sum();
        }
        return 32;
    }

    /** Splits a comma-separated type list at the top level (not inside parentheses). */
    private static List<String> splitTypes(String list) {
        List<String> types = new ArrayList<>();
        if (list.isEmpty()) {
            return types;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                types.add(list.substring(start, i).strip());
                start = i + 1;
            }
        }
        types.add(list.substring(start).strip());
        return types;
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
