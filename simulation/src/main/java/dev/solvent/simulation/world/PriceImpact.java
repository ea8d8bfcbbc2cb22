package dev.solvent.simulation.world;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.simulation.scenario.Scenario.ImpactModel;
import java.math.BigDecimal;

/**
 * How far liquidation sales have pushed a market away from its exogenous path, in parts per billion of the price,
 * and how that gap recovers. Pure functions; {@link StrictMath} keeps results identical on every machine.
 */
public final class PriceImpact {

    /** Parts per billion: the unit of a gap. */
    public static final long PPB = 1_000_000_000L;

    /** The market never goes below a thousandth of its exogenous price, whatever is sold. */
    static final long FLOOR = -PPB + PPB / 1_000;

    private PriceImpact() {}

    /** {@return the gap after one block of recovery: arbitrage closes {@code recovery} of it, rounded toward zero} */
    public static long recover(long gapPpb, Wad recovery) {
        if (gapPpb == 0) {
            return 0;
        }
        BigDecimal keep = BigDecimal.ONE.subtract(fraction(recovery));
        return new BigDecimal(gapPpb).multiply(keep).longValue();
    }

    /**
     * {@return the gap after selling (negative) or buying (positive) a notional}
     *
     * @param gapPpb the gap before the trade
     * @param model the impact curve
     * @param notional the signed notional, settlement base units; negative for a sale
     */
    public static long trade(long gapPpb, ImpactModel model, I256 notional) {
        if (notional.isZero()) {
            return gapPpb;
        }
        double n = notional.toBigInteger().doubleValue();
        double move = switch (model) {
            case ImpactModel.None none -> 0;
            case ImpactModel.Linear l -> n / l.depth().toBigInteger().doubleValue();
            case ImpactModel.SquareRoot s ->
                Math.signum(n)
                        * fraction(s.coefficient()).doubleValue()
                        * StrictMath.sqrt(Math.abs(n) / s.depth().toBigInteger().doubleValue());
            case ImpactModel.ConstantProduct c -> {
                double y = c.quoteReserve().toBigInteger().doubleValue();
                // selling n of notional into a pool holding y: the price falls by (y / (y + |n|))^2; buying back
                // raises it by (y / (y - n))^2 while the pool can pay
                double ratio = n < 0 ? y / (y - n) : y / Math.max(y - n, y / 1_000);
                yield ratio * ratio - 1;
            }
        };
        double level = (1 + gapPpb / (double) PPB) * (1 + move) - 1;
        long next = Math.round(level * PPB);
        return Math.max(FLOOR, Math.min(PPB * 10, next));
    }

    /** {@return the exogenous price moved by the gap, in the same units, at least 1} */
    public static long apply(long exogenous, long gapPpb) {
        if (gapPpb == 0) {
            return exogenous;
        }
        long moved = java.math.BigInteger.valueOf(exogenous)
                .multiply(java.math.BigInteger.valueOf(PPB + gapPpb))
                .divide(java.math.BigInteger.valueOf(PPB))
                .longValue();
        return Math.max(1, moved);
    }

    static BigDecimal fraction(Wad w) {
        return new BigDecimal(w.raw().toBigInteger()).movePointLeft(18);
    }
}
