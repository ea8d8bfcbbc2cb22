package dev.solvent.keeper.strategy;

import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.Submission;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;

/**
 * Liquidates every cross account and isolated position its scanner finds, in the scanner's order, at a fixed priority
 * fee, whatever it earns; the baseline strategy.
 *
 * {@snippet :
 * Keeper<?> full = new Liquidator<>(new FullScan(), 2_000_000_000L);         // 2 gwei
 * Keeper<?> fast = new Liquidator<>(new LiquidationIndex(), 2_000_000_000L);
 * }
 *
 * @param scanner how it finds unhealthy accounts
 * @param priorityFee wei per gas it bids
 * @param <S> the scanner's state
 */
public record Liquidator<S>(Scanner<S> scanner, long priorityFee) implements Keeper<S> {

    /** Rejects a negative fee. */
    public Liquidator {
        if (scanner == null || priorityFee < 0) {
            throw new IllegalArgumentException("a liquidator needs a scanner and a priorityFee >= 0");
        }
    }

    @Override
    public S start() {
        return scanner.start();
    }

    @Override
    public KeeperDecision<S> decide(KeeperView view, S state) {
        Scanner.Scan<S> scan = scanner.scan(view, state);
        TreeSet<Target> sent = Strategies.alreadySent(view);
        Vector<Submission> send = Vector.empty();
        for (Target t : scan.liquidatable()) {
            if (!sent.contains(t)) {
                send = send.append(new Submission(t.tx(), t.gas(view.state()), priorityFee));
            }
        }
        return new KeeperDecision<>(send, scan.next());
    }
}
