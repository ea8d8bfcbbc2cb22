package dev.solvent.model.logic;

import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.policy.LiquidationPolicy;

/**
 * dYdX v4's liquidation at the fillable price under {@link LiquidationPolicy.FillablePrice}, as
 * {@code dydxprotocol/v4-chain} {@code protocol/x/clob/keeper/liquidations.go} at commit
 * {@code 146bc6575b63d90d4ee792e96e6ed6b02a2afe49}: {@code GetFillablePrice}, {@code GetBankruptcyPriceInQuoteQuantums}
 * and {@code GetLiquidationInsuranceFundDelta}. dYdX computes the fillable price as a rational and rounds the order's
 * price toward the liquidated account (a sell up, a buy down); the model rounds the fill's quote amount the same way,
 * up. The bankruptcy amount's one division rounds down, and the fee ({@code BigIntMulPpm}) too, as dYdX's. The
 * liquidation itself is the {@link FillablePriceMechanism}.
 */
public final class FillableLogic {

    private FillableLogic() {}

    /**
     * The numbers of one fillable-price liquidation, settlement base units, signed as the account's quote balance
     * changes (a long's close brings units in, a short's takes them out).
     *
     * @param oracleValue {@code PNNV}, the position's value at the oracle price, rounded down
     * @param maxSpread {@code SMMR * PMMR}, rounded down
     * @param fillValue {@code PNNV - ABR * SMMR * PMMR}, rounded up (toward the account)
     * @param bankruptcyValue {@code PNNV - TNC * PMMR / TMMR}, the division rounded down
     */
    public record Fill(I256 oracleValue, I256 maxSpread, I256 fillValue, I256 bankruptcyValue) {}

    /**
     * {@return the fill of closing a whole position} ({@code GetFillablePrice} and
     * {@code GetBankruptcyPriceInQuoteQuantums} for the full size)
     *
     * @param oracleValue {@code PNNV}
     * @param positionMaintenance {@code PMMR}
     * @param netCollateral {@code TNC}, the account's margin equity
     * @param totalMaintenance {@code TMMR}, positive
     */
    public static Fill fill(
            LiquidationPolicy.FillablePrice policy,
            I256 oracleValue,
            I256 positionMaintenance,
            I256 netCollateral,
            I256 totalMaintenance) {
        I256 wad = FixedPoint.WAD;
        // ABR = clamp(BA * (1 - TNC / TMMR), 0, 1) = min(BA * (TMMR - TNC), TMMR) / TMMR, BA a WAD
        I256 den = totalMaintenance.times(wad);
        I256 num = policy.bankruptcyAdjustment()
                .raw()
                .times(totalMaintenance.minus(netCollateral))
                .max(I256.ZERO)
                .min(den);
        I256 spreadExactNum = num.times(policy.spreadToMaintenanceMarginRatio().raw());
        I256 spread = FixedPoint.mulDiv(spreadExactNum, positionMaintenance, den.times(wad), Rounding.FLOOR);
        I256 fillValue = oracleValue.minus(spread);
        if (oracleValue.isPositive()) {
            // dYdX panics on a negative fillable price; a long's close never costs the account more than nothing
            fillValue = fillValue.max(I256.ZERO);
        }
        I256 maxSpread = FixedPoint.wadMulFloor(
                positionMaintenance, policy.spreadToMaintenanceMarginRatio().raw());
        I256 bankruptcy =
                oracleValue.minus(netCollateral.times(positionMaintenance).divide(totalMaintenance, Rounding.FLOOR));
        return new Fill(oracleValue, maxSpread, fillValue, bankruptcy);
    }

    /**
     * {@code GetLiquidationInsuranceFundDelta}: positive, the fee the account pays the insurance fund, {@code
     * min(|fillValue| * maxLiquidationFee, fillValue - bankruptcyValue)} (the product rounded down); zero or
     * negative, minus what the insurance fund must cover, {@code fillValue - bankruptcyValue}.
     */
    public static I256 insuranceFundDelta(
            LiquidationPolicy.FillablePrice policy, I256 fillValue, I256 bankruptcyValue) {
        I256 delta = fillValue.minus(bankruptcyValue);
        if (!delta.isPositive()) {
            return delta;
        }
        return FixedPoint.wadMulFloor(
                        fillValue.abs(), policy.maxLiquidationFee().raw())
                .min(delta);
    }
}
