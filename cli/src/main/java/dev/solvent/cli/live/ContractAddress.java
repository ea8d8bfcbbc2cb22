package dev.solvent.cli.live;

import io.vavr.control.Either;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * The address of a contract a keeper sends to, held in its EIP-55 checksummed form.
 *
 * @param value {@code 0x} and 40 hexadecimal digits, checksummed
 */
public record ContractAddress(String value) {

    private static final Pattern HEX_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    /** Rejects anything but a checksummed address; use {@link #parse} for user input. */
    public ContractAddress {
        if (value == null || !HEX_ADDRESS.matcher(value).matches() || !value.equals(Keys.toChecksumAddress(value))) {
            throw new IllegalArgumentException("not a checksummed address: " + value);
        }
    }

    /**
     * {@return the address, or why the text is not one} An all-lowercase or all-uppercase address carries no checksum
     * and is accepted; a mixed-case one must match its EIP-55 checksum, which catches a mistyped digit.
     */
    public static Either<String, ContractAddress> parse(String text) {
        if (text == null || !HEX_ADDRESS.matcher(text).matches()) {
            return Either.left("'" + text + "' is not an address; valid: 0x and 40 hexadecimal digits");
        }
        String digits = text.substring(2);
        boolean mixedCase =
                !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        String checksummed = Keys.toChecksumAddress(text);
        if (mixedCase && !text.equals(checksummed)) {
            // never suggest the corrected form: it would be a valid checksum of a possibly mistyped address
            return Either.left("'" + text + "' fails its EIP-55 checksum, so a digit or its case is probably mistyped");
        }
        return Either.right(new ContractAddress(checksummed));
    }

    @Override
    public String toString() {
        return value;
    }
}
