package dev.solvent.model.logic;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * {@link LiquidationPolicy.BackstopVault}, Hyperliquid's two stages: below {@code backstopBelow} of the maintenance
 * requirement the vault takes over every cross position at the oracle price and every balance; otherwise positions
 * close into the receiver at the oracle price (large ones partially unless in cooldown), the market penalty is
 * charged, and the trader keeps the rest. Negative equity at a takeover is a shortfall for the insurance fund and the
 * shortfall policy, never a silent loss of the vault.
 *
 * @param backstop whether the vault takes the account over
 * @param cooling whether the account was partially liquidated less than the cooldown ago
 */
record BackstopVaultMechanism(LiquidationPolicy.BackstopVault policy, boolean backstop, boolean cooling)
        implements Mechanism {

    /** {@return the stage the target is in, or a revert when the vault would take itself over} */
    static Either<Revert, Mechanism> of(LiquidationPolicy.BackstopVault policy, Target t) {
        boolean backstop = t.data()
                .marginEquity()
                .times(FixedPoint.WAD)
                .lt(t.data()
                        .maintenanceRequirement()
                        .times(policy.backstopBelow().raw()));
        if (backstop && policy.vault().equals(t.id())) {
            return Either.left(new Revert.SelfLiquidation(t.id()));
        }
        long now = t.block().timestamp();
        boolean cooling = t.state().lastPartialLiquidation().get(t.id()).exists(at -> now - at < policy.cooldown());
        return Either.right(new BackstopVaultMechanism(policy, backstop, cooling));
    }

    @Override
    public AccountId receiver(Target t) {
        return backstop ? policy.vault() : t.receiver();
    }

    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        return isLarge(t, m, held) ? MarginLogic.closeSize(held, policy.partialFraction()) : held;
    }

    /** {@return whether a market liquidation closes the position only partly: its notional is over the threshold} */
    private boolean isLarge(Target t, MarketId m, I256 held) {
        I256 notional = MarginLogic.notional(
                held, t.underlyingDecimals(m), t.quotes().get(m).get(), t.settlementDecimals());
        return !backstop && !cooling && notional.gt(policy.partialAbove().toI256());
    }

    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        return Either.right(backstop ? takeOver(st, t, closing) : charge(st, t, receiver, closing));
    }

    /**
     * The maintenance margin is not returned: every balance, the settlement one included, goes to the vault. An account
     * taken over below zero equity is a shortfall like any other: the vault is made whole for the negative equity it
     * took, the account is left owing it in the settlement asset, and {@link LiquidationLogic} has it borne by the
     * insurance fund and then the shortfall policy, which under {@code InsuranceThenDeleverage} closes the positions
     * the vault just took against the most profitable opposite ones at the bankruptcy price (Hyperliquid's
     * auto-deleveraging: "if a user's account value ... becomes negative, the users on the opposite side ... are
     * ranked"). Without this the vault's own capital would absorb the loss silently and deleveraging could never run.
     */
    private Settled takeOver(Step st, Target t, Closing closing) {
        I256 equity =
                MarginLogic.cross(st.state, st.account(t.id()), t.block()).get().equity();
        for (var entry : st.account(t.id()).balances()) {
            st.put(st.account(t.id()).withBalance(entry._1, I256.ZERO));
            st.put(st.account(policy.vault()).plusBalance(entry._1, entry._2));
        }
        I256 shortfall = equity.negate().max(I256.ZERO);
        // the vault takes the account over at zero; the account keeps the debt, which the shortfall path repays
        st.plusSettlement(policy.vault(), shortfall);
        st.plusSettlement(t.id(), shortfall.negate());
        Event event =
                new Event.AccountBackstopped(t.id(), t.keeper(), policy.vault(), closing.closed(), equity, shortfall);
        return new Settled(event, shortfall, t.account().balances().size(), Vector.empty());
    }

    /**
     * Records a partial liquidation for the cooldown, then charges the penalty capped at the equity and the
     * settlement balance left.
     */
    private Settled charge(Step st, Target t, AccountId receiver, Closing closing) {
        AccountId id = t.id();
        AssetId settlement = t.config().settlementAsset();
        boolean partial = closing.sizes()
                .keySet()
                .exists(m -> isLarge(t, m, t.account().positions().get(m).get().size()));
        if (partial) {
            st.state = st.state.withPartialLiquidation(id, t.block().timestamp());
        }
        I256 balance = st.account(id).balance(settlement);
        I256 equity =
                MarginLogic.cross(st.state, st.account(id), t.block()).get().equity();
        LiquidationLogic.Charge charge =
                LiquidationLogic.chargePenalty(st, t, closing, equity.min(balance.max(I256.ZERO)));
        I256 shortfall = LiquidationLogic.shortfallIfBankrupt(st, t);
        Event event = new Event.AccountLiquidated(
                id,
                t.keeper(),
                receiver,
                closing.closed(),
                closing.notional(),
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                shortfall);
        return new Settled(event, shortfall, 0, t.receiverChecks(receiver));
    }

    @Override
    public Bearer bearer() {
        return Bearer.INSURANCE_THEN_POLICY;
    }
}
