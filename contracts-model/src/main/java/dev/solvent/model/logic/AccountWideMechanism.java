package dev.solvent.model.logic;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.control.Either;

/**
 * {@link LiquidationPolicy.AccountWide}, the foundation's liquidation: every cross position closes at once, every other
 * balance passes to the receiver at the oracle price (collateral less its haircut), and the penalty on the closed
 * notional, capped at the settlement balance left, pays the keeper and the insurance fund.
 */
record AccountWideMechanism() implements Mechanism {

    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        return held;
    }

    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        LiquidationLogic.Taken taken = LiquidationLogic.takeBalancesAndCharge(
                st,
                t,
                closing,
                (asset, amount) -> LiquidationLogic.seize(st, t.id(), receiver, asset, amount, t.block()));
        LiquidationLogic.Charge charge = taken.charge();
        Event event = new Event.AccountLiquidated(
                t.id(),
                t.keeper(),
                receiver,
                closing.closed(),
                closing.notional(),
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                taken.uncovered());
        return Either.right(new Settled(event, taken.uncovered(), taken.moved(), t.receiverChecks(receiver)));
    }

    @Override
    public Bearer bearer() {
        return Bearer.INSURANCE_THEN_POLICY;
    }
}
