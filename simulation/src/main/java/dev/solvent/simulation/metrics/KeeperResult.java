package dev.solvent.simulation.metrics;

/**
 * One keeper's ledger at the end of a run, settlement base units except gas.
 *
 * @param name the keeper's account
 * @param strategy its strategy as named in the scenario
 * @param sent transactions sent
 * @param reverted transactions that reverted (races lost) and still paid gas
 * @param liquidations liquidations it executed
 * @param missed liquidations another keeper executed
 * @param gasSpent what its gas cost, settlement units
 * @param rewards keeper rewards earned
 * @param netProfit rewards minus gas
 */
public record KeeperResult(
        String name,
        String strategy,
        long sent,
        long reverted,
        long liquidations,
        long missed,
        long gasSpent,
        long rewards,
        long netProfit)
        implements java.io.Serializable {}
