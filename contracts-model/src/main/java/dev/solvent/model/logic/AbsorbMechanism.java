package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.control.Either;

/**
 * {@link LiquidationPolicy.Absorb}, Comet's {@code absorbInternal}: positions close into the receiver as account-wide,
 * every collateral and debt is taken over by the protocol's reserves, the account is credited its collateral at the
 * liquidation factor, and the debt left over is covered from the reserves.
 */
record AbsorbMechanism(LiquidationPolicy.Absorb policy) implements Mechanism {

    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        return held;
    }

    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        LiquidationLogic.Taken taken =
                LiquidationLogic.takeBalancesAndCharge(st, t, closing, (asset, amount) -> absorb(st, t, asset, amount));
        LiquidationLogic.Charge charge = taken.charge();
        Event event = new Event.AccountAbsorbed(
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

    /**
     * Takes one balance into the collateral reserves: collateral at its value times the liquidation factor (rounded
     * down), a debt at its value (rounded up), paid to or by the reserves.
     */
    private void absorb(Step st, Target t, AssetConfig asset, I256 amount) {
        int ds = t.settlementDecimals();
        Quote q = MarginLogic.assetPrice(t.config(), asset.id(), t.block()).get();
        I256 value = amount.isPositive()
                ? MarginLogic.weighted(
                        MarginLogic.collateralValue(amount, asset.decimals(), q, ds),
                        policy.liquidationFactor(asset.id()))
                : MarginLogic.debtValue(amount.negate(), asset.decimals(), q, ds)
                        .negate();
        st.put(st.account(t.id()).withBalance(asset.id(), I256.ZERO));
        st.plusSettlement(t.id(), value);
        st.state = st.state
                .plusCollateralReserve(asset.id(), amount)
                .withReserves(st.state.reserves().minus(value));
        st.emit(new Event.CollateralAbsorbed(t.id(), asset.id(), amount, value));
    }

    @Override
    public Bearer bearer() {
        return Bearer.RESERVES;
    }
}
