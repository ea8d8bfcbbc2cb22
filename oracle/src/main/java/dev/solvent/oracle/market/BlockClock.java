package dev.solvent.oracle.market;

import dev.solvent.oracle.internal.ParameterChecks;

/**
 * When the blocks of a path happen: block {@code firstBlock + i} has timestamp {@code firstTimestamp + i *
 * secondsPerBlock}. Timestamps are unix seconds. Ethereum mainnet produces a block every 12 seconds.
 *
 * @param firstBlock the number of the path's first block, {@code >= 0}
 * @param firstTimestamp the first block's timestamp in unix seconds, {@code >= 0}
 * @param secondsPerBlock seconds between consecutive blocks, {@code >= 1}
 */
public record BlockClock(long firstBlock, long firstTimestamp, long secondsPerBlock) {

    /** Seconds in a year of 365 days; annualised rates in this package use it. */
    public static final long SECONDS_PER_YEAR = 365L * 24 * 3600;

    /** Ethereum mainnet's block time since the merge. */
    public static final long ETHEREUM_SECONDS_PER_BLOCK = 12;

    /** Rejects negative origins and a non-positive block time. */
    public BlockClock {
        ParameterChecks.within("BlockClock.firstBlock", firstBlock, 0, Long.MAX_VALUE / 2, "");
        ParameterChecks.within("BlockClock.firstTimestamp", firstTimestamp, 0, Long.MAX_VALUE / 2, "unix seconds");
        ParameterChecks.within("BlockClock.secondsPerBlock", secondsPerBlock, 1, 86_400, "seconds");
    }

    /** {@return a clock with Ethereum's 12-second blocks} */
    public static BlockClock ethereum(long firstBlock, long firstTimestamp) {
        return new BlockClock(firstBlock, firstTimestamp, ETHEREUM_SECONDS_PER_BLOCK);
    }

    /** {@return the number of the block at {@code index}} */
    public long block(long index) {
        return firstBlock + index;
    }

    /** {@return the timestamp of the block at {@code index}} */
    public long timestamp(long index) {
        return firstTimestamp + index * secondsPerBlock;
    }

    /** {@return the same clock, starting {@code blocks} blocks later} */
    public BlockClock advance(long blocks) {
        return new BlockClock(block(blocks), timestamp(blocks), secondsPerBlock);
    }

    /** {@return the length of one block in years of 365 days: the {@code dt} of annualised models} */
    public double yearsPerBlock() {
        return (double) secondsPerBlock / SECONDS_PER_YEAR;
    }
}
