package dev.solvent.oracle.market;

/**
 * The market at one block: its number, its timestamp (unix seconds), and the price assets trade at then. Oracle feeds
 * step on ticks; what they publish is a different type.
 *
 * @param block the block number
 * @param timestamp the block timestamp, in unix seconds
 * @param price the market price at that block
 */
public record MarketTick(long block, long timestamp, MarketPrice price) {

    /** Requires a price. */
    public MarketTick {
        if (price == null) {
            throw new IllegalArgumentException("MarketTick.price: is missing");
        }
    }
}
