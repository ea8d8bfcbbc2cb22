package dev.solvent.simulation.scenario;

import dev.solvent.model.math.I256;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * A scenario of a lending book on a named protocol (such as {@code aave-v3.3}): the market's reserves, the price
 * sources and oracles of the engine's scenarios, lending traders who supply one asset and borrow another, and keepers
 * that make the protocol's own liquidation moves. Read from YAML by {@link LendingReader}.
 *
 * @param name the scenario's name
 * @param description one line
 * @param seed the default seed
 * @param blocks how many blocks to run (0: as many as the shortest price path has)
 * @param sampleEvery blocks between health checks (traders decide on top-ups and repayments at each)
 * @param protocol the protocol's name as scenarios write it: {@code aave-v3.3}, {@code aave-v3.7}, {@code comet} or
 *     {@code maker-liq2}
 * @param reserves the market's assets, by name: what a run needs of each (its price, decimals, weights, opening
 *     liquidity) whatever the protocol
 * @param comet for {@code comet}, the rest of the market's configuration; empty for the other protocols
 * @param maker for {@code maker-liq2}, the collateral type's configuration; empty for the other protocols
 * @param chain block time and numbering
 * @param prices each price key's source
 * @param oracle the push oracle every price key goes through
 * @param traders the lending traders
 * @param keepers the keepers, in order
 */
