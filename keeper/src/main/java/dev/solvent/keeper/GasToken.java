package dev.solvent.keeper;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.tx.OracleAnswer;

/**
 * The chain's gas token (ether: 18 decimals, amounts in wei) and the oracle key of its price in the settlement asset,
 * so that gas paid in wei and rewards paid in the settlement asset can be compared.
 *
 * @param priceKey the price key of the gas token, such as {@code ETH/USD}
 * @param decimals the gas token's decimals, 18 for ether
 */
public record GasToken(String priceKey, int decimals) {

    /** Ether priced by {@code ETH/USD}. */
    public static final GasToken ETHER = new GasToken("ETH/USD", 18);

    /** Rejects a blank key or impossible decimals. */
    public GasToken {
        if (priceKey == null || priceKey.isBlank() || decimals < 0 || decimals > 36) {
            throw new IllegalArgumentException("gas token: a price key and decimals in 0..36 are required");
        }
    }

    /** {@return {@code wei} in settlement base units at {@code price}, rounded as asked} */
    public I256 toSettlement(I256 wei, OracleAnswer price, int settlementDecimals, Rounding rounding) {
        return Units.toSettlement(wei, price.answer(), decimals, price.decimals(), settlementDecimals, rounding);
    }

    /** {@return settlement base units in wei at {@code price}, rounded down} */
    public I256 fromSettlement(I256 amount, OracleAnswer price, int settlementDecimals) {
        // amount * 10^(decimals + priceDecimals - settlementDecimals) / price, exponents kept non-negative
        int up = decimals + price.decimals();
        return amount.times(Units.pow10(up))
                .divide(price.answer().times(Units.pow10(settlementDecimals)), Rounding.FLOOR);
    }
}
