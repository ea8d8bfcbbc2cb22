package dev.solvent.model.math;

/**
 * Decimal scaling between token base units, feed prices and the settlement asset: the conversion {@code amount * price}
 * from an asset's base units to settlement base units, rounded in the direction its caller's intent names.
 *
 * <p>An amount of {@code a} base units of an asset with {@code dA} decimals at a price {@code p} with {@code dP}
 * decimals is worth {@code a * p * 10^dS / 10^(dA + dP)} base units of a settlement asset with {@code dS} decimals.
 */
public final class Units {

    private static final I256[] POW10 = new I256[77];

    static {
        java.math.BigInteger ten = java.math.BigInteger.TEN;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = I256.of(ten.pow(i));
        }
    }

    private Units() {}

    /** {@return {@code 10^exponent}} for {@code exponent} in {@code 0..76} */
    public static I256 pow10(int exponent) {
        if (exponent < 0 || exponent >= POW10.length) {
            throw new IllegalArgumentException("10^" + exponent + " is outside int256; valid exponents are 0..76");
        }
        return POW10[exponent];
    }

    /**
     * {@return the settlement-unit value of {@code amount} base units at {@code price}, rounded as asked}
     *
     * @param amount base units of the asset, any sign
     * @param price the price with {@code priceDecimals} decimals, in settlement-asset units per whole asset unit
     */
    public static I256 toSettlement(
            I256 amount, I256 price, int assetDecimals, int priceDecimals, int settlementDecimals, Rounding rounding) {
        int shift = assetDecimals + priceDecimals - settlementDecimals;
        if (shift >= 0) {
            return FixedPoint.mulDiv(amount, price, pow10(shift), rounding);
        }
        return amount.times(price).times(pow10(-shift));
    }
}
