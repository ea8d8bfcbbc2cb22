package dev.solvent.simulation.scenario;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The limits every input file is read within, and the reading of a file's bytes and text within them, so that what is
 * wrong with a file as a whole (too large, not text) is told in one line before any parser sees it. The limits leave
 * ample room above what Solvent ships and writes: the bundled scenarios, sweeps, claims and replay examples are a few
 * KB each, and the whole-run transaction file {@code solvent run --check-invariants} writes for the default scenario
 * is about 35 MB.
 *
 * <ul>
 *   <li>scenario and sweep files (YAML): at most {@value #MAX_YAML_BYTES} bytes (4 MiB);
 *   <li>replay state files and claim files (JSON): at most 16 MiB; replay transaction files (JSON): at most 256 MiB;
 *   <li>one string value or key, in any of them: at most {@value #MAX_SCALAR_CHARS} characters.
 * </ul>
 *
 * <p>The size is checked before anything is read, and no more than the limit is ever read (a file that grows while it
 * is read, or a pipe, is cut off there); parsing is linear in the size of the file, so the limits bound both time and
 * memory.
 */
public final class InputFile {

    /** The largest scenario or sweep file, in bytes (4 MiB). */
    public static final long MAX_YAML_BYTES = 4L << 20;

    /** The longest string value or key in any input file, in characters. */
    public static final int MAX_SCALAR_CHARS = 100_000;

    private InputFile() {}

    /**
     * {@return a file's bytes, or what is wrong with its size} The message follows the file's name, as in {@code
     * "big.yaml: is 52,428,812 bytes; the limit for a scenario file is 4 MiB"}.
     *
     * @param file the file
     * @param limit the most bytes it may have
     * @param what what the file is, for the message, such as {@code "scenario file"}
     * @throws IOException as {@link Files#newInputStream} does: the caller tells a missing or unreadable file
     */
    public static Either<String, byte[]> bytes(Path file, long limit, String what) throws IOException {
        if (limit < 0 || limit >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a limit fits an array: " + limit);
        }
        long size = Files.size(file);
        if (size > limit) {
            return Either.left(tooLarge(size, limit, what));
        }
        try (InputStream in = Files.newInputStream(file)) {
            // never more than the limit and one byte, whatever the size said (a pipe says 0, a file may grow)
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                return Either.left(
                        "is larger than " + mebibytes(limit) + "; the limit for a " + what + " is " + mebibytes(limit));
            }
            return Either.right(bytes);
        }
    }

    /**
     * {@return the bytes as UTF-8 text, or where they are not UTF-8} The message follows the file's name, as in {@code
     * "big.yaml: is not UTF-8 text (byte 0xE9 at offset 9)"}; a binary file is not UTF-8 text either.
     */
    public static Either<String, String> utf8(byte[] bytes) {
        return notUtf8(bytes)
                .<Either<String, String>>map(Either::left)
                .orElseGet(() -> Either.right(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** {@return why the bytes are not UTF-8 text, as {@link #utf8} tells it, or empty if they are} */
    public static Optional<String> notUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                int at = in.position();
                return Optional.of(
                        String.format(Locale.ROOT, "is not UTF-8 text (byte 0x%02X at offset %,d)", bytes[at], at));
            }
            if (result.isUnderflow()) {
                return Optional.empty();
            }
            out.clear(); // overflow: the characters so far are not kept
        }
    }

    /** {@return the message for a file over its limit: {@code "is 52,428,812 bytes; the limit for a X is 4 MiB"}} */
    public static String tooLarge(long size, long limit, String what) {
        return String.format(Locale.ROOT, "is %,d bytes; the limit for a %s is %s", size, what, mebibytes(limit));
    }

    /**
     * {@return the message for a string value or key past {@link #MAX_SCALAR_CHARS}} As in {@code "is 2,000,000
     * characters long; the limit for a value is 100,000 characters"}.
     *
     * @param length its length in characters
     * @param what what it is: {@code "value"}, {@code "key"}, {@code "string"}
     */
    public static String scalarTooLong(int length, String what) {
        return String.format(
                Locale.ROOT,
                "is %,d characters long; the limit for a %s is %,d characters",
                length,
                what,
                MAX_SCALAR_CHARS);
    }

    /** {@return a limit for people: {@code "4 MiB"}, or the exact bytes when it is not whole mebibytes} */
    public static String mebibytes(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : String.format(Locale.ROOT, "%,d bytes", bytes);
    }
}
