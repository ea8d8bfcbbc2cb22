package dev.solvent.oracle.market;

import dev.solvent.oracle.internal.ParameterChecks;
import java.math.BigInteger;

/**
 * A scripted move laid over a path: from block {@code atBlock} on, each price is multiplied by a factor that follows a
 * fixed script, so the path keeps its own wiggles under the shock. Sizes are in basis points (3000 = 30%). Factors are
 * exact fractions; each price is rounded to the nearest unit, halves up, and kept at least one unit.
 *
 * <p>To script a shock on a flat market, apply it to {@link MarketPath#constant}.
 */
public sealed interface Shock {

    /** Basis points in one. */
    long BPS = 10_000;

    /** The first block the shock touches. */
    long atBlock();

    /** {@return the factor at {@code j} blocks after {@link #atBlock()} ({@code j >= 0}), as numerator and denominator} */
    long[] factor(long j);

    /**
     * {@return {@code path} with the shock applied}
     *
     * @throws IllegalArgumentException if {@link #atBlock()} is not a block of the path
     */
    default MarketPath apply(MarketPath path) {
        long first = path.clock().firstBlock();
        long k = atBlock() - first;
        ParameterChecks.require(
                k >= 0 && k < path.size(),
                getClass().getSimpleName() + ".atBlock",
                atBlock() + " is out of range; valid: a block of the path, " + first + ".."
                        + (first + path.size() - 1));
        long[] out = path.toUnitArray();
        for (int i = (int) k; i < out.length; i++) {
            long[] f = factor(i - k);
            BigInteger den = BigInteger.valueOf(f[1]);
            // nearest unit, halves up: floor((2 p num + den) / (2 den))
            BigInteger twice = BigInteger.valueOf(out[i])
                    .multiply(BigInteger.valueOf(f[0]))
                    .shiftLeft(1);
            out[i] = StrictMath.max(1L, MarketPath.toLongOrThrow(twice.add(den).divide(den.shiftLeft(1))));
        }
        return MarketPath.owning(path.clock(), path.decimals(), out);
    }

    /**
     * A fall of {@code bps} spread evenly over {@code overBlocks} blocks starting at block {@code atBlock}: the factor
     * goes linearly from 1 at {@code atBlock} to {@code 1 - bps/10000} at {@code atBlock + overBlocks}, and stays there.
     *
     * @param atBlock the block where the fall starts
     * @param bps the size of the fall, {@code 1..9999} (3000 = 30%)
     * @param overBlocks how many blocks the fall takes, {@code >= 1}
     */
    record Fall(long atBlock, long bps, long overBlocks) implements Shock {

        /** Rejects sizes and durations out of range. */
        public Fall {
            ParameterChecks.within("Fall.bps", bps, 1, BPS - 1, "basis points; 3000 = 30%");
            ParameterChecks.within("Fall.overBlocks", overBlocks, 1, Integer.MAX_VALUE, "blocks");
        }

        @Override
        public long[] factor(long j) {
            long step = StrictMath.min(j, overBlocks);
            return new long[] {BPS * overBlocks - bps * step, BPS * overBlocks};
        }
    }

    /**
     * A spike and its reversal, as a manipulated thin market: the factor rises linearly by {@code bps} over
     * {@code rampBlocks}, holds for {@code holdBlocks}, and returns linearly to 1 over {@code revertBlocks}.
     *
     * @param atBlock the block where the rise starts
     * @param bps the height of the spike, {@code 1..10^8} (90000 = +900%, a tenfold price)
     * @param rampBlocks blocks to the top, {@code >= 0} (0: instant)
     * @param holdBlocks blocks at the top, {@code >= 0}
     * @param revertBlocks blocks back to the base path, {@code >= 0} (0: instant)
     */
    record SpikeAndRevert(long atBlock, long bps, long rampBlocks, long holdBlocks, long revertBlocks)
            implements Shock {

        /** Rejects sizes and durations out of range. */
        public SpikeAndRevert {
            ParameterChecks.within("SpikeAndRevert.bps", bps, 1, 100_000_000, "basis points; 90000 = a tenfold price");
            ParameterChecks.within("SpikeAndRevert.rampBlocks", rampBlocks, 0, Integer.MAX_VALUE, "blocks");
            ParameterChecks.within("SpikeAndRevert.holdBlocks", holdBlocks, 0, Integer.MAX_VALUE, "blocks");
            ParameterChecks.within("SpikeAndRevert.revertBlocks", revertBlocks, 0, Integer.MAX_VALUE, "blocks");
        }

        @Override
        public long[] factor(long j) {
            if (j < rampBlocks) {
                return new long[] {BPS * rampBlocks + bps * j, BPS * rampBlocks};
            }
            long k = j - rampBlocks - holdBlocks;
            if (k < 0) {
                return new long[] {BPS + bps, BPS};
            }
            if (k < revertBlocks) {
                return new long[] {BPS * revertBlocks + bps * (revertBlocks - k), BPS * revertBlocks};
            }
            return new long[] {1, 1};
        }
    }

    /**
     * A gap: the price jumps by {@code bps} between block {@code atBlock - 1} and {@code atBlock} and the path goes on
     * from there (negative for a gap down; -3000 = 30% lower).
     *
     * @param atBlock the first block after the gap
     * @param bps the size of the jump, {@code -9999..10^8}, not 0
     */
    record Gap(long atBlock, long bps) implements Shock {

        /** Rejects sizes out of range. */
        public Gap {
            ParameterChecks.within("Gap.bps", bps, -(BPS - 1), 100_000_000, "basis points; -3000 = 30% lower");
            ParameterChecks.require(bps != 0, "Gap.bps", "0 is out of range; valid: a non-zero jump");
        }

        @Override
        public long[] factor(long j) {
            return new long[] {BPS + bps, BPS};
        }
    }
}
