package dev.solvent.simulation.world;

import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.chain.Chain;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.Scanner;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/**
 * What the world's own index (kept like a keeper's) finds before the block: the scan, how many accounts are
 * liquidatable, and for each the block index it has been liquidatable since.
 */
record Risk(
        Scanner.Scan<LiquidationIndex.State> scan,
        int liquidatable,
        io.vavr.collection.HashMap<AccountId, Integer> since) {

    /** {@return what the world's index finds before block {@code i}, given the state and the prices it reads} */
    static Risk scan(World world, ProtocolState before, TreeMap<String, OracleAnswer> prices, long bn, long ts, int i) {
        Chain chain = world.chain();
        KeeperView view = new KeeperView(
                World.OBSERVER, bn, ts, chain.baseFee(), prices, before, Vector.empty(), chain.lastTouched());
        Scanner.Scan<LiquidationIndex.State> scan = new LiquidationIndex().scan(view, world.riskIndex());
        io.vavr.collection.HashMap<AccountId, Integer> since = io.vavr.collection.HashMap.empty();
        for (var target : scan.liquidatable()) {
            since = since.put(
                    target.account(),
                    world.liquidatableSince().get(target.account()).getOrElse(i));
        }
        return new Risk(scan, scan.liquidatable().size(), since);
    }
}
