package dev.solvent.keeper.chain;

import java.math.BigInteger;

/** The EIP-1559 base fee rule, in exact integers as the specification writes it. */
public final class BaseFee {

    /** EIP-1559's {@code BASE_FEE_MAX_CHANGE_DENOMINATOR}. */
    public static final long MAX_CHANGE_DENOMINATOR = 8;

    private BaseFee() {}

    /**
     * {@return the next block's base fee}: unchanged at the target; up by {@code max(1, baseFee * (gasUsed - target)
     * / target / 8)} above it; down by {@code baseFee * (target - gasUsed) / target / 8} below it (integer divisions).
     */
    public static long next(long baseFee, long gasUsed, long gasTarget) {
        if (gasTarget <= 0 || baseFee < 0 || gasUsed < 0) {
            throw new IllegalArgumentException("base fee: gasTarget > 0, baseFee >= 0 and gasUsed >= 0 required");
        }
        if (gasUsed == gasTarget) {
            return baseFee;
        }
        BigInteger b = BigInteger.valueOf(baseFee);
        BigInteger t = BigInteger.valueOf(gasTarget);
        BigInteger d8 = BigInteger.valueOf(MAX_CHANGE_DENOMINATOR);
        if (gasUsed > gasTarget) {
            long delta = b.multiply(BigInteger.valueOf(gasUsed - gasTarget))
                    .divide(t)
                    .divide(d8)
                    .longValueExact();
            return Math.addExact(baseFee, Math.max(delta, 1));
        }
        long delta = b.multiply(BigInteger.valueOf(gasTarget - gasUsed))
                .divide(t)
                .divide(d8)
                .longValueExact();
        return baseFee - delta;
    }
}
