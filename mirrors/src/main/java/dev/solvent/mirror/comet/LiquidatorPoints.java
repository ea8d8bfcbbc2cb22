package dev.solvent.mirror.comet;

import java.math.BigInteger;

/**
 * What {@code absorb} records for an absorber. {@code approxSpend} is gas used times the base fee: the mirror cannot
 * know the EVM's gas, so it adds nothing, which is exact when the block's base fee is zero (as the harness runs).
 */
public record LiquidatorPoints(long numAbsorbs, BigInteger numAbsorbed, BigInteger approxSpend) {

    /** An address that never absorbed. */
    public static final LiquidatorPoints NONE = new LiquidatorPoints(0, BigInteger.ZERO, BigInteger.ZERO);
}
