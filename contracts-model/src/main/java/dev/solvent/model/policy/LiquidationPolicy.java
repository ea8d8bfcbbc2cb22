package dev.solvent.model.policy;

import dev.solvent.model.check.Checks;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * How the one liquidation engine liquidates an unhealthy cross account: what it closes, at what price, and who gets
 * what. The engine validates and measures the account the same way under every policy; the policy only decides the
 * rest. Parameters out of range are rejected when the value is built, naming the field and the valid range.
 */
public sealed interface LiquidationPolicy {

    /**
     * Every cross position and all collateral at once, at the oracle price (collateral less its haircut); the penalty
     * on the closed notional pays the keeper and the insurance fund (the foundation's default, as Comet's
     * {@code absorb} closes everything at once).
     */
    record AccountWide() implements LiquidationPolicy {}

    /**
     * Partial liquidation with a close factor, as Aave v3.3's {@code LiquidationLogic.executeLiquidationCall}: the
     * keeper repays at most {@code closeFactor} of each debt with its own capital and takes over at most
     * {@code closeFactor} of each cross position, and receives collateral worth what it repaid plus a bonus; the
     * protocol keeps {@code protocolShareOfBonus} of the bonus. Everything is closed at once when the health is at or
     * below {@code fullCloseHealth}, or when the account's debt plus notional or its collateral is worth less than
     * {@code fullCloseBelow}.
     *
     * <p>The bonus on a debt is {@code bonus} of the repaid value; on a position it is the market's liquidation
     * penalty of the closed notional. Under this policy the keeper is paid by the bonus, not by {@link KeeperReward}.
     *
     * @param closeFactor the largest fraction of each debt and position one liquidation may close, in {@code (0, 1]}
     *     (Aave: 0.5)
     * @param fullCloseHealth the health at or below which everything may be closed, in {@code [0, 1)} (Aave: 0.95)
     * @param fullCloseBelow settlement base units under which a position is dust and closed in full (Aave: 2,000 USD)
     * @param bonus the liquidator's bonus on the repaid debt's value, in {@code [0, 1]} (Aave's liquidation bonus
     *     minus 100%: 0.05 for 105%)
     * @param protocolShareOfBonus the protocol's share of the bonus, in {@code [0, 1]} (Aave's liquidation protocol
     *     fee: 0.1)
     */
    record CloseFactor(Wad closeFactor, Wad fullCloseHealth, U256 fullCloseBelow, Wad bonus, Wad protocolShareOfBonus)
            implements LiquidationPolicy {

        /** Rejects out-of-range parameters, naming each. */
        public CloseFactor {
            Checks c = new Checks("liquidation.");
            c.fraction(closeFactor, "closeFactor", false);
            if (c.present(fullCloseHealth, "fullCloseHealth")) {
                c.require(
                        !fullCloseHealth.raw().isNegative() && fullCloseHealth.compareTo(Wad.ONE) < 0,
                        "fullCloseHealth",
                        fullCloseHealth,
                        "0 <= fullCloseHealth < 1");
            }
            c.present(fullCloseBelow, "fullCloseBelow");
            c.fraction(bonus, "bonus", true).fraction(protocolShareOfBonus, "protocolShareOfBonus", true);
            c.rejectIfAny();
        }
    }

