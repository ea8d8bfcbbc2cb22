package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
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
 * asks the configured {@link LiquidationPolicy} what to close, at what price and who is paid:
 *
 * <ul>
 *   <li>{@code AccountWide} (the default): close every position at the oracle price into the receiver (the keeper, or
 *       a backstop account), pass collateral to the receiver at the oracle price less its haircut (debts at the oracle
 *       price), charge the penalty on the closed notional capped at what is left, pay the keeper out of it, send the
 *       rest to the insurance fund; the account keeps only what remains in the settlement asset;
 *   <li>{@code CloseFactor}: Aave v3.3's partial liquidation ({@code LiquidationLogic.executeLiquidationCall});
 *   <li>{@code Absorb}: Comet's {@code absorb} into the protocol's reserves;
 *   <li>{@code DutchAuction}: Maker's {@code bark}, see {@link AuctionLogic};
 *   <li>{@code BackstopVault}: Hyperliquid's market liquidation, then the liquidator vault;
 *   <li>{@code WindowCapped}: Synthetix v3's flagging and liquidation capped per window, see {@link WindowLogic};
 *   <li>{@code FillablePrice}: dYdX v4's liquidation at the fillable price, see {@link FillableLogic}.
 * </ul>
 *
 * Whatever the account cannot pay goes to the {@link ShortfallLogic}. Isolated positions are liquidated alone, in the
 * account-wide way, under every policy.
 */
public final class LiquidationLogic {

    private LiquidationLogic() {}

