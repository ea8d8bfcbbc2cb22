package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.HashSet;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * Liquidation of a cross account or of one isolated position: the one engine. It validates and measures once, then
 * runs one sequence (accrue funding, close the positions, settle the balances and charge, emit the event, cover the
 * shortfall, check margins) and asks the configured {@link LiquidationPolicy}'s {@link Mechanism} the questions in
 * which mechanisms differ:
 *
 * <ul>
 *   <li>{@code AccountWide} (the default): close every position at the oracle price into the receiver (the keeper, or
 *       a backstop account), pass collateral to the receiver at the oracle price less its haircut (debts at the oracle
 *       price), charge the penalty on the closed notional capped at what is left, pay the keeper out of it, send the
 *       rest to the insurance fund; the account keeps only what remains in the settlement asset
 *       ({@link AccountWideMechanism});
 *   <li>{@code CloseFactor}: Aave v3.3's partial liquidation, {@link CloseFactorMechanism};
 *   <li>{@code Absorb}: Comet's {@code absorb} into the protocol's reserves, {@link AbsorbMechanism};
 *   <li>{@code DutchAuction}: Maker's {@code bark}, {@link DutchAuctionMechanism} (and {@link AuctionLogic});
 *   <li>{@code BackstopVault}: Hyperliquid's market liquidation, then the liquidator vault,
 *       {@link BackstopVaultMechanism};
 *   <li>{@code WindowCapped}: Synthetix v3's flagging and liquidation capped per window,
 *       {@link WindowCappedMechanism} (and {@link WindowLogic});
 *   <li>{@code FillablePrice}: dYdX v4's liquidation at the fillable price, {@link FillablePriceMechanism} (and
 *       {@link FillableLogic}).
 * </ul>
 *
 * Whatever the account cannot pay goes to the {@link ShortfallLogic} or the reserves, as the mechanism says. Isolated
 * positions are liquidated alone, in the account-wide way, under every policy.
 */
public final class LiquidationLogic {

    private LiquidationLogic() {}

    /** Liquidates the cross positions and collateral of an account below its maintenance requirement. */
    public static Either<Revert, Receipt> liquidate(ProtocolState state, Tx.Liquidate tx, BlockContext block) {
        ProtocolConfig config = state.config();
        Either<Revert, Account> owner = ValidationLogic.account(state, tx.account());
        if (owner.isLeft()) {
            return Either.left(owner.getLeft());
        }
        Account account = owner.get();
        AccountId receiver = receiver(config, block);
        if (block.sender().equals(account.id()) || receiver.equals(account.id())) {
            return Either.left(new Revert.SelfLiquidation(account.id()));
        }
        Either<Revert, MarginLogic.AccountData> data = MarginLogic.cross(state, account, block);
        if (data.isLeft()) {
            return Either.left(data.getLeft());
        }
        // a flagged account's positions are liquidated window by window, whatever its health now
        boolean flagged =
                config.liquidation() instanceof LiquidationPolicy.WindowCapped && state.isFlagged(account.id());
        if (!flagged && !data.get().isLiquidatable()) {
            return Either.left(new Revert.NotLiquidatable(
                    account.id(), data.get().marginEquity(), data.get().maintenanceRequirement()));
        }
        TreeMap<MarketId, Quote> quotes = MarginLogic.marketQuotes(
                        state, account.positions().keySet(), block)
                .get();
        Mechanism.Target target = new Mechanism.Target(state, account, receiver, quotes, data.get(), block);
        return Mechanism.of(config.liquidation(), target).flatMap(m -> run(m, target));
    }

