package dev.solvent.model.logic;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.LiquidationRecord;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * Synthetix v3 perps' margin and liquidation rules under {@link LiquidationPolicy.WindowCapped}, at commit
 * {@code 564f3bfdff07a52cce2edbf36f2006e386a20310} of {@code Synthetixio/synthetix-v3}: size-dependent margin ratios
 * ({@code PerpsMarketConfiguration.calculateRequiredMargins}), the reward a liquidation would pay
 * ({@code PerpsAccount.getPossibleLiquidationReward}, {@code GlobalPerpsMarketConfiguration.keeperReward}), flagging
 * and liquidation capped per window ({@code PerpsMarket.maxLiquidatableAmount}; the liquidation itself,
 * {@code LiquidationModule.liquidate}, is the {@link WindowCappedMechanism}).
 * Every product rounds down, as Synthetix's {@code DecimalMath.mulDecimal} and {@code divDecimal}.
 */
final class WindowLogic {

    private WindowLogic() {}

    // ---- margins

    /** A position's two requirements, settlement base units. */
    record Requirements(I256 initial, I256 maintenance) {}

    /**
     * {@code calculateRequiredMargins}: {@code imr = |size| / skewScale * initialMarginFraction + minimumImr},
     * {@code mmr = imr * maintenanceMarginScalar}, each requirement the notional times its ratio plus the minimum
     * position margin; the notional is {@code |size| * price}; every step rounds down.
     */
    static Requirements requirements(
            LiquidationPolicy.WindowCapped.Market p, I256 size, int sizeDecimals, Quote q, int settlementDecimals) {
        if (size.isZero()) {
            return new Requirements(I256.ZERO, I256.ZERO);
        }
        I256 abs = size.abs();
        I256 impact = FixedPoint.mulDivFloor(abs, FixedPoint.WAD, p.skewScale().toI256());
        I256 imr = FixedPoint.wadMulFloor(impact, p.initialMarginFraction().raw())
                .plus(p.minimumInitialMarginRatio().raw());
        I256 mmr = FixedPoint.wadMulFloor(imr, p.maintenanceMarginScalar().raw());
        I256 notional = notionalFloor(abs, sizeDecimals, q, settlementDecimals);
        I256 minimum = p.minimumPositionMargin().toI256();
        return new Requirements(
                FixedPoint.wadMulFloor(notional, imr).plus(minimum),
                FixedPoint.wadMulFloor(notional, mmr).plus(minimum));
    }

    /** {@return {@code |size| * price}, rounded down (Synthetix's {@code sizeAbs.mulDecimal(price)})} */
    static I256 notionalFloor(I256 size, int sizeDecimals, Quote q, int settlementDecimals) {
        return Units.toSettlement(
                size.abs(), q.price(), sizeDecimals, q.decimals(), settlementDecimals, Rounding.FLOOR);
    }

    /** {@return the flag reward of a position: its notional times the flag reward ratio, each rounded down} */
    static I256 flagReward(
            LiquidationPolicy.WindowCapped.Market p, I256 size, int sizeDecimals, Quote q, int settlementDecimals) {
        return FixedPoint.wadMulFloor(
                notionalFloor(size, sizeDecimals, q, settlementDecimals),
                p.flagRewardRatio().raw());
    }

    /**
     * {@return the size a market may liquidate per window, base units: {@code (makerFee + takerFee) * skewScale *
     * multiplier * windowSeconds}, the products rounded down ({@code maxLiquidationAmountInWindow})}; zero (no cap)
     * when the market charges no fees
     */
    static I256 capPerWindow(MarketConfig market, LiquidationPolicy.WindowCapped.Market p) {
        I256 fees = market.makerFee().raw().plus(market.takerFee().raw());
        I256 perSecond = FixedPoint.wadMulFloor(
                FixedPoint.wadMulFloor(fees, p.skewScale().toI256()),
                p.maxLiquidationLimitAccumulationMultiplier().raw());
        return perSecond.times(I256.of(p.maxSecondsInLiquidationWindow()));
    }

    /**
     * {@code GlobalPerpsMarketConfiguration.keeperReward}: {@code min(max(minCap, rewards + cost), maxCap)} with
     * {@code minCap = max(cost + minKeeperReward, cost * (1 + minKeeperProfitRatio))} and {@code maxCap =
     * maxKeeperReward} when {@code available} is zero, else {@code min(available * maxKeeperScalingRatio,
     * maxKeeperReward)}.
     */
    static I256 keeperReward(LiquidationPolicy.WindowCapped w, I256 rewards, I256 cost, I256 available) {
        I256 minCap = cost.plus(w.minKeeperReward().toI256())
                .max(FixedPoint.wadMulFloor(
                        cost, FixedPoint.WAD.plus(w.minKeeperProfitRatio().raw())));
        I256 max = w.maxKeeperReward().toI256();
        I256 maxCap = available.isZero()
                ? max
                : FixedPoint.wadMulFloor(available, w.maxKeeperScalingRatio().raw())
                        .min(max);
        return minCap.max(rewards.plus(cost)).min(maxCap);
    }

