package dev.solvent.oracle.feed;

import java.util.regex.Pattern;

/**
 * An Ethereum address: 20 bytes, held as {@code 0x} and 40 lower-case hex digits (no checksum casing), so that equal
 * addresses are equal values.
 *
 * @param hex {@code 0x} followed by 40 lower-case hex digits
 */
public record Address(String hex) implements Comparable<Address> {

    // before ZERO: the constructor of ZERO uses it
    private static final Pattern FORM = Pattern.compile("0x[0-9a-f]{40}");

    /** {@code address(0)}: what {@code ecrecover} returns for an invalid signature; never an authorised signer. */
    public static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

    /** Requires the canonical form. */
    public Address {
        if (hex == null || !FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException(
                    "Address: '" + hex + "' is not an address; valid: 0x followed by 40 lower-case hex digits");
        }
    }

    /** {@return the address in {@code text}, with or without {@code 0x}, in any case} */
    public static Address of(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        return new Address(t.startsWith("0x") ? t : "0x" + t);
    }

    /** {@return whether this is {@code address(0)}} */
    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public int compareTo(Address o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
