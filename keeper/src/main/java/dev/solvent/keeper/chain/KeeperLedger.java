package dev.solvent.keeper.chain;

import dev.solvent.model.math.I256;

/**
 * One keeper's profit and loss so far. Gas is paid in the gas token and booked both in wei and in settlement base
 * units at the gas token's oracle price of the block (rounded up); rewards are settlement base units.
 *
 * @param sent transactions sent
 * @param included transactions included in a block
 * @param reverted included transactions that reverted (lost races among them)
 * @param liquidations successful liquidations
 * @param missed accounts liquidated by someone else
 * @param gasUsed gas used by its included transactions
 * @param gasSpentWei what that gas cost, in wei
 * @param gasSpent what that gas cost, in settlement base units
 * @param rewards keeper rewards earned, settlement base units
 */
public record KeeperLedger(
        long sent,
        long included,
        long reverted,
        long liquidations,
        long missed,
        long gasUsed,
        I256 gasSpentWei,
        I256 gasSpent,
        I256 rewards) {

    /** The ledger of a keeper that has done nothing. */
    public static final KeeperLedger EMPTY = new KeeperLedger(0, 0, 0, 0, 0, 0, I256.ZERO, I256.ZERO, I256.ZERO);

    /** {@return rewards minus gas spent, settlement base units} */
    public I256 netProfit() {
        return rewards.minus(gasSpent);
    }

    KeeperLedger plusSent(long n) {
        return new KeeperLedger(
                sent + n, included, reverted, liquidations, missed, gasUsed, gasSpentWei, gasSpent, rewards);
    }

    KeeperLedger plusIncluded(boolean revert, long gas, I256 wei, I256 cost) {
        return new KeeperLedger(
                sent,
                included + 1,
                reverted + (revert ? 1 : 0),
                liquidations,
                missed,
                gasUsed + gas,
                gasSpentWei.plus(wei),
                gasSpent.plus(cost),
                rewards);
    }

    KeeperLedger plusReward(I256 reward) {
        return new KeeperLedger(
                sent,
                included,
                reverted,
                liquidations + 1,
                missed,
                gasUsed,
                gasSpentWei,
                gasSpent,
                rewards.plus(reward));
    }

    KeeperLedger plusIncentive(I256 reward) {
        return new KeeperLedger(
                sent, included, reverted, liquidations, missed, gasUsed, gasSpentWei, gasSpent, rewards.plus(reward));
    }

    KeeperLedger plusMissed() {
        return new KeeperLedger(
                sent, included, reverted, liquidations, missed + 1, gasUsed, gasSpentWei, gasSpent, rewards);
    }
}
