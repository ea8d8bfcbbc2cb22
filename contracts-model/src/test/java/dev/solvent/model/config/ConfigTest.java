package dev.solvent.model.config;

import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.WETH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.Fixtures;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/** Invalid parameters are rejected when the configuration is built, each problem naming its field and range. */
class ConfigTest {

    @Test
    void namesEveryBadMarketParameterAtOnce() {
        assertThatThrownBy(() -> new MarketConfig(
                        ETH_PERP,
                        WETH,
                        Wad.parse("0.05"),
                        Wad.parse("0.1"),
                        Wad.parse("1.5"),
                        U256.ONE,
                        Wad.ZERO,
                        0,
                        Wad.parse("0.01"),
                        Wad.ZERO,
                        Wad.ZERO))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(
                                        "markets.ETH-PERP.maintenanceMargin: 0.1 is out of range; valid: 0 < maintenanceMargin < initialMargin (0.05) <= 1",
                                        "markets.ETH-PERP.liquidationPenalty: 1.5 is out of range; valid: 0 <= liquidationPenalty <= 1",
                                        "markets.ETH-PERP.priceBand: 0 is out of range; valid: 0 < priceBand <= 1",
                                        "markets.ETH-PERP.maxOracleAge: 0 is out of range; valid: maxOracleAge > 0 seconds"));
    }

    @Test
    void rejectsImpossibleAssets() {
        assertThatThrownBy(() -> new AssetConfig(
                        AssetId.of("X"), 40, Option.some("X/USD"), Wad.parse("1.2"), false, Wad.ONE, 60))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assets.X.decimals: 40 is out of range; valid: 0..36")
                .hasMessageContaining(
                        "assets.X.collateralWeight: 1.2 is out of range; valid: 0 <= collateralWeight <= 1");
    }

    @Test
    void rejectsMarketsOnUnknownAssetsAndAPricedSettlementAsset() {
        var config = Fixtures.config();
        var orphan = Fixtures.market(ETH_PERP, AssetId.of("DOGE"), "0.1", "0.05", "0.02");
        assertThatThrownBy(() -> new ProtocolConfig(
                        USDC,
                        config.assets().put(USDC, Fixtures.asset(USDC, 6, "USDC/USD", "1", false)),
                        config.markets().put(ETH_PERP, orphan),
                        config.keeperReward(),
                        config.receiver(),
                        config.shortfall(),
                        config.gas()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("assets.USDC.priceKey: USDC/USD is out of range; valid: none")
                .hasMessageContaining(
                        "markets.ETH-PERP.underlying: DOGE is out of range; valid: one of SOL, USDC, WBTC, WETH");
    }
}
