package dev.solvent.simulation.metrics;

import io.vavr.collection.Vector;

/**
 * What one block did, as a row of {@code timeseries.csv}. Prices are oracle units (8 decimals); money is settlement
 * base units.
 *
 * @param block the block number
 * @param timestamp its unix time
 * @param marketPrices the market price of each price key, in the run's key order
 * @param oraclePrices the oracle answer of each price key, in the same order
 * @param liquidatable cross accounts liquidatable at the block's oracle prices, before its transactions
 * @param liquidations liquidations the block executed
 * @param liquidationVolume notional those liquidations closed
 * @param insuranceFund the insurance fund after the block
 * @param shortfall losses past the liquidated accounts' means in this block (fund, socialized, deleveraged, bad debt)
 * @param socialized the part of the shortfall socialized in this block
 * @param badDebt the protocol's bad debt after the block
 * @param baseFee the block's base fee, wei per gas
 * @param gasUsed the gas the block used
 * @param keeperProfit every keeper's net profit so far, settlement base units
 * @param pendingLiquidations liquidations sent but still waiting in the mempool after the block
 * @param traderTransactions transactions traders and the position unwinding sent this block
 * @param adlFills auto-deleveraging fills in this block
 * @param adlNotional the notional they closed
 * @param deleveraged the part of the shortfall deleveraged in this block (what the fills were charged)
 */
public record BlockRow(
        long block,
        long timestamp,
        Vector<Long> marketPrices,
        Vector<Long> oraclePrices,
        int liquidatable,
        int liquidations,
        long liquidationVolume,
        long insuranceFund,
        long shortfall,
        long socialized,
        long badDebt,
        long baseFee,
        long gasUsed,
        long keeperProfit,
        int pendingLiquidations,
        int traderTransactions,
        int adlFills,
        long adlNotional,
        long deleveraged) {}
