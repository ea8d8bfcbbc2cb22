package dev.solvent.simulation.report;

import java.util.List;

/**
 * The sampled blocks of a run: the x axis of every chart of a {@link RunReport}. Sample {@code i} is block
 * {@code blocks.get(i)}, mined at unix time {@code timestamps.get(i)} (seconds, UTC); every series of the report has
 * one value per sample.
 *
 * <p>Every sample is drawn and embedded (about 200 bytes per sample with two markets), so sample a long run down to a
 * few thousand points: every 25th block of a 30-day run at 12-second blocks gives 8,640.
 *
 * @param blocks block numbers, strictly increasing
 * @param timestamps unix timestamps in seconds, one per block, never decreasing
 */
public record Timeline(List<Long> blocks, List<Long> timestamps) {

    /** Rejects nulls, lists of different lengths, blocks that do not increase and timestamps that go back. */
    public Timeline {
        blocks = RecordArguments.list("blocks", blocks);
        timestamps = RecordArguments.list("timestamps", timestamps);
        if (blocks.size() != timestamps.size()) {
            throw new IllegalArgumentException("timestamps: has " + timestamps.size() + " values; valid: "
                    + blocks.size() + ", one per sampled block");
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i) < 0 || timestamps.get(i) < 0) {
                throw new IllegalArgumentException("sample " + i + ": block " + blocks.get(i) + " at "
                        + timestamps.get(i) + "; valid: a block number and a unix time, both 0 or more");
            }
            if (i > 0 && blocks.get(i) <= blocks.get(i - 1)) {
                throw new IllegalArgumentException("blocks[" + i + "]: " + blocks.get(i) + " after " + blocks.get(i - 1)
                        + "; valid: strictly increasing block numbers");
            }
            if (i > 0 && timestamps.get(i) < timestamps.get(i - 1)) {
                throw new IllegalArgumentException("timestamps[" + i + "]: " + timestamps.get(i) + " after "
                        + timestamps.get(i - 1) + "; valid: never decreasing");
            }
        }
    }

    /** {@return the number of samples} */
    public int size() {
        return blocks.size();
    }
}
