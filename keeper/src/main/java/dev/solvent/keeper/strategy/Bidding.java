package dev.solvent.keeper.strategy;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.KeeperView;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * How a profit-seeking keeper prices a transaction: it runs it against a state (as {@code eth_call}), measures what its
 * own account gains and ties up, and bids {@code bidPercent}% of the highest priority fee the gain could pay on top of
 * the base fee, and at least {@code minPriorityFee}.
 *
 * @param gasToken the gas token and its price key
 * @param minPriorityFee the lowest priority fee it bids, wei per gas
 * @param bidPercent the share of the affordable priority fee it bids, {@code 0..100}
 */
public record Bidding(GasToken gasToken, long minPriorityFee, int bidPercent) {

    /** Rejects a missing gas token and out-of-range fees. */
    public Bidding {
        if (gasToken == null || minPriorityFee < 0 || bidPercent < 0 || bidPercent > 100) {
            throw new IllegalArgumentException(
                    "bidding: gasToken, minPriorityFee >= 0 and bidPercent in 0..100 required");
        }
    }

    /**
     * {@return what sending {@code tx} against {@code state} would gain, tie up and cost the keeper of {@code view}, or
     * none if it reverts, if the gas token has no valid price, or if the keeper's own account cannot be valued}
     */
    public Option<Estimate> estimate(KeeperView view, ProtocolState state, Tx tx) {
        OracleAnswer gasPrice = view.prices().get(gasToken.priceKey()).getOrNull();
        if (gasPrice == null || !gasPrice.answer().isPositive()) {
            return Option.none();
        }
        BlockContext ctx = view.context();
        Either<Revert, Receipt> r = MarginEngine.execute(state, tx, ctx);
        if (r.isLeft()) {
            return Option.none();
        }
        ProtocolState after = r.get().state();
        Option<I256> gain;
        Option<I256> capital;
        try {
            gain = equity(state, view, ctx)
                    .flatMap(e0 -> equity(after, view, ctx).map(e1 -> e1.minus(e0)));
            capital = capital(state, after, view, ctx);
        } catch (PanicException e) {
            return Option.none();
        }
        if (gain.isEmpty() || capital.isEmpty()) {
            return Option.none();
        }
        int ds = state.config().settlement().decimals();
        long gas = r.get().gasUsed();
        I256 gainWei = gasToken.fromSettlement(gain.get().max(I256.ZERO), gasPrice, ds);
        I256 maxTip = gainWei.divide(I256.of(gas), Rounding.FLOOR).minus(I256.of(view.baseFee()));
        long bid = maxTip.isPositive() && maxTip.fitsLong() ? maxTip.longValueExact() / 100 * bidPercent : 0;
        long tip = Math.max(minPriorityFee, bid);
        I256 wei = I256.of(gas).times(I256.of(view.baseFee()).plus(I256.of(tip)));
        I256 cost = gasToken.toSettlement(wei, gasPrice, ds, Rounding.CEIL);
        return Option.some(new Estimate(
                tx, gain.get(), capital.get(), gas, tip, cost, gain.get().minus(cost)));
    }

    private static Option<I256> equity(ProtocolState state, KeeperView view, BlockContext ctx) {
        Account keeper = state.accountOrEmpty(view.self());
        return MarginLogic.cross(state, keeper, ctx).map(AccountData::equity).toOption();
    }

    /** Per asset, the fall of the keeper's balance at the oracle price (rounded up), plus the rise of its requirement. */
    private static Option<I256> capital(ProtocolState before, ProtocolState after, KeeperView view, BlockContext ctx) {
        ProtocolConfig config = before.config();
        int ds = config.settlement().decimals();
        Account a0 = before.accountOrEmpty(view.self());
        Account a1 = after.accountOrEmpty(view.self());
        I256 used = I256.ZERO;
        for (AssetId asset : a0.balances().keySet().addAll(a1.balances().keySet())) {
            I256 fall = a0.balance(asset).minus(a1.balance(asset));
            if (!fall.isPositive()) {
                continue;
            }
            if (asset.equals(config.settlementAsset())) {
                used = used.plus(fall);
                continue;
            }
            AssetConfig ac = config.assets().get(asset).get();
            Either<Revert, dev.solvent.model.logic.Quote> q = MarginLogic.assetPrice(config, asset, ctx);
            if (q.isLeft()) {
                return Option.none();
            }
            used = used.plus(MarginLogic.debtValue(fall, ac.decimals(), q.get(), ds));
        }
        Either<Revert, AccountData> d0 = MarginLogic.cross(before, a0, ctx);
        Either<Revert, AccountData> d1 = MarginLogic.cross(after, a1, ctx);
        if (d0.isLeft() || d1.isLeft()) {
            return Option.none();
        }
        I256 margin = d1.get().initialRequirement().minus(d0.get().initialRequirement());
        return Option.some(used.plus(margin.max(I256.ZERO)));
    }
}
