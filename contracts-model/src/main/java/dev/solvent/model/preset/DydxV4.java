package dev.solvent.model.preset;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;

/**
 * dYdX v4's liquidations, from {@code dydxprotocol/v4-chain} {@code protocol/x/clob/keeper/liquidations.go} at commit
 * {@code 146bc6575b63d90d4ee792e96e6ed6b02a2afe49} ({@code GetFillablePrice}, {@code GetBankruptcyPriceInQuoteQuantums},
 * {@code GetLiquidationInsuranceFundDelta}) and {@code protocol/x/perpetuals/lib/lib.go} at commit
 * {@code b89003d18db472ca12851e4caf61275146a52fec} (maintenance margin = initial margin times the maintenance fraction);
 * parameters of the dYdX Chain genesis, {@code dydxopsdao/networks} {@code dydx-mainnet-1/genesis.json} at commit
 * {@code 8915a65da04932dfdedea255feadd6b380c94865}: {@code max_liquidation_fee_ppm} 15,000 (1.5%),
 * {@code bankruptcy_adjustment_ppm} 1,000,000, {@code spread_to_maintenance_margin_ratio_ppm} 1,500,000, and the
 * liquidity tiers below. The code's own default ({@code LiquidationsConfig_Default}) caps the fee at 0.5%, with a
 * spread ratio of 0.1; its test suite uses those.
 */
public final class DydxV4 {

    /** Genesis {@code max_liquidation_fee_ppm}: 15,000 ppm. */
    public static final Wad MAX_LIQUIDATION_FEE = ppm(15_000);

    private DydxV4() {}

    /**
     * A liquidity tier of the genesis: a market's initial margin and its maintenance margin as a fraction of it.
     *
     * @param initialMarginPpm the initial margin fraction, ppm
     * @param maintenanceFractionPpm the maintenance margin over the initial margin, ppm
     */
    public record LiquidityTier(long initialMarginPpm, long maintenanceFractionPpm) {

        /** Large-Cap: 5% initial, 60% of it maintenance (3%). */
        public static final LiquidityTier LARGE_CAP = new LiquidityTier(50_000, 600_000);
        /** Mid-Cap: 10% initial, 50% of it maintenance (5%). */
        public static final LiquidityTier MID_CAP = new LiquidityTier(100_000, 500_000);
        /** Long-Tail: 20% initial, 50% of it maintenance (10%). */
        public static final LiquidityTier LONG_TAIL = new LiquidityTier(200_000, 500_000);
        /** Safety: 100% initial, 20% of it maintenance. */
        public static final LiquidityTier SAFETY = new LiquidityTier(1_000_000, 200_000);

        /** Rejects fractions outside dYdX's ranges. */
        public LiquidityTier {
            if (initialMarginPpm <= 0 || initialMarginPpm > 1_000_000) {
                throw new IllegalArgumentException("liquidityTier.initialMarginPpm: " + initialMarginPpm
                        + " is out of range; valid: 0 < initialMarginPpm <= 1000000");
            }
            if (maintenanceFractionPpm <= 0 || maintenanceFractionPpm >= 1_000_000) {
                throw new IllegalArgumentException("liquidityTier.maintenanceFractionPpm: " + maintenanceFractionPpm
                        + " is out of range; valid: 0 < maintenanceFractionPpm < 1000000");
            }
        }

        /** {@return the initial margin ratio} */
        public Wad initialMargin() {
            return ppm(initialMarginPpm);
        }

        /** {@return the maintenance margin ratio: the initial margin times the maintenance fraction, exactly} */
        public Wad maintenanceMargin() {
            return new Wad(I256.of(initialMarginPpm)
                    .times(I256.of(maintenanceFractionPpm))
                    .times(I256.pow10(6)));
        }
    }

    /** {@return the fillable-price policy with the genesis' parameters} */
    public static LiquidationPolicy.FillablePrice fillablePrice() {
        return new LiquidationPolicy.FillablePrice(Wad.ONE, ppm(1_500_000), MAX_LIQUIDATION_FEE);
    }

    /** {@return the preset: fillable price, fee to the insurance fund, deleveraging of offsetting positions past it} */
    static Preset preset() {
        return new Preset(
                "DYDX_V4",
                "dydxprotocol/v4-chain protocol/x/clob/keeper/liquidations.go"
                        + " @ 146bc6575b63d90d4ee792e96e6ed6b02a2afe49; dydxopsdao/networks"
                        + " dydx-mainnet-1/genesis.json @ 8915a65da04932dfdedea255feadd6b380c94865",
                fillablePrice(),
                new ShortfallPolicy.InsuranceThenDeleverage(),
                // whoever fills the liquidation order earns the spread; there is no keeper reward
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator());
    }

    /**
     * {@return a perpetual of a liquidity tier}, with the genesis' first fee tier for takers (0.05%) and no maker fee
     * (the genesis pays makers a rebate, which the model's fees cannot be); liquidations charge no penalty of the
     * market's, the policy's fee instead
     */
    public static MarketConfig market(MarketId id, AssetId underlying, LiquidityTier tier, U256 maxOpenInterest) {
        return new MarketConfig(
                id,
                underlying,
                tier.initialMargin(),
                tier.maintenanceMargin(),
                Wad.ZERO,
                maxOpenInterest,
                Wad.parse("0.05"),
                3_600,
                Wad.parse("0.01"),
                ppm(500),
                Wad.ZERO);
    }

    /** {@return parts per million as a WAD, exactly} */
    static Wad ppm(long ppm) {
        return new Wad(I256.of(ppm).times(I256.pow10(12)));
    }
}
