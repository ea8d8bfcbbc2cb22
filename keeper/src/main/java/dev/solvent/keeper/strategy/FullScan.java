package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.state.Account;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.view.Views;
import io.vavr.Tuple;
import io.vavr.Tuple0;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-checks every account and every isolated position at every block with the contract's own views; the reference the
 * index is tested against.
 */
public record FullScan() implements Scanner<Tuple0> {

    @Override
    public Tuple0 start() {
        return Tuple.empty();
    }

    @Override
    public Scan<Tuple0> scan(KeeperView view, Tuple0 state) {
        BlockContext ctx = view.context();
        List<Target> out = new ArrayList<>();
        for (Account a : view.state().accounts().values()) {
            if (!Strategies.isTarget(view, a.id())) {
                continue;
            }
            if (Views.isLiquidatable(view.state(), a.id(), ctx).getOrElse(false)) {
                out.add(new Target.Cross(a.id()));
            }
            for (MarketId m : a.isolated().keySet()) {
                if (Views.isIsolatedLiquidatable(view.state(), a.id(), m, ctx).getOrElse(false)) {
                    out.add(new Target.Isolated(a.id(), m));
                }
            }
        }
        return new Scan<>(Vector.ofAll(out), state); // in account order, cross first, isolated by market
    }
}
