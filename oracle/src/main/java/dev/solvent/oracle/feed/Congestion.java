package dev.solvent.oracle.feed;

import dev.solvent.oracle.Randomness;
import dev.solvent.oracle.internal.ParameterChecks;
import io.vavr.collection.Vector;

/**
 * When a feed's transmission cannot land on-chain (a congested chain, a gas spike, a node outage): in a congested block
 * a pending update is not included and waits for the next block. A missed transmission is therefore a delayed one;
 * the feed keeps no second transmission in flight. Each variant is a pure function of the block number.
 */
public sealed interface Congestion {

    /** {@return whether block {@code block} is congested} */
    boolean congested(long block);

    /** No congestion: every due update lands. */
    record None() implements Congestion {
        @Override
        public boolean congested(long block) {
            return false;
        }
    }

    /**
     * Scripted congestion: every block of every window.
     *
     * @param windows the congested windows
     */
    record Windows(Vector<Window> windows) implements Congestion {

        /** Requires the windows. */
        public Windows {
            ParameterChecks.present("Congestion.Windows.windows", windows);
        }

        /** {@return congestion in blocks {@code from..to} inclusive} */
        public static Windows of(long from, long to) {
            return new Windows(Vector.of(new Window(from, to)));
        }

        @Override
        public boolean congested(long block) {
            return windows.exists(w -> block >= w.from() && block <= w.to());
        }
    }

    /**
     * Blocks {@code from} to {@code to}, inclusive.
     *
     * @param from the first congested block
     * @param to the last congested block, {@code >= from}
     */
    record Window(long from, long to) {

        /** Requires {@code from <= to}. */
        public Window {
            ParameterChecks.require(
                    from <= to, "Congestion.Window", from + ".." + to + " is out of range; valid: from <= to");
        }
    }

    /**
     * Random congestion: each block is congested with {@code probability}, independently, decided by a seeded draw
     * for that block ({@link Randomness#uniform}), so the same seed gives the same congested blocks.
     *
     * @param probability the chance that a block is congested, {@code 0..1}
     * @param seed the seed of the draws
     */
    record Random(double probability, long seed) implements Congestion {

        /** Rejects a probability outside {@code [0, 1]}. */
        public Random {
            ParameterChecks.within("Congestion.Random.probability", probability, 0, 1, "a probability per block");
        }

        @Override
        public boolean congested(long block) {
            return probability > 0 && Randomness.uniform(seed, block) < probability;
        }
    }
}
