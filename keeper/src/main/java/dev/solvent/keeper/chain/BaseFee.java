package dev.solvent.keeper.chain;

import java.math.BigInteger;

/**
 * The EIP-1559 base fee rule, in exact integers as the specification writes it, saturating at {@link #MAX}: a chain
 * whose blocks stay full for long enough (under EIP-1559 the fee grows 12.5% a full block, so about 330 blocks from
 * 20 gwei) would otherwise run the fee past any integer width.
 */
public final class BaseFee {

    /** EIP-1559's {@code BASE_FEE_MAX_CHANGE_DENOMINATOR}. */
    public static final long MAX_CHANGE_DENOMINATOR = 8;

    /**
     * The highest base fee, wei per gas: 10^18, one ether per unit of gas, a billion times mainnet's busiest blocks.
     * Every fee and tip stays far inside a {@code long} (a fee plus a tip of up to 8 * 10^18 still fits), and a
     * transaction at this fee costs more than any keeper can gain, so nothing a simulation measures changes past it.
     */
    public static final long MAX = 1_000_000_000_000_000_000L;

    private BaseFee() {}

    /**
     * {@return the next block's base fee}: unchanged at the target; up by {@code max(1, baseFee * (gasUsed - target)
     * / target / 8)} above it, but never past {@link #MAX}; down by {@code baseFee * (target - gasUsed) / target / 8}
     * below it (integer divisions, exact at every size).
     */
    public static long next(long baseFee, long gasUsed, long gasTarget) {
        if (gasTarget <= 0 || baseFee < 0 || baseFee > MAX || gasUsed < 0) {
            throw new IllegalArgumentException("base fee: gasTarget > 0, 0 <= baseFee <= " + MAX
                    + " and gasUsed >= 0 required; got gasTarget " + gasTarget + ", baseFee " + baseFee + ", gasUsed "
                    + gasUsed);
        }
        if (gasUsed == gasTarget) {
            return baseFee;
        }
        BigInteger b = BigInteger.valueOf(baseFee);
        BigInteger t = BigInteger.valueOf(gasTarget);
        BigInteger d8 = BigInteger.valueOf(MAX_CHANGE_DENOMINATOR);
        if (gasUsed > gasTarget) {
            BigInteger delta = b.multiply(BigInteger.valueOf(gasUsed - gasTarget))
                    .divide(t)
                    .divide(d8)
                    .max(BigInteger.ONE);
            return b.add(delta).min(BigInteger.valueOf(MAX)).longValueExact();
        }
        long delta = b.multiply(BigInteger.valueOf(gasTarget - gasUsed))
                .divide(t)
                .divide(d8)
                .longValueExact();
        return baseFee - delta;
    }
}
