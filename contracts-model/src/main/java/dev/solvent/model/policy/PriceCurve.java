package dev.solvent.model.policy;

import dev.solvent.model.check.Checks;
import dev.solvent.model.math.Wad;

/**
 * How a Dutch auction's price falls from its starting price {@code top}, as the calculators of Maker's
 * {@code abaci.sol} (makerdao/dss). The model computes them as {@code abaci} does, in RAY (1e27) with its rounding;
 * see {@code AuctionLogic.price}. No curve ever increases the price: a factor above 1 is rejected.
 */
public sealed interface PriceCurve {

    /**
     * {@code top * (tau - dur) / tau} until {@code tau}, zero after (Maker's {@code LinearDecrease}).
     *
     * @param tau seconds until the price reaches zero, {@code > 0}
     */
    record Linear(long tau) implements PriceCurve {
        /** Requires a positive duration. */
        public Linear {
            Checks c = new Checks("liquidation.curve.");
            c.require(tau > 0, "tau", tau, "tau > 0 seconds");
            c.rejectIfAny();
        }
    }

    /**
     * {@code top * cut ^ floor(dur / step)}: the price keeps the fraction {@code cut} every {@code step} seconds
     * (Maker's {@code StairstepExponentialDecrease}).
     *
     * @param cut the fraction kept per step, in {@code (0, 1]}
     * @param step seconds per step, {@code > 0}
     */
    record StairstepExponential(Wad cut, long step) implements PriceCurve {
        /** Rejects a factor that would raise the price, and a step that is not positive. */
        public StairstepExponential {
            Checks c = new Checks("liquidation.curve.");
            c.fraction(cut, "cut", false);
            c.require(step > 0, "step", step, "step > 0 seconds");
            c.rejectIfAny();
        }
    }

    /**
     * {@code top * cut ^ dur}: the price keeps the fraction {@code cut} every second (Maker's
     * {@code ExponentialDecrease}).
     *
     * @param cut the fraction kept per second, in {@code (0, 1]}
     */
    record Exponential(Wad cut) implements PriceCurve {
        /** Rejects a factor that would raise the price. */
        public Exponential {
            Checks c = new Checks("liquidation.curve.");
            c.fraction(cut, "cut", false);
            c.rejectIfAny();
        }
    }
}