    /**
     * Absorption, as Compound III's {@code Comet.absorb}: the protocol takes over all of the account's collateral at
     * once into its collateral reserves, credits the account the collateral's value times its liquidation factor, and
     * covers whatever debt is left from its reserves (which may go negative, as Comet's {@code getReserves}). Cross
     * positions are closed into the configured receiver at the oracle price and pay the market penalty as under
     * {@link AccountWide}. While reserves are below {@code targetReserves}, anyone may buy the absorbed collateral at
     * the oracle price less a storefront discount of {@code storeFrontPriceFactor * (1 - liquidationFactor)}. A debt
     * in an asset other than the settlement asset (Comet has none) is taken over too: the account pays its value to
     * the reserves and the protocol's collateral reserve of that asset goes negative by the amount owed.
     *
     * @param liquidationFactors the fraction of an absorbed collateral's value credited to the account, per asset, in
     *     {@code (0, 1]} (Comet's {@code liquidationFactor}, e.g. 0.93 for WETH)
     * @param defaultLiquidationFactor the factor for an asset not in {@code liquidationFactors}, in {@code (0, 1]}
     * @param storeFrontPriceFactor the share of {@code 1 - liquidationFactor} given to buyers as a discount, in
     *     {@code [0, 1]}
     * @param targetReserves settlement base units of reserves at and above which collateral is not for sale
     */
    record Absorb(
            TreeMap<AssetId, Wad> liquidationFactors,
            Wad defaultLiquidationFactor,
            Wad storeFrontPriceFactor,
            U256 targetReserves)
            implements LiquidationPolicy {

        /** Rejects out-of-range parameters, naming each. */
        public Absorb {
            Checks c = new Checks("liquidation.");
            if (c.present(liquidationFactors, "liquidationFactors")) {
                liquidationFactors.forEach((a, f) -> c.fraction(f, "liquidationFactors." + a, false));
            }
            c.fraction(defaultLiquidationFactor, "defaultLiquidationFactor", false);
            c.fraction(storeFrontPriceFactor, "storeFrontPriceFactor", true);
            c.present(targetReserves, "targetReserves");
            c.rejectIfAny();
        }

        /** {@return the liquidation factor of {@code asset}} */
        public Wad liquidationFactor(AssetId asset) {
            return liquidationFactors.get(asset).getOrElse(defaultLiquidationFactor);
        }
    }

    /**
     * Dutch auctions, as Maker's Liquidations 2.0 ({@code dog.sol} {@code bark}, {@code clip.sol} {@code kick},
     * {@code take}, {@code redo}): the account's positions are closed into the receiver at the oracle price, its
     * debts taken over by the protocol's reserves, and each collateral asset is put up for auction for its share of
     * the debt times {@code chop} (the tab); the price starts at the oracle price times {@code buf} and falls by
     * {@code curve}; keepers take part or all of a lot at the current price; an auction older than {@code tail}
     * seconds or whose price fell below {@code cusp} of its start must be reset ({@code Redo}); the keeper who starts
     * or resets an auction earns {@code tip} plus {@code chip} of the tab from the reserves; what a finished auction
     * leaves of its lot goes back to the owner, and what it leaves of its tab stays a loss of the reserves.
     *
     * @param buf the starting price over the oracle price, {@code >= 1} (Maker ETH-A: 1.2)
     * @param curve how the price falls
     * @param tail seconds after which an auction must be reset, {@code > 0}
     * @param cusp the fraction of the starting price below which an auction must be reset, in {@code [0, 1)}
     * @param chop the debt multiplier including the penalty, in {@code [1, 2]} (Maker ETH-A: 1.13)
     * @param hole settlement base units of tab allowed in auctions per collateral asset (Maker's {@code ilk.hole})
     * @param globalHole settlement base units of tab allowed in auctions in total (Maker's {@code Hole})
     * @param tip flat keeper incentive, settlement base units
     * @param chip keeper incentive as a share of the tab, in {@code [0, 1]}
     * @param dust settlement base units under which a tab may not be left by a partial take (Maker's {@code chost})
     */
    record DutchAuction(
            Wad buf,
            PriceCurve curve,
            long tail,
            Wad cusp,
            Wad chop,
            U256 hole,
            U256 globalHole,
            U256 tip,
            Wad chip,
            U256 dust)
            implements LiquidationPolicy {

        private static final Wad TWO = Wad.parse("2");

        /** Rejects out-of-range parameters, naming each. */
        public DutchAuction {
            Checks c = new Checks("liquidation.");
            if (c.present(buf, "buf")) {
                c.require(buf.compareTo(Wad.ONE) >= 0, "buf", buf, "buf >= 1");
            }
            c.present(curve, "curve");
            c.require(tail > 0, "tail", tail, "tail > 0 seconds");
            if (c.present(cusp, "cusp")) {
                c.require(!cusp.raw().isNegative() && cusp.compareTo(Wad.ONE) < 0, "cusp", cusp, "0 <= cusp < 1");
            }
            if (c.present(chop, "chop")) {
                c.require(chop.compareTo(Wad.ONE) >= 0 && chop.compareTo(TWO) <= 0, "chop", chop, "1 <= chop <= 2");
            }
            c.present(hole, "hole");
            c.present(globalHole, "globalHole");
            c.present(tip, "tip");
            c.fraction(chip, "chip", true);
            c.present(dust, "dust");
            c.rejectIfAny();
        }
    }

