package dev.solvent.model.preset;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * An absorb-and-storefront policy of Solvent's own engine, Compound-style: not Compound III. It borrows Comet's ideas
 * and cUSDCv3's launch numbers but prices the base at 1, values collateral in base units and has no interest indices;
 * for what Comet itself does, integer for integer, use the mirror ({@code dev.solvent.mirror.comet.Comet} in the
 * {@code mirrors} module). Ideas and numbers from {@code compound-finance/comet}: {@code contracts/Comet.sol} at commit
 * {@code 17a6e7ac032d9adac209c20b4a9ff9051a599bb4} ({@code absorbInternal}, {@code buyCollateral},
 * {@code quoteCollateral}) and the cUSDCv3 launch parameters in {@code deployments/mainnet/usdc/configuration.json}
 * at commit {@code 3daf2050c7cf51c599fce3eb42619426cb4b4682}: storefront price factor 0.5, target reserves 5,000,000
 * USDC; liquidation factors COMP 0.93, WBTC 0.95, WETH 0.95, UNI 0.93, LINK 0.93.
 *
 * <p>An account is liquidatable when {@code sum(collateral_i * price_i * liquidateCF_i) < debt}: a Comet collateral
 * is an asset whose collateral weight is its {@code liquidateCollateralFactor}; the base asset is the settlement asset
 * and the only one that can be borrowed.
 */
public final class CompoundStyle {

    /** cUSDCv3's {@code storeFrontPriceFactor}. */
    public static final Wad STORE_FRONT_PRICE_FACTOR = Wad.parse("0.5");
    /** cUSDCv3's {@code targetReserves}, 5,000,000 USDC in base units. */
    public static final U256 TARGET_RESERVES = U256.of(5_000_000_000_000L);

    private CompoundStyle() {}

    /** {@return the absorb policy with cUSDCv3's launch parameters} */
    public static LiquidationPolicy.Absorb absorb() {
        return new LiquidationPolicy.Absorb(
                TreeMap.of(
                        AssetId.of("COMP"), Wad.parse("0.93"),
                        AssetId.of("WBTC"), Wad.parse("0.95"),
                        AssetId.of("WETH"), Wad.parse("0.95"),
                        AssetId.of("UNI"), Wad.parse("0.93"),
                        AssetId.of("LINK"), Wad.parse("0.93")),
                Wad.parse("0.93"),
                STORE_FRONT_PRICE_FACTOR,
                TARGET_RESERVES);
    }

    /** {@return the preset: absorption into reserves; reserves bear the loss, so no shortfall reaches others} */
    static Preset preset() {
        return new Preset(
                "COMPOUND_STYLE",
                "compound-finance/comet contracts/Comet.sol @ 17a6e7ac032d9adac209c20b4a9ff9051a599bb4;"
                        + " deployments/mainnet/usdc/configuration.json @ 3daf2050c7cf51c599fce3eb42619426cb4b4682",
                absorb(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                // absorbers earn no protocol reward on chain (only liquidator points)
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator());
    }

    /** {@return a Comet collateral asset: collateral weight = {@code liquidateCollateralFactor}, not borrowable} */
    public static AssetConfig collateral(AssetId id, int decimals, String priceKey, Wad liquidateCollateralFactor) {
        return new AssetConfig(id, decimals, Option.some(priceKey), liquidateCollateralFactor, false, Wad.ONE, 3_600);
    }

    /** {@return the base asset: the settlement asset, borrowable at par} */
    public static AssetConfig base(AssetId id, int decimals) {
        return new AssetConfig(id, decimals, Option.none(), Wad.ONE, true, Wad.ONE, 3_600);
    }
}
