package dev.solvent.properties.arbitrary;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;

/**
 * A market's risk parameters before validation, so that deliberately invalid ones can exist as values: building them
 * into a {@link MarketConfig} either succeeds or throws a {@code ConfigException} naming each bad field.
 *
 * {@snippet :
 * @Property
 * void invalidParametersAreRejected(@ForAll("invalid") RiskParameters p) {
 *     assertThatThrownBy(() -> p.build(MarketId.of("ETH-PERP"), Standard.WETH)).isInstanceOf(ConfigException.class);
 * }
 * }
 *
 * @param initialMargin margin ratio to open or increase risk
 * @param maintenanceMargin margin ratio below which an account is liquidatable
 * @param liquidationPenalty fraction of the closed notional charged at liquidation
 * @param priceBand largest relative distance of a trade price from the oracle price
 * @param maxFundingRatePerDay cap on the absolute daily funding rate
 * @param takerFee fee on the taker's notional
 * @param makerFee fee on the maker's notional
 * @param maxOpenInterest cap on open interest, base units of the underlying
 * @param maxOracleAge seconds after which the price is stale
 */
public record RiskParameters(
        Wad initialMargin,
        Wad maintenanceMargin,
        Wad liquidationPenalty,
        Wad priceBand,
        Wad maxFundingRatePerDay,
        Wad takerFee,
        Wad makerFee,
        U256 maxOpenInterest,
        long maxOracleAge) {

    /** {@return the market these parameters describe; throws {@code ConfigException} if they are invalid} */
    public MarketConfig build(MarketId id, AssetId underlying) {
        return new MarketConfig(
                id,
                underlying,
                initialMargin,
                maintenanceMargin,
                liquidationPenalty,
                maxOpenInterest,
                priceBand,
                maxOracleAge,
                maxFundingRatePerDay,
                takerFee,
                makerFee);
    }

    /** {@return a copy with another maintenance margin} */
    public RiskParameters withMaintenanceMargin(Wad mm) {
        return new RiskParameters(
                initialMargin,
                mm,
                liquidationPenalty,
                priceBand,
                maxFundingRatePerDay,
                takerFee,
                makerFee,
                maxOpenInterest,
                maxOracleAge);
    }
}
