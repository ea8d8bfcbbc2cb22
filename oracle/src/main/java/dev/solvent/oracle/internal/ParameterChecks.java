package dev.solvent.oracle.internal;

/**
 * Validation of generator and feed parameters at construction, with messages that name the parameter, its value and
 * the valid range. Internal: public only so that every package of the oracle module can share it.
 */
public final class ParameterChecks {

    private ParameterChecks() {}

    /**
     * {@return {@code value}} if it is finite and within {@code [min, max]}
     *
     * @param name the parameter, as {@code Type.component}
     * @param hint what the number means (units), appended to the message
     * @throws IllegalArgumentException naming the parameter, the value and the valid range
     */
    public static double within(String name, double value, double min, double max, String hint) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    name + ": " + value + " is out of range; valid: " + min + " <= value <= " + max + hint(hint));
        }
        return value;
    }

    /**
     * {@return {@code value}} if it is within {@code [min, max]}
     *
     * @throws IllegalArgumentException naming the parameter, the value and the valid range
     */
    public static long within(String name, long value, long min, long max, String hint) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + ": " + value + " is out of range; valid: " + min + " <= value <= " + max + hint(hint));
        }
        return value;
    }

    /**
     * {@return {@code value}} if it is not null
     *
     * @throws IllegalArgumentException naming the missing parameter
     */
    public static <T> T present(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + ": is missing");
        }
        return value;
    }

    /**
     * Throws unless {@code ok}.
     *
     * @throws IllegalArgumentException with {@code name + ": " + problem}
     */
    public static void require(boolean ok, String name, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + problem);
        }
    }

    private static String hint(String hint) {
        return hint.isEmpty() ? "" : " (" + hint + ")";
    }
}
