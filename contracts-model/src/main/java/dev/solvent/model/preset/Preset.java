package dev.solvent.model.preset;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;

/**
 * A protocol's liquidation conventions as one value: its mechanism and parameters, how its shortfall is handled, how
 * its keepers are paid and who takes over positions. Applying a preset to a configuration keeps that configuration's
 * assets, markets and gas and replaces its policies, so a preset prints, compares and serializes like any value, and
 * any of its parameters can be overridden with the records' {@code with} copies.
 *
 * @param name the preset's name, such as {@code AAVE_STYLE}
 * @param source where its rules and numbers come from: documentation page, contract and exact version
 * @param liquidation the liquidation mechanism and its parameters
 * @param shortfall what happens to a loss past the account's means
 * @param keeperReward how keepers are paid where the mechanism uses a keeper reward
 * @param receiver who takes over liquidated positions
 */
public record Preset(
        String name,
        String source,
        LiquidationPolicy liquidation,
        ShortfallPolicy shortfall,
        KeeperReward keeperReward,
        PositionReceiver receiver) {

    /** Requires every field. */
    public Preset {
        if (name == null
                || source == null
                || liquidation == null
                || shortfall == null
                || keeperReward == null
                || receiver == null) {
            throw new IllegalArgumentException("a preset needs every field");
        }
    }

    /**
     * {@return {@code base} with this preset's policies}; per-asset parameters for assets {@code base} does not
     * configure are dropped
     */
    public ProtocolConfig applyTo(ProtocolConfig base) {
        LiquidationPolicy policy = switch (liquidation) {
            case LiquidationPolicy.AccountWide a -> a;
            case LiquidationPolicy.CloseFactor c -> c;
            case LiquidationPolicy.DutchAuction d -> d;
            case LiquidationPolicy.BackstopVault b -> b;
            case LiquidationPolicy.WindowCapped w ->
                new LiquidationPolicy.WindowCapped(
                        w.markets().filterKeys(id -> base.markets().containsKey(id)),
                        w.defaultMarket(),
                        w.flagCost(),
                        w.liquidateCost(),
                        w.minKeeperReward(),
                        w.minKeeperProfitRatio(),
                        w.maxKeeperReward(),
                        w.maxKeeperScalingRatio());
            case LiquidationPolicy.FillablePrice f -> f;
            case LiquidationPolicy.Absorb a ->
                new LiquidationPolicy.Absorb(
                        a.liquidationFactors().filterKeys(id -> base.assets().containsKey(id)),
                        a.defaultLiquidationFactor(),
                        a.storeFrontPriceFactor(),
                        a.targetReserves());
        };
        return new ProtocolConfig(
                base.settlementAsset(),
                base.assets(),
                base.markets(),
                keeperReward,
                receiver,
                shortfall,
                base.gas(),
                policy);
    }

    /** {@return a copy with another liquidation policy, for overriding the preset's parameters} */
    public Preset withLiquidation(LiquidationPolicy policy) {
        return new Preset(name, source, policy, shortfall, keeperReward, receiver);
    }

    /** {@return a copy with another shortfall policy} */
    public Preset withShortfall(ShortfallPolicy policy) {
        return new Preset(name, source, liquidation, policy, keeperReward, receiver);
    }
}
