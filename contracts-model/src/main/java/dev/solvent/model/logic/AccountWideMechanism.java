package dev.solvent.model.logic;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
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
        AssetId settlement = t.config().settlementAsset();
        int seized = 0;
        for (var entry : st.account(t.id()).balances()) {
            if (entry._1.equals(settlement)) {
                continue;
            }
            LiquidationLogic.seize(
                    st, t.id(), receiver, t.config().assets().get(entry._1).get(), entry._2, t.block());
            seized++;
        }
        I256 balance = st.account(t.id()).balance(settlement);
        LiquidationLogic.Charge charge = LiquidationLogic.chargePenalty(st, t, closing, balance);
        I256 shortfall = balance.minus(charge.penalty()).negate().max(I256.ZERO);
        Event event = new Event.AccountLiquidated(
                t.id(),
                t.keeper(),
                receiver,
                closing.closed(),
                closing.notional(),
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                shortfall);
        return Either.right(new Settled(event, shortfall, seized, t.receiverChecks(receiver)));
    }

    @Override
    public Bearer bearer() {
        return Bearer.INSURANCE_THEN_POLICY;
    }
}
