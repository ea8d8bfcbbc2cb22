package dev.solvent.model.logic;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.control.Either;

/**
 * {@link LiquidationPolicy.FillablePrice}, dYdX v4's liquidation at the fillable price: one position per call, the one
 * with the largest maintenance requirement (ties by market id; dYdX starts from a pseudo-random position), closed
 * into the receiver at its fill value; above bankruptcy the account pays the insurance fund a fee, below it the
 * shortfall is borne. The arithmetic is {@link FillableLogic}'s.
 *
 * @param market the position closed
 * @param fill its fill
 */
record FillablePriceMechanism(LiquidationPolicy.FillablePrice policy, MarketId market, FillableLogic.Fill fill)
        implements Mechanism {

    /** {@return the mechanism for the target: account-wide when it has no position left} */
    static Mechanism of(LiquidationPolicy.FillablePrice policy, Target t) {
        if (t.account().positions().isEmpty()) {
            return new AccountWideMechanism();
        }
        MarketId chosen = null;
        MarginLogic.PositionData chosenData = null;
        for (var entry : t.account().positions()) {
            MarginLogic.PositionData d = MarginLogic.position(t.state(), entry._1, entry._2, t.block())
                    .get();
            if (chosenData == null || d.maintenanceRequirement().gt(chosenData.maintenanceRequirement())) {
                chosen = entry._1;
                chosenData = d;
            }
        }
        I256 size = t.account().positions().get(chosen).get().size();
        FillableLogic.Fill f = FillableLogic.fill(
                policy,
                MarginLogic.positionValue(
                        size,
                        t.underlyingDecimals(chosen),
                        t.quotes().get(chosen).get(),
                        t.settlementDecimals()),
                chosenData.maintenanceRequirement(),
                t.data().marginEquity(),
                t.data().maintenanceRequirement());
        return new FillablePriceMechanism(policy, chosen, f);
    }

    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        return m.equals(market) ? held : I256.ZERO;
    }

    @Override
    public I256 closeValue(Target t, MarketId m, Quote q, I256 size) {
        return fill.fillValue();
    }

    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        I256 delta = FillableLogic.insuranceFundDelta(policy, fill.fillValue(), fill.bankruptcyValue());
        I256 fee = delta.max(I256.ZERO);
        I256 shortfall = delta.negate().max(I256.ZERO);
        if (fee.isPositive()) {
            st.plusSettlement(t.id(), fee.negate());
            st.state = st.state.withInsuranceFund(st.state.insuranceFund().plus(fee));
        }
        Event event = new Event.FillableLiquidation(
                t.id(),
                t.keeper(),
                receiver,
                closing.closed().head(),
                fill.oracleValue(),
                fill.maxSpread(),
                fill.bankruptcyValue(),
                fee,
                shortfall);
        return Either.right(new Settled(event, shortfall, 0, t.receiverChecks(receiver)));
    }

    @Override
    public Bearer bearer() {
        return Bearer.INSURANCE_THEN_POLICY;
    }
}
