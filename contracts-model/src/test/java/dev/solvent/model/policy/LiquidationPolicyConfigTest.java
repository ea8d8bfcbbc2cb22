package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.Fixtures;
import dev.solvent.model.config.ConfigException;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Parameters out of range for a mechanism are rejected when the policy is built, naming the field and the range. */
class LiquidationPolicyConfigTest {

    @Test
    void rejectsACloseFactorAboveOneAndAHealthThresholdOfOne() {
        assertThatThrownBy(() -> new LiquidationPolicy.CloseFactor(
                        Wad.parse("1.5"), Wad.ONE, U256.ZERO, Wad.parse("0.05"), Wad.parse("0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("liquidation.closeFactor: 1.5 is out of range; valid: 0 < closeFactor <= 1\n"
                        + "liquidation.fullCloseHealth: 1 is out of range; valid: 0 <= fullCloseHealth < 1");
    }

    @Test
    void rejectsAZeroCloseFactorAndANegativeBonus() {
        assertThatThrownBy(() -> new LiquidationPolicy.CloseFactor(
                        Wad.ZERO, Wad.parse("0.95"), U256.ZERO, Wad.parse("-0.05"), Wad.parse("0.1")))
                .hasMessage("liquidation.closeFactor: 0 is out of range; valid: 0 < closeFactor <= 1\n"
                        + "liquidation.bonus: -0.05 is out of range; valid: 0 <= bonus <= 1");
    }

    @Test
    void rejectsALiquidationFactorAboveOneAndAMissingTarget() {
        assertThatThrownBy(() -> new LiquidationPolicy.Absorb(
                        TreeMap.of(AssetId.of("WETH"), Wad.parse("1.05")), Wad.parse("0.93"), Wad.parse("2"), null))
                .hasMessage("liquidation.liquidationFactors.WETH: 1.05 is out of range;"
                        + " valid: 0 < liquidationFactors.WETH <= 1\n"
                        + "liquidation.storeFrontPriceFactor: 2 is out of range; valid: 0 <= storeFrontPriceFactor <= 1\n"
                        + "liquidation.targetReserves: is missing");
    }

    @Test
    void rejectsALiquidationFactorForAnAssetTheProtocolDoesNotHold() {
        var absorb = new LiquidationPolicy.Absorb(
                TreeMap.of(AssetId.of("DOGE"), Wad.parse("0.9")), Wad.parse("0.93"), Wad.parse("0.5"), U256.ZERO);
        assertThatThrownBy(() -> Fixtures.config().withLiquidation(absorb))
                .isInstanceOf(ConfigException.class)
                .hasMessage("liquidation.liquidationFactors.DOGE: DOGE is out of range;"
                        + " valid: a collateral asset other than the settlement asset");
    }

    @Test
    void rejectsASkewScaleOfZeroAMaintenanceScalarAboveOneAndACapThatWouldBeLifted() {
        assertThatThrownBy(() -> new LiquidationPolicy.WindowCapped.Market(
                        U256.ZERO,
                        Wad.parse("8.92"),
                        Wad.parse("0.02"),
                        Wad.parse("1.28"),
                        U256.ZERO,
                        Wad.parse("0.0003"),
                        Wad.ZERO,
                        0,
                        Wad.parse("0.0005"),
                        Option.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("liquidation.market.skewScale: 0 is out of range; valid: skewScale > 0 base units\n"
                        + "liquidation.market.maintenanceMarginScalar: 1.28 is out of range;"
                        + " valid: 0 <= maintenanceMarginScalar <= 1\n"
                        + "liquidation.market.maxLiquidationLimitAccumulationMultiplier: 0 is out of range;"
                        + " valid: maxLiquidationLimitAccumulationMultiplier > 0 (zero would lift the cap)\n"
                        + "liquidation.market.maxSecondsInLiquidationWindow: 0 is out of range;"
                        + " valid: maxSecondsInLiquidationWindow > 0 seconds");
    }

    @Test
    void rejectsAMaximumKeeperRewardBelowTheMinimumAndAScalingRatioAboveOne() {
        var eth = dev.solvent.model.preset.SynthetixV3.ethMarket(6);
        assertThatThrownBy(() -> new LiquidationPolicy.WindowCapped(
                        TreeMap.empty(),
                        eth,
                        U256.ZERO,
                        U256.ZERO,
                        U256.of(30_000_000),
                        Wad.parse("0.3"),
                        U256.of(1_000_000),
                        Wad.parse("1.3")))
                .hasMessage(
                        "liquidation.maxKeeperReward: 1000000 is out of range;"
                                + " valid: maxKeeperReward >= minKeeperReward (30000000)\n"
                                + "liquidation.maxKeeperScalingRatio: 1.3 is out of range; valid: 0 <= maxKeeperScalingRatio <= 1");
    }

    @Test
    void rejectsABankruptcyAdjustmentBelowOneNoSpreadAndAFeeCapAboveOne() {
        // dYdX's LiquidationsConfig.Validate: BA >= 1,000,000 ppm, SMMR > 0, 0 < fee <= 1,000,000 ppm
        assertThatThrownBy(() -> new LiquidationPolicy.FillablePrice(Wad.parse("0.5"), Wad.ZERO, Wad.parse("1.015")))
                .hasMessage("liquidation.bankruptcyAdjustment: 0.5 is out of range; valid: bankruptcyAdjustment >= 1\n"
                        + "liquidation.spreadToMaintenanceMarginRatio: 0 is out of range;"
                        + " valid: spreadToMaintenanceMarginRatio > 0\n"
                        + "liquidation.maxLiquidationFee: 1.015 is out of range; valid: 0 < maxLiquidationFee <= 1");
    }

    @Test
    void rejectsAFeeCapOfZero() {
        assertThatThrownBy(() -> new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.parse("1.5"), Wad.ZERO))
                .hasMessage("liquidation.maxLiquidationFee: 0 is out of range; valid: 0 < maxLiquidationFee <= 1");
    }

    @Test
    void rejectsWindowParametersForAMarketTheProtocolDoesNotList() {
        var w = dev.solvent.model.preset.SynthetixV3.windowCapped(6)
                .withMarket(
                        dev.solvent.model.id.MarketId.of("DOGE-PERP"),
                        dev.solvent.model.preset.SynthetixV3.ethMarket(6));
        assertThatThrownBy(() -> Fixtures.config().withLiquidation(w))
                .isInstanceOf(ConfigException.class)
                .hasMessage("liquidation.markets.DOGE-PERP: DOGE-PERP is out of range;"
                        + " valid: one of BTC-PERP, ETH-PERP, SOL-PERP");
    }
}
