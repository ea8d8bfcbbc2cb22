package dev.solvent.simulation.lending;

import dev.solvent.model.protocol.Quantity;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.math.BigInteger;

/**
 * The headline numbers of a lending run. Values are in the protocol's value unit ({@link #valueUnit}, 8 decimals).
 *
 * @param scenario the scenario's name
 * @param protocol the protocol's name
 * @param valueUnit the protocol's unit of value
 * @param seed the seed
 * @param blocks blocks run
 * @param accounts traders whose opening supply and borrow went through
 * @param skipped traders left out, by the reason their opening reverted
 * @param liquidations liquidation moves that went through
 * @param debtRepaid debt they took off accounts
 * @param keeperGain what they gained the keepers
 * @param maxLiquidatable most accounts liquidatable at once
 * @param maxUnderwater most accounts with debt and no collateral at once
 * @param traderCalls traders' calls that went through after the opening
 * @param losses the protocol's losses at the end, in value
 * @param maxLosses the most they were at any block
 * @param quantities the protocol's own quantities at the end
 * @param totals what the protocol holds per asset at the end
 * @param keepers each keeper's results
 * @param priceCorrections bad prints removed from the price files
 */
public record LendingSummary(
        String scenario,
        String protocol,
        String valueUnit,
        long seed,
        int blocks,
        int accounts,
        TreeMap<String, Integer> skipped,
        long liquidations,
        BigInteger debtRepaid,
        BigInteger keeperGain,
        int maxLiquidatable,
        int maxUnderwater,
        long traderCalls,
        BigInteger losses,
        BigInteger maxLosses,
        TreeMap<String, Quantity> quantities,
        TreeMap<String, BigInteger> totals,
        Vector<KeeperLine> keepers,
        Vector<String> priceCorrections) {

    /** Decimals of every value: the lending mirrors value in USD with 8 decimals, as their oracles do. */
    public static final int VALUE_DECIMALS = 8;

    /**
     * One keeper's results.
     *
     * @param name its name
     * @param strategy its strategy, as scenarios name it
     * @param liquidations its moves that went through
     * @param reverted its moves that reverted
     * @param gain what its moves gained, in value
     */
    public record KeeperLine(String name, String strategy, long liquidations, long reverted, BigInteger gain) {}
}
