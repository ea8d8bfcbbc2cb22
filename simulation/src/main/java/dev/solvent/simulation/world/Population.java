package dev.solvent.simulation.world;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.random.RandomGenerator;

/**
 * Draws the trader population of a scenario from its seed. Shares and leverage are drawn in millionths and converted
 * exactly, so a population is the same on every machine.
 */
public final class Population {

    private Population() {}

    /** {@return the traders, named {@code t00001}, {@code t00002}, ... in a fixed order} */
    public static Vector<Trader> draw(Scenario.TraderSpec spec, ProtocolConfig config, long seed) {
        RandomGenerator r = Rng.of(seed, Rng.POPULATION, 0);
        int total = spec.markets().values().sum().intValue();
        int width = Math.max(5, Integer.toString(spec.count()).length());
        Vector<Trader> out = Vector.empty();
        java.util.Map<MarketId, Wad> maxLeverage = new java.util.HashMap<>();
        double spread = spread(spec);
        for (int i = 1; i <= spec.count(); i++) {
            int pick = r.nextInt(total);
            MarketId market = null;
            for (var e : spec.markets()) {
                if (pick < e._2) {
                    market = e._1;
                    break;
                }
                pick -= e._2;
            }
            boolean isLong = chance(r, spec.longShare());
            boolean isolated = chance(r, spec.isolatedShare());
            AssetId underlying = config.markets().get(market).get().underlying();
            boolean inUnderlying = !isolated
                    && chance(r, spec.underlyingCollateralShare())
                    && config.assets().get(underlying).get().collateralWeight().isPositive();
            AssetId collateral = inUnderlying ? underlying : config.settlementAsset();
            Wad maxAllowed = maxLeverage.computeIfAbsent(market, m -> maxLeverage(config, m));
            Wad max = spec.maxLeverage().compareTo(maxAllowed) < 0 ? spec.maxLeverage() : maxAllowed;
            Wad min = spec.minLeverage().compareTo(max) < 0 ? spec.minLeverage() : max;
            long micro = r.nextLong(1_000_001);
            I256 span = max.raw().minus(min.raw());
            Wad leverage = new Wad(min.raw()
                    .plus(span.times(I256.of(micro))
                            .divide(I256.of(1_000_000), dev.solvent.model.math.Rounding.FLOOR)));
            // log-normal notional: median * exp(spread * z), z standard normal, rounded to whole base units
            double z = r.nextGaussian();
            double factor = StrictMath.exp(spread * z);
            BigInteger notional = new BigDecimal(spec.medianNotional().toBigInteger())
                    .multiply(new BigDecimal(factor))
                    .setScale(0, RoundingMode.HALF_EVEN)
                    .toBigInteger()
                    .max(BigInteger.ONE);
            String id = "t" + String.format("%0" + width + "d", i);
            out = out.append(
                    new Trader(AccountId.of(id), market, isLong, isolated, collateral, I256.of(notional), leverage));
        }
        return out;
    }

    /** {@return the largest leverage a market's initial margin allows, to six decimals, rounded down} */
    private static Wad maxLeverage(ProtocolConfig config, MarketId market) {
        BigDecimal im = new BigDecimal(
                config.markets().get(market).get().initialMargin().raw().toBigInteger());
        return Wad.parse(new BigDecimal(FixedPoint.WAD.toBigInteger())
                .divide(im, 6, RoundingMode.DOWN)
                .toPlainString());
    }

    private static double spread(Scenario.TraderSpec spec) {
        return new BigDecimal(spec.notionalSpread().raw().toBigInteger())
                .movePointLeft(18)
                .doubleValue();
    }

    /** {@return true with the probability {@code p}, drawn in millionths} */
    static boolean chance(RandomGenerator r, Wad p) {
        return r.nextLong(1_000_000)
                < p.raw()
                        .divide(I256.of(1_000_000_000_000L), dev.solvent.model.math.Rounding.FLOOR)
                        .longValueExact();
    }
}
