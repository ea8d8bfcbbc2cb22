package dev.solvent.model.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.Fixtures;
import dev.solvent.model.config.ConfigException;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.TreeMap;
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
}
