package dev.solvent.model.check;

import dev.solvent.model.math.Wad;
import io.vavr.collection.List;
import java.util.function.Function;

/**
 * Collects the out-of-range fields of a configuration or policy value, each as "field: value is out of range; valid:
 * range", and rejects them together, so that a person fixing a file sees every problem at once: the one collector of
 * the configuration's and the policies' validation; not an API for callers outside the model.
 */
public final class Checks {

    private List<String> problems = List.empty();
    private final String prefix;

    /** Collects problems of fields named after {@code prefix} (e.g. {@code "liquidation."}). */
    public Checks(String prefix) {
        this.prefix = prefix;
    }

    /** Notes {@code field} as out of range unless {@code ok}. */
    public Checks require(boolean ok, String field, Object value, String valid) {
        if (!ok) {
            problems = problems.append(prefix + field + ": " + value + " is out of range; valid: " + valid);
        }
        return this;
    }

    /** Notes {@code field} as missing when {@code value} is null. */
    public Checks notNull(Object value, String field) {
        present(value, field);
        return this;
    }

    /** {@return whether {@code value} is there} Notes {@code field} as missing when it is not. */
    public boolean present(Object value, String field) {
        if (value == null) {
            problems = problems.append(prefix + field + ": is missing");
        }
        return value != null;
    }

    /** Requires a fraction from 0 to 1, the range named by the field's last segment. */
    public Checks fraction(Wad value, String field) {
        return value == null
                ? notNull(null, field)
                : require(
                        !value.raw().isNegative() && value.compareTo(Wad.ONE) <= 0,
                        field,
                        value,
                        "0 <= " + field.substring(field.lastIndexOf('.') + 1) + " <= 1");
    }

    /** Requires a fraction up to 1, from 0 if {@code zeroAllowed} and above it otherwise, the range named by the field. */
    public Checks fraction(Wad value, String field, boolean zeroAllowed) {
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

    /** Adds problems found elsewhere (a nested value's). */
    public void add(List<String> more) {
        problems = problems.appendAll(more);
    }

    /** {@return whether no problem was found} */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Throws what {@code rejection} makes of the problems, if there is one. */
    public void throwIfAny(Function<List<String>, ? extends RuntimeException> rejection) {
        if (!problems.isEmpty()) {
            throw rejection.apply(problems);
        }
    }

    /** Throws an {@link IllegalArgumentException} with every problem one a line, the form a policy value uses. */
    public void rejectIfAny() {
        throwIfAny(p -> new IllegalArgumentException(String.join("\n", p)));
    }
}
