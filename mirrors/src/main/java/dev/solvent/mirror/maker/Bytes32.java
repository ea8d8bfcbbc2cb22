package dev.solvent.mirror.maker;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * dss names collateral types and parameters with {@code bytes32} strings ({@code "ETH-A"}, {@code "chop"}): ASCII,
 * left-aligned, zero-padded. This class turns such a name into the 32-byte hex an event carries.
 */
public final class Bytes32 {

    private Bytes32() {}

    /** {@return the name as {@code 0x} and 64 hex digits, as the ABI renders a {@code bytes32}} */
    public static String of(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 32) {
            throw new IllegalArgumentException("a bytes32 name has at most 32 characters, not " + name.length());
        }
        byte[] word = new byte[32];
        System.arraycopy(ascii, 0, word, 0, ascii.length);
        return "0x" + HexFormat.of().formatHex(word);
    }

    /** {@return an unsigned integer as a {@code bytes32} word in hex} */
    public static String ofUint(java.math.BigInteger value) {
        return String.format("0x%064x", value);
    }
}
