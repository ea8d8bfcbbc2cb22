package dev.solvent.simulation.metrics;

/**
 * What a protocol designer asks of a run, in one value: losses, the insurance fund, liquidations, cascades, keepers and
 * accounts left underwater. Money in settlement base units ({@code settlementDecimals} decimals). Serializable, so that
 * a distributed sweep can ship it.
 *
 * @param scenario the scenario's name
 * @param seed the run's seed
 * @param blocks blocks simulated
 * @param settlementDecimals decimals of every money field
 * @param accounts trader accounts
 * @param liquidations liquidations executed
 * @param liquidationVolume notional they closed
 * @param delayedLiquidations liquidations included in a later block than the one they were sent in (congestion)
 * @param maxLiquidatable the most accounts liquidatable at once
 * @param maxCascadeDepth the longest chain of liquidations caused by the price impact of earlier ones (1: none were)
 * @param cascadeLiquidations liquidations that would not have happened at the exogenous prices
 * @param shortfall losses past the liquidated accounts' means
 * @param insuranceFundStart the insurance fund at the start
 * @param insuranceFundMin its lowest value
 * @param insuranceFundEnd its value at the end
 * @param fundRanDry whether the fund ran dry while a loss still needed covering, however small the loss
 * @param fundExhausted whether the fund ran dry and the losses it left uncovered exceed {@code dust}: what a sweep
 *     counts as a fund that ran dry
 * @param uncoveredLoss the losses nobody's collateral or the fund paid: socialized, deleveraged and bad debt together
 * @param dust the threshold up to which uncovered losses are rounding dust (the scenario's {@code dust})
 * @param socializedLoss losses spread over other accounts
 * @param deleveraged losses taken from profitable positions
 * @param badDebt losses nobody paid
 * @param liquidatedUnderwater liquidations of accounts whose means did not cover their losses (a shortfall)
 * @param longestLiquidatableBlocks the longest an account stayed liquidatable before it was liquidated, blocks
 * @param maxUnderwater the most accounts with margin equity below zero at a health check
 * @param underwaterAccountBlocks the sum over health checks of underwater accounts times the blocks since the previous
 *     check ({@link Underwater})
 * @param longestUnderwaterBlocks the longest an account stayed underwater at consecutive health checks, counted the
 *     same way: positive whenever {@code underwaterAccountBlocks} is
 * @param keepers each keeper's ledger
 * @param keeperProfit all keepers' net profit
 * @param priceCorrections the known bad prints removed from historical price windows before the run, one line each
 *     (price key, candle, extreme, the price in the file and the price used)
 * @param skippedTraders drawn traders left out of the run at setup ({@code accounts} does not count them)
 * @param skippedReasons how many for each reason, such as {@code "opening trade reverted: OpenInterestCapExceeded"}
 * @param deleveraging what auto-deleveraging did: fills, notional, the accounts hit and when ({@link Deleveraging})
 */
public record RunSummary(
        String scenario,
        long seed,
        int blocks,
        int settlementDecimals,
        int accounts,
        long liquidations,
        long liquidationVolume,
        long delayedLiquidations,
        int maxLiquidatable,
        int maxCascadeDepth,
        long cascadeLiquidations,
        long shortfall,
        long insuranceFundStart,
        long insuranceFundMin,
        long insuranceFundEnd,
        boolean fundRanDry,
        boolean fundExhausted,
        long uncoveredLoss,
        long dust,
        long socializedLoss,
        long deleveraged,
        long badDebt,
        long liquidatedUnderwater,
        long longestLiquidatableBlocks,
        int maxUnderwater,
        long underwaterAccountBlocks,
        long longestUnderwaterBlocks,
        java.util.List<KeeperResult> keepers,
        long keeperProfit,
        java.util.List<String> priceCorrections,
        int skippedTraders,
        java.util.SortedMap<String, Integer> skippedReasons,
        Deleveraging deleveraging)
        implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies the keepers and corrections into immutable lists. */
    public RunSummary {
        keepers = java.util.List.copyOf(keepers);
        priceCorrections = java.util.List.copyOf(priceCorrections);
        skippedReasons = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(skippedReasons));
    }

    /** {@return the fund's largest fall from its start} */
    public long insuranceFundDrawdown() {
        return insuranceFundStart - insuranceFundMin;
    }
}
