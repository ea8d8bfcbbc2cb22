package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solvent sweep} killed with SIGKILL halfway and run again into the same {@code --out}, each time in a JVM of
 * its own as a user's would be: the folder must be taken for the same sweep on every start, whatever order that JVM
 * gives its hash maps, and the table must come out as if nothing had happened.
 */
class SweepResumeTest {

    /**
     * Four fields set at every point and two swept: six fields per run, which a hash map held in an order of the JVM
     * start's choosing when the fingerprint was its {@code toString()}.
     */
    static final String SWEEP = """
            scenario: %s
            seed: 11
            runs: 4
            set:
              traders.count: "60"
              blocks: "150"
              sampleEvery: "50"
              oracle.latencyBlocks: "1"
            grid:
              protocol.insuranceFund: ["1000", "50000"]
              protocol.markets.ETH-PERP.maintenanceMargin: ["0.02", "0.04"]
            """;

    static final int CELLS = 2 * 2 * 4;

    @Test
    void aSweepKilledHalfwayResumesInAnotherJvmIntoTheTableOfOneThatWasNot(@TempDir Path dir) throws Exception {
        Path sweep = Files.writeString(
                dir.resolve("sweep.yaml"),
                SWEEP.formatted(RunCommandTest.SMALL.toAbsolutePath().normalize()));
        Path whole = dir.resolve("whole");
        Cli.Run reference =
                Cli.run("sweep", sweep.toString(), "--out", whole.toString(), "--threads", "1", "--no-progress");
        assertThat(reference.code()).as(reference.err()).isZero();
        byte[] table = Files.readAllBytes(whole.resolve("results.csv"));

        Path out = dir.resolve("out");
        Path runs = out.resolve("runs");
        String[] args = {"sweep", sweep.toString(), "--out", out.toString(), "--threads", "1"};
        // killed after two runs, then killed again after two more: each JVM start takes the folder for its sweep
        Map<Path, FileTime> kept = killAfter(dir, "killed", runs, 2, args);
        Map<Path, FileTime> keptAgain = killAfter(dir, "killed-again", runs, kept.size() + 2, args);
        assertThat(keptAgain).containsAllEntriesOf(kept);
        assertThat(out.resolve("results.csv")).doesNotExist();

        // resumed by a third: it keeps the runs the killed ones finished and runs only the others
        run(dir, "resumed", args);
        assertThat(Files.readAllBytes(out.resolve("results.csv"))).isEqualTo(table);
        Map<Path, FileTime> all = finished(runs);
        assertThat(all).hasSize(CELLS).containsAllEntriesOf(keptAgain);

        // and the finished sweep run again, by a fourth, runs nothing and writes the same table
        run(dir, "again", args);
        assertThat(finished(runs)).isEqualTo(all);
        assertThat(Files.readAllBytes(out.resolve("results.csv"))).isEqualTo(table);
    }

    /**
     * {@return the finished runs} after starting {@code solvent} and killing it with SIGKILL once at least {@code runs}
     * runs are finished, before it finishes them all
     */
    static Map<Path, FileTime> killAfter(Path dir, String name, Path folder, int runs, String... args)
            throws Exception {
        Process p = solvent(dir, name, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finished(folder).size() < runs && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        boolean alive = p.isAlive();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(alive)
                .as("%s still running when killed: %s", name, Files.readString(dir.resolve(name + ".err")))
                .isTrue();
        Map<Path, FileTime> kept = finished(folder);
        assertThat(kept.size()).as("runs finished by %s", name).isBetween(runs, CELLS - 1);
        return kept;
    }

    /** {@code solvent} in a JVM of its own, on this test's class path, its output in {@code NAME.out} and {@code .err}. */
    static Process solvent(Path dir, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.add("--no-progress");
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    static void run(Path dir, String name, String... args) throws Exception {
        Process p = solvent(dir, name, args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            fail(name + " did not finish in 120 s");
        }
        assertThat(p.exitValue())
                .as("%s: %s", name, Files.readString(dir.resolve(name + ".err")))
                .isZero();
    }

    /** {@return the finished runs kept in a sweep's {@code runs} folder, with when each was written} */
    static Map<Path, FileTime> finished(Path runs) throws IOException {
        Map<Path, FileTime> out = new TreeMap<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (Stream<Path> files = Files.list(runs)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("point-\\d+-run-\\d+\\.json"))
                    .toList()) {
                out.put(f.getFileName(), Files.getLastModifiedTime(f));
            }
        }
        return out;
    }
}
