package dev.solvent.simulation.lending;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * One block of a lending run. Values are in the protocol's value unit (USD with 8 decimals for the lending mirrors);
 * quantities and totals in their own units, in the order of {@link LendingResult#quantityNames()} and {@link
 * LendingResult#totalNames()}.
 *
 * @param block the block number
 * @param timestamp its time
 * @param marketPrices per price key, the market price (8 decimals)
 * @param oraclePrices per price key, the oracle's answer (8 decimals; 0 before the first)
 * @param liquidatable accounts the protocol would liquidate at the block's prices, before keepers acted
 * @param liquidations liquidation moves that went through
 * @param debtRepaid the debt those liquidations took off their accounts, in value
 * @param keeperGain what the moves gained the keepers, in value
 * @param underwater accounts left with debt and no collateral after the block
 * @param traderCalls calls of traders (tokens in, supply, repay) that went through
 * @param traderReverts calls of traders that reverted
 * @param quantities the protocol's own quantities after the block
 * @param losses the protocol's losses after the block (its quantities of kind loss), in value
 * @param buffers its buffers (quantities of kind buffer), in value, if it has any
 * @param totals what the protocol holds per asset after the block
 */
public record LendingRow(
        long block,
        long timestamp,
        Vector<Long> marketPrices,
        Vector<Long> oraclePrices,
        int liquidatable,
        int liquidations,
        BigInteger debtRepaid,
        BigInteger keeperGain,
        int underwater,
        int traderCalls,
        int traderReverts,
        Vector<BigInteger> quantities,
        BigInteger losses,
        Option<BigInteger> buffers,
        Vector<BigInteger> totals) {}