    /** Liquidates every cross position and all collateral of an account below its maintenance requirement. */
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
        if (config.liquidation() instanceof LiquidationPolicy.WindowCapped w && state.isFlagged(account.id())) {
            // a flagged account's positions are liquidated window by window, whatever its health now
            TreeMap<MarketId, Quote> flaggedQuotes = MarginLogic.marketQuotes(
                            state, account.positions().keySet(), block)
                    .get();
            return WindowLogic.liquidate(state, account, receiver, flaggedQuotes, data.get(), w, false, block);
        }
        if (!data.get().isLiquidatable()) {
            return Either.left(new Revert.NotLiquidatable(
                    account.id(), data.get().marginEquity(), data.get().maintenanceRequirement()));
        }
        TreeMap<MarketId, Quote> quotes = MarginLogic.marketQuotes(
                        state, account.positions().keySet(), block)
                .get();
        return switch (config.liquidation()) {
            case LiquidationPolicy.AccountWide a -> accountWide(state, account, receiver, quotes, block);
            case LiquidationPolicy.CloseFactor c -> closeFactor(state, account, receiver, quotes, data.get(), c, block);
            case LiquidationPolicy.Absorb a -> absorb(state, account, receiver, quotes, a, block);
            case LiquidationPolicy.DutchAuction d -> AuctionLogic.bark(state, account, receiver, quotes, d, block);
            case LiquidationPolicy.BackstopVault b ->
                backstopVault(state, account, receiver, quotes, data.get(), b, block);
            case LiquidationPolicy.WindowCapped w ->
                WindowLogic.liquidate(state, account, receiver, quotes, data.get(), w, true, block);
            case LiquidationPolicy.FillablePrice f ->
                FillableLogic.liquidate(state, account, receiver, quotes, data.get(), f, block);
        };
    }

    /** The account-wide liquidation, for mechanisms outside this class that fall back to it. */
    static Either<Revert, Receipt> accountWideOf(
            ProtocolState state,
            Account account,
            AccountId receiver,
            TreeMap<MarketId, Quote> quotes,
            BlockContext block) {
        return accountWide(state, account, receiver, quotes, block);
    }

    /** Closes every cross position and seizes all collateral at once: the foundation's account-wide liquidation. */
    private static Either<Revert, Receipt> accountWide(
            ProtocolState state,
            Account account,
            AccountId receiver,
            TreeMap<MarketId, Quote> quotes,
            BlockContext block) {
        ProtocolConfig config = state.config();
        Step st = new Step(state);
        quotes.forEach((m, q) -> st.state = FundingLogic.accrue(st.state, m, q, block.timestamp()));
        AssetId settlement = config.settlementAsset();

        Vector<Event.ClosedPosition> closed = Vector.empty();
        I256 closedNotional = I256.ZERO;
        I256 penalty = I256.ZERO;
        TreeMap<MarketId, I256> sizes = TreeMap.empty();
        for (MarketId m : account.positions().keySet()) {
            I256 size = account.positions().get(m).get().size();
            Closed c = closeInto(st, account.id(), receiver, m, quotes.get(m).get(), size);
            closed = closed.append(c.event());
            closedNotional = closedNotional.plus(c.notional());
            penalty = penalty.plus(c.penalty());
            sizes = sizes.put(m, size);
        }
        int seized = 0;
        for (var entry : st.account(account.id()).balances()) {
            if (entry._1.equals(settlement)) {
                continue;
            }
            seize(st, account.id(), receiver, config.assets().get(entry._1).get(), entry._2, block);
            seized++;
        }
        I256 balance = st.account(account.id()).balance(settlement);
        Charge charge = charge(st, penalty, balance, block.sender());
        st.plusSettlement(account.id(), charge.penalty().negate());
        I256 shortfall = balance.minus(charge.penalty()).negate().max(I256.ZERO);
        st.emit(new Event.AccountLiquidated(
                account.id(),
                block.sender(),
                receiver,
                closed,
                closedNotional,
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                shortfall));
        if (shortfall.isPositive()) {
            ShortfallLogic.absorb(st, account.id(), receiver, shortfall, HashSet.of(account.id()), sizes, block);
            st.plusSettlement(account.id(), shortfall);
        }
        long gas = config.gas().liquidate(closed.size(), seized);
        return receiverCheck(st, config, receiver, block).map(x -> st.receipt(gas));
    }

    /**
     * Closes at most the close factor of every debt and cross position (everything when the account is deep enough or
     * small enough), pays the keeper what it repaid plus the bonus out of the account, and sells the keeper collateral
     * at the oracle price to cover what the settlement balance cannot. Mirrors Aave v3.3
     * {@code LiquidationLogic.executeLiquidationCall}, for every debt and position at once.
     */
    private static Either<Revert, Receipt> closeFactor(
            ProtocolState state,
            Account account,
            AccountId receiver,
            TreeMap<MarketId, Quote> quotes,
            MarginLogic.AccountData data,
            LiquidationPolicy.CloseFactor policy,
            BlockContext block) {
        ProtocolConfig config = state.config();
        AssetId settlement = config.settlementAsset();
        AccountId keeper = block.sender();
        AccountId id = account.id();
        int ds = config.settlement().decimals();

        // measure once: the health, and the sizes that make an account dust
        MarginLogic.Health health = MarginLogic.health(state, account, block).get();
        I256 risk = I256.ZERO;
        I256 collateral = I256.ZERO;
        for (var entry : account.balances()) {
            I256 b = entry._2;
            if (entry._1.equals(settlement)) {
                collateral = collateral.plus(b.max(I256.ZERO));
                risk = risk.plus(b.negate().max(I256.ZERO));
                continue;
            }
            AssetConfig asset = config.assets().get(entry._1).get();
            Quote q = MarginLogic.assetPrice(config, asset.id(), block).get();
            collateral = b.isPositive()
                    ? collateral.plus(MarginLogic.collateralValue(b, asset.decimals(), q, ds))
                    : collateral;
            risk = b.isNegative() ? risk.plus(MarginLogic.debtValue(b.negate(), asset.decimals(), q, ds)) : risk;
        }
        for (var entry : account.positions()) {
            MarketConfig mc = config.markets().get(entry._1).get();
            int du = config.assets().get(mc.underlying()).get().decimals();
            risk = risk.plus(MarginLogic.notional(
                    entry._2.size(), du, quotes.get(entry._1).get(), ds));
        }
        I256 dust = policy.fullCloseBelow().toI256();
        boolean full = !data.equity().isPositive()
                || health.atOrBelow(policy.fullCloseHealth())
                || risk.lt(dust)
                || collateral.lt(dust);
        Wad factor = full ? Wad.ONE : policy.closeFactor();

        Step st = new Step(state);
        quotes.forEach((m, q) -> st.state = FundingLogic.accrue(st.state, m, q, block.timestamp()));
        Vector<Event.ClosedPosition> closed = Vector.empty();
        I256 closedNotional = I256.ZERO;
        I256 bonusDue = I256.ZERO;
        TreeMap<MarketId, I256> sizes = TreeMap.empty();
        for (MarketId m : account.positions().keySet()) {
            I256 size = MarginLogic.closeSize(account.positions().get(m).get().size(), factor);
            if (size.isZero()) {
                continue;
            }
            Closed c = closeInto(st, id, receiver, m, quotes.get(m).get(), size);
            closed = closed.append(c.event());
            closedNotional = closedNotional.plus(c.notional());
            bonusDue = bonusDue.plus(c.penalty());
            sizes = sizes.put(m, size);
        }
        Vector<Event.DebtRepaid> repaid = Vector.empty();
        for (var entry : account.balances()) {
            if (entry._1.equals(settlement) || !entry._2.isNegative()) {
                continue;
            }
            AssetConfig asset = config.assets().get(entry._1).get();
            I256 amount = MarginLogic.closeSize(entry._2.negate(), factor);
            if (amount.isZero()) {
                continue;
            }
            Quote q = MarginLogic.assetPrice(config, asset.id(), block).get();
            I256 value = MarginLogic.debtValue(amount, asset.decimals(), q, ds);
            // the keeper repays with its own tokens and is owed their value out of the account
            st.put(st.account(keeper).plusBalance(asset.id(), amount.negate()));
            st.plusSettlement(keeper, value);
            st.put(st.account(id).plusBalance(asset.id(), amount));
            st.plusSettlement(id, value.negate());
            repaid = repaid.append(new Event.DebtRepaid(asset.id(), amount, value));
            bonusDue = bonusDue.plus(MarginLogic.penaltyOwed(value, policy.bonus()));
        }
        I256 equity = MarginLogic.cross(st.state, st.account(id), block).get().equity();
        I256 bonus = bonusDue.min(equity.max(I256.ZERO));
        I256 fee =
                MarginLogic.protocolShare(bonus, policy.protocolShareOfBonus()).min(bonus);
        I256 reward = bonus.minus(fee);
        st.plusSettlement(id, bonus.negate());
        st.plusSettlement(keeper, reward);
        st.state = st.state.withInsuranceFund(st.state.insuranceFund().plus(fee));
        // what the settlement balance cannot pay is paid in collateral, sold to the keeper at the oracle price
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
            Quote q = MarginLogic.assetPrice(config, asset.id(), block).get();
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
        Account after = st.account(id);
        boolean bankrupt =
                after.positions().isEmpty() && after.balances().keySet().forAll(a -> a.equals(settlement));
        // a partial close may leave a negative settlement balance that the remaining positions' PnL carries
        I256 shortfall = bankrupt ? after.balance(settlement).negate().max(I256.ZERO) : I256.ZERO;
        st.emit(new Event.LiquidationCalled(
                id, keeper, receiver, factor, closed, repaid, closedNotional, bonus, reward, fee, shortfall));
        if (shortfall.isPositive()) {
            ShortfallLogic.absorb(st, id, receiver, shortfall, HashSet.of(id), sizes, block);
            st.plusSettlement(id, shortfall);
        }
        long gas = config.gas().liquidate(closed.size(), repaid.size() + sold);
        boolean keeperRepaid = !repaid.isEmpty() && !keeper.equals(receiver);
        return receiverCheck(st, config, receiver, block)
                .flatMap(x -> keeperRepaid ? TradeLogic.crossInitial(st.state, keeper, block) : Either.right(x))
                .map(x -> st.receipt(gas));
    }

    /**
     * Absorbs the account: positions closed into the receiver as account-wide, every collateral and debt taken over by
     * the protocol's reserves, the account credited its collateral at the liquidation factor, and the debt left over
     * covered from reserves. Mirrors Comet {@code absorbInternal}.
     */
    private static Either<Revert, Receipt> absorb(
            ProtocolState state,
            Account account,
            AccountId receiver,
            TreeMap<MarketId, Quote> quotes,
            LiquidationPolicy.Absorb policy,
            BlockContext block) {
        ProtocolConfig config = state.config();
        AssetId settlement = config.settlementAsset();
        AccountId id = account.id();
        int ds = config.settlement().decimals();
        Step st = new Step(state);
        quotes.forEach((m, q) -> st.state = FundingLogic.accrue(st.state, m, q, block.timestamp()));
        Vector<Event.ClosedPosition> closed = Vector.empty();
        I256 closedNotional = I256.ZERO;
        I256 penalty = I256.ZERO;
        for (MarketId m : account.positions().keySet()) {
            Closed c = closeInto(
                    st,
                    id,
                    receiver,
                    m,
                    quotes.get(m).get(),
                    account.positions().get(m).get().size());
            closed = closed.append(c.event());
            closedNotional = closedNotional.plus(c.notional());
            penalty = penalty.plus(c.penalty());
        }
        int absorbed = 0;
        for (var entry : st.account(id).balances()) {
            if (entry._1.equals(settlement)) {
                continue;
            }
            AssetConfig asset = config.assets().get(entry._1).get();
            Quote q = MarginLogic.assetPrice(config, asset.id(), block).get();
            I256 amount = entry._2;
            I256 value = amount.isPositive()
                    ? MarginLogic.weighted(
                            MarginLogic.collateralValue(amount, asset.decimals(), q, ds),
                            policy.liquidationFactor(asset.id()))
                    : MarginLogic.debtValue(amount.negate(), asset.decimals(), q, ds)
                            .negate();
            st.put(st.account(id).withBalance(asset.id(), I256.ZERO));
            st.plusSettlement(id, value);
            st.state = st.state
                    .plusCollateralReserve(asset.id(), amount)
                    .withReserves(st.state.reserves().minus(value));
            st.emit(new Event.CollateralAbsorbed(id, asset.id(), amount, value));
            absorbed++;
        }
        I256 balance = st.account(id).balance(settlement);
        Charge charge = charge(st, penalty, balance, block.sender());
        st.plusSettlement(id, charge.penalty().negate());
        I256 debt = balance.minus(charge.penalty()).negate().max(I256.ZERO);
        if (debt.isPositive()) {
            st.plusSettlement(id, debt);
            st.state = st.state.withReserves(st.state.reserves().minus(debt));
        }
        st.emit(new Event.AccountAbsorbed(
                id,
                block.sender(),
                receiver,
                closed,
                closedNotional,
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                debt));
        long gas = config.gas().liquidate(closed.size(), absorbed);
        return receiverCheck(st, config, receiver, block).map(x -> st.receipt(gas));
    }

    /**
     * Hyperliquid's two stages: below {@code backstopBelow} of the maintenance requirement the vault takes over every
     * cross position at the oracle price and every balance; otherwise positions close into the receiver at the oracle
     * price (large ones partially unless in cooldown), the market penalty is charged, and the trader keeps the rest.
     */
    private static Either<Revert, Receipt> backstopVault(
            ProtocolState state,
            Account account,
            AccountId receiver,
            TreeMap<MarketId, Quote> quotes,
            MarginLogic.AccountData data,
            LiquidationPolicy.BackstopVault policy,
            BlockContext block) {
        ProtocolConfig config = state.config();
        AssetId settlement = config.settlementAsset();
        AccountId id = account.id();
        int ds = config.settlement().decimals();
        boolean backstop = data.marginEquity()
                .times(FixedPoint.WAD)
                .lt(data.maintenanceRequirement().times(policy.backstopBelow().raw()));
        if (backstop && policy.vault().equals(id)) {
            return Either.left(new Revert.SelfLiquidation(id));
        }
        AccountId to = backstop ? policy.vault() : receiver;
        boolean cooling = state.lastPartialLiquidation().get(id).exists(t -> block.timestamp() - t < policy.cooldown());
        Step st = new Step(state);
        quotes.forEach((m, q) -> st.state = FundingLogic.accrue(st.state, m, q, block.timestamp()));
        Vector<Event.ClosedPosition> closed = Vector.empty();
        I256 closedNotional = I256.ZERO;
        I256 penalty = I256.ZERO;
        TreeMap<MarketId, I256> sizes = TreeMap.empty();
        boolean partial = false;
        for (MarketId m : account.positions().keySet()) {
            Quote q = quotes.get(m).get();
            I256 held = account.positions().get(m).get().size();
            MarketConfig mc = config.markets().get(m).get();
            int du = config.assets().get(mc.underlying()).get().decimals();
            I256 full = MarginLogic.notional(held, du, q, ds);
            boolean large =
                    !backstop && !cooling && full.gt(policy.partialAbove().toI256());
            I256 size = large ? MarginLogic.closeSize(held, policy.partialFraction()) : held;
            if (size.isZero()) {
                continue;
            }
            partial |= large;
            Closed c = closeInto(st, id, to, m, q, size);
            closed = closed.append(c.event());
            closedNotional = closedNotional.plus(c.notional());
            penalty = penalty.plus(c.penalty());
            sizes = sizes.put(m, size);
        }
        if (backstop) {
            // the maintenance margin is not returned: every balance, the settlement one included, goes to the vault
            I256 equity =
                    MarginLogic.cross(st.state, st.account(id), block).get().equity();
            for (var entry : st.account(id).balances()) {
                st.put(st.account(id).withBalance(entry._1, I256.ZERO));
                st.put(st.account(policy.vault()).plusBalance(entry._1, entry._2));
            }
            st.emit(new Event.AccountBackstopped(id, policy.vault(), closed, equity));
            return Either.right(st.receipt(
                    config.gas().liquidate(closed.size(), account.balances().size())));
        }
        if (partial) {
            st.state = st.state.withPartialLiquidation(id, block.timestamp());
        }
        I256 balance = st.account(id).balance(settlement);
        I256 equity = MarginLogic.cross(st.state, st.account(id), block).get().equity();
        Charge charge = charge(st, penalty, equity.min(balance.max(I256.ZERO)), block.sender());
        st.plusSettlement(id, charge.penalty().negate());
        Account after = st.account(id);
        boolean bankrupt =
                after.positions().isEmpty() && after.balances().keySet().forAll(a -> a.equals(settlement));
        I256 shortfall = bankrupt ? after.balance(settlement).negate().max(I256.ZERO) : I256.ZERO;
        st.emit(new Event.AccountLiquidated(
                id,
                block.sender(),
                to,
                closed,
                closedNotional,
                charge.penalty(),
                charge.reward(),
                charge.insurance(),
                shortfall));
        if (shortfall.isPositive()) {
            ShortfallLogic.absorb(st, id, to, shortfall, HashSet.of(id), sizes, block);
            st.plusSettlement(id, shortfall);
        }
        long gas = config.gas().liquidate(closed.size(), 0);
        return receiverCheck(st, config, to, block).map(x -> st.receipt(gas));
    }

    /** Liquidates one isolated position below its own maintenance requirement; the cross account is not touched. */
    public static Either<Revert, Receipt> liquidateIsolated(
            ProtocolState state, Tx.LiquidateIsolated tx, BlockContext block) {
        ProtocolConfig config = state.config();
        Either<Revert, IsolatedPosition> found = ValidationLogic.market(state, tx.market())
                .flatMap(m -> ValidationLogic.account(state, tx.account()))
                .flatMap(a -> a.isolated()
                        .get(tx.market())
                        .toEither(() -> new Revert.NoIsolatedPosition(tx.account(), tx.market())));
        if (found.isLeft()) {
            return Either.left(found.getLeft());
        }
        AccountId receiver = receiver(config, block);
        if (block.sender().equals(tx.account()) || receiver.equals(tx.account())) {
            return Either.left(new Revert.SelfLiquidation(tx.account()));
        }
        Either<Revert, Quote> quote = MarginLogic.isolated(state, tx.market(), found.get(), block)
                .flatMap(d -> d.isLiquidatable()
                        ? MarginLogic.marketPrice(config, tx.market(), block)
                        : Either.left(new Revert.NotLiquidatable(
                                tx.account(), d.marginEquity(), d.maintenanceRequirement())));
        if (quote.isLeft()) {
            return Either.left(quote.getLeft());
        }
        Quote q = quote.get();
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
        return receiverCheck(st, config, receiver, block).map(x -> st.receipt(gas));
    }

    /**
     * One position closed into the receiver: the event, the closed notional (rounded up) and the penalty it owes at
     * its market's rate (rounded up).
     */
    record Closed(Event.ClosedPosition event, I256 notional, I256 penalty) {}

    /**
     * Settles the funding of both sides, then closes {@code size} of the account's cross position in {@code m} (all of
     * it, or the part a partial mechanism chose) into the receiver at the oracle price. The closed part's share of the
     * quote (rounded down) and its value are realized into the account's settlement balance; a rest that goes flat is
     * realized too. Every mechanism that closes positions goes through here.
     */
    static Closed closeInto(Step st, AccountId id, AccountId receiver, MarketId m, Quote q, I256 size) {
        ProtocolConfig config = st.state.config();
        MarketConfig mc = config.markets().get(m).get();
        int du = config.assets().get(mc.underlying()).get().decimals();
        return closeAt(
                st,
                id,
                receiver,
                m,
                q,
                size,
                MarginLogic.positionValue(size, du, q, config.settlement().decimals()));
    }

    /**
     * {@link #closeInto} at another value than the oracle value of {@code size}: the receiver takes the part over
     * for {@code value} settlement units (dYdX's fill at the fillable price). Every mechanism that closes positions
     * goes through here.
     */
    static Closed closeAt(Step st, AccountId id, AccountId receiver, MarketId m, Quote q, I256 size, I256 value) {
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

    /** The margin check of a receiver that is the keeper, for mechanisms outside this class. */
    static Either<Revert, Boolean> receiverCheckOf(
            Step st, ProtocolConfig config, AccountId receiver, BlockContext block) {
        return receiverCheck(st, config, receiver, block);
    }

    private static AccountId receiver(ProtocolConfig config, BlockContext block) {
        return switch (config.receiver()) {
            case PositionReceiver.Liquidator l -> block.sender();
            case PositionReceiver.Backstop b -> b.account();
        };
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
    private static void seize(
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

    /** The penalty actually charged and how it is split. */
    private record Charge(I256 penalty, I256 reward, I256 insurance) {}

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

    private static Either<Revert, Boolean> receiverCheck(
            Step st, ProtocolConfig config, AccountId receiver, BlockContext block) {
        if (config.receiver() instanceof PositionReceiver.Backstop) {
            return Either.right(true);
        }
        return TradeLogic.crossInitial(st.state, receiver, block);
    }
}
