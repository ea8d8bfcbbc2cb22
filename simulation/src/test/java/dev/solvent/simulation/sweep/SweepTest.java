package dev.solvent.simulation.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.simulation.TestScenarios;
import dev.solvent.simulation.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps: the grid, the seeds, the table, threads, resuming and failures. */
class SweepTest {

    static final String SWEEP = """
            scenario: small.yaml
            seed: 9
            runs: 2
            set:
              traders.count: "80"
              blocks: "250"
            grid:
              protocol.insuranceFund: ["1000", "100000"]
              prices.ETH/USD.impact.depth: ["50000000", "5000000000"]
            """;

    static Sweep sweep(String yaml, Path folder) throws Exception {
        Files.writeString(folder.resolve("small.yaml"), TestScenarios.smallYaml());
        return SweepReader.parse("sweep.yaml", yaml, folder);
    }

    @Test
    void theGridIsEveryCombinationAndEveryPointSharesItsSeeds(@TempDir Path dir) throws Exception {
        Sweep s = sweep(SWEEP, dir);
        assertThat(s.points()).hasSize(4);
        assertThat(s.points().get(1).values()).containsExactly("1000", "5000000000");
        assertThat(s.cells()).hasSize(8);
        // common random numbers: run r has the same seed at every point, and runs differ
        assertThat(s.cells().stream()
                        .filter(c -> c.run() == 0)
                        .map(Sweep.Cell::seed)
                        .distinct())
                .hasSize(1);
        assertThat(s.cells().get(0).seed()).isNotEqualTo(s.cells().get(1).seed());
        assertThat(s.cells().get(3).overrides())
                .containsEntry("protocol.insuranceFund", "1000")
                .containsEntry("prices.ETH/USD.impact.depth", "5000000000")
                .containsEntry("traders.count", "80");
    }

    @Test
    void oneThreadAndTwoGiveTheSameTableAndABiggerFundLetsLessThrough(@TempDir Path dir) throws Exception {
        Sweep s = sweep(SWEEP, dir);
        List<CellResult> one = LocalSweep.run(s, 1, null, r -> {});
        List<CellResult> two = LocalSweep.run(s, 2, null, r -> {});
        String table = SweepTable.of(s, one).csv();
        assertThat(SweepTable.of(s, two).csv()).isEqualTo(table);
        assertThat(one).allSatisfy(r -> assertThat(r.ok()).isTrue());
        // same seeds and depth, a fund 100x larger: the loss past it can only shrink
        for (int run = 0; run < 2; run++) {
            for (int depth = 0; depth < 2; depth++) {
                CellResult small = one.get(depth * 2 + run);
                CellResult big = one.get(4 + depth * 2 + run);
                assertThat(SweepTable.badDebt(big.summary())).isLessThanOrEqualTo(SweepTable.badDebt(small.summary()));
            }
        }
    }

    @Test
    void aRestartSkipsTheRunsAlreadyFinished(@TempDir Path dir) throws Exception {
        Sweep s = sweep(SWEEP, dir);
        Path out = dir.resolve("out");
        List<CellResult> first = LocalSweep.run(s, 2, out, r -> {});
        try (var files = Files.list(out.resolve("runs"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json"))).hasSize(8);
        }
        Files.delete(out.resolve("runs").resolve(LocalSweep.fileName(2, 1)));
        Files.writeString(out.resolve("runs").resolve(LocalSweep.fileName(0, 0)), "{half-writ");
        AtomicInteger seen = new AtomicInteger();
        List<CellResult> second = LocalSweep.run(s, 2, out, r -> seen.incrementAndGet());
        assertThat(second).isEqualTo(first);
        assertThat(seen).hasValue(8);
        // another sweep into the same folder is refused
        Sweep other = sweep(SWEEP.replace("seed: 9", "seed: 10"), dir);
        assertThatThrownBy(() -> LocalSweep.run(other, 1, out, r -> {}))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("holds the runs of another sweep");
    }

    @Test
    void aRunThatFailsIsAFailedCellNotAFailedSweep(@TempDir Path dir) throws Exception {
        Sweep s = sweep(SWEEP, dir);
        // a cell whose overrides break its scenario (as a corrupted cluster task would)
        Sweep.Cell bad = new Sweep.Cell(0, 0, 1, java.util.Map.of("traders.count", "-1"));
        CellResult r = CellResult.run(s, bad);
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("traders.count: -1 is out of range");
        List<CellResult> results = new ArrayList<>(LocalSweep.run(s, 2, null, x -> {}));
        results.set(0, r);
        SweepTable t = SweepTable.of(s, results);
        assertThat(t.rows().get(0).get(t.columns().indexOf("failed"))).isEqualTo("1");
        assertThat(t.rows().get(0).get(t.columns().indexOf("first_error"))).startsWith("run 0: ");
    }

    @Test
    void badSweepFilesSayWhatIsWrong(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> sweep("scenario: small.yaml\nruns: 0\ngrid: {}\ncolour: red\n", dir))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactlyInAnyOrder(
                                "sweep.yaml: colour: unknown field; valid fields here: grid, heatmap, runs, scenario,"
                                        + " seed, set",
                                "sweep.yaml: runs: 0 is out of range; valid: a whole number in [1, 1000000]",
                                "sweep.yaml: grid: missing or empty; valid: a mapping of scenario field to a list of"
                                        + " values, such as protocol.insuranceFund: [\"500000\", \"1000000\"]"));
        assertThatThrownBy(() -> sweep("scenario: small.yaml\ngrid: {oracle.deviationBps: [\"50\", \"0\"]}\n", dir))
                .hasMessageContaining("grid point {oracle.deviationBps=0}")
                .hasMessageContaining("oracle.deviationBps: 0 is out of range");
    }

    @Test
    void percentilesAreNearestRank() {
        long[] v = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
        assertThat(SweepTable.percentile(v, 50, 0)).isEqualTo("40");
        assertThat(SweepTable.percentile(v, 95, 0)).isEqualTo("90");
        assertThat(SweepTable.percentile(v, 99, 1)).isEqualTo("9.0");
        assertThat(SweepTable.percentile(new long[] {7}, 50, 0)).isEqualTo("7");
        assertThat(SweepTable.percentile(new long[0], 50, 0)).isEmpty();
    }
}
