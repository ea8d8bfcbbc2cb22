package dev.solvent.oracle.feed;

import io.vavr.control.Option;

/**
 * What a consumer contract has in hand when it reads a feed: the feed's latest round (if any), its decimals, the
 * block's timestamp, and on an L2 the sequencer-uptime feed's round.
 *
 * @param round the feed's {@code latestRoundData}
 * @param decimals the feed's decimals
 * @param now the block timestamp, unix seconds
 * @param sequencer the sequencer-uptime feed's round; none on L1 or when it has none
 */
public record FeedReading(Option<Round> round, int decimals, long now, Option<Round> sequencer) {

    /** {@return a reading on L1 (no sequencer feed)} */
    public static FeedReading of(Option<Round> round, int decimals, long now) {
        return new FeedReading(round, decimals, now, Option.none());
    }
}
