package dev.solvent.properties.arbitrary;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Risk parameters of one market, valid by default: initial margin from 2% to 50%, a maintenance margin below it
 * (edge case: one wei below), a penalty up to 10% (edge case: none), fees up to 0.1% and a funding cap up to 5% a day.
 * {@link #invalid()} breaks exactly one field of a valid set, so every check of {@code MarketConfig} gets exercised.
 *
 * {@snippet :
 * Arbitrary<RiskParameters> valid = SolventArbitraries.riskParameters().initialMargin(0.05, 0.2);
 * Arbitrary<RiskParameters> broken = SolventArbitraries.riskParameters().invalid();
 * }
 */
public final class RiskParametersArbitrary extends ArbitraryDecorator<RiskParameters> {

    private static final I256 PPM = I256.of(1_000_000_000_000L); // 1e12: one part per million as a WAD

    private final int minImPpm;
    private final int maxImPpm;
    private final boolean invalid;

    RiskParametersArbitrary(int minImPpm, int maxImPpm, boolean invalid) {
        this.minImPpm = minImPpm;
        this.maxImPpm = maxImPpm;
        this.invalid = invalid;
    }

    /** {@return the same arbitrary with the initial margin drawn from {@code [min, max]} (fractions of notional)} */
    public RiskParametersArbitrary initialMargin(double min, double max) {
        if (!(min > 0 && min <= max && max <= 1)) {
            throw new IllegalArgumentException("initial margin range: valid: 0 < min <= max <= 1");
        }
        return new RiskParametersArbitrary((int) Math.round(min * 1e6), (int) Math.round(max * 1e6), invalid);
    }

    /** {@return an arbitrary of parameter sets that each break exactly one rule of {@code MarketConfig}} */
    public RiskParametersArbitrary invalid() {
        return new RiskParametersArbitrary(minImPpm, maxImPpm, true);
    }

    static Wad ppm(long ppm) {
        return new Wad(I256.of(ppm).times(PPM));
    }

    @Override
    protected Arbitrary<RiskParameters> arbitrary() {
        Arbitrary<Integer> im = Arbitraries.integers().between(minImPpm, maxImPpm);
        // maintenance as a share of initial, in per mille; 1000 means one wei below initial
        Arbitrary<Integer> mmShare = Arbitraries.integers().between(100, 1000).edgeCases(e -> e.add(1000, 100));
        Arbitrary<Integer> penalty = Arbitraries.integers().between(0, 100_000).edgeCases(e -> e.add(0));
        Arbitrary<Integer> band = Arbitraries.integers().between(20_000, 200_000);
        Arbitrary<Integer> funding = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1_000, 50_000)));
        Arbitrary<Integer> fee = Arbitraries.integers().between(0, 1_000).edgeCases(e -> e.add(0));
        Arbitrary<RiskParameters> valid = Combinators.combine(im, mmShare, penalty, band, funding, fee, fee)
                .as((i, m, p, b, f, tf, mf) -> {
                    Wad imr = ppm(i);
                    Wad mmr = m == 1000
                            ? new Wad(imr.raw().minus(I256.ONE))
                            : new Wad(imr.raw()
                                    .times(I256.of(m))
                                    .divide(I256.of(1000), dev.solvent.model.math.Rounding.FLOOR));
                    return new RiskParameters(
                            imr,
                            mmr,
                            ppm(p),
                            ppm(b),
                            ppm(f),
                            ppm(tf),
                            ppm(mf),
                            U256.parse("1000000000000000000000000000"),
                            3600);
                });
        if (!invalid) {
            return valid;
        }
        return Combinators.combine(valid, Arbitraries.integers().between(0, 9)).as(RiskParametersArbitrary::breakOne);
    }

    private static RiskParameters breakOne(RiskParameters p, int which) {
        Wad over = ppm(1_000_001);
        Wad initial = p.initialMargin();
        Wad penalty = p.liquidationPenalty();
        Wad band = p.priceBand();
        Wad funding = p.maxFundingRatePerDay();
        Wad taker = p.takerFee();
        Wad maker = p.makerFee();
        long age = p.maxOracleAge();
        switch (which) {
            case 0 -> {
                return p.withMaintenanceMargin(p.initialMargin());
            }
            case 1 -> {
                return p.withMaintenanceMargin(Wad.ZERO);
            }
            case 2 -> initial = over;
            case 3 -> penalty = over;
            case 4 -> penalty = ppm(-1);
            case 5 -> band = Wad.ZERO;
            case 6 -> funding = over;
            case 7 -> taker = ppm(100_001);
            case 8 -> maker = ppm(100_001);
            default -> age = 0;
        }
        return new RiskParameters(
                initial, p.maintenanceMargin(), penalty, band, funding, taker, maker, p.maxOpenInterest(), age);
    }
}
