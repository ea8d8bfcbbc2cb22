package dev.solvent.model.state;

import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;
import io.vavr.collection.TreeMap;

/**
 * Where every unit that entered or left the protocol is accounted for: net token flows per asset, and the shortfall
 * ledgers. The conservation identity is: for each asset, the sum of balances (plus, for the settlement asset, isolated
 * margins, position quotes, funding pools, the insurance fund and the fee pool, minus bad debt) equals its net inflow.
 *
 * @param netInflow per asset, deposits and repayments minus withdrawals and loans, in base units
 * @param shortfallCovered settlement units the insurance fund paid for liquidated accounts' shortfalls
 * @param socializedLoss settlement units taken from other accounts pro rata
 * @param deleveraged settlement units taken from opposite positions' profit
 * @param badDebt settlement units of shortfall nobody paid: the protocol's deficit
 */
public record Ledger(
        TreeMap<AssetId, I256> netInflow, I256 shortfallCovered, I256 socializedLoss, I256 deleveraged, I256 badDebt) {

    /** An empty ledger. */
    public static final Ledger EMPTY = new Ledger(TreeMap.empty(), I256.ZERO, I256.ZERO, I256.ZERO, I256.ZERO);

    /** Requires every field. */
    public Ledger {
        if (netInflow == null
                || shortfallCovered == null
                || socializedLoss == null
                || deleveraged == null
                || badDebt == null) {
            throw new IllegalArgumentException("a ledger needs every field");
        }
    }

    /** {@return the net inflow of {@code asset}} */
    public I256 netInflow(AssetId asset) {
        return netInflow.get(asset).getOrElse(I256.ZERO);
    }

    /** {@return a copy with {@code delta} added to the net inflow of {@code asset}} */
    public Ledger plusInflow(AssetId asset, I256 delta) {
        return new Ledger(
                netInflow.put(asset, netInflow(asset).plus(delta)),
                shortfallCovered,
                socializedLoss,
                deleveraged,
                badDebt);
    }

    /** {@return a copy with the shortfall ledgers increased} */
    public Ledger plusShortfall(I256 covered, I256 socialized, I256 deleveragedAmount, I256 bad) {
        return new Ledger(
                netInflow,
                shortfallCovered.plus(covered),
                socializedLoss.plus(socialized),
                deleveraged.plus(deleveragedAmount),
                badDebt.plus(bad));
    }
}