    /**
     * Market liquidation first, then a backstop vault, as Hyperliquid: while margin equity is at least
     * {@code backstopBelow} of the maintenance requirement, positions are closed into the receiver at the oracle price
     * (the market), a position larger than {@code partialAbove} only by {@code partialFraction} unless the account
     * was partially liquidated less than {@code cooldown} seconds ago, and the trader keeps what remains; below it,
     * the vault takes over every cross position and every balance of the account, which ends with nothing.
     *
     * @param vault the protocol-owned vault account (Hyperliquid's liquidator vault in HLP)
     * @param backstopBelow the fraction of the maintenance requirement below which the vault takes over, in
     *     {@code (0, 1]} (Hyperliquid: 2/3)
     * @param partialAbove settlement base units of notional above which a market liquidation is partial (100k USDC)
     * @param partialFraction the fraction of a large position one market liquidation closes, in {@code (0, 1]} (0.2)
     * @param cooldown seconds after a partial liquidation during which market liquidations close whole positions,
     *     {@code >= 0} (30)
     */
    record BackstopVault(AccountId vault, Wad backstopBelow, U256 partialAbove, Wad partialFraction, long cooldown)
            implements LiquidationPolicy {

        /** Rejects out-of-range parameters, naming each. */
        public BackstopVault {
            Checks c = new Checks("liquidation.");
            c.present(vault, "vault");
            c.fraction(backstopBelow, "backstopBelow", false);
            c.present(partialAbove, "partialAbove");
            c.fraction(partialFraction, "partialFraction", false);
            c.require(cooldown >= 0, "cooldown", cooldown, "cooldown >= 0 seconds");
            c.rejectIfAny();
        }
    }