    /**
     * The one liquidation sequence: accrues funding in the account's markets, closes what the mechanism says into its
     * receiver, lets the mechanism settle the balances and charge the account, emits its event, has the shortfall
     * borne, and checks the margins the mechanism names.
     */
    private static Either<Revert, Receipt> run(Mechanism mechanism, Mechanism.Target t) {
        AccountId to = mechanism.receiver(t);
        Step st = new Step(t.state());
        t.quotes()
                .forEach((m, q) ->
                        st.state = FundingLogic.accrue(st.state, m, q, t.block().timestamp()));
        mechanism.open(st, t, to);
        Mechanism.Closing closing = Mechanism.Closing.NONE;
        for (var entry : t.account().positions()) {
            MarketId m = entry._1;
            I256 size = mechanism.closeSize(st, t, m, entry._2.size());
            if (size.isZero()) {
                continue;
            }
            Quote q = t.quotes().get(m).get();
            closing = closing.plus(m, size, closeAt(st, t.id(), to, m, q, size, mechanism.closeValue(t, m, q, size)));
        }
        Either<Revert, Mechanism.Settled> settled = mechanism.settle(st, t, to, closing);
        if (settled.isLeft()) {
            return Either.left(settled.getLeft());
        }
        Mechanism.Settled s = settled.get();
        st.emit(s.event());
        if (s.shortfall().isPositive()) {
            bear(st, t, to, mechanism.bearer(), s.shortfall(), closing.sizes());
        }
        long gas = t.config().gas().liquidate(closing.closed().size(), s.balancesMoved());
        return checkInitial(st, s.marginChecks(), t.block()).map(x -> st.receipt(gas));
    }

    /** Has {@code shortfall} borne as the mechanism says and credits it back to the account that lost it. */
    private static void bear(
            Step st,
            Mechanism.Target t,
            AccountId receiver,
            Mechanism.Bearer bearer,
            I256 shortfall,
            TreeMap<MarketId, I256> sizes) {
        switch (bearer) {
            case INSURANCE_THEN_POLICY ->
                ShortfallLogic.absorb(st, t.id(), receiver, shortfall, HashSet.of(t.id()), sizes, t.block());
            case RESERVES ->
                st.state = st.state.withReserves(st.state.reserves().minus(shortfall));
        }
        st.plusSettlement(t.id(), shortfall);
    }

    /** Liquidates one isolated position below its own maintenance requirement; the cross account is not touched. */
    public static Either<Revert, Receipt> liquidateIsolated(
            ProtocolState state, Tx.LiquidateIsolated tx, BlockContext block) {
        Either<Revert, IsolatedPosition> found = ValidationLogic.market(state, tx.market())
                .flatMap(m -> ValidationLogic.account(state, tx.account()))
                .flatMap(a -> a.isolated()
                        .get(tx.market())
                        .toEither(() -> new Revert.NoIsolatedPosition(tx.account(), tx.market())));
        if (found.isLeft()) {
            return Either.left(found.getLeft());
        }
        AccountId receiver = receiver(state.config(), block);
        if (block.sender().equals(tx.account()) || receiver.equals(tx.account())) {
            return Either.left(new Revert.SelfLiquidation(tx.account()));
        }
        return MarginLogic.isolated(state, tx.market(), found.get(), block)
                .flatMap(d -> d.isLiquidatable()
                        ? MarginLogic.marketPrice(state.config(), tx.market(), block)
                        : Either.left(
                                new Revert.NotLiquidatable(tx.account(), d.marginEquity(), d.maintenanceRequirement())))
                .flatMap(q -> closeIsolated(state, tx, receiver, q, block));
    }

    /** Closes a liquidatable isolated position into the receiver and charges its bucket. */
    private static Either<Revert, Receipt> closeIsolated(
            ProtocolState state, Tx.LiquidateIsolated tx, AccountId receiver, Quote q, BlockContext block) {
        ProtocolConfig config = state.config();
        MarketId m = tx.market();
        Step st = new Step(FundingLogic.accrue(state, m, q, block.timestamp()));
        FundingLogic.settleIsolated(st, tx.account(), m);
        FundingLogic.settleCross(st, receiver, m);
        MarketConfig mc = config.markets().get(m).get();
        int du = config.assets().get(mc.underlying()).get().decimals();
        int ds = config.settlement().decimals();
        IsolatedPosition ip = st.account(tx.account()).isolated().get(m).get();
        Position p = ip.position();
        I256 value = MarginLogic.positionValue(p.size(), du, q, ds);
        I256 notional = MarginLogic.notional(p.size(), du, q, ds);
        transfer(st, receiver, m, p.size(), p.size(), value);
        I256 remaining = ip.margin().plus(p.quote()).plus(value);
        Charge charge =
                charge(st, MarginLogic.penaltyOwed(notional, mc.liquidationPenalty()), remaining, block.sender());
        remaining = remaining.minus(charge.penalty());
        I256 shortfall = remaining.negate().max(I256.ZERO);
        st.emit(new Event.IsolatedPositionLiquidated(
                tx.account(),
                block.sender(),
                receiver,
                new Event.ClosedPosition(m, p.size(), q.price(), value),
                notional,
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                shortfall));
        if (shortfall.isPositive()) {
            ShortfallLogic.absorb(
                    st, tx.account(), receiver, shortfall, HashSet.of(tx.account()), TreeMap.of(m, p.size()), block);
            remaining = I256.ZERO;
        }
        Account owner = st.account(tx.account());
        // what is left stays in the (now flat) isolated bucket, so the cross account is untouched
        st.put(
                remaining.isZero()
                        ? owner.withoutIsolated(m)
                        : owner.withIsolated(
                                m,
                                new IsolatedPosition(Position.empty(st.market(m).fundingIndex()), remaining)));
        long gas = config.gas().liquidate(1, 0);
        return checkInitial(st, receiverChecks(config, receiver), block).map(x -> st.receipt(gas));
    }