    /**
     * {@code getPossibleLiquidationReward}: the reward of flagging and liquidating the account now, plus a liquidation
     * reward for every further window its slowest position needs ({@code numberOfLiquidationWindows}, one window when
     * a market has no cap).
     *
     * @param collateral the account's collateral value without haircuts
     */
    static Either<Revert, I256> possibleReward(
            ProtocolState state,
            Account account,
            I256 collateral,
            LiquidationPolicy.WindowCapped w,
            BlockContext block) {
        ProtocolConfig config = state.config();
        int ds = config.settlement().decimals();
        I256 rewards = I256.ZERO;
        I256 windows = I256.ZERO;
        for (var entry : account.positions()) {
            MarketConfig mc = config.markets().get(entry._1).get();
            int du = config.assets().get(mc.underlying()).get().decimals();
            Either<Revert, Quote> q = MarginLogic.marketPrice(config, entry._1, block);
            if (q.isLeft()) {
                return Either.left(q.getLeft());
            }
            LiquidationPolicy.WindowCapped.Market p = w.market(entry._1);
            I256 size = entry._2.size().abs();
            rewards = rewards.plus(flagReward(p, size, du, q.get(), ds));
            I256 cap = capPerWindow(mc, p);
            windows = windows.max(cap.isZero() ? I256.ONE : size.divide(cap, Rounding.CEIL));
        }
        if (account.positions().isEmpty()) {
            return Either.right(I256.ZERO);
        }
        I256 flagAndLiquidate = keeperReward(w, rewards, w.flagCost().toI256(), collateral);
        I256 perWindow = keeperReward(w, I256.ZERO, w.liquidateCost().toI256(), I256.ZERO);
        return Either.right(flagAndLiquidate.plus(perWindow.times(windows.minus(I256.ONE))));
    }

    // ---- the liquidation window, see WindowCappedMechanism

    /**
     * {@code maxLiquidatableAmount}: the whole size for the endorsed liquidator or a market without a cap; otherwise
     * what is left of the cap in the window, or, with the window used up, a whole window's cap once per block while
     * the skew is below {@code maxLiquidationPd} of the skew scale. The skew is what the receiver holds the other side
     * of, so the exception applies only with a backstop receiver (the liquidity providers' pool). Records what it
     * allows.
     */
    static I256 liquidatable(
            Step st,
            MarketId m,
            MarketConfig mc,
            LiquidationPolicy.WindowCapped.Market p,
            I256 requested,
            boolean endorsed,
            AccountId receiver,
            BlockContext block) {
        if (endorsed) {
            record(st, m, p, requested, block);
            return requested;
        }
        I256 cap = capPerWindow(mc, p);
        if (cap.isZero()) {
            return requested;
        }
        Vector<LiquidationRecord> records = st.state.liquidations(m);
        long start = block.timestamp() - p.maxSecondsInLiquidationWindow();
        I256 used = records.filter(r -> r.timestamp() > start).foldLeft(I256.ZERO, (s, r) -> s.plus(r.amount()));
        I256 capacity = cap.minus(used).max(I256.ZERO);
        I256 amount = I256.ZERO;
        if (capacity.isPositive()) {
            amount = capacity.min(requested);
        } else if (p.maxLiquidationPd().isPositive()
                && (records.isEmpty() || records.last().timestamp() != block.timestamp())
                && st.state.config().receiver() instanceof PositionReceiver.Backstop) {
            I256 skew = st.account(receiver)
                    .position(m)
                    .map(Position::size)
                    .getOrElse(I256.ZERO)
                    .abs();
            I256 pd = FixedPoint.mulDivFloor(skew, FixedPoint.WAD, p.skewScale().toI256());
            if (pd.lt(p.maxLiquidationPd().raw())) {
                amount = cap.min(requested);
            }
        }
        if (amount.isPositive()) {
            record(st, m, p, amount, block);
        }
        return amount;
    }

    /**
     * Adds {@code amount} to the market's record at this timestamp ({@code _updateLiquidationData}), dropping records
     * that left the window but keeping the latest, whose timestamp the skew exception reads.
     */
    private static void record(
            Step st, MarketId m, LiquidationPolicy.WindowCapped.Market p, I256 amount, BlockContext b) {
        Vector<LiquidationRecord> records = st.state.liquidations(m);
        if (!records.isEmpty() && records.last().timestamp() == b.timestamp()) {
            LiquidationRecord last = records.last();
            records = records.init()
                    .append(new LiquidationRecord(
                            last.timestamp(), last.amount().plus(amount)));
        } else {
            records = records.append(new LiquidationRecord(b.timestamp(), amount));
        }
        long start = b.timestamp() - p.maxSecondsInLiquidationWindow();
        records = records.filter(r -> r.timestamp() > start);
        st.state = st.state.withLiquidations(m, records);
    }
}
