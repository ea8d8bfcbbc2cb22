package dev.solvent.mirror.comet;

import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;

/**
 * The differential campaign: random sequences of Comet actions run on the mirror and on Comet's own bytecode on a
 * local anvil, with everything observable compared after every step. CI runs a bounded campaign; {@code
 * -Dsolvent.conformance=long} runs 10,000 sequences. Coverage gates fail the run if too few sequences reach the
 * states that matter (absorbs into a deficit, storefront buys on both sides of the target, the liquidation boundary,
 * long idle times, both markets).
 */
@AddLifecycleHook(CometDifferentialProperties.NeedsAnvil.class)
class CometDifferentialProperties {

    /** Sequences between two anvil restarts: a long-lived node slows down as its history grows. */
    private static final int RESTART_EVERY = 400;

    private static AnvilChain anvil;
    private static List<CometCampaign.Market> markets;
    private static String snapshot;
    private static int sinceRestart;
    private static final AtomicLong SEQUENCES = new AtomicLong();
    private static final AtomicLong ACTIONS = new AtomicLong();
    private static final AtomicLong REVERTS = new AtomicLong();
    private static final AtomicLong ABSORBS = new AtomicLong();
    private static final AtomicLong BUYS = new AtomicLong();
    private static long startedAt;

    /** Skips the campaign with the reason when there is no anvil (a failure under CI, as AnvilChain decides). */
    static final class NeedsAnvil implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            if (anvil == null) {
                Either<String, AnvilChain> started = AnvilChain.start();
                if (started.isLeft()) {
                    return SkipResult.skip(started.getLeft());
                }
                anvil = started.get();
                deployMarkets();
                startedAt = System.nanoTime();
            }
            return SkipResult.doNotSkip();
        }
    }

    private static void deployMarkets() {
        markets = List.of(
                CometCampaign.deploy(anvil, "USDC-like base (6 decimals, 1 USD)", usdcMarket()),
                CometCampaign.deploy(anvil, "WETH-like base (18 decimals, 2,000 USD)", wethMarket()));
        snapshot = anvil.snapshot();
        sinceRestart = 0;
    }

    @Property(seed = "20261207")
    void mirrorMatchesCometBytecode(@ForAll("sequences") Sequence sequence) {
        check(sequence);
    }

    /** A market (0 or 1) and its steps. */
    record Sequence(int market, List<CometSteps> steps) {}

    @Provide
    Arbitrary<Sequence> sequences() {
        return Combinators.combine(Arbitraries.integers().between(0, 1), CometSteps.sequences(2))
                .as(Sequence::new);
    }

    private static void check(Sequence sequence) {
        if (sinceRestart >= RESTART_EVERY) {
            anvil.close();
            anvil = AnvilChain.start().getOrElseThrow(reason -> new AssertionError(reason));
            deployMarkets();
        }
        anvil.revert(snapshot);
        snapshot = anvil.snapshot();
        sinceRestart++;
        CometCampaign.Market market = markets.get(sequence.market());
        CometCampaign.Outcome o = CometCampaign.run(market, sequence.steps());
        SEQUENCES.incrementAndGet();
        ACTIONS.addAndGet(o.actions());
        REVERTS.addAndGet(o.reverts());
        ABSORBS.addAndGet(o.absorbs());
        BUYS.addAndGet(o.buys());
        Statistics.label("market").collect(market.name);
        Statistics.label("absorb into a deficit").collect(o.absorbWithDeficit());
        Statistics.label("buyCollateral below target").collect(o.buyBelowTarget());
        Statistics.label("buyCollateral NotForSale").collect(o.buyNotForSale());
        Statistics.label("liquidation boundary").collect(o.boundary());
        Statistics.label("idle 30 days or more").collect(o.longIdle());
        Statistics.label("absorb into a deficit").coverage(c -> c.check(true).percentage(p -> p >= 2.0));
        Statistics.label("buyCollateral below target")
                .coverage(c -> c.check(true).percentage(p -> p >= 2.0));
        Statistics.label("buyCollateral NotForSale").coverage(c -> c.check(true).percentage(p -> p >= 2.0));
        Statistics.label("liquidation boundary").coverage(c -> c.check(true).percentage(p -> p >= 5.0));
        Statistics.label("idle 30 days or more").coverage(c -> c.check(true).percentage(p -> p >= 5.0));
        Statistics.label("market").coverage(c -> {
            c.check(markets.get(0).name).percentage(p -> p >= 25.0);
            c.check(markets.get(1).name).percentage(p -> p >= 25.0);
        });
    }

    @AfterContainer
    static void report() throws IOException {
        if (anvil == null) {
            return;
        }
        anvil.close();
        anvil = null;
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        long calls = CometCampaign.TIMED_CALLS.get();
        double mirrorRate = calls / (CometCampaign.MIRROR_NANOS.get() / 1e9);
        double chainRate = calls / (CometCampaign.CHAIN_NANOS.get() / 1e9);
        String line = String.format(
                "comet conformance: %d sequences, %d actions (%d reverts compared), %d absorbs, %d buys,"
                        + " 0 divergences, %.1f s; the same %d calls: mirror %.0f calls/s, anvil %.0f calls/s"
                        + " (cold, inside the campaign; JMH CometBenchmark gives the mirror's warm figure)%n",
                SEQUENCES.get(),
                ACTIONS.get(),
                REVERTS.get(),
                ABSORBS.get(),
                BUYS.get(),
                seconds,
                calls,
                mirrorRate,
                chainRate);
        System.out.print(line);
        Path out = Path.of("target", "conformance-comet.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line);
    }

    /** A USDC-like market: 6-decimal base at 1 USD, WETH-like and WBTC-like collateral. */
    static CometMarketSpec usdcMarket() {
        return new CometMarketSpec(
                6,
                BigInteger.valueOf(100_000_000L),
                List.of(
                        new CometMarketSpec.Collateral(
                                18, usd(2_000), wad("0.825"), wad("0.895"), wad("0.95"), BigInteger.TEN.pow(30)),
                        new CometMarketSpec.Collateral(
                                8, usd(30_000), wad("0.7"), wad("0.77"), wad("0.95"), BigInteger.TEN.pow(20))),
                wad("0.9"),
                wad("0.03"),
                wad("0.4"),
                BigInteger.ZERO,
                wad("0.9"),
                wad("0.035"),
                wad("0.25"),
                wad("0.015"),
                wad("0.6"),
                BigInteger.valueOf(1_000_000_000_000_000L),
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.valueOf(1_000_000_000_000L),
                BigInteger.valueOf(100_000_000L),
                BigInteger.valueOf(200_000_000_000L));
    }

    /** A WETH-like market: 18-decimal base at 2,000 USD (so prices do not cancel), cbETH-like and USDC-like collateral. */
    static CometMarketSpec wethMarket() {
        return new CometMarketSpec(
                18,
                usd(2_000),
                List.of(
                        new CometMarketSpec.Collateral(
                                18, usd(2_100), wad("0.9"), wad("0.93"), wad("0.975"), BigInteger.TEN.pow(30)),
                        new CometMarketSpec.Collateral(
                                6, usd(1), wad("0.8"), wad("0.85"), wad("0.9"), BigInteger.TEN.pow(20))),
                wad("0.85"),
                wad("0.0185"),
                wad("1"),
                BigInteger.ZERO,
                wad("0.85"),
                wad("0.015"),
                wad("1.2"),
                wad("0.01"),
                wad("0.5"),
                BigInteger.valueOf(1_000_000_000_000_000L),
                BigInteger.valueOf(11_574_074_074L),
                BigInteger.valueOf(1_157_407_407L),
                wad("1"),
                wad("0.1"),
                wad("1"));
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.valueOf(100_000_000L));
    }

    private static BigInteger wad(String decimal) {
        return new java.math.BigDecimal(decimal).scaleByPowerOfTen(18).toBigIntegerExact();
    }
}
