package dev.solvent.simulation.world;

import dev.solvent.keeper.chain.BlockBuilder;
import dev.solvent.keeper.chain.Chain;
import dev.solvent.keeper.chain.KeeperLedger;
import dev.solvent.model.state.Ledger;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import dev.solvent.simulation.metrics.BlockRow;
import io.vavr.collection.Vector;

/** A block's row of metrics, from the states before and after it, its outcomes' tally and the chain it left. */
final class BlockRows {

    private BlockRows() {}

    /** {@return the block's row of metrics} */
    static BlockRow row(
            World world,
            long bn,
            long ts,
            MarketMove m,
            int liquidatable,
            Tally tally,
            ProtocolState before,
            ProtocolState after,
            Chain nextChain,
            BlockBuilder.Built built,
            int traderTxs) {
        Ledger l0 = before.ledger();
        Ledger l1 = after.ledger();
        long shortfall = World.clampLong(l1.shortfallCovered()
                .plus(l1.socializedLoss())
                .plus(l1.deleveraged())
                .plus(l1.badDebt())
                .minus(l0.shortfallCovered()
                        .plus(l0.socializedLoss())
                        .plus(l0.deleveraged())
                        .plus(l0.badDebt())));
        long profit = 0;
        for (KeeperLedger kl : nextChain.ledgers().values()) {
            profit += World.clampLong(kl.netProfit());
        }
        int pending = nextChain
                .mempool()
                .count(t -> t.tx() instanceof Tx.Liquidate || t.tx() instanceof Tx.LiquidateIsolated);
        Vector<Long> oracle = Vector.empty();
        for (String key : world.setup().keys()) {
            oracle = oracle.append(
                    m.prices().get(key).map(a -> World.clampLong(a.answer())).getOrElse(0L));
        }
        return new BlockRow(
                bn,
                ts,
                m.market(),
                oracle,
                liquidatable,
                tally.liquidations,
                tally.volume,
                World.clampLong(after.insuranceFund()),
                shortfall,
                World.clampLong(l1.socializedLoss().minus(l0.socializedLoss())),
                World.clampLong(l1.badDebt()),
                world.chain().baseFee(),
                built.gasUsed(),
                profit,
                pending,
                traderTxs,
                tally.adlFills,
                tally.adlNotional,
                World.clampLong(l1.deleveraged().minus(l0.deleveraged())));
    }
}
