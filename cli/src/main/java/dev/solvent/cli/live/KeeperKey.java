package dev.solvent.cli.live;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Reads the keeper's private key from a file or an environment variable. The key's text never reaches a message, a
 * log or an exception: every failure names where the key was looked for and what a key looks like, never what was
 * found there. Nor is an argument shown that looks like key material itself (a key given where the file's path or the
 * variable's name belongs).
 */
public final class KeeperKey {

    private static final Pattern HEX_KEY = Pattern.compile("(0x|0X)?[0-9a-fA-F]{64}");

    /** The order of secp256k1: a private key is in {@code 1 .. n - 1}. */
    private static final BigInteger CURVE_ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    /**
     * A run of 16 or more hexadecimal digits with both letters and digits among them, in an argument once spaces and
     * colons are taken out, is taken for key material (a whole key, a piece of one, or one printed as ab:cd:...), and
     * the argument is never shown. A run of decimal digits alone (a temporary folder's number, a time) is not.
     */
    private static final Pattern KEY_LIKE =
            Pattern.compile("(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{16,}");

    /** A name that can be shown: a plain environment variable name, such as KEEPER_KEY. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** More than a key and its line end could ever take: a bigger file is not a key file. */
    private static final int MAX_FILE_BYTES = 1024;

    private KeeperKey() {}

    /**
     * {@return the key in the file at {@code path} (64 hexadecimal digits, with or without 0x, alone), or why there is
     * none}
     *
     * @param path the argument of {@code --key-file}, as given: it is made a path here, so that no converter's message
     *     can show it
     */
    public static Either<String, Credentials> fromFile(String path) {
        boolean keyLike = looksLikeKey(path);
        String notAPath = "--key-file: no such file, and the value looks like a private key, not the path of a file;"
                + " pass the path of a file that holds the key";
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            return Either.left(
                    keyLike
                            ? notAPath
                            : "--key-file " + path + ": is not a valid path; valid: the path of a file holding the"
                                    + " key's 64 hexadecimal digits");
        }
        if (keyLike && !Files.exists(file)) {
            return Either.left(notAPath);
        }
        String where = keyLike ? "--key-file (path not shown: it looks like key material)" : "--key-file " + file;
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
        if (looksLikeKey(name)) {
            // the key itself where its variable's name belongs: never look it up, never show it
            return Either.left("--key-env: the value looks like a private key, not the name of an environment"
                    + " variable; pass the variable's name, such as --key-env=KEEPER_KEY");
        }
        if (name.isBlank()) {
            return Either.left("--key-env: is empty; valid: the name of an environment variable, such as KEEPER_KEY");
        }
        boolean plain = PLAIN_NAME.matcher(name).matches();
        String where = plain ? "--key-env " + name : "--key-env (name not shown: it is not a plain name)";
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            if (!plain) {
                return Either.left("--key-env: no environment variable has the name given, which is not shown: it is"
                        + " not a plain name and may be key material; pass the variable's name, such as"
                        + " --key-env=KEEPER_KEY");
            }
            return Either.left(where + ": the environment variable is not set; set it to the key's 64 hexadecimal"
                    + " digits, with or without 0x");
        }
        return parse(value, where);
    }

    /** {@return whether an argument holds what may be key material, so that no message may show it} */
    static boolean looksLikeKey(String argument) {
        return KEY_LIKE.matcher(argument.replaceAll("[\\s:]", "")).find();
    }

    /**
     * {@return {@code text} with every run of characters that may be key material replaced by a note} For messages
     * that echo arguments, such as an unknown option: a key pasted in the wrong place must never be printed.
     */
    public static String redacted(String text) {
        // an address (0x and 40 digits) is public and is what a wrong --feed or --protocol must show
        return KEY_LIKE.matcher(text)
                .replaceAll(m -> m.group().length() == 40
                                && m.start() >= 2
                                && text.regionMatches(true, m.start() - 2, "0x", 0, 2)
                        ? m.group()
                        : "(not shown: it looks like key material)");
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
