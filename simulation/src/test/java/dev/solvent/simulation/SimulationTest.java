package dev.solvent.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.output.RunFiles;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Whole runs of the small scenario: determinism, cascades, losses and where they go. */
class SimulationTest {

    static Vector<Tuple2<String, String>> files(Scenario s, long seed) {
        return RunFiles.files(Simulation.run(s, seed), "USDC");
    }

    @Test
    void sameScenarioAndSeedGiveTheSameBytesOnAnyThread() throws Exception {
        Scenario s = TestScenarios.small(Map.of());
        Vector<Tuple2<String, String>> here = files(s, 11);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Vector<Tuple2<String, String>>> a = pool.submit(() -> files(s, 11));
            Future<Vector<Tuple2<String, String>>> b = pool.submit(() -> files(s, 11));
            assertThat(a.get()).isEqualTo(here);
            assertThat(b.get()).isEqualTo(here);
        } finally {
            pool.shutdownNow();
        }
        assertThat(files(s, 12)).isNotEqualTo(here);
    }

    @Test
    void theGapLiquidatesAccountsAndTheFundPaysWhatTheyCannot() {
        RunResult r = Simulation.run(TestScenarios.small(Map.of()), 3);
        assertThat(r.rows()).hasSize(900);
        assertThat(r.summary().liquidations()).isPositive();
        // the 30% gap lands at block index 100: nobody is liquidated on the calm path before it
        int firstLiquidation = r.rows().indexWhere(row -> row.liquidations() > 0);
        assertThat(firstLiquidation).isGreaterThanOrEqualTo(100);
        // every liquidation is booked: the per-block counts add up to the summary and the keepers' ledgers
        assertThat(r.rows().map(BlockRow::liquidations).sum().longValue())
                .isEqualTo(r.summary().liquidations());
        assertThat(r.summary().keepers().stream()
                        .mapToLong(k -> k.liquidations())
                        .sum())
                .isEqualTo(r.summary().liquidations());
        // losses past the accounts' means end somewhere: the fund, socialized, or bad debt
        long fundPaid = r.summary().insuranceFundStart() - r.summary().insuranceFundMin();
        assertThat(r.summary().shortfall()).isPositive();
        // a shortfall comes from accounts liquidated after their losses passed their means
        assertThat(r.summary().liquidatedUnderwater()).isPositive();
        if (r.summary().socializedLoss() > 0) {
            assertThat(r.summary().fundExhausted()).isTrue();
            assertThat(fundPaid).isPositive();
        }
    }

    @Test
    void withoutPriceImpactThereIsNoCascade() {
        Scenario calm = TestScenarios.small(
                Map.of("prices.ETH/USD.impact.model", "none", "prices.BTC/USD.impact.model", "none"));
        RunResult r = Simulation.run(calm, 3);
        assertThat(r.summary().liquidations()).isPositive();
        assertThat(r.summary().maxCascadeDepth()).isEqualTo(1);
        assertThat(r.summary().cascadeLiquidations()).isZero();
        // the market is the exogenous path, block for block
        long[] eth = dev.solvent.simulation.world.Setup.of(calm, 3).exogenous().get(1);
        for (int i = 0; i < r.rows().size(); i++) {
            assertThat(r.rows().get(i).marketPrices().get(1)).isEqualTo(eth[i]);
        }
    }

    @Test
    void shallowMarketsCascadeDeeperThanDeepOnes() {
        RunResult deep = Simulation.run(TestScenarios.small(Map.of("prices.ETH/USD.impact.depth", "100000000000")), 3);
        RunResult shallow = Simulation.run(TestScenarios.small(Map.of("prices.ETH/USD.impact.depth", "5000000")), 3);
        assertThat(shallow.summary().maxCascadeDepth())
                .isGreaterThan(deep.summary().maxCascadeDepth());
        assertThat(shallow.summary().liquidations())
                .isGreaterThanOrEqualTo(deep.summary().liquidations());
    }

    @Test
    void keepersThatTakePositionsOverSellThemIntoTheMarketToo() {
        Scenario s = TestScenarios.small(Map.of(
                "protocol.receiver", "liquidator", "prices.ETH/USD.impact.depth", "20000000", "traders.count", "150"));
        RunResult r = Simulation.run(s, 3);
        long[] eth = dev.solvent.simulation.world.Setup.of(s, 3).exogenous().get(1);
        assertThat(r.summary().liquidations()).isPositive();
        // the keepers' sales moved ETH below its exogenous path
        assertThat(io.vavr.collection.Vector.range(0, r.rows().size())
                        .exists(i -> r.rows().get(i).marketPrices().get(1) < eth[i]))
                .isTrue();
    }

    @Test
    void aTinyGasLimitDelaysLiquidations() {
        RunResult roomy = Simulation.run(TestScenarios.small(Map.of()), 3);
        RunResult congested = Simulation.run(TestScenarios.small(Map.of("chain.gasLimit", "1000000")), 3);
        assertThat(roomy.summary().delayedLiquidations())
                .isLessThan(congested.summary().delayedLiquidations());
        assertThat(congested.rows().map(BlockRow::pendingLiquidations).max().get())
                .isPositive();
    }

    static java.util.stream.Stream<String> presets() {
        return dev.solvent.model.preset.Presets.all()
                .map(dev.solvent.model.preset.Preset::name)
                .toJavaStream();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("presets")
    void everyPresetLiquidatesInTheCrashAndNoKeeperRunsOutOfGas(String preset) {
        RunResult r = Simulation.run(
                TestScenarios.small(Map.of("protocol.preset", preset, "traders.count", "150", "blocks", "400")), 3);
        assertThat(r.summary().liquidations()).as(preset).isPositive();
        long booked =
                r.summary().keepers().stream().mapToLong(k -> k.liquidations()).sum();
        assertThat(booked).as(preset).isLessThanOrEqualTo(r.summary().liquidations());
        if (!preset.equals("HYPERLIQUID") && !preset.equals("DYDX_V4")) {
            // every mechanism but a vault takeover and a dYdX fill pays the keeper, and its ledger books it
            assertThat(booked).as(preset).isPositive();
        }
        assertThat(r.events()).noneMatch(e -> e.contains("\"event\":\"OutOfGas\""));
        assertThat(r.events()).noneMatch(e -> e.contains("SelfLiquidation"));
    }

    @Test
    void theFilesSayTheSameAsTheSummary() {
        RunResult r = Simulation.run(TestScenarios.small(Map.of()), 5);
        Vector<Tuple2<String, String>> files = RunFiles.files(r, "USDC");
        assertThat(files.map(Tuple2::_1))
                .containsExactly("summary.json", "timeseries.csv", "events.jsonl", "report.html");
        String csv = files.get(1)._2;
        assertThat(csv.lines()).hasSize(901); // header and one row per block
        assertThat(csv.lines().findFirst().get())
                .startsWith("block,timestamp,\"market BTC/USD\",\"oracle BTC/USD\",\"market ETH/USD\"");
        assertThat(files.get(0)._2).contains("\"liquidations\" : " + r.summary().liquidations());
        long liquidatedEvents = files.get(2)
                ._2
                .lines()
                .filter(l -> l.contains("\"event\":\"AccountLiquidated\""))
                .count();
        assertThat(liquidatedEvents).isEqualTo(r.summary().liquidations());
        assertThat(files.get(2)._2).contains("\"account\":\"t0");
    }
}
