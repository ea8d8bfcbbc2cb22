package dev.solvent.mirror.aave;

import java.math.BigInteger;

/**
 * A reserve's {@code ReserveConfigurationMap} word, read as {@code ReserveConfiguration} reads it (the bit layout is
 * the same in v3.3 and v3.7; v3.7 leaves the isolation, siloed, unbacked and debt ceiling bits unused).
 */
public record ReserveConfig(BigInteger data) {

    private int bits(int start, int width) {
        return (int) bitsLong(start, width);
    }

    /** A field of at most 40 bits; those in the low word read without a shift of the whole word. */
    private long bitsLong(int start, int width) {
        long w = start + width <= 64
                ? data.longValue() >>> start
                : data.shiftRight(start).longValue();
        return w & ((1L << width) - 1);
    }

    private boolean bit(int position) {
        return data.testBit(position);
    }

    /** {@return the loan to value, bps} */
    public int ltv() {
        return bits(0, 16);
    }

    /** {@return the liquidation threshold, bps} */
    public int liquidationThreshold() {
        return bits(16, 16);
    }

    /** {@return the liquidation bonus, bps above 100% (10500 = 5%)} */
    public int liquidationBonus() {
        return bits(32, 16);
    }

    /** {@return the underlying's decimals} */
    public int decimals() {
        return bits(48, 8);
    }

    /** {@return whether the reserve is active} */
    public boolean active() {
        return bit(56);
    }

    /** {@return whether the reserve is frozen} */
    public boolean frozen() {
        return bit(57);
    }

    /** {@return whether borrowing is enabled} */
    public boolean borrowingEnabled() {
        return bit(58);
    }

    /** {@return whether the reserve is paused} */
    public boolean paused() {
        return bit(60);
    }

    /** {@return whether the asset may be borrowed in isolation mode (v3.3)} */
    public boolean borrowableInIsolation() {
        return bit(61);
    }

    /** {@return whether borrowing the asset is siloed (v3.3)} */
    public boolean siloedBorrowing() {
        return bit(62);
    }

    /** {@return the reserve factor, bps} */
    public int reserveFactor() {
        return bits(64, 16);
    }

    /** {@return the borrow cap in whole tokens (0: none)} */
    public long borrowCap() {
        return bitsLong(80, 36);
    }

    /** {@return the supply cap in whole tokens (0: none)} */
    public long supplyCap() {
        return bitsLong(116, 36);
    }

    /** {@return the liquidation protocol fee, bps of the bonus} */
    public int liquidationProtocolFee() {
        return bits(152, 16);
    }

    /** {@return the isolation mode debt ceiling (v3.3; 0: not an isolated asset)} */
    public long debtCeiling() {
        return bitsLong(212, 40);
    }

    /** {@return whether virtual accounting is on (always, in v3.7)} */
    public boolean virtualAccActive() {
        return bit(252);
    }
}
