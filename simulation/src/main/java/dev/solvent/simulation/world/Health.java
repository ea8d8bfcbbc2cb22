package dev.solvent.simulation.world;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.view.HealthKernel;
import dev.solvent.model.view.KernelAccounts;
import dev.solvent.model.view.KernelResults;
import dev.solvent.simulation.metrics.HealthSample;
import io.vavr.collection.Vector;

/**
 * A block's health snapshot: the sample of every account with risk, the traders below the top-up threshold and the
 * accounts underwater.
 */
record Health(HealthSample sample, Vector<AccountId> low, Vector<AccountId> underwater) {
    /** {@return the health snapshot of every account with risk, the traders below the top-up threshold and those underwater} */
    static Health check(Setup setup, ProtocolState state, BlockContext ctx, long bn) {
        HealthKernel kernel = HealthKernel.of(state, ctx);
        KernelAccounts accounts = KernelAccounts.of(state);
        KernelResults results = kernel.evaluate(accounts);
        int[] buckets = new int[HealthSample.BUCKETS.size()];
        int underwater = 0;
        long below = setup.scenario()
                .traders()
                .behaviour()
                .topUpBelow()
                .raw()
                .divide(I256.of(1_000_000_000_000_000L), Rounding.FLOOR)
                .longValueExact();
        Vector<AccountId> low = Vector.empty();
        Vector<AccountId> sunk = Vector.empty();
        for (int a = 0; a < results.count(); a++) {
            AccountData d = results.data(a).getOrNull();
            if (d == null || !d.hasRisk() || !d.maintenanceRequirement().isPositive()) {
                continue;
            }
            long milli = d.marginEquity().isNegative()
                    ? -1
                    : World.clampLong(
                            d.marginEquity().times(I256.of(1_000)).divide(d.maintenanceRequirement(), Rounding.FLOOR));
            buckets[HealthSample.bucket(milli)]++;
            if (d.marginEquity().isNegative()) {
                underwater++;
                sunk = sunk.append(accounts.id(a).get());
            }
            if (milli < below && milli >= 1_000) {
                AccountId id = accounts.id(a).get();
                if (setup.byId().containsKey(id)) {
                    low = low.append(id);
                }
            }
        }
        Vector<Integer> counts = Vector.ofAll(buckets);
        return new Health(new HealthSample(bn, counts, underwater), low, sunk);
    }
}
