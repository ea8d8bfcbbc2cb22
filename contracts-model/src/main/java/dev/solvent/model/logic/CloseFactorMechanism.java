package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * {@link LiquidationPolicy.CloseFactor}, Aave v3.3's {@code LiquidationLogic.executeLiquidationCall} for every debt
 * and position at once: closes at most the close factor of every debt and cross position (everything when the account
 * is deep enough or small enough), pays the keeper what it repaid plus the bonus out of the account, and sells the
 * keeper collateral at the oracle price to cover what the settlement balance cannot.
 *
 * @param factor the share of each debt and position this liquidation closes: one, or the policy's close factor
 */
record CloseFactorMechanism(LiquidationPolicy.CloseFactor policy, Wad factor) implements Mechanism {

    /** {@return the mechanism for the target, closing everything when it is unhealthy enough or dust} */
    static CloseFactorMechanism of(LiquidationPolicy.CloseFactor policy, Target t) {
        MarginLogic.Health health =
                MarginLogic.health(t.state(), t.account(), t.block()).get();
        Exposure exposure = exposure(t);
        I256 dust = policy.fullCloseBelow().toI256();
        boolean full = !t.data().equity().isPositive()
                || health.atOrBelow(policy.fullCloseHealth())
                || exposure.risk().lt(dust)
                || exposure.collateral().lt(dust);
        return new CloseFactorMechanism(policy, full ? Wad.ONE : policy.closeFactor());
    }

    /**
     * What makes an account dust, settlement base units: its debts (rounded up) plus its notional (rounded up), and
     * its collateral without haircuts (rounded down).
     */
    private record Exposure(I256 risk, I256 collateral) {}

    private static Exposure exposure(Target t) {
        ProtocolConfig config = t.config();
        AssetId settlement = config.settlementAsset();
        int ds = t.settlementDecimals();
        I256 risk = I256.ZERO;
        I256 collateral = I256.ZERO;
        for (var entry : t.account().balances()) {
            I256 b = entry._2;
            if (entry._1.equals(settlement)) {
                collateral = collateral.plus(b.max(I256.ZERO));
                risk = risk.plus(b.negate().max(I256.ZERO));
                continue;
            }
            AssetConfig asset = config.assets().get(entry._1).get();
            Quote q = MarginLogic.assetPrice(config, asset.id(), t.block()).get();
            collateral = b.isPositive()
                    ? collateral.plus(MarginLogic.collateralValue(b, asset.decimals(), q, ds))
                    : collateral;
            risk = b.isNegative() ? risk.plus(MarginLogic.debtValue(b.negate(), asset.decimals(), q, ds)) : risk;
        }
        for (var entry : t.account().positions()) {
            risk = risk.plus(MarginLogic.notional(
                    entry._2.size(),
                    t.underlyingDecimals(entry._1),
                    t.quotes().get(entry._1).get(),
                    ds));
        }
        return new Exposure(risk, collateral);
    }

    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        return MarginLogic.closeSize(held, factor);
    }

    /**
     * Lets the keeper repay the debts, charges the bonus (the market penalties of the closed notional plus the bonus on
     * the repaid value, capped at the equity left), pays the keeper and the protocol out of it, and sells the keeper
     * collateral for what the settlement balance cannot pay.
     */
    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        AccountId id = t.id();
        AccountId keeper = t.keeper();
        Vector<Event.DebtRepaid> repaid = repay(st, t);
        I256 bonusDue = repaid.foldLeft(
                closing.penalty(), (s, r) -> s.plus(MarginLogic.penaltyOwed(r.value(), policy.bonus())));
        I256 equity =
                MarginLogic.cross(st.state, st.account(id), t.block()).get().equity();
        I256 bonus = bonusDue.min(equity.max(I256.ZERO));
        I256 fee =
                MarginLogic.protocolShare(bonus, policy.protocolShareOfBonus()).min(bonus);
        I256 reward = bonus.minus(fee);
        st.plusSettlement(id, bonus.negate());
        st.plusSettlement(keeper, reward);
        st.state = st.state.withInsuranceFund(st.state.insuranceFund().plus(fee));
        int sold = sellToCover(st, t);
        I256 shortfall = LiquidationLogic.shortfallIfBankrupt(st, t);
        Event event = new Event.LiquidationCalled(
                id,
                keeper,
                receiver,
                factor,
                closing.closed(),
                repaid,
                closing.notional(),
                bonus,
                reward,
                fee,
                shortfall);
        Vector<AccountId> checks = t.receiverChecks(receiver);
        if (!repaid.isEmpty() && !keeper.equals(receiver)) {
            checks = checks.append(keeper);
        }
        return Either.right(new Settled(event, shortfall, repaid.size() + sold, checks));
    }

    /**
     * The keeper repays the close factor of each debt with its own tokens and is owed their value (rounded up) out of
     * the account's settlement balance.
     */
    private Vector<Event.DebtRepaid> repay(Step st, Target t) {
        ProtocolConfig config = t.config();
        AccountId id = t.id();
        AccountId keeper = t.keeper();
        Vector<Event.DebtRepaid> repaid = Vector.empty();
        for (var entry : t.account().balances()) {
            if (entry._1.equals(config.settlementAsset()) || !entry._2.isNegative()) {
                continue;
            }
            AssetConfig asset = config.assets().get(entry._1).get();
            I256 amount = MarginLogic.closeSize(entry._2.negate(), factor);
            if (amount.isZero()) {
                continue;
            }
            Quote q = MarginLogic.assetPrice(config, asset.id(), t.block()).get();
            I256 value = MarginLogic.debtValue(amount, asset.decimals(), q, t.settlementDecimals());
            st.put(st.account(keeper).plusBalance(asset.id(), amount.negate()));
            st.plusSettlement(keeper, value);
            st.put(st.account(id).plusBalance(asset.id(), amount));
            st.plusSettlement(id, value.negate());
            repaid = repaid.append(new Event.DebtRepaid(asset.id(), amount, value));
        }
        return repaid;
    }

    /**
     * Pays what the settlement balance cannot in collateral, asset by asset, sold to the keeper at the oracle price:
     * the amount that covers the deficit (rounded up), at most the balance.
     *
     * @return how many collateral balances were sold from
     */
    private static int sellToCover(Step st, Target t) {
        ProtocolConfig config = t.config();
        AssetId settlement = config.settlementAsset();
        AccountId id = t.id();
        AccountId keeper = t.keeper();
        int ds = t.settlementDecimals();
        int sold = 0;
        for (var entry : st.account(id).balances()) {
            I256 deficit = st.account(id).balance(settlement).negate();
            if (!deficit.isPositive()) {
                break;
            }
            if (entry._1.equals(settlement) || !entry._2.isPositive()) {
                continue;
            }
            AssetConfig asset = config.assets().get(entry._1).get();
            Quote q = MarginLogic.assetPrice(config, asset.id(), t.block()).get();
            I256 amount = MarginLogic.collateralToCover(deficit, asset.decimals(), q, ds)
                    .min(entry._2);
            I256 value = MarginLogic.collateralValue(amount, asset.decimals(), q, ds);
            st.put(st.account(id).plusBalance(asset.id(), amount.negate()));
            st.plusSettlement(id, value);
            st.put(st.account(keeper).plusBalance(asset.id(), amount));
            st.plusSettlement(keeper, value.negate());
            st.emit(new Event.CollateralSeized(id, keeper, asset.id(), amount, value));
            sold++;
        }
        return sold;
    }

    @Override
    public Bearer bearer() {
        return Bearer.INSURANCE_THEN_POLICY;
    }
}