    /**
     * Flagging, then liquidation capped per window, as Synthetix v3 perps ({@code LiquidationModule.liquidate},
     * {@code PerpsAccount.flagForLiquidation}, {@code PerpsMarket.maxLiquidatableAmount}). Margin ratios grow with a
     * position's size relative to the market's skew scale ({@code PerpsMarketConfiguration.calculateRequiredMargins}),
     * and the requirement of an account with positions includes the reward its liquidation would pay. The first
     * liquidation of an eligible account flags it: every balance it holds goes to the receiver (the liquidity
     * providers' pool); then, now and in later calls, each position closes into the receiver at the oracle price by
     * at most what is left of its market's cap in the sliding window ({@code (makerFee + takerFee) * skewScale *
     * multiplier * windowSeconds}), the account forfeiting the positions' PnL to the receiver. The keeper earns
     * {@code keeperReward(flag rewards, costs, seized margin)} from the receiver, within the min and max caps.
     *
     * @param markets per-market parameters, for markets that differ from {@code defaultMarket}
     * @param defaultMarket the parameters of every other market
     * @param flagCost settlement base units a keeper spends to flag an account (Synthetix reads it from a gas oracle)
     * @param liquidateCost settlement base units a keeper spends per liquidation call
     * @param minKeeperReward settlement base units a keeper earns at least above its costs ({@code minKeeperRewardUsd})
     * @param minKeeperProfitRatio the least profit over costs, {@code >= 0} ({@code minKeeperProfitRatioD18})
     * @param maxKeeperReward the most a keeper earns, settlement base units, {@code >= minKeeperReward}
     *     ({@code maxKeeperRewardUsd})
     * @param maxKeeperScalingRatio the most a keeper earns as a share of the seized margin, in {@code [0, 1]}
     *     ({@code maxKeeperScalingRatioD18})
     */
    record WindowCapped(
            TreeMap<MarketId, Market> markets,
            Market defaultMarket,
            U256 flagCost,
            U256 liquidateCost,
            U256 minKeeperReward,
            Wad minKeeperProfitRatio,
            U256 maxKeeperReward,
            Wad maxKeeperScalingRatio)
            implements LiquidationPolicy {

        /** Rejects out-of-range parameters, naming each. */
        public WindowCapped {
            Checks c = new Checks("liquidation.");
            c.present(markets, "markets");
            c.present(defaultMarket, "defaultMarket");
            c.present(flagCost, "flagCost");
            c.present(liquidateCost, "liquidateCost");
            c.present(minKeeperReward, "minKeeperReward");
            if (c.present(minKeeperProfitRatio, "minKeeperProfitRatio")) {
                c.require(
                        !minKeeperProfitRatio.raw().isNegative(),
                        "minKeeperProfitRatio",
                        minKeeperProfitRatio,
                        "minKeeperProfitRatio >= 0");
            }
            if (c.present(maxKeeperReward, "maxKeeperReward") && minKeeperReward != null) {
                c.require(
                        maxKeeperReward.compareTo(minKeeperReward) >= 0,
                        "maxKeeperReward",
                        maxKeeperReward,
                        "maxKeeperReward >= minKeeperReward (" + minKeeperReward + ")");
            }
            c.fraction(maxKeeperScalingRatio, "maxKeeperScalingRatio", true);
            c.rejectIfAny();
        }

        /** {@return the parameters of {@code market}} */
        public Market market(MarketId market) {
            return markets.get(market).getOrElse(defaultMarket);
        }

        /** {@return a copy with {@code market}'s own parameters} */
        public WindowCapped withMarket(MarketId market, Market parameters) {
            return new WindowCapped(
                    markets.put(market, parameters),
                    defaultMarket,
                    flagCost,
                    liquidateCost,
                    minKeeperReward,
                    minKeeperProfitRatio,
                    maxKeeperReward,
                    maxKeeperScalingRatio);
        }

        /**
         * One market's margin and liquidation parameters, the fields of Synthetix v3's
         * {@code PerpsMarketConfiguration} that its {@code setLiquidationParameters} and {@code setMaxLiquidationParameters}
         * set, plus the skew scale.
         *
         * @param skewScale base units of the underlying that move the price by 100%, {@code > 0}
         * @param initialMarginFraction the initial margin ratio per unit of skew impact, {@code >= 0}
         *     ({@code initialMarginRatioD18}, e.g. 8.92 for ETH on Base)
         * @param minimumInitialMarginRatio added to every initial margin ratio, in {@code [0, 1]}
         * @param maintenanceMarginScalar maintenance ratio over initial ratio, in {@code [0, 1]}
         * @param minimumPositionMargin settlement base units added to each position's requirements
         * @param flagRewardRatio the flag reward as a share of a flagged position's notional, in {@code [0, 1]}
         * @param maxLiquidationLimitAccumulationMultiplier scales the per-window cap, {@code > 0}
         * @param maxSecondsInLiquidationWindow the window's length in seconds, {@code > 0}
         * @param maxLiquidationPd the skew over skew scale under which a full window may be liquidated once more per
         *     block when the window is used up, in {@code [0, 1]} (zero: never)
         * @param endorsedLiquidator a keeper for whom no cap applies and who earns no flag reward
         */
        public record Market(
                U256 skewScale,
                Wad initialMarginFraction,
                Wad minimumInitialMarginRatio,
                Wad maintenanceMarginScalar,
                U256 minimumPositionMargin,
                Wad flagRewardRatio,
                Wad maxLiquidationLimitAccumulationMultiplier,
                long maxSecondsInLiquidationWindow,
                Wad maxLiquidationPd,
                Option<AccountId> endorsedLiquidator) {

            /** Rejects out-of-range parameters, naming each. */
            public Market {
                Checks c = new Checks("liquidation.market.");
                if (c.present(skewScale, "skewScale")) {
                    c.require(!skewScale.isZero(), "skewScale", skewScale, "skewScale > 0 base units");
                }
                if (c.present(initialMarginFraction, "initialMarginFraction")) {
                    c.require(
                            !initialMarginFraction.raw().isNegative(),
                            "initialMarginFraction",
                            initialMarginFraction,
                            "initialMarginFraction >= 0");
                }
                c.fraction(minimumInitialMarginRatio, "minimumInitialMarginRatio", true);
                c.fraction(maintenanceMarginScalar, "maintenanceMarginScalar", true);
                c.present(minimumPositionMargin, "minimumPositionMargin");
                c.fraction(flagRewardRatio, "flagRewardRatio", true);
                if (c.present(maxLiquidationLimitAccumulationMultiplier, "maxLiquidationLimitAccumulationMultiplier")) {
                    c.require(
                            maxLiquidationLimitAccumulationMultiplier.isPositive(),
                            "maxLiquidationLimitAccumulationMultiplier",
                            maxLiquidationLimitAccumulationMultiplier,
                            "maxLiquidationLimitAccumulationMultiplier > 0 (zero would lift the cap)");
                }
                c.require(
                        maxSecondsInLiquidationWindow > 0,
                        "maxSecondsInLiquidationWindow",
                        maxSecondsInLiquidationWindow,
                        "maxSecondsInLiquidationWindow > 0 seconds");
                c.fraction(maxLiquidationPd, "maxLiquidationPd", true);
                c.present(endorsedLiquidator, "endorsedLiquidator");
                c.rejectIfAny();
            }
        }
    }

