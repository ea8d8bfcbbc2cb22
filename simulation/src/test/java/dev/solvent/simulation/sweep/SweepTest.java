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
    void zippedFieldsMoveTogetherAsOneAxisOfTheGrid(@TempDir Path dir) throws Exception {
        Sweep s = sweep("""
                scenario: small.yaml
                runs: 1
                grid:
                  protocol.insuranceFund: ["1000", "100000"]
                zip:
                  traders.leverage.max: ["5", "10", "20"]
                  protocol.markets.ETH-PERP.maintenanceMargin: ["0.04", "0.03", "0.02"]
                """, dir);
        // 2 funds x 3 zipped pairs, the zipped axis varying fastest; never a pair that the zip does not list
        assertThat(s.parameters())
                .containsExactly(
                        "protocol.insuranceFund",
                        "traders.leverage.max",
                        "protocol.markets.ETH-PERP.maintenanceMargin");
        assertThat(s.points().stream().map(Sweep.Point::values).toList())
                .containsExactly(
                        List.of("1000", "5", "0.04"),
                        List.of("1000", "10", "0.03"),
                        List.of("1000", "20", "0.02"),
                        List.of("100000", "5", "0.04"),
                        List.of("100000", "10", "0.03"),
                        List.of("100000", "20", "0.02"));
        assertThat(s.cells().get(4).overrides())
                .containsEntry("protocol.insuranceFund", "100000")
                .containsEntry("traders.leverage.max", "10")
                .containsEntry("protocol.markets.ETH-PERP.maintenanceMargin", "0.03");
        // a zip alone is a sweep too, and its table has a row per pair
        Sweep alone = sweep("""
                scenario: small.yaml
                runs: 1
                set:
                  traders.count: "40"
                  blocks: "100"
                zip:
                  traders.leverage.max: ["5", "10"]
                  protocol.markets.ETH-PERP.maintenanceMargin: ["0.04", "0.03"]
                """, dir);
        assertThat(alone.points()).hasSize(2);
        assertThat(SweepTable.of(alone, LocalSweep.run(alone, 1, null, r -> {})).rows())
                .extracting(row -> row.subList(0, 2))
                .containsExactly(List.of("5", "0.04"), List.of("10", "0.03"));
    }

    @Test
    void everyExampleSweepReadsWithEveryPointValid() throws Exception {
        List<Path> examples;
        try (var files = Files.list(Path.of("..", "examples", "sweeps"))) {
            examples =
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).isNotEmpty();
        for (Path f : examples) {
            assertThat(SweepReader.read(f).points()).as("%s", f).isNotEmpty();
        }
    }

    @Test
    void aZipWhoseListsDifferInLengthOrRepeatAFieldIsRefusedNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> sweep("""
                        scenario: small.yaml
                        grid:
                          protocol.insuranceFund: ["1000"]
                        zip:
                          traders.leverage.max: ["5", "10", "20"]
                          protocol.markets.ETH-PERP.maintenanceMargin: ["0.05", "0.03"]
                          protocol.insuranceFund: ["1", "2", "3"]
                        """, dir))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("sweep.yaml: zip.protocol.markets.ETH-PERP.maintenanceMargin: has 2 values where"
                        + " zip.traders.leverage.max has 3; valid: lists of one length, whose i-th values go together")
                .hasMessageContaining("sweep.yaml: zip.protocol.insuranceFund: is also in grid; valid: each field in"
                        + " one of set, grid and zip");
        assertThatThrownBy(() -> sweep("""
                        scenario: small.yaml
                        zip:
                          traders.leverage.max: ["5", "5"]
                          protocol.markets.ETH-PERP.maintenanceMargin: ["0.05", "0.05"]
                        """, dir))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(
                        "sweep.yaml: zip: combination 1 [5, 0.05] is listed twice; valid: distinct" + " combinations");
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

    /** A sweep as the file in {@link #SWEEP}, its fixed overrides in the given order, on a pinned scenario text. */
    static Sweep pinned(java.util.SequencedMap<String, String> fixed, List<List<String>> values) {
        return new Sweep(
                "sweep.yaml",
                "small.yaml",
                "name: pinned\n",
                9,
                2,
                fixed,
                List.of("protocol.insuranceFund", "prices.ETH/USD.impact.depth"),
                values,
                "protocol.insuranceFund",
                "prices.ETH/USD.impact.depth");
    }

    static final List<List<String>> GRID = List.of(List.of("1000", "100000"), List.of("50000000", "5000000000"));

    @Test
    void theFingerprintIsACanonicalFormThatNoMapOrderChanges(@TempDir Path dir) throws Exception {
        java.util.LinkedHashMap<String, String> countFirst = new java.util.LinkedHashMap<>();
        countFirst.put("traders.count", "80");
        countFirst.put("blocks", "250");
        Sweep s = pinned(countFirst, GRID);
        // the same sweep with its maps in other orders, and every cell's fields in reverse order
        Sweep reversed = pinned(countFirst.reversed(), GRID);
        assertThat(LocalSweep.fingerprint(reversed)).isEqualTo(LocalSweep.fingerprint(s));
        List<Sweep.Cell> backwards = s.cells().stream()
                .map(c -> {
                    java.util.LinkedHashMap<String, String> o = new java.util.LinkedHashMap<>();
                    new java.util.TreeMap<>(c.overrides()).reversed().forEach(o::put);
                    return new Sweep.Cell(c.point(), c.run(), c.seed(), o);
                })
                .toList();
        assertThat(LocalSweep.fingerprint(s.scenarioYaml(), backwards)).isEqualTo(LocalSweep.fingerprint(s));
        // the form: fields sorted by path, texts quoted, the cells' seeds; pinned, as folders outlive a JVM
        long seed0 = Sweep.runSeed(9, 0, 0);
        long seed1 = Sweep.runSeed(9, 0, 1);
        assertThat(LocalSweep.canonical(s))
                .startsWith("solvent sweep fingerprint 2\n"
                        + "scenario a0b6077ab4bed1a7dfc5e2ec4ccf1deaf16ff42d7a020c04c34929a96885a8a1\n"
                        + "cells 8\n"
                        + "cell 0 0 " + seed0 + " 4\n"
                        + "set \"blocks\" \"250\"\n"
                        + "set \"prices.ETH/USD.impact.depth\" \"50000000\"\n"
                        + "set \"protocol.insuranceFund\" \"1000\"\n"
                        + "set \"traders.count\" \"80\"\n"
                        + "cell 0 1 " + seed1 + " 4\n")
                .endsWith("cell 3 1 " + seed1 + " 4\n"
                        + "set \"blocks\" \"250\"\n"
                        + "set \"prices.ETH/USD.impact.depth\" \"5000000000\"\n"
                        + "set \"protocol.insuranceFund\" \"100000\"\n"
                        + "set \"traders.count\" \"80\"\n");
        assertThat(LocalSweep.fingerprint(s))
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(LocalSweep.canonical(s).getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .isEqualTo("ef61da0fb57c22636a0a40846ee62c5b85cc3d5c5aae23964d1c2e5134187505");
        // read from files whose set and grid are written in other orders: the same sweep when the points are
        Sweep read = sweep(SWEEP, dir);
        String setSwapped = SWEEP.replace(
                "  traders.count: \"80\"\n  blocks: \"250\"\n", "  blocks: \"250\"\n  traders.count: \"80\"\n");
        assertThat(setSwapped).isNotEqualTo(SWEEP);
        assertThat(LocalSweep.fingerprint(sweep(setSwapped, dir))).isEqualTo(LocalSweep.fingerprint(read));
        // what decides no run (the heatmap's axes) leaves it alone
        assertThat(LocalSweep.fingerprint(
                        sweep(SWEEP + "heatmap: {x: prices.ETH/USD.impact.depth, y: protocol.insuranceFund}\n", dir)))
                .isEqualTo(LocalSweep.fingerprint(read));
        // another grid, another value, another order of the values (other points), another seed: another sweep
        for (String other : List.of(
                SWEEP.replace("[\"1000\", \"100000\"]", "[\"1000\", \"100001\"]"),
                SWEEP.replace("[\"1000\", \"100000\"]", "[\"1000\", \"100000\", \"200000\"]"),
                SWEEP.replace("[\"1000\", \"100000\"]", "[\"100000\", \"1000\"]"),
                SWEEP.replace("blocks: \"250\"", "blocks: \"251\""),
                SWEEP.replace("runs: 2", "runs: 3"),
                SWEEP.replace("seed: 9", "seed: 10"),
                SWEEP.replace("  prices.ETH/USD.impact.depth: [\"50000000\", \"5000000000\"]\n", ""))) {
            assertThat(other).isNotEqualTo(SWEEP);
            assertThat(LocalSweep.fingerprint(sweep(other, dir))).as(other).isNotEqualTo(LocalSweep.fingerprint(read));
        }
        // a value cannot pass for a field: texts are quoted
        java.util.LinkedHashMap<String, String> one = new java.util.LinkedHashMap<>();
        one.put("a", "1, b=2");
        java.util.LinkedHashMap<String, String> two = new java.util.LinkedHashMap<>();
        two.put("a", "1");
        two.put("b", "2");
        assertThat(LocalSweep.fingerprint(pinned(one, GRID))).isNotEqualTo(LocalSweep.fingerprint(pinned(two, GRID)));
    }

    @Test
    void aFolderBegunUnderTheFormerFingerprintIsResumedWhenItsFingerprintWasStable(@TempDir Path dir) throws Exception {
        // one field per point: the former digest of the cells' toString() did not depend on the JVM start
        Sweep s = sweep("scenario: small.yaml\nseed: 3\nruns: 1\ngrid: {blocks: [\"200\", \"250\"]}\n", dir);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(s.scenarioYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(s.cells().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String former = java.util.HexFormat.of().formatHex(md.digest());
        assertThat(LocalSweep.legacyFingerprint(s)).isEqualTo(former);
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("runs"));
        Files.writeString(out.resolve("runs").resolve(LocalSweep.FINGERPRINT), former + "\n");
        assertThat(LocalSweep.run(s, 1, out, r -> {})).hasSize(2);
        assertThat(Files.readString(out.resolve("runs").resolve(LocalSweep.FINGERPRINT)))
                .isEqualTo(LocalSweep.fingerprint(s) + "\n");
        // with two fields or more per point it was not, and is not taken for anything
        assertThat(LocalSweep.legacyFingerprint(sweep(SWEEP, dir))).isNull();
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
                                        + " seed, set, zip",
                                "sweep.yaml: runs: 0 is out of range; valid: a whole number in [1, 1000000]",
                                "sweep.yaml: grid: missing or empty; valid: a mapping of scenario field to a list of"
                                        + " values, such as protocol.insuranceFund: [\"500000\", \"1000000\"] (or zip:"
                                        + " fields that vary together)"));
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
