package dev.solvent.simulation.scenario;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads typed fields out of a YAML tree and collects every problem with its dotted path, the value found and what
 * would be valid, so that one run of the reader reports everything wrong with a file.
 */
final class Fields {

    private final String file;
    private final Map<String, String> overridden;
    private final List<String> problems = new ArrayList<>();

    Fields(String file) {
        this(file, Map.of());
    }

    /**
     * Fields of a file some of whose values were given elsewhere, such as on the command line: a problem at one of
     * {@code overridden}'s paths names what gave the value (such as {@code --set blocks}) instead of the file.
     */
    Fields(String file, Map<String, String> overridden) {
        this.file = file;
        this.overridden = overridden;
    }

    Vector<String> problems() {
        return Vector.ofAll(problems);
    }

    /** {@return how many problems have been found so far} A check across fields runs only when its fields had none. */
    int count() {
        return problems.size();
    }

    void problem(String path, String message) {
        String origin = overridden.get(path);
        if (origin == null) {
            problems.add(file + ": " + path + ": " + message);
        } else {
            problems.add(origin + (origin.endsWith(" " + path) ? "" : ": " + path) + ": " + message);
        }
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** Reports keys of {@code node} that are not in {@code known}. */
    void onlyKnown(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!known.contains(e.getKey())) {
                problem(
                        join(path, e.getKey()),
                        "unknown field; valid fields here: " + String.join(", ", TreeSet.ofAll(known)));
            }
        }
    }

    JsonNode object(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = parent == null ? null : parent.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                problem(join(path, name), "missing; valid: a mapping of fields");
            }
            return null;
        }
        if (!n.isObject()) {
            problem(join(path, name), shown(n) + " is not valid; valid: a mapping of fields");
            return null;
        }
        return n;
    }

    String text(JsonNode parent, String path, String name, String fallback, String valid) {
        JsonNode n = parent == null ? null : parent.get(name);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                problem(join(path, name), "missing; valid: " + valid);
            }
            return fallback;
        }
        if (!n.isValueNode()) {
            problem(join(path, name), shown(n) + " is not valid; valid: " + valid);
            return fallback;
        }
        return n.asString();
    }

    long whole(JsonNode parent, String path, String name, Long fallback, long min, long max) {
        String valid = "a whole number in [" + min + ", " + max + "]";
        String t = text(parent, path, name, fallback == null ? null : fallback.toString(), valid);
        if (t == null) {
            return min;
        }
        try {
            long v = new BigDecimal(t.replace("_", "")).longValueExact();
            if (v < min || v > max) {
                problem(join(path, name), t + " is out of range; valid: " + valid);
                return min;
            }
            return v;
        } catch (ArithmeticException | NumberFormatException e) {
            problem(join(path, name), quote(t) + " is not valid; valid: " + valid);
            return min;
        }
    }

    int small(JsonNode parent, String path, String name, Integer fallback, int min, int max) {
        return (int) whole(parent, path, name, fallback == null ? null : fallback.longValue(), min, max);
    }

    /** A decimal ratio such as {@code 0.05}, read exactly into a WAD, within {@code [min, max]}. */
    Wad ratio(JsonNode parent, String path, String name, String fallback, String min, String max) {
        String valid = "a decimal number in [" + min + ", " + max + "], such as " + (fallback == null ? min : fallback);
        String t = text(parent, path, name, fallback, valid);
        if (t == null) {
            return Wad.parse(min);
        }
        try {
            BigDecimal v = new BigDecimal(t.replace("_", ""));
            if (v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0) {
                problem(join(path, name), t + " is out of range; valid: " + valid);
                return Wad.parse(min);
            }
            if (v.stripTrailingZeros().scale() > 18) {
                problem(join(path, name), t + " has more than 18 decimals; valid: " + valid);
                return Wad.parse(min);
            }
            return Wad.parse(v.toPlainString());
        } catch (NumberFormatException e) {
            problem(join(path, name), quote(t) + " is not valid; valid: " + valid);
            return Wad.parse(min);
        }
    }

    /** An amount in whole tokens such as {@code 25000.5}, as base units of a token with {@code decimals}. */
    I256 amount(JsonNode parent, String path, String name, String fallback, int decimals, boolean positive) {
        String valid = (positive ? "a positive" : "a non-negative") + " amount in whole tokens with at most " + decimals
                + " decimals, such as " + (fallback == null ? "1000" : fallback);
        String t = text(parent, path, name, fallback, valid);
        if (t == null) {
            return I256.ZERO;
        }
        try {
            BigDecimal v = new BigDecimal(t.replace("_", ""));
            BigDecimal units = v.movePointRight(decimals);
            if (units.signum() < 0 || (positive && units.signum() == 0)) {
                problem(join(path, name), t + " is out of range; valid: " + valid);
                return I256.ZERO;
            }
            BigInteger exact = units.toBigIntegerExact();
            if (exact.bitLength() > 200) {
                problem(join(path, name), t + " is too large; valid: " + valid);
                return I256.ZERO;
            }
            return I256.of(exact);
        } catch (ArithmeticException e) {
            problem(join(path, name), t + " has more than " + decimals + " decimals; valid: " + valid);
            return I256.ZERO;
        } catch (NumberFormatException e) {
            problem(join(path, name), quote(t) + " is not valid; valid: " + valid);
            return I256.ZERO;
        }
    }

    double real(JsonNode parent, String path, String name, String fallback, double min, double max) {
        String valid = "a number in [" + min + ", " + max + "]";
        String t = text(parent, path, name, fallback, valid);
        if (t == null) {
            return min;
        }
        try {
            double v = new BigDecimal(t.replace("_", "")).doubleValue();
            if (!(v >= min && v <= max)) {
                problem(join(path, name), t + " is out of range; valid: " + valid);
                return min;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(join(path, name), quote(t) + " is not valid; valid: " + valid);
            return min;
        }
    }

    <E extends Enum<E>> E choice(JsonNode parent, String path, String name, E fallback, Class<E> type) {
        Vector<String> names = Vector.of(type.getEnumConstants()).map(Fields::kebab);
        String valid = "one of " + String.join(", ", names);
        String t = text(parent, path, name, fallback == null ? null : kebab(fallback), valid);
        if (t == null) {
            return type.getEnumConstants()[0];
        }
        for (E e : type.getEnumConstants()) {
            if (kebab(e).equals(t)) {
                return e;
            }
        }
        problem(join(path, name), quote(t) + " is not valid; valid: " + valid);
        return type.getEnumConstants()[0];
    }

    static String kebab(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static String shown(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return quote(n.asString());
    }

    /** The most characters of a value a message shows; a longer value is cut, with its length. */
    static final int SHOWN_CHARS = 60;

    /**
     * {@return a value as a message shows it: in quotes, on one line (line ends and other control characters escaped
     * as in JSON, so that a problem stays one line), and cut after {@value #SHOWN_CHARS} characters with its length}
     */
    static String quote(String t) {
        StringBuilder b = new StringBuilder("\"");
        int shown = Math.min(t.length(), SHOWN_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = t.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        if (t.length() > SHOWN_CHARS) {
            b.insert(b.length() - 1, "...");
            b.append(String.format(java.util.Locale.ROOT, " (%,d characters)", t.length()));
        }
        return b.toString();
    }

    /** What a name of an asset, a market or an account may be. */
    static final String NAME = "a name that is not blank and has no spaces around it, such as USDC";

    /** {@return whether {@code text} can name an asset, a market or an account} */
    static boolean validName(String text) {
        return !text.isBlank() && text.strip().equals(text);
    }

    /** {@return the identifier named by {@code text}, or {@code fallback} after reporting a name that cannot be one} */
    <T> T name(String path, String text, java.util.function.Function<String, T> of, T fallback) {
        if (!validName(text)) {
            problem(path, quote(text) + " is not valid; valid: " + NAME);
            return fallback;
        }
        return of.apply(text);
    }

    /**
     * {@return whether an element of a list of mappings is a mapping} If it is not (a list, a value, or nothing), the
     * problem names its path and index and what would be valid, and the caller skips it: every field of a mapping may
     * have a default, so reading any other shape would silently give an element with every field at its default.
     */
    boolean element(JsonNode e, String path, Set<String> fields, String example) {
        if (e != null && e.isObject()) {
            return true;
        }
        String found;
        if (e == null || e.isNull() || e.isMissingNode()) {
            found = "is empty";
        } else if (e.isArray()) {
            found = "is a list";
        } else {
            found = "is the value " + shown(e);
        }
        problem(
                path,
                found + "; valid: a mapping with fields " + String.join(", ", io.vavr.collection.TreeSet.ofAll(fields))
                        + ", such as " + example);
        return false;
    }
}
