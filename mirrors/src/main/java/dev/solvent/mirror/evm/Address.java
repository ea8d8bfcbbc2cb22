package dev.solvent.mirror.evm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A 20-byte EVM address, held as lower-case {@code 0x}-prefixed hex so that two spellings of one address are equal.
 * Mirrors name accounts, tokens and price feeds by address, exactly as the contracts do.
 */
public record Address(String hex) implements Comparable<Address> {

    private static final Pattern HEX40 = Pattern.compile("0x[0-9a-f]{40}");

    /** The zero address, {@code address(0)}. */
    public static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

    /** Checks the form: {@code 0x} and 40 hex digits, any case. */
    public Address {
        String lower = hex == null ? "" : hex.toLowerCase(Locale.ROOT);
        if (!HEX40.matcher(lower).matches()) {
            throw new IllegalArgumentException("an address is 0x followed by 40 hex digits, not \"" + hex + "\"");
        }
        hex = lower;
    }

    /** {@return the address spelled {@code hex}} */
    public static Address of(String hex) {
        return new Address(hex);
    }

    /** {@return a synthetic address whose last bytes are {@code n}: handy for tests and generated actors} */
    public static Address ofNumber(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("an address number is non-negative, not " + n);
        }
        return new Address(String.format(Locale.ROOT, "0x%040x", n));
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
