package dev.solvent.model.policy;

import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.TreeMap;

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
            PolicyChecks c = new PolicyChecks("liquidation.");
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
            c.throwIfAny();
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
            PolicyChecks c = new PolicyChecks("liquidation.");
            if (c.present(liquidationFactors, "liquidationFactors")) {
                liquidationFactors.forEach((a, f) -> c.fraction(f, "liquidationFactors." + a, false));
            }
            c.fraction(defaultLiquidationFactor, "defaultLiquidationFactor", false);
            c.fraction(storeFrontPriceFactor, "storeFrontPriceFactor", true);
            c.present(targetReserves, "targetReserves");
            c.throwIfAny();
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
            PolicyChecks c = new PolicyChecks("liquidation.");
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
            c.throwIfAny();
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
    record BackstopVault(
            dev.solvent.model.id.AccountId vault,
            Wad backstopBelow,
            U256 partialAbove,
            Wad partialFraction,
            long cooldown)
            implements LiquidationPolicy {

        /** Rejects out-of-range parameters, naming each. */
        public BackstopVault {
            PolicyChecks c = new PolicyChecks("liquidation.");
            c.present(vault, "vault");
            c.fraction(backstopBelow, "backstopBelow", false);
            c.present(partialAbove, "partialAbove");
            c.fraction(partialFraction, "partialFraction", false);
            c.require(cooldown >= 0, "cooldown", cooldown, "cooldown >= 0 seconds");
            c.throwIfAny();
        }
    }
}
