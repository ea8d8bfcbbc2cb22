package dev.solvent.simulation.world;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.tx.Event;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * What the world reads from any mechanism's liquidation event: whose account, which positions went to whom, and
 * whether the account's means fell short.
 *
 * @param account the liquidated account
 * @param cross whether its cross account (not one isolated position) was liquidated
 * @param receiver who took the closed positions over, when someone did
 * @param closed the positions (or parts) closed
 * @param shortfall whether the account could not cover its losses
 */
record Liquidated(
        AccountId account,
        boolean cross,
        Option<AccountId> receiver,
        Vector<Event.ClosedPosition> closed,
        boolean shortfall) {

    static Option<Liquidated> of(Event e) {
        return switch (e) {
            case Event.AccountLiquidated l ->
                Option.some(new Liquidated(
                        l.account(),
                        true,
                        Option.some(l.receiver()),
                        l.closed(),
                        l.shortfall().isPositive()));
            case Event.IsolatedPositionLiquidated l ->
                Option.some(new Liquidated(l.account(), false, Option.none(), Vector.empty(), false));
            case Event.LiquidationCalled l ->
                Option.some(new Liquidated(l.account(), true, Option.some(l.receiver()), l.closed(), false));
            case Event.AccountAbsorbed a ->
                Option.some(new Liquidated(a.account(), true, Option.some(a.receiver()), a.closed(), false));
            case Event.AccountBackstopped b ->
                Option.some(new Liquidated(
                        b.account(),
                        true,
                        Option.some(b.vault()),
                        b.closed(),
                        b.shortfall().isPositive()));
            case Event.AuctionKicked k when k.reset() -> Option.none(); // a redo, not a new liquidation
            case Event.AuctionKicked k ->
                Option.some(new Liquidated(k.owner(), true, Option.none(), Vector.empty(), false));
            case Event.AccountFlagged f ->
                Option.some(new Liquidated(f.account(), true, Option.none(), Vector.empty(), false));
            case Event.WindowLiquidation w ->
                Option.some(new Liquidated(w.account(), true, Option.some(w.receiver()), w.closed(), false));
            case Event.FillableLiquidation f ->
                Option.some(new Liquidated(
                        f.account(),
                        true,
                        Option.some(f.receiver()),
                        Vector.of(f.closed()),
                        f.shortfall().isPositive()));
            default -> Option.none();
        };
    }
}
