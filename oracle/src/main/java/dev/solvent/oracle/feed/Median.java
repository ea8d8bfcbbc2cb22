package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A medianizer with signed reports in the manner of Maker's {@code Median.sol}: a relayer submits exactly {@code bar}
 * reports, each signed by an authorised reporter; the contract recovers every signer and stores the middle value and
 * the block time. Its security is that the median holds as long as fewer than half of the reports lie.
 *
 * <p>{@link #poke} mirrors {@code Median.poke}, with its checks in the same order: the number of reports equals
 * {@code bar}; then for each report, its recovered signer is authorised ({@code orcl[signer] == 1}), its age is newer
 * than the stored age, its value is not below the previous one, and its signer has not signed already. {@code bar}
 * must be odd ({@code setBar} requires it), and {@code address(0)} can never be authorised ({@code lift} refuses it),
 * so an invalid signature, which recovers to {@code address(0)}, is always rejected. Maker tells signers apart by the
 * first byte of their address (a bloom filter, with {@code lift} refusing two oracles with the same first byte); this
 * model compares whole addresses, which is the same under that rule. Rejections are values, never exceptions.
 *
 * @param wat the feed id, e.g. {@code "ETHUSD"}, at most 32 ASCII bytes, stored left-aligned in a {@code bytes32}
 * @param bar the quorum: the exact, odd number of reports a poke needs
 * @param oracles the authorised reporters ({@code orcl})
 */
public record Median(String wat, int bar, Set<Address> oracles) {

    /** Rejects an even or non-positive quorum, a feed id that does not fit {@code bytes32}, and {@code address(0)}. */
    public Median {
        ParameterChecks.present("Median.wat", wat);
        ParameterChecks.require(
                wat.getBytes(StandardCharsets.US_ASCII).length <= 32
                        && StandardCharsets.US_ASCII.newEncoder().canEncode(wat),
                "Median.wat",
                "'" + wat + "' is out of range; valid: up to 32 ASCII characters (a bytes32)");
        ParameterChecks.within("Median.bar", bar, 1, 255, "reports per poke");
        ParameterChecks.require(
                bar % 2 == 1,
                "Median.bar",
                bar + " is out of range; valid: an odd number (the median is the middle report)");
        ParameterChecks.present("Median.oracles", oracles);
        ParameterChecks.require(
                !oracles.contains(Address.ZERO), "Median.oracles", "address(0) can never be an authorised oracle");
        oracles = TreeSet.ofAll(oracles);
    }

    /** {@return a Median authorising {@code reporters}} */
    public static Median of(String wat, int bar, List<Reporter> reporters) {
        return new Median(wat, bar, HashSet.ofAll(reporters).map(Reporter::address));
    }

    /**
     * The Median's storage.
     *
     * @param val the stored median, with the reports' decimals (0 before the first poke)
     * @param age the block time of the last poke, unix seconds (0 before the first poke)
     * @param pokes how many pokes succeeded
     */
    public record State(I256 val, long age, long pokes) {

        /** The state of a fresh Median. */
        public static final State EMPTY = new State(I256.ZERO, 0, 0);

        /** {@return the value if it is positive, as {@code peek()} returns {@code (val, val > 0)}} */
        public io.vavr.control.Option<I256> peek() {
            return val.isPositive() ? io.vavr.control.Option.some(val) : io.vavr.control.Option.none();
        }
    }

    /**
     * {@return the new state after a poke at {@code now}, or why the poke reverts} The reports must be sorted by value,
     * as the relayer submits them.
     */
    public Either<MedianRejection, State> poke(State state, List<SignedReport> reports, long now) {
        if (reports.size() != bar) {
            return Either.left(new MedianRejection.BarTooLow(bar, reports.size()));
        }
        I256 last = I256.ZERO;
        Set<Address> signed = HashSet.empty();
        for (int i = 0; i < reports.size(); i++) {
            SignedReport report = reports.get(i);
            Address signer = recover(report, wat);
            if (!oracles.contains(signer)) {
                return Either.left(new MedianRejection.InvalidOracle(i, signer));
            }
            if (report.age() <= state.age()) {
                return Either.left(new MedianRejection.StaleMessage(i, report.age(), state.age()));
            }
            if (report.value().lt(last)) {
                return Either.left(new MedianRejection.MessagesNotInOrder(i, report.value(), last));
            }
            last = report.value();
            if (signed.contains(signer)) {
                return Either.left(new MedianRejection.OracleAlreadySigned(i, signer));
            }
            signed = signed.add(signer);
        }
        return Either.right(new State(reports.get(reports.size() >> 1).value(), now, state.pokes() + 1));
    }

    /**
     * {@return the signer of {@code report} for feed {@code wat}, as {@code ecrecover} finds it: {@code address(0)}
     * when the signature is invalid}
     */
    public static Address recover(SignedReport report, String wat) {
        try {
            BigInteger key =
                    Sign.signedPrefixedMessageToKey(message(report.value(), report.age(), wat), report.signature());
            return Address.of(Keys.getAddress(key));
        } catch (SignatureException | RuntimeException invalid) {
            // ecrecover does not revert on a bad signature; it returns address(0)
            return Address.ZERO;
        }
    }

    /** {@return {@code keccak256(abi.encodePacked(uint256 value, uint256 age, bytes32 wat))}, the signed payload} */
    static byte[] message(I256 value, long age, String wat) {
        byte[] packed = new byte[96];
        System.arraycopy(Numeric.toBytesPadded(value.toBigInteger(), 32), 0, packed, 0, 32);
        System.arraycopy(Numeric.toBytesPadded(BigInteger.valueOf(age), 32), 0, packed, 32, 32);
        byte[] id = wat.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(id, 0, packed, 64, id.length);
        return Hash.sha3(packed);
    }
}