    /**
     * One position closed into the receiver: the event, the closed notional (rounded up) and the penalty it owes at
     * its market's rate (rounded up).
     */
    record Closed(Event.ClosedPosition event, I256 notional, I256 penalty) {}

    /**
     * Settles the funding of both sides, then closes {@code size} of the account's cross position in {@code m} (all of
     * it, or the part a partial mechanism chose) into the receiver, which takes it over for {@code value} settlement
     * units (the oracle value, or dYdX's fill at the fillable price). The closed part's share of the quote (rounded
     * down) and its value are realized into the account's settlement balance; a rest that goes flat is realized too.
     * Every mechanism that closes positions goes through here.
     */
    private static Closed closeAt(
            Step st, AccountId id, AccountId receiver, MarketId m, Quote q, I256 size, I256 value) {
        FundingLogic.settleCross(st, id, m);
        FundingLogic.settleCross(st, receiver, m);
        ProtocolConfig config = st.state.config();
        AssetId settlement = config.settlementAsset();
        int ds = config.settlement().decimals();
        MarketConfig mc = config.markets().get(m).get();
        int du = config.assets().get(mc.underlying()).get().decimals();
        Position p = st.account(id).position(m).get();
        I256 notional = MarginLogic.notional(size, du, q, ds);
        I256 quote = MarginLogic.quoteShare(p.quote(), size, p.size());
        transfer(st, receiver, m, p.size(), size, value);
        Position rest = p.with(p.size().minus(size), p.quote().minus(quote));
        Account a = st.account(id);
        a = rest.isFlat() ? a.withoutPosition(m).plusBalance(settlement, rest.quote()) : a.withPosition(m, rest);
        st.put(a.plusBalance(settlement, quote.plus(value)));
        return new Closed(
                new Event.ClosedPosition(m, size, q.price(), value),
                notional,
                MarginLogic.penaltyOwed(notional, mc.liquidationPenalty()));
    }

    private static AccountId receiver(ProtocolConfig config, BlockContext block) {
        return switch (config.receiver()) {
            case PositionReceiver.Liquidator l -> block.sender();
            case PositionReceiver.Backstop b -> b.account();
        };
    }

    /**
     * {@return the accounts whose initial margin must hold after {@code to} took positions over: {@code to} when the
     * keeper receives, none when a backstop account does}
     */
    static Vector<AccountId> receiverChecks(ProtocolConfig config, AccountId to) {
        return switch (config.receiver()) {
            case PositionReceiver.Liquidator l -> Vector.of(to);
            case PositionReceiver.Backstop b -> Vector.empty();
        };
    }

    /** {@return the first account of {@code accounts} below its initial margin as a revert, in order} */
    private static Either<Revert, Boolean> checkInitial(Step st, Vector<AccountId> accounts, BlockContext block) {
        return accounts.foldLeft(
                Either.right(true), (r, a) -> r.flatMap(x -> TradeLogic.crossInitial(st.state, a, block)));
    }

    /**
     * Moves {@code size} of a liquidated position of {@code from} base units into the receiver's cross position at
     * {@code value}, realizing the receiver's position if it goes flat.
     */
    private static void transfer(Step st, AccountId receiver, MarketId m, I256 from, I256 size, I256 value) {
        Account r = st.account(receiver);
        MarketState ms = st.market(m);
        Position before = r.position(m).getOrElse(() -> Position.empty(ms.fundingIndex()));
        Position after = before.with(before.size().plus(size), before.quote().minus(value));
        // the liquidated side shrinks by size and the receiver's side changes
        st.put(m, ms.withPositionChange(from, from.minus(size)).withPositionChange(before.size(), after.size()));
        if (after.isFlat()) {
            st.put(r.withoutPosition(m).plusBalance(st.state.config().settlementAsset(), after.quote()));
        } else {
            st.put(r.withPosition(m, after));
        }
    }

