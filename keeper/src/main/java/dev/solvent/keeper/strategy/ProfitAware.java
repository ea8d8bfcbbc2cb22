package dev.solvent.keeper.strategy;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.KeeperView;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Comparator;

/**
 * Liquidates only what pays: for each cross account and isolated position its scanner finds, it runs the liquidation
 * against the state it sees (as {@code eth_call} would), measures what its own account gains and the gas used, and
 * sends it only if the gain exceeds the gas at the current base fee plus its own priority fee, most profitable first
 * (ties in the scanner's order). It bids {@code bidPercent}% of the highest priority fee the gain could pay, and at
 * least {@code minPriorityFee} (see {@link Bidding}).
 *
 * <p>The gain is the change of the keeper's equity at the oracle prices it sees: the keeper reward under every policy
 * (Comet's absorb, Aave's close-factor bonus, Maker's auction incentive), plus the discount on collateral taken over
 * under a {@code Liquidator} receiver; positions taken over at the oracle price add nothing. It ignores capital: see
 * {@link LimitedCapital} for a keeper that counts it.
 *
 * @param scanner how it finds unhealthy accounts and isolated positions
 * @param gasToken the gas token and its price key
 * @param minPriorityFee the lowest priority fee it bids, wei per gas
 * @param bidPercent the share of the affordable priority fee it bids, {@code 0..100}
 * @param <S> the scanner's state
 */
public record ProfitAware<S>(Scanner<S> scanner, GasToken gasToken, long minPriorityFee, int bidPercent)
        implements QuotingKeeper<S> {

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
    public Plan<S> plan(KeeperView view, S state) {
        Scanner.Scan<S> scan = scanner.scan(view, state);
        TreeSet<Target> sent = Strategies.alreadySent(view);
        Vector<Estimate> estimates = Vector.empty();
        for (Target t : scan.liquidatable()) {
            if (!sent.contains(t)) {
                Option<Estimate> e = bidding().estimate(view, view.state(), t.tx());
                if (e.isDefined() && e.get().profit().isPositive()) {
                    estimates = estimates.append(e.get());
                }
            }
        }
        // a stable sort: equal profits stay in the scanner's order
        return new Plan<>(
                estimates.sorted(Comparator.comparing(Estimate::profit).reversed()), scan.next());
    }

    /** {@return what liquidating {@code tx} would earn and cost at the view's prices, or none if it reverts} */
    public Option<Estimate> estimate(KeeperView view, Tx tx) {
        return bidding().estimate(view, view.state(), tx);
    }

    private Bidding bidding() {
        return new Bidding(gasToken, minPriorityFee, bidPercent);
    }
}
