package dev.solvent.oracle.history;

import dev.solvent.model.math.I256;

/**
 * One market candle: open, high, low and close prices over {@code [openTime, openTime + interval)}, and the traded
 * volume, all exact integers in units of {@code 10^-decimals} of the {@link CandleSeries} that holds it.
 *
 * @param openTime the candle's open time, in unix seconds (UTC)
 * @param open the first traded price
 * @param high the highest traded price
 * @param low the lowest traded price
 * @param close the last traded price
 * @param volume traded volume in base-asset units (zero for a candle filled in over a gap)
 */
public record Candle(long openTime, I256 open, I256 high, I256 low, I256 close, I256 volume) {

    /** Rejects missing or non-positive prices, a negative volume, and a low or high that does not bound the rest. */
    public Candle {
        if (open == null || high == null || low == null || close == null || volume == null) {
            throw new IllegalArgumentException("Candle: open, high, low, close and volume are all required");
        }
        if (!low.isPositive() || volume.isNegative()) {
            throw new IllegalArgumentException(
                    "Candle: prices must be positive and volume non-negative; got low " + low + ", volume " + volume);
        }
        if (low.gt(open.min(close)) || high.lt(open.max(close))) {
            throw new IllegalArgumentException("Candle: low <= min(open, close) <= max(open, close) <= high must hold;"
                    + " got open " + open + ", high " + high + ", low " + low + ", close " + close);
        }
    }

    /** {@return a flat candle at {@code price} with no volume, as used to fill a gap} */
    public static Candle flat(long openTime, I256 price) {
        return new Candle(openTime, price, price, price, price, I256.ZERO);
    }

    /** {@return whether the candle closed at or above its open} Such a candle is walked low first in a replay. */
    public boolean isUp() {
        return close.compareTo(open) >= 0;
    }
}
