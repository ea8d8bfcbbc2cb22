package dev.solvent.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * Signing keys made up at test time from a seed, so that no key is ever written into the repository and every run
 * signs with the same one; each is a valid secp256k1 key that holds nothing on any real chain.
 */
final class TestKeys {

    private TestKeys() {}

    /** {@return the key drawn from {@code seed}: 32 random bytes, below the curve order} */
    static Credentials fromSeed(long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        byte[] bytes = new byte[32];
        r.nextBytes(bytes);
        bytes[0] &= 0x7f; // below 2^255, so below the curve order
        bytes[31] |= 1; // not zero
        return Credentials.create(ECKeyPair.create(new BigInteger(1, bytes)));
    }

    /** {@return the key's 64 hexadecimal digits, lowercase, without 0x} */
    static String hex(Credentials key) {
        return Numeric.toHexStringNoPrefixZeroPadded(key.getEcKeyPair().getPrivateKey(), 64);
    }

    /** {@return a file in {@code dir} holding the key as a user would write it: 0x, the digits, a line end} */
    static Path file(Path dir, Credentials key) throws IOException {
        return Files.writeString(dir.resolve("keeper.key"), "0x" + hex(key) + "\n");
    }

    /** {@return whether {@code text} holds the key's digits in any case, with or without 0x} */
    static boolean leaks(String text, Credentials key) {
        String digits = hex(key);
        String lower = text.toLowerCase(Locale.ROOT);
        // any 16-digit window of the key is already far too much: every window, at every offset
        for (int i = 0; i + 16 <= digits.length(); i++) {
            if (lower.contains(digits.substring(i, i + 16))) {
                return true;
            }
        }
        return false;
    }
}