    /** Passes one non-settlement balance to the receiver at the oracle price, less the haircut for collateral. */
    static void seize(
            Step st, AccountId account, AccountId receiver, AssetConfig asset, I256 amount, BlockContext block) {
        ProtocolConfig config = st.state.config();
        int ds = config.settlement().decimals();
        Quote q = MarginLogic.assetPrice(config, asset.id(), block).get();
        I256 value = amount.isPositive()
                ? MarginLogic.weighted(
                        MarginLogic.collateralValue(amount, asset.decimals(), q, ds), asset.collateralWeight())
                : MarginLogic.debtValue(amount.negate(), asset.decimals(), q, ds)
                        .negate();
        st.put(st.account(account).withBalance(asset.id(), I256.ZERO));
        st.plusSettlement(account, value);
        st.put(st.account(receiver).plusBalance(asset.id(), amount));
        st.plusSettlement(receiver, value.negate());
        st.emit(new Event.CollateralSeized(account, receiver, asset.id(), amount, value));
    }

    /** What {@link #takeBalancesAndCharge} did: the balances moved, the penalty charged, and the debt left over. */
    record Taken(int moved, Charge charge, I256 uncovered) {}

    /**
     * Moves every balance but the settlement asset's with {@code take}, then charges the penalty on what the
     * settlement balance holds. {@return how many balances moved, the charge, and what the settlement balance still
     * owes after it}
     */
    static Taken takeBalancesAndCharge(
            Step st,
            Mechanism.Target t,
            Mechanism.Closing closing,
            java.util.function.BiConsumer<AssetConfig, I256> take) {
        AssetId settlement = t.config().settlementAsset();
        int moved = 0;
        for (var entry : st.account(t.id()).balances()) {
            if (entry._1.equals(settlement)) {
                continue;
            }
            take.accept(t.config().assets().get(entry._1).get(), entry._2);
            moved++;
        }
        I256 balance = st.account(t.id()).balance(settlement);
        Charge charge = chargePenalty(st, t, closing, balance);
        return new Taken(moved, charge, balance.minus(charge.penalty()).negate().max(I256.ZERO));
    }

    /** The penalty actually charged and how it is split. */
    record Charge(I256 penalty, I256 reward, I256 insurance) {}

    /** Caps the penalty at what is available, pays the keeper first (capped at the penalty) and the fund the rest. */
    private static Charge charge(Step st, I256 penaltyDue, I256 available, AccountId keeper) {
        I256 penalty = penaltyDue.min(available.max(I256.ZERO));
        var reward = st.state.config().keeperReward();
        I256 keeperReward = reward.flat()
                .toI256()
                .plus(ShortfallLogic.shareOf(penalty, reward.shareOfPenalty().raw()))
                .min(penalty);
        I256 insurance = penalty.minus(keeperReward);
        st.plusSettlement(keeper, keeperReward);
        st.state = st.state.withInsuranceFund(st.state.insuranceFund().plus(insurance));
        return new Charge(penalty, keeperReward, insurance);
    }

    /**
     * {@return what the account falls short by once liquidated}: what its settlement balance owes if nothing else is
     * left; an account that keeps positions or collateral carries its negative balance (a partial close may leave one
     * that the remaining positions' PnL covers)
     */
    static I256 shortfallIfBankrupt(Step st, Mechanism.Target t) {
        AssetId settlement = t.config().settlementAsset();
        Account after = st.account(t.id());
        boolean bankrupt =
                after.positions().isEmpty() && after.balances().keySet().forAll(a -> a.equals(settlement));
        return bankrupt ? after.balance(settlement).negate().max(I256.ZERO) : I256.ZERO;
    }

    /** {@link #charge}s the penalty the closed positions owe, capped at {@code available}, to the account. */
    static Charge chargePenalty(Step st, Mechanism.Target t, Mechanism.Closing closing, I256 available) {
        Charge charge = charge(st, closing.penalty(), available, t.keeper());
        st.plusSettlement(t.id(), charge.penalty().negate());
        return charge;
    }
}
