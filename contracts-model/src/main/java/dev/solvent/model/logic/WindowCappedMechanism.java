package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Position;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.control.Either;

/**
 * {@link LiquidationPolicy.WindowCapped}, Synthetix v3 perps' {@code LiquidationModule.liquidate}: flags the account
 * if {@code flagNow} (seizing every balance into the receiver), then closes each position into the receiver by at
 * most what is left of its market's window, forfeits the account's realized value and the PnL of partly closed
 * positions to the receiver, and pays the keeper out of the receiver. The margin rules and the window arithmetic are
 * {@link WindowLogic}'s.
 *
 * @param flagNow whether this liquidation flags the account; a flagged account is liquidated whatever its health
 */
record WindowCappedMechanism(LiquidationPolicy.WindowCapped policy, boolean flagNow) implements Mechanism {

    /** Flags the account: every balance it holds goes to the receiver. */
    @Override
    public void open(Step st, Target t, AccountId receiver) {
        if (!flagNow) {
            return;
        }
        for (var entry : t.account().balances()) {
            st.put(st.account(t.id()).withBalance(entry._1, I256.ZERO));
            st.put(st.account(receiver).plusBalance(entry._1, entry._2));
        }
        st.state = st.state.withFlag(t.id(), true);
        st.emit(new Event.AccountFlagged(
                t.id(),
                t.keeper(),
                receiver,
                t.data().marginEquity(),
                t.data().maintenanceRequirement(),
                seizedValue(t),
                policy.flagCost().toI256()));
    }

    /** {@return the value of the positive balances a flag seizes: collateral without haircuts, rounded down} */
    private static I256 seizedValue(Target t) {
        AssetId settlement = t.config().settlementAsset();
        I256 value = I256.ZERO;
        for (var entry : t.account().balances()) {
            AssetId asset = entry._1;
            I256 amount = entry._2;
            if (!amount.isPositive()) {
                continue;
            }
            if (asset.equals(settlement)) {
                value = value.plus(amount);
            } else {
                AssetConfig a = t.config().assets().get(asset).get();
                Quote q = MarginLogic.assetPrice(t.config(), asset, t.block()).get();
                value = value.plus(MarginLogic.collateralValue(amount, a.decimals(), q, t.settlementDecimals()));
            }
        }
        return value;
    }

    /** {@return what the market's window allows of the position, signed as it}, recording it in the window */
    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        MarketConfig mc = t.config().markets().get(m).get();
        I256 amount = WindowLogic.liquidatable(
                st, m, mc, policy.market(m), held.abs(), isEndorsed(t, m), t.receiver(), t.block());
        return held.isNegative() ? amount.negate() : amount;
    }

    private boolean isEndorsed(Target t, MarketId m) {
        return policy.market(m).endorsedLiquidator().contains(t.keeper());
    }

    /**
     * Forfeits the account's value to the receiver, pays the keeper from the receiver, and clears the flag once every
     * position is closed. The account keeps nothing to fall short with.
     */
    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        AccountId keeper = t.keeper();
        I256 forfeited = forfeit(st, t, receiver, closing);
        I256 flagRewards = flagNow ? flagRewards(t) : I256.ZERO;
        I256 reward = I256.ZERO;
        boolean fully = false;
        if (flagNow || !closing.closed().isEmpty()) {
            I256 cost = policy.liquidateCost()
                    .toI256()
                    .plus(flagNow ? policy.flagCost().toI256() : I256.ZERO);
            reward = flagRewards.plus(cost).isZero()
                    ? I256.ZERO
                    : WindowLogic.keeperReward(policy, flagRewards, cost, flagNow ? seizedValue(t) : I256.ZERO);
            if (!keeper.equals(receiver)) {
                st.plusSettlement(receiver, reward.negate());
                st.plusSettlement(keeper, reward);
            }
            fully = st.account(t.id()).positions().isEmpty();
            if (fully) {
                st.state = st.state.withFlag(t.id(), false);
            }
        }
        Event event = new Event.WindowLiquidation(
                t.id(), keeper, receiver, closing.closed(), forfeited, flagRewards, reward, fully);
        int seized = flagNow ? t.account().balances().size() : 0;
        return Either.right(new Settled(event, I256.ZERO, seized, t.receiverChecks(receiver)));
    }

    /**
     * A partly closed position starts again at the oracle price, its PnL so far forfeited to the receiver, and so is
     * the account's realized settlement balance. {@return the value forfeited}
     */
    private static I256 forfeit(Step st, Target t, AccountId receiver, Closing closing) {
        I256 forfeited = I256.ZERO;
        for (MarketId m : closing.sizes().keySet()) {
            Position rest = st.account(t.id()).position(m).getOrNull();
            if (rest != null) {
                I256 fresh = MarginLogic.positionValue(
                                rest.size(),
                                t.underlyingDecimals(m),
                                t.quotes().get(m).get(),
                                t.settlementDecimals())
                        .negate();
                I256 moved = rest.quote().minus(fresh);
                st.put(st.account(t.id()).withPosition(m, rest.withQuote(fresh)));
                st.plusSettlement(receiver, moved);
                forfeited = forfeited.plus(moved);
            }
        }
        AssetId settlement = t.config().settlementAsset();
        I256 realized = st.account(t.id()).balance(settlement);
        if (!realized.isZero()) {
            st.plusSettlement(t.id(), realized.negate());
            st.plusSettlement(receiver, realized);
            forfeited = forfeited.plus(realized);
        }
        return forfeited;
    }

    /** {@return the flag rewards of the account's positions, except where the keeper is the endorsed liquidator} */
    private I256 flagRewards(Target t) {
        I256 rewards = I256.ZERO;
        for (var entry : t.account().positions()) {
            MarketId m = entry._1;
            if (!isEndorsed(t, m)) {
                rewards = rewards.plus(WindowLogic.flagReward(
                        policy.market(m),
                        entry._2.size(),
                        t.underlyingDecimals(m),
                        t.quotes().get(m).get(),
                        t.settlementDecimals()));
            }
        }
        return rewards;
    }

    @Override
    public Bearer bearer() {
        return Bearer.INSURANCE_THEN_POLICY;
    }
}
