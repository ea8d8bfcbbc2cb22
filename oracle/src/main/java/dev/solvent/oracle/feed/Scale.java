package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.MarketPrice;

/** Market prices to oracle units: the one place a feed reads a market price. */
final class Scale {

    private Scale() {}

    /** {@return the market price with {@code decimals} decimals, rounded to the nearest unit, halves up} */
    static I256 toDecimals(MarketPrice price, int decimals) {
        if (decimals <= MarketPrice.MAX_DECIMALS) {
            return price.rescale(decimals).value();
        }
        return price.value().times(I256.pow10(decimals - price.decimals()));
    }
}
