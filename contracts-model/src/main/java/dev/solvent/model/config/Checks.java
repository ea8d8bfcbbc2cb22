package dev.solvent.model.config;

import dev.solvent.model.math.Wad;
import io.vavr.collection.List;

/** Collects configuration problems and throws them together. */
final class Checks {

    private List<String> problems = List.empty();
    private final String prefix;

    Checks(String prefix) {
        this.prefix = prefix;
    }

    Checks require(boolean ok, String field, Object value, String valid) {
        if (!ok) {
            problems = problems.append(prefix + field + ": " + value + " is out of range; valid: " + valid);
        }
        return this;
    }

    Checks notNull(Object value, String field) {
        if (value == null) {
            problems = problems.append(prefix + field + ": is missing");
        }
        return this;
    }

    Checks fraction(Wad value, String field) {
        return value == null
                ? notNull(null, field)
                : require(
                        !value.raw().isNegative() && value.compareTo(Wad.ONE) <= 0,
                        field,
                        value,
                        "0 <= " + field.substring(field.lastIndexOf('.') + 1) + " <= 1");
    }

    void add(List<String> more) {
        problems = problems.appendAll(more);
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
