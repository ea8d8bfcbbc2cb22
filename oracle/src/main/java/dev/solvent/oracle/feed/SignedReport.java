package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import java.math.BigInteger;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * One reporter's signed price message for a Maker-style {@link Median}: the value and its age (the time it was
 * observed), signed over {@code keccak256(abi.encodePacked(uint256 value, uint256 age, bytes32 wat))} with the
 * Ethereum signed-message prefix. The feed id ({@code wat}) is not carried: the Median uses its own, so a report made
 * for another feed recovers to a stranger.
 *
 * @param value the price as a {@code uint256}, with the Median's decimals; {@code >= 0}
 * @param age the observation time, unix seconds, {@code >= 0}
 * @param v the signature's recovery byte, 27 or 28
 * @param r the signature's {@code r}, {@code 0 <= r < 2^256}
 * @param s the signature's {@code s}, {@code 0 <= s < 2^256}
 */
public record SignedReport(I256 value, long age, int v, BigInteger r, BigInteger s) {

    /** Requires a {@code uint256} value and age and 32-byte {@code r} and {@code s}. */
    public SignedReport {
        if (value == null || value.isNegative() || age < 0) {
            throw new IllegalArgumentException("SignedReport: value " + value + " and age " + age
                    + " are out of range; valid: both uint256 (>= 0)");
        }
        if (r == null || s == null || r.signum() < 0 || s.signum() < 0 || r.bitLength() > 256 || s.bitLength() > 256) {
            throw new IllegalArgumentException("SignedReport: r and s must be 32-byte unsigned integers");
        }
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("SignedReport.v: " + v + " is out of range; valid: a byte, 0..255");
        }
    }

    /** {@return the report with the signature of {@code data}} */
    static SignedReport of(I256 value, long age, Sign.SignatureData data) {
        return new SignedReport(
                value, age, data.getV()[0] & 0xff, Numeric.toBigInt(data.getR()), Numeric.toBigInt(data.getS()));
    }

    /** {@return the signature in web3j's form} */
    Sign.SignatureData signature() {
        return new Sign.SignatureData((byte) v, Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
    }

    /** {@return the same report with another value, keeping the signature: a tampered report} */
    public SignedReport withValue(I256 newValue) {
        return new SignedReport(newValue, age, v, r, s);
    }
}
