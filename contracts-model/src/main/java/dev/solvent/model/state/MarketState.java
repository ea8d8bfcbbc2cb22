package dev.solvent.model.state;

import dev.solvent.model.math.I256;
import io.vavr.control.Option;

/**
 * The mutable-on-chain part of a market: open interest, the cumulative funding index and the funding pool that
 * payers pay into and receivers are paid from.
 *
 * @param longOpenInterest sum of long sizes (cross and isolated), base units
 * @param shortOpenInterest sum of short sizes as a positive number, base units
 * @param fundingIndex cumulative funding in settlement base units per whole unit of the underlying, scaled by 1e18
 * @param lastFundingTime the block timestamp funding was last accrued at
 * @param lastTradePrice the price of the last trade, in the market feed's decimals; its premium over the oracle drives
 *     funding
 * @param fundingPool settlement base units paid in by funding payers and not yet paid out (rounding dust stays here)
 */
public record MarketState(
        I256 longOpenInterest,
        I256 shortOpenInterest,
        I256 fundingIndex,
        long lastFundingTime,
        Option<I256> lastTradePrice,
        I256 fundingPool) {

    /** Requires every field. */
    public MarketState {
        if (longOpenInterest == null
                || shortOpenInterest == null
                || fundingIndex == null
                || lastTradePrice == null
                || fundingPool == null) {
            throw new IllegalArgumentException("a market state needs every field");
        }
    }

    /** {@return a market with no positions, starting its funding clock at {@code timestamp}} */
    public static MarketState genesis(long timestamp) {
        return new MarketState(I256.ZERO, I256.ZERO, I256.ZERO, timestamp, Option.none(), I256.ZERO);
    }

    /** {@return a copy with open interest updated for one position going from {@code before} to {@code after}} */
    public MarketState withPositionChange(I256 before, I256 after) {
        I256 longs = longOpenInterest.minus(before.max(I256.ZERO)).plus(after.max(I256.ZERO));
        I256 shorts = shortOpenInterest.plus(before.min(I256.ZERO)).minus(after.min(I256.ZERO));
        return new MarketState(longs, shorts, fundingIndex, lastFundingTime, lastTradePrice, fundingPool);
    }

    /** {@return a copy with the funding index advanced to {@code index} at {@code time}} */
    public MarketState withFunding(I256 index, long time) {
        return new MarketState(longOpenInterest, shortOpenInterest, index, time, lastTradePrice, fundingPool);
    }

    /** {@return a copy with {@code delta} added to the funding pool} */
    public MarketState plusFundingPool(I256 delta) {
        return new MarketState(
                longOpenInterest,
                shortOpenInterest,
                fundingIndex,
                lastFundingTime,
                lastTradePrice,
                fundingPool.plus(delta));
    }

    /** {@return a copy that remembers {@code price} as the last trade price} */
    public MarketState withLastTradePrice(I256 price) {
        return new MarketState(
                longOpenInterest, shortOpenInterest, fundingIndex, lastFundingTime, Option.some(price), fundingPool);
    }
}
