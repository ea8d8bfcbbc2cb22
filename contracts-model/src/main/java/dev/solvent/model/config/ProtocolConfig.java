package dev.solvent.model.config;

import dev.solvent.model.check.Checks;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import io.vavr.collection.TreeMap;

/**
 * The whole configuration of a protocol instance. Prices are quoted in the settlement asset, which is the unit of
 * account (valued at par, as USDC in dYdX v4 or sUSD in Synthetix): equity, requirements, fees and the insurance fund
 * are in its base units.
 *
 * @param settlementAsset the asset PnL, fees and penalties are paid in; it has no price key
 * @param assets every asset, by id
 * @param markets every perpetual market, by id
 * @param keeperReward how keepers are paid
 * @param receiver who takes over liquidated positions and collateral
 * @param shortfall how losses past an account's means are absorbed
 * @param gas the gas schedule
 * @param liquidation how unhealthy cross accounts are liquidated
 */
public record ProtocolConfig(
        AssetId settlementAsset,
        TreeMap<AssetId, AssetConfig> assets,
        TreeMap<MarketId, MarketConfig> markets,
        KeeperReward keeperReward,
        PositionReceiver receiver,
        ShortfallPolicy shortfall,
        GasSchedule gas,
        LiquidationPolicy liquidation) {

    /** A configuration with the default account-wide liquidation. */
    public ProtocolConfig(
            AssetId settlementAsset,
            TreeMap<AssetId, AssetConfig> assets,
            TreeMap<MarketId, MarketConfig> markets,
            KeeperReward keeperReward,
            PositionReceiver receiver,
            ShortfallPolicy shortfall,
            GasSchedule gas) {
        this(
                settlementAsset,
                assets,
                markets,
                keeperReward,
                receiver,
                shortfall,
                gas,
                new LiquidationPolicy.AccountWide());
    }

    /** Rejects inconsistent references between assets and markets, naming each. */
    public ProtocolConfig {
        Checks c = new Checks("");
        c.notNull(settlementAsset, "settlementAsset").notNull(assets, "assets").notNull(markets, "markets");
        c.notNull(keeperReward, "keeperReward").notNull(receiver, "receiver").notNull(shortfall, "shortfall");
        c.notNull(gas, "gas").notNull(liquidation, "liquidation");
        if (c.ok()) {
            assets.forEach((id, a) -> c.require(a.id().equals(id), "assets." + id + ".id", a.id(), "the key " + id));
            markets.forEach((id, m) -> c.require(m.id().equals(id), "markets." + id + ".id", m.id(), "the key " + id));
            c.require(
                    assets.containsKey(settlementAsset),
                    "settlementAsset",
                    settlementAsset,
                    "one of " + assets.keySet().mkString(", "));
            assets.get(settlementAsset)
                    .forEach(s -> c.require(
                            s.priceKey().isEmpty(),
                            "assets." + s.id() + ".priceKey",
                            s.priceKey().getOrElse(""),
                            "none: the settlement asset is the unit of account"));
            assets.values()
                    .filter(a -> !a.id().equals(settlementAsset))
                    .forEach(a -> c.require(
                            a.priceKey().isDefined(),
                            "assets." + a.id() + ".priceKey",
                            "none",
                            "an oracle key (every asset but the settlement asset needs a price)"));
            markets.values().forEach(m -> {
                c.require(
                        assets.containsKey(m.underlying()),
                        "markets." + m.id() + ".underlying",
                        m.underlying(),
                        "one of " + assets.keySet().mkString(", "));
                c.require(
                        !m.underlying().equals(settlementAsset),
                        "markets." + m.id() + ".underlying",
                        m.underlying(),
                        "an asset other than the settlement asset");
            });
            if (liquidation instanceof LiquidationPolicy.WindowCapped w) {
                w.markets()
                        .keySet()
                        .forEach(id -> c.require(
                                markets.containsKey(id),
                                "liquidation.markets." + id,
                                id,
                                "one of " + markets.keySet().mkString(", ")));
            }
            if (liquidation instanceof LiquidationPolicy.Absorb a) {
                a.liquidationFactors()
                        .keySet()
                        .forEach(id -> c.require(
                                assets.containsKey(id) && !id.equals(settlementAsset),
                                "liquidation.liquidationFactors." + id,
                                id,
                                "a collateral asset other than the settlement asset"));
            }
        }
        c.throwIfAny(ConfigException::new);
    }

    /** {@return a copy with another liquidation policy} */
    public ProtocolConfig withLiquidation(LiquidationPolicy policy) {
        return new ProtocolConfig(settlementAsset, assets, markets, keeperReward, receiver, shortfall, gas, policy);
    }

    /** {@return a copy with another shortfall policy} */
    public ProtocolConfig withShortfall(ShortfallPolicy policy) {
        return new ProtocolConfig(settlementAsset, assets, markets, keeperReward, receiver, policy, gas, liquidation);
    }

    /** {@return the settlement asset's configuration} */
    public AssetConfig settlement() {
        return assets.get(settlementAsset).get();
    }
}
