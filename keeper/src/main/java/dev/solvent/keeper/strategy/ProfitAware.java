package dev.solvent.keeper.strategy;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.Submission;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Comparator;

/**
 * Liquidates only what pays: for each account its scanner finds, it runs the liquidation against the state it sees
 * (as {@code eth_call} would), reads its reward and gas, and sends it only if the reward exceeds the gas at the
 * current base fee plus its own priority fee, most profitable first. It bids {@code bidPercent}% of the highest
 * priority fee the reward could pay, and at least {@code minPriorityFee}.
 *
 * <p>Profit counts the keeper reward only; positions or collateral taken over (under a {@code Liquidator} receiver)
 * are valued at the oracle price, so they add nothing at the moment of liquidation.
 *
 * @param scanner how it finds unhealthy accounts
 * @param gasToken the gas token and its price key
 * @param minPriorityFee the lowest priority fee it bids, wei per gas
 * @param bidPercent the share of the affordable priority fee it bids, {@code 0..100}
 * @param <S> the scanner's state
 */
public record ProfitAware<S>(Scanner<S> scanner, GasToken gasToken, long minPriorityFee, int bidPercent)
        implements Keeper<S> {

    /**
     * The expected outcome of one liquidation.
     *
     * @param account the account to liquidate
     * @param reward the keeper reward, settlement base units
     * @param gas the gas it uses
     * @param priorityFee the priority fee to bid, wei per gas
     * @param cost the gas cost at base fee plus priority fee, settlement base units, rounded up
     * @param profit reward minus cost
     */
    public record Quote(AccountId account, I256 reward, long gas, long priorityFee, I256 cost, I256 profit) {}

    /** Rejects a missing scanner or gas token and out-of-range fees. */
    public ProfitAware {
        if (scanner == null || gasToken == null || minPriorityFee < 0 || bidPercent < 0 || bidPercent > 100) {
            throw new IllegalArgumentException(
                    "profit-aware keeper: scanner, gasToken, minPriorityFee >= 0 and bidPercent in 0..100 required");
        }
    }

    @Override
    public S start() {
        return scanner.start();
    }

    @Override
    public KeeperDecision<S> decide(KeeperView view, S state) {
        Scanner.Scan<S> scan = scanner.scan(view, state);
        TreeSet<AccountId> sent = Strategies.alreadySent(view);
        Vector<Quote> quotes = Vector.empty();
        for (AccountId id : scan.liquidatable()) {
            if (!sent.contains(id)) {
                Option<Quote> q = quote(view, id);
                if (q.isDefined() && q.get().profit().isPositive()) {
                    quotes = quotes.append(q.get());
                }
            }
        }
        Vector<Submission> send = quotes.sorted(
                        Comparator.comparing(Quote::profit).reversed().thenComparing(Quote::account))
                .map(q -> new Submission(new Tx.Liquidate(q.account()), q.gas(), q.priorityFee()));
        return new KeeperDecision<>(send, scan.next());
    }

    /** {@return what liquidating {@code account} would earn and cost at the view's prices, or none if it reverts} */
    public Option<Quote> quote(KeeperView view, AccountId account) {
        OracleAnswer gasPrice = view.prices().get(gasToken.priceKey()).getOrNull();
        if (gasPrice == null || !gasPrice.answer().isPositive()) {
            return Option.none();
        }
        Either<Revert, Receipt> r = MarginEngine.execute(view.state(), new Tx.Liquidate(account), view.context());
        if (r.isLeft()) {
            return Option.none();
        }
        I256 reward = I256.ZERO;
        for (Event e : r.get().events()) {
            if (e instanceof Event.AccountLiquidated l && l.keeper().equals(view.self())) {
                reward = reward.plus(l.keeperReward());
            }
        }
        int ds = view.state().config().settlement().decimals();
        long gas = r.get().gasUsed();
        I256 rewardWei = gasToken.fromSettlement(reward, gasPrice, ds);
        I256 maxTip = rewardWei.divide(I256.of(gas), Rounding.FLOOR).minus(I256.of(view.baseFee()));
        long bid = maxTip.isPositive() && maxTip.fitsLong() ? maxTip.longValueExact() / 100 * bidPercent : 0;
        long tip = Math.max(minPriorityFee, bid);
        I256 wei = I256.of(gas).times(I256.of(view.baseFee()).plus(I256.of(tip)));
        I256 cost = gasToken.toSettlement(wei, gasPrice, ds, Rounding.CEIL);
        return Option.some(new Quote(account, reward, gas, tip, cost, reward.minus(cost)));
    }
}
