package dev.solvent.keeper.strategy;

import dev.solvent.keeper.Submission;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.Tx;

/**
 * The expected outcome of one transaction a keeper may send, found by running it against the state the keeper sees
 * (as {@code eth_call} would). Amounts are settlement base units; gas cost is valued at the gas token's oracle answer,
 * rounded up.
 *
 * @param tx the transaction
 * @param gain the change of the keeper's equity (collateral and positions at the oracle prices it sees, no haircuts):
 *     the keeper reward or auction incentive, plus the discount on collateral it buys or takes over
 * @param capital what the transaction ties up: per asset, the fall of the keeper's balance (valued at the oracle
 *     price, rounded up; net of what the same transaction credits to that asset), plus the rise of its initial margin
 *     requirement (positions taken over)
 * @param gas the gas it uses, by the model's schedule
 * @param priorityFee the priority fee to bid, wei per gas
 * @param cost the gas cost at base fee plus priority fee
 * @param profit gain minus cost
 */
public record Estimate(Tx tx, I256 gain, I256 capital, long gas, long priorityFee, I256 cost, I256 profit) {

    /** Requires every field, positive gas and a non-negative fee and capital. */
    public Estimate {
        if (tx == null || gain == null || capital == null || cost == null || profit == null) {
            throw new IllegalArgumentException("an estimate needs every field");
        }
        if (gas <= 0 || priorityFee < 0 || capital.isNegative()) {
            throw new IllegalArgumentException("estimate: gas " + gas + " must be > 0, priorityFee " + priorityFee
                    + " and capital " + capital + " >= 0");
        }
    }

    /** {@return the submission that sends it: the call, its gas as the limit, and the priority fee} */
    public Submission submission() {
        return new Submission(tx, gas, priorityFee);
    }
}
