package dev.solvent.cli.replay;

import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A JSON value as read from a file, with the line it starts on, so that a problem found while decoding it can point at
 * that line. Numbers keep the text they were written with and are never converted through a {@code double}.
 */
sealed interface JsonValue {

    /** {@return the 1-based line the value starts on} */
    int line();

    /** {@return how to show the value in a message: the value itself for scalars, its kind for containers} */
    String shown();

    /**
     * {@return a string as a message shows it: in quotes, on one line (line ends and other control characters escaped
     * as in JSON, so that a problem stays one line), and cut after 60 characters with its length}
     */
    static String quoted(String value) {
        // one quoting for every input file's messages: the scenario reader's
        return dev.solvent.simulation.scenario.YamlInput.quoted(value);
    }

    /** An object; fields keep the order of the file (duplicate names are rejected while reading). */
    record Obj(int line, LinkedHashMap<String, JsonValue> fields) implements JsonValue {
        @Override
        public String shown() {
            return "an object";
        }

        /** {@return the field's value, if present} */
        Option<JsonValue> get(String name) {
            return fields.get(name);
        }
    }

    /** An array. */
    record Arr(int line, Vector<JsonValue> items) implements JsonValue {
        @Override
        public String shown() {
            return "an array";
        }
    }

    /** A string. */
    record Str(int line, String value) implements JsonValue {
        @Override
        public String shown() {
            return JsonValue.quoted(value);
        }
    }

    /** A number, exactly as written (such as {@code 1500000} or {@code 0.05}). */
    record Num(int line, String text) implements JsonValue {
        @Override
        public String shown() {
            return text;
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(int line, boolean value) implements JsonValue {
        @Override
        public String shown() {
            return Boolean.toString(value);
        }
    }

    /** {@code null}. */
    record Null(int line) implements JsonValue {
        @Override
        public String shown() {
            return "null";
        }
    }

    /**
     * {@return the line of the value at a dotted path such as {@code markets.ETH-PERP.takerFee}, or of its deepest
     * existing parent when the path does not exist} Keys may themselves contain dots, so each step takes the longest
     * key that matches.
     */
    default int lineOf(String path) {
        JsonValue at = this;
        String rest = path;
        while (!rest.isEmpty() && at instanceof Obj o) {
            JsonValue next = null;
            String remaining = "";
            for (int end = rest.length(); end > 0; end = rest.lastIndexOf('.', end - 1)) {
                Option<JsonValue> child = o.get(rest.substring(0, end));
                if (child.isDefined()) {
                    next = child.get();
                    remaining = end == rest.length() ? "" : rest.substring(end + 1);
                    break;
                }
            }
            if (next == null) {
                break;
            }
            at = next;
            rest = remaining;
        }
        return at.line();
    }
}
