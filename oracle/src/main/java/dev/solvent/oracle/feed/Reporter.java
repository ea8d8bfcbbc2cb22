package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A price reporter (a Maker "feed"): a secp256k1 key that signs {@link SignedReport}s with web3j's
 * {@code Sign.signPrefixedMessage}. For simulations and tests, keys come from a seed, never from a system source of
 * randomness; do not use such keys on a real chain.
 */
public final class Reporter {

    private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

    private final ECKeyPair key;
    private final Address address;

    private Reporter(ECKeyPair key) {
        this.key = key;
        this.address = Address.of(Keys.getAddress(key));
    }

    /** {@return a reporter signing with {@code key}} */
    public static Reporter of(ECKeyPair key) {
        return new Reporter(key);
    }

    /**
     * {@return the reporter number {@code index} of a deterministic set seeded by {@code seed}} The private key is
     * {@code keccak256(seed, index)} reduced into {@code [1, n-1]}.
     */
    public static Reporter fromSeed(long seed, int index) {
        byte[] material = ByteBuffer.allocate(12).putLong(seed).putInt(index).array();
        BigInteger k = new BigInteger(1, Hash.sha3(material))
                .mod(CURVE_ORDER.subtract(BigInteger.ONE))
                .add(BigInteger.ONE);
        return new Reporter(ECKeyPair.create(k));
    }

    /** {@return the reporter's address, as {@code ecrecover} would return it} */
    public Address address() {
        return address;
    }

    /** {@return a report of {@code value} observed at {@code age}, for the Median with feed id {@code wat}} */
    public SignedReport sign(I256 value, long age, String wat) {
        byte[] message = Median.message(value, age, wat);
        return SignedReport.of(value, age, Sign.signPrefixedMessage(message, key));
    }

    @Override
    public String toString() {
        return "Reporter[" + address + "]";
    }
}
