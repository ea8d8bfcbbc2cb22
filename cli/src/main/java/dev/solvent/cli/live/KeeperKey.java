package dev.solvent.cli.live;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Reads the keeper's private key from a file or an environment variable. The key's text never reaches a message, a
 * log or an exception: every failure names where the key was looked for and what a key looks like, never what was
 * found there.
 */
public final class KeeperKey {

    private static final Pattern HEX_KEY = Pattern.compile("(0x|0X)?[0-9a-fA-F]{64}");

    /** The order of secp256k1: a private key is in {@code 1 .. n - 1}. */
    private static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    /** More than a key and its line end could ever take: a bigger file is not a key file. */
    private static final int MAX_FILE_BYTES = 1024;

    private KeeperKey() {}

    /** {@return the key in {@code file} (64 hexadecimal digits, with or without 0x, alone), or why there is none} */
    public static Either<String, Credentials> fromFile(Path file) {
        String where = "--key-file " + file;
        if (Files.isDirectory(file)) {
            return Either.left(where + ": is a folder; valid: a file holding the key's 64 hexadecimal digits");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Either.left(where + ": cannot be read: no such file");
        } catch (AccessDeniedException e) {
            return Either.left(where + ": cannot be read: permission denied");
        } catch (IOException e) {
            return Either.left(where + ": cannot be read: " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return Either.left(where + ": is too large to hold only a key; valid: the key's 64 hexadecimal digits,"
                    + " with or without 0x");
        }
        return parse(new String(bytes, StandardCharsets.US_ASCII), where);
    }

    /** {@return the key in the environment variable {@code name}, or why there is none} */
    public static Either<String, Credentials> fromEnvironment(String name, Function<String, String> environment) {
        String where = "--key-env " + name;
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            return Either.left(where + ": the environment variable is not set; set it to the key's 64 hexadecimal"
                    + " digits, with or without 0x");
        }
        return parse(value, where);
    }

    private static Either<String, Credentials> parse(String text, String where) {
        String key = text.strip();
        if (!HEX_KEY.matcher(key).matches()) {
            return Either.left(where + ": does not hold a private key; valid: 64 hexadecimal digits, with or without"
                    + " 0x, and nothing else");
        }
        BigInteger k = new BigInteger(key.substring(key.length() - 64), 16);
        if (k.signum() == 0 || k.compareTo(CURVE_ORDER) >= 0) {
            return Either.left(where + ": is not a valid secp256k1 private key; valid: a number from 1 to the curve"
                    + " order minus 1");
        }
        return Either.right(Credentials.create(ECKeyPair.create(k)));
    }
}
