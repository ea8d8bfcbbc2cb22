package dev.solvent.model.preset;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;

/**
 * Hyperliquid's liquidations, from its documentation (hyperliquid.gitbook.io/hyperliquid-docs, "Trading /
 * Liquidations" and "Trading / Auto-deleveraging"; the partial-liquidation rule as announced on the Hyperliquid
 * announcements channel, post 307): the maintenance margin is half of the initial margin at max leverage; market
 * liquidation first, only 20% of a position larger than 100k USDC, then a 30-second cooldown during which whole
 * positions are closed; below 2/3 of the maintenance margin the liquidator vault takes over the cross positions and
 * margin; auto-deleveraging ranks the opposite side by unrealized PnL and leverage. No clearance fee: markets built
 * by {@link #market} have no liquidation penalty.
 */
public final class Hyperliquid {

    /** The liquidator vault's account. */
    public static final AccountId VAULT = AccountId.of("hlp-liquidator");
    /** 2/3, rounded up: the vault takes over slightly early rather than late. */
    public static final Wad BACKSTOP_BELOW =
            new Wad(FixedPoint.WAD.times(I256.of(2)).divide(I256.of(3), Rounding.CEIL));

    private Hyperliquid() {}

    /** {@return the backstop-vault policy with Hyperliquid's documented thresholds, in 6-decimal USDC} */
    public static LiquidationPolicy.BackstopVault backstopVault() {
        return new LiquidationPolicy.BackstopVault(
                VAULT, BACKSTOP_BELOW, U256.of(100_000_000_000L), Wad.parse("0.2"), 30);
    }

    /** {@return the preset: backstop vault, auto-deleveraging past the fund, no keeper fee} */
    static Preset preset() {
        return new Preset(
                "HYPERLIQUID",
                "hyperliquid.gitbook.io/hyperliquid-docs trading/liquidations and trading/auto-deleveraging;"
                        + " Hyperliquid announcements post 307 (partial liquidations)",
                backstopVault(),
                new ShortfallPolicy.InsuranceThenDeleverage(),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator());
    }

    /**
     * {@return a market whose initial margin is {@code 1 / maxLeverage} and maintenance margin half of it, both
     * rounded up, with no liquidation penalty}
     */
    public static MarketConfig market(MarketId id, AssetId underlying, int maxLeverage, U256 maxOpenInterest) {
        Wad initial = new Wad(FixedPoint.WAD.divide(I256.of(maxLeverage), Rounding.CEIL));
        Wad maintenance = new Wad(FixedPoint.WAD.divide(I256.of(2L * maxLeverage), Rounding.CEIL));
        return new MarketConfig(
                id,
                underlying,
                initial,
                maintenance,
                Wad.ZERO,
                maxOpenInterest,
                Wad.parse("0.05"),
                3_600,
                Wad.parse("0.04"),
                Wad.ZERO,
                Wad.ZERO);
    }
}
