package dev.solvent.model.policy;

import dev.solvent.model.math.Wad;
import io.vavr.collection.List;

/**
 * Collects the out-of-range parameters of a policy value and rejects them together, each as "field: value is out of
 * range; valid: range" one a line, the form {@code ConfigException} uses for the rest of the configuration.
 */
final class PolicyChecks {

    private List<String> problems = List.empty();
    private final String prefix;

    PolicyChecks(String prefix) {
        this.prefix = prefix;
    }

    PolicyChecks require(boolean ok, String field, Object value, String valid) {
        if (!ok) {
            problems = problems.append(prefix + field + ": " + value + " is out of range; valid: " + valid);
        }
        return this;
    }

    boolean present(Object value, String field) {
        if (value == null) {
            problems = problems.append(prefix + field + ": is missing");
        }
        return value != null;
    }

    PolicyChecks fraction(Wad value, String field, boolean zeroAllowed) {
        if (present(value, field)) {
            boolean low = zeroAllowed ? !value.raw().isNegative() : value.isPositive();
            require(
                    low && value.compareTo(Wad.ONE) <= 0,
                    field,
                    value,
                    (zeroAllowed ? "0 <= " : "0 < ") + field + " <= 1");
        }
        return this;
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }
}
