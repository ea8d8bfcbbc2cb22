package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.state.Account;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.view.Views;
import io.vavr.Tuple;
import io.vavr.Tuple0;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;

/** Re-checks every account at every block with the contract's own view; the reference the index is tested against. */
public record FullScan() implements Scanner<Tuple0> {

    @Override
    public Tuple0 start() {
        return Tuple.empty();
    }

    @Override
    public Scan<Tuple0> scan(KeeperView view, Tuple0 state) {
        BlockContext ctx = view.context();
        List<AccountId> out = new ArrayList<>();
        for (Account a : view.state().accounts().values()) {
            if (Strategies.isTarget(view, a.id())
                    && Views.isLiquidatable(view.state(), a.id(), ctx).getOrElse(false)) {
                out.add(a.id());
            }
        }
        return new Scan<>(Vector.ofAll(out), state); // in account order
    }
}
