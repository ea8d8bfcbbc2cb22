package dev.solvent.model.config;

import dev.solvent.model.check.Checks;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;

/**
 * A perpetual market: its underlying asset (whose decimals give the position size unit and whose oracle answer is the
 * mark price) and its risk parameters.
 *
 * @param id the market's name
 * @param underlying the asset whose price the market tracks
 * @param initialMargin margin ratio to open or increase risk, in {@code (maintenanceMargin, 1]}
 * @param maintenanceMargin margin ratio below which the account is liquidatable, in {@code (0, initialMargin)}
 * @param liquidationPenalty fraction of the closed notional charged at liquidation, in {@code [0, 1]}
 * @param maxOpenInterest cap on long (= short) open interest, in base units of the underlying
 * @param priceBand maximum relative distance of a trade price from the oracle price, in {@code (0, 1]}
 * @param maxOracleAge seconds after which the market's price is stale, {@code > 0}
 * @param maxFundingRatePerDay cap on the absolute daily funding rate, in {@code [0, 1]}
 * @param takerFee fee on the taker's notional, in {@code [0, 0.1]}
 * @param makerFee fee on the maker's notional, in {@code [0, 0.1]}
 */
public record MarketConfig(
        MarketId id,
        AssetId underlying,
        Wad initialMargin,
        Wad maintenanceMargin,
        Wad liquidationPenalty,
        U256 maxOpenInterest,
        Wad priceBand,
        long maxOracleAge,
        Wad maxFundingRatePerDay,
        Wad takerFee,
        Wad makerFee) {

    private static final Wad TEN_PERCENT = Wad.parse("0.1");

    /** Rejects out-of-range values, naming each field. */
    public MarketConfig {
        Checks c = new Checks("markets." + (id == null ? "?" : id.name()) + ".");
        c.notNull(id, "id").notNull(underlying, "underlying").notNull(maxOpenInterest, "maxOpenInterest");
        c.fraction(initialMargin, "initialMargin").notNull(maintenanceMargin, "maintenanceMargin");
        if (initialMargin != null && maintenanceMargin != null) {
            c.require(
                    maintenanceMargin.isPositive() && maintenanceMargin.compareTo(initialMargin) < 0,
                    "maintenanceMargin",
                    maintenanceMargin,
                    "0 < maintenanceMargin < initialMargin (" + initialMargin + ") <= 1");
        }
        c.fraction(liquidationPenalty, "liquidationPenalty").fraction(priceBand, "priceBand");
        if (priceBand != null) {
            c.require(priceBand.isPositive(), "priceBand", priceBand, "0 < priceBand <= 1");
        }
        c.require(maxOracleAge > 0, "maxOracleAge", maxOracleAge, "maxOracleAge > 0 seconds");
        c.fraction(maxFundingRatePerDay, "maxFundingRatePerDay");
        c.fraction(takerFee, "takerFee").fraction(makerFee, "makerFee");
        if (takerFee != null && makerFee != null) {
            c.require(takerFee.compareTo(TEN_PERCENT) <= 0, "takerFee", takerFee, "0 <= takerFee <= 0.1");
            c.require(makerFee.compareTo(TEN_PERCENT) <= 0, "makerFee", makerFee, "0 <= makerFee <= 0.1");
        }
        c.throwIfAny(ConfigException::new);
    }
}
