package dev.solvent.model.preset;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import io.vavr.control.Option;

/**
 * A close-factor policy of Solvent's own engine, Aave-style: not Aave v3. It takes Aave v3.3's liquidation constants
 * and formulas, but one {@code Liquidate} closes every debt of the account at once (Aave's {@code liquidationCall}
 * names one collateral, one debt and an amount), the liquidator repays the whole debt even where the collateral runs
 * out (Aave repays only what the collateral covers and books the rest as a reserve deficit), the protocol fee is taken
 * in the settlement asset rather than in collateral aTokens, {@code MIN_LEFTOVER_BASE} is not enforced and the
 * rounding is Solvent's, not Aave's. For what Aave itself does, integer for integer, in v3.3 or v3.7, use the mirror
 * ({@code dev.solvent.mirror.aave.Aave} in the {@code mirrors} module). Constants from {@code aave-dao/aave-v3-origin}:
 * {@code LiquidationLogic.sol} at commit
 * {@code 027aaed77f89f3d7453764bd94159b5693450169} ({@code DEFAULT_LIQUIDATION_CLOSE_FACTOR = 0.5e4},
 * {@code CLOSE_FACTOR_HF_THRESHOLD = 0.95e18}, {@code MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2000e8}) and
 * {@code docs/3.3/Aave-v3.3-features.md} at commit {@code 5431379f}.
 *
 * <p>The health factor is {@code sum(collateral_i * price_i * liquidationThreshold_i) / sum(debt_j * price_j)}; an
 * Aave reserve is an asset whose collateral weight is its liquidation threshold and whose liability weight is 1.
 * Liquidation bonus and protocol fee are set per reserve by governance; the preset uses 5% and 10%, the values of
 * WETH on the Ethereum core market at the time of writing, to be overridden per deployment.
 */
public final class AaveStyle {

    /** {@code DEFAULT_LIQUIDATION_CLOSE_FACTOR}: 50% of the debt per liquidation. */
    public static final Wad CLOSE_FACTOR = Wad.parse("0.5");
    /** {@code CLOSE_FACTOR_HF_THRESHOLD}: at or below this health factor, 100% of the debt. */
    public static final Wad FULL_CLOSE_HEALTH = Wad.parse("0.95");
    /** {@code MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD}: 2,000 USD, here in 6-decimal settlement units. */
    public static final U256 FULL_CLOSE_BELOW_USD6 = U256.of(2_000_000_000L);
    /** Liquidation bonus of 105%, as a bonus of 5%. */
    public static final Wad BONUS = Wad.parse("0.05");
    /** Liquidation protocol fee: 10% of the bonus. */
    public static final Wad PROTOCOL_FEE = Wad.parse("0.1");

    private AaveStyle() {}

    /** {@return the close-factor policy with Aave v3.3's constants, for a 6-decimal USD settlement asset} */
    public static LiquidationPolicy.CloseFactor closeFactor() {
        return new LiquidationPolicy.CloseFactor(
                CLOSE_FACTOR, FULL_CLOSE_HEALTH, FULL_CLOSE_BELOW_USD6, BONUS, PROTOCOL_FEE);
    }

    /** {@return the preset: close factor, deficit accounted as bad debt (v3.3), the liquidator takes over} */
    static Preset preset() {
        return new Preset(
                "AAVE_STYLE",
                "aave-dao/aave-v3-origin LiquidationLogic.sol @ 027aaed77f89f3d7453764bd94159b5693450169;"
                        + " docs/3.3/Aave-v3.3-features.md @ 5431379f",
                closeFactor(),
                // v3.3: a deficit is burned and accounted to the reserve; there is no insurance fund in the pool
                new ShortfallPolicy.InsuranceThenBadDebt(),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator());
    }

    /**
     * {@return an Aave reserve as an asset: collateral weight = liquidation threshold, liability weight = 1}
     *
     * @param liquidationThreshold the reserve's liquidation threshold, such as 0.83
     */
    public static AssetConfig reserve(AssetId id, int decimals, String priceKey, Wad liquidationThreshold) {
        return new AssetConfig(id, decimals, Option.some(priceKey), liquidationThreshold, true, Wad.ONE, 3_600);
    }
}
