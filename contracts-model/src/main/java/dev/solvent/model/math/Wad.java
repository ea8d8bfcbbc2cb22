package dev.solvent.model.math;

/**
 * A ratio or rate scaled by {@code 1e18} (WAD), as risk parameters are stored on chain: {@code 0.05} is
 * {@code 5e16}. Negative values are allowed for signed rates such as funding.
 *
 * @param raw the scaled integer
 */
public record Wad(I256 raw) implements Comparable<Wad> {

    /** Zero. */
    public static final Wad ZERO = new Wad(I256.ZERO);
    /** One, {@code 1e18}. */
    public static final Wad ONE = new Wad(FixedPoint.WAD);

    /** Requires a raw value. */
    public Wad {
        if (raw == null) {
            throw new IllegalArgumentException("a Wad needs a raw value");
        }
    }

    /** {@return the WAD with this raw scaled value} */
    public static Wad ofRaw(long raw) {
        return new Wad(I256.of(raw));
    }

    /**
     * Parses a plain decimal such as {@code "0.05"} or {@code "-1.25"} into its exact WAD value.
     *
     * @throws NumberFormatException if the text is not a decimal or has more than 18 fractional digits
     */
    public static Wad parse(String text) {
        String s = text.strip();
        boolean negative = s.startsWith("-");
        String body = negative || s.startsWith("+") ? s.substring(1) : s;
        int dot = body.indexOf('.');
        String whole = dot < 0 ? body : body.substring(0, dot);
        String fraction = dot < 0 ? "" : body.substring(dot + 1);
        if (whole.isEmpty() && fraction.isEmpty() || !(whole + fraction).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NumberFormatException("'" + text + "' is not a decimal number such as 0.05");
        }
        if (fraction.length() > 18) {
            throw new NumberFormatException("'" + text + "' has more than 18 decimal places");
        }
        String digits = (whole.isEmpty() ? "0" : whole) + fraction + "0".repeat(18 - fraction.length());
        I256 raw = I256.parse(digits);
        return new Wad(negative ? raw.negate() : raw);
    }

    /** {@return whether this ratio is strictly positive} */
    public boolean isPositive() {
        return raw.isPositive();
    }

    @Override
    public int compareTo(Wad o) {
        return raw.compareTo(o.raw);
    }

    /** {@return the plain decimal form, such as {@code 0.05}} */
    @Override
    public String toString() {
        String digits = raw.abs().toString();
        if (digits.length() <= 18) {
            digits = "0".repeat(19 - digits.length()) + digits;
        }
        String whole = digits.substring(0, digits.length() - 18);
        String fraction = digits.substring(digits.length() - 18).replaceAll("0+$", "");
        return (raw.isNegative() ? "-" : "") + whole + (fraction.isEmpty() ? "" : "." + fraction);
    }
}
