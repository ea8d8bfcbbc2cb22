package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.ProtocolState;
import io.vavr.collection.TreeSet;

/** Small pieces every liquidation strategy needs: gas estimates and what it has already sent. */
public final class Strategies {

    private Strategies() {}

    /**
     * {@return the gas a cross liquidation of {@code account} uses by the model's schedule: its base, each position
     * closed and each non-settlement asset seized}
     */
    public static long liquidationGas(ProtocolState state, AccountId account) {
        return new Target.Cross(account).gas(state);
    }

    /**
     * {@return whether a keeper may liquidate {@code account} at all}: never itself, nor a backstop receiver, which
     * would take over its own positions (the contract reverts with {@code SelfLiquidation})
     */
    public static boolean isTarget(KeeperView view, AccountId account) {
        if (account.equals(view.self())) {
            return false;
        }
        return !(view.state().config().receiver() instanceof PositionReceiver.Backstop b
                && b.account().equals(account));
    }

    /** {@return the targets this keeper's own visible pending transactions already liquidate} */
    public static TreeSet<Target> alreadySent(KeeperView view) {
        TreeSet<Target> out = TreeSet.empty();
        for (PendingTx p : view.pending()) {
            if (p.sender().equals(view.self())) {
                out = out.addAll(Target.of(p.tx()));
            }
        }
        return out;
    }
}
