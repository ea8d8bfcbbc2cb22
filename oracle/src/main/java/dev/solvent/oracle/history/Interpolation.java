package dev.solvent.oracle.history;

/**
 * How a candle series becomes one price per block. Both rules produce exact integers: a value between two known prices
 * is the linear interpolation rounded to the nearest unit, halves up.
 */
public enum Interpolation {

    /**
     * Each candle is walked open, first extreme, second extreme, close: an up candle (close at or above open) dips to
     * its low first and then reaches its high, a down candle the other way round. Over the {@code m} blocks whose
     * timestamps fall inside the candle, the four waypoints sit at block offsets {@code 0}, {@code floor((m-1)/3)},
     * {@code floor(2(m-1)/3)} and {@code m-1}, with linear steps in between. With fewer than four blocks in a candle the
     * blocks take its last {@code m} waypoints (so one block per candle sees the close). A replay therefore reaches
     * every candle's high and low whenever a candle spans four or more blocks (a 1-minute candle spans five 12-second
     * blocks): crash lows are not smoothed away. This is the default for liquidation studies.
     */
    OHLC_PATH,

    /**
     * Linear in time between candle closes, each close placed at the end of its candle; before the first close, from
     * the first candle's open at its open time. Smooth; never reaches highs and lows that the closes skip.
     */
    LINEAR_CLOSES
}