    /**
     * Liquidation at the fillable price, as dYdX v4 ({@code x/clob/keeper/liquidations.go}): one position per call,
     * closed into the receiver at {@code (PNNV - ABR * SMMR * PMMR) / PS}, between the oracle price and the oracle
     * price moved by the whole spread {@code SMMR * PMMR}, where {@code ABR = clamp(BA * (1 - TNC / TMMR), 0, 1)}
     * (position net notional, spread to maintenance margin ratio, position maintenance requirement, position size,
     * adjusted bankruptcy rating, bankruptcy adjustment, total net collateral, total maintenance requirement). Above
     * the bankruptcy price the account pays the insurance fund a fee of at most {@code maxLiquidationFee} of the
     * fill's quote amount and never more than it has above bankruptcy; below it, the insurance fund covers the loss,
     * and past the fund the configured shortfall policy deleverages.
     *
     * @param bankruptcyAdjustment {@code BA}, {@code >= 1} ({@code bankruptcy_adjustment_ppm}, 1,000,000 on mainnet)
     * @param spreadToMaintenanceMarginRatio {@code SMMR}, {@code > 0} ({@code spread_to_maintenance_margin_ratio_ppm},
     *     1,500,000 on mainnet)
     * @param maxLiquidationFee the fee cap as a share of the fill's quote amount, in {@code (0, 1]}
     *     ({@code max_liquidation_fee_ppm}, 15,000 on mainnet)
     */
    record FillablePrice(Wad bankruptcyAdjustment, Wad spreadToMaintenanceMarginRatio, Wad maxLiquidationFee)
            implements LiquidationPolicy {

        /** Rejects out-of-range parameters, naming each, as dYdX's {@code LiquidationsConfig.Validate}. */
        public FillablePrice {
            Checks c = new Checks("liquidation.");
            if (c.present(bankruptcyAdjustment, "bankruptcyAdjustment")) {
                c.require(
                        bankruptcyAdjustment.compareTo(Wad.ONE) >= 0,
                        "bankruptcyAdjustment",
                        bankruptcyAdjustment,
                        "bankruptcyAdjustment >= 1");
            }
            if (c.present(spreadToMaintenanceMarginRatio, "spreadToMaintenanceMarginRatio")) {
                c.require(
                        spreadToMaintenanceMarginRatio.isPositive(),
                        "spreadToMaintenanceMarginRatio",
                        spreadToMaintenanceMarginRatio,
                        "spreadToMaintenanceMarginRatio > 0");
            }
            c.fraction(maxLiquidationFee, "maxLiquidationFee", false);
            c.rejectIfAny();
        }
    }
}