public record LendingScenario(
        String name,
        String description,
        long seed,
        int blocks,
        int sampleEvery,
        String protocol,
        TreeMap<String, Reserve> reserves,
        Option<Comet> comet,
        Option<Maker> maker,
        Scenario.ChainSpec chain,
        TreeMap<String, Scenario.PriceSpec> prices,
        Scenario.OracleSpec oracle,
        Traders traders,
        Vector<Keeper> keepers) {

    /**
     * One asset of the market. Ratios are in basis points, as the protocols store them. For Comet the base asset and
     * each collateral are reserves too: {@code ltvBps} is the collateral's {@code borrowCollateralFactor}, {@code
     * liquidationThresholdBps} its {@code liquidateCollateralFactor} and {@code liquidationBonusBps} one minus its
     * {@code liquidationFactor} (the base has zeros there); protocol fee, reserve factor and rates are Aave's and zero
     * (Comet's are in {@link Comet}).
     *
     * @param asset the asset's name, also the name of its price in each block
     * @param decimals the token's decimals
     * @param priceKey the price key whose oracle answers for it (USD, 8 decimals)
     * @param ltvBps the loan-to-value a borrow may reach
     * @param liquidationThresholdBps the collateral weight below which an account is liquidatable
     * @param liquidationBonusBps the liquidator's bonus above 100% (500 for 5%)
     * @param protocolFeeBps the protocol's share of the bonus
     * @param reserveFactorBps the protocol's share of interest
     * @param rates the interest rate strategy
     * @param liquidity what a depositor supplies at the start, in base units (others borrow from it)
     */
    public record Reserve(
            String asset,
            int decimals,
            String priceKey,
            int ltvBps,
            int liquidationThresholdBps,
            int liquidationBonusBps,
            int protocolFeeBps,
            int reserveFactorBps,
            Rates rates,
            I256 liquidity) {}

    /**
     * A default interest rate strategy, in basis points a year.
     *
     * @param optimalUsageBps the utilisation where the second slope starts
     * @param baseBps the rate at no utilisation
     * @param slope1Bps the rise up to the optimal usage
     * @param slope2Bps the rise from there to full usage
     */
    public record Rates(int optimalUsageBps, int baseBps, int slope1Bps, int slope2Bps) {}

    /**
     * A Compound III (Comet) market's configuration beyond its assets, in the contract's own units: rates, kinks and
     * factors as 18-decimal fixed point ({@code 1e18} is 1), amounts in base units of the base token. Each field is
     * named as {@code CometConfiguration.Configuration} names it.
     *
     * @param base the base asset's name (a key of the scenario's reserves)
     * @param assets the collateral assets, by name, in the order Comet lists them (their names' order)
     */
    public record Comet(
            String base,
            BigInteger supplyKink,
            BigInteger supplyPerYearInterestRateSlopeLow,
            BigInteger supplyPerYearInterestRateSlopeHigh,
            BigInteger supplyPerYearInterestRateBase,
            BigInteger borrowKink,
            BigInteger borrowPerYearInterestRateSlopeLow,
            BigInteger borrowPerYearInterestRateSlopeHigh,
            BigInteger borrowPerYearInterestRateBase,
            BigInteger storeFrontPriceFactor,
            BigInteger trackingIndexScale,
            BigInteger baseTrackingSupplySpeed,
            BigInteger baseTrackingBorrowSpeed,
            BigInteger baseMinForRewards,
            BigInteger baseBorrowMin,
            BigInteger targetReserves,
            TreeMap<String, CometAsset> assets) {}

    /**
     * One collateral asset of a Comet market ({@code AssetConfig}): factors as 18-decimal fixed point, which Comet
     * keeps to four decimals; the supply cap in base units of the asset, which Comet keeps to whole tokens.
     */
    public record CometAsset(
            String asset,
            BigInteger borrowCollateralFactor,
            BigInteger liquidateCollateralFactor,
            BigInteger liquidationFactor,
            BigInteger supplyCap) {}

    /**
     * A Maker collateral type under Liquidations 2.0, every number in the unit dss stores it in (WAD 1e18, RAY 1e27,
     * RAD 1e45, seconds), each named as the contract's {@code file} names it: the Vat's {@code line}, {@code dust}
     * and {@code Line}, the Spotter's {@code mat}, the Jug's {@code duty}, the Dog's {@code chop}, {@code hole} and
     * {@code Hole}, the Clipper's {@code buf}, {@code tail}, {@code cusp}, {@code chip} and {@code tip}, and its price
     * curve.
     *
     * @param ilk the collateral type's name, such as {@code ETH-A}
     * @param collateral the collateral asset (a key of the scenario's reserves)
     * @param dai the asset borrowed (DAI; a key of the scenario's reserves)
     */
    public record Maker(
            String ilk,
            String collateral,
            String dai,
            BigInteger mat,
            BigInteger line,
            BigInteger dust,
            BigInteger Line,
            BigInteger duty,
            BigInteger chop,
            BigInteger hole,
            BigInteger Hole,
            BigInteger buf,
            long tail,
            BigInteger cusp,
            BigInteger chip,
            BigInteger tip,
            MakerCalc calc) {}

    /**
     * A Clipper's price curve (an {@code Abacus}): {@code linear} ({@code LinearDecrease}, to zero in {@code tau}
     * seconds), {@code stairstep-exponential} ({@code StairstepExponentialDecrease}, times {@code cut} every {@code
     * step} seconds) or {@code exponential} ({@code ExponentialDecrease}, times {@code cut} every second); {@code cut}
     * a RAY, the fields a curve does not use 0.
     */
    public record MakerCalc(String kind, BigInteger cut, long step, long tau) {}

    /**
     * The lending traders: each supplies {@code collateral} worth a drawn size and borrows {@code borrow} at a drawn
     * loan-to-value.
     *
     * @param count how many
     * @param collateral the assets they supply, one each: trader {@code i} (from 0) supplies the {@code i mod n}-th
     * @param borrow the asset they borrow
     * @param ltvMinBps the lowest loan-to-value drawn (uniform between min and max, whole basis points)
     * @param ltvMaxBps the highest
     * @param medianSize the median collateral value, USD with 8 decimals (log-normal)
     * @param sizeSpread the log-normal's sigma, millionths
     * @param behaviour what they do when their health falls
     */
    public record Traders(
            int count,
            Vector<String> collateral,
            String borrow,
            int ltvMinBps,
            int ltvMaxBps,
            I256 medianSize,
            long sizeSpread,
            Behaviour behaviour) {}

    /**
     * What a lending trader does at a health check that finds its health factor below {@code actBelowBps}: with
     * probability {@code actProbabilityBps}, after {@code delayBlocks}, either supplies more collateral or repays
     * part of its debt (a share {@code repayShareBps} of those who act repay), back up to {@code restoreToBps}.
     */
    public record Behaviour(
            int actBelowBps, int actProbabilityBps, int delayBlocks, int restoreToBps, int repayShareBps) {}

    /** The keeper strategies of a lending run. */
    public enum Strategy {
        /** Every block, every liquidatable account, the move with the best gain the protocol reports. */
        BEST_GAIN
    }

    /**
     * A keeper: its name, strategy and the tokens it holds at the start (it pays debt from them).
     *
     * @param name its name
     * @param strategy how it chooses
     * @param capital base units of each asset it holds at the start
     */
    public record Keeper(String name, Strategy strategy, TreeMap<String, I256> capital) {}
}
