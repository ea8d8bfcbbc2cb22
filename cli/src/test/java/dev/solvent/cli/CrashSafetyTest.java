package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solvent run} and {@code solvent sweep} killed with SIGKILL at moments drawn from a seeded generator, each in a
 * JVM of its own as a user's would be, then run again into the same {@code --out}: after a kill the folder holds
 * nothing or complete files (each byte for byte the file an uninterrupted run writes; a file being written is a hidden
 * {@code .NAME.tmp} beside it until it is moved into place), and the run again gives exactly the uninterrupted run's
 * files, the sweep's {@code results.csv} included.
 */
class CrashSafetyTest {

    private static final int KILLS = 2;

    /**
     * Two points of six runs, each a hundred traders for 1,500 blocks: about 150 ms a run, so that a kill a seeded few
     * milliseconds (under 50) after a run is kept lands while the sweep still runs, on a fast machine too.
     */
    private static final String SWEEP = """
            scenario: %s
            seed: 11
            runs: 6
            set:
              traders.count: "100"
              blocks: "1500"
              sampleEvery: "50"
            grid:
              protocol.insuranceFund: ["1000", "50000"]
            """;

    @TempDir
    Path dir;

    @Test
    void aRunKilledAtAnyMomentLeavesNothingOrCompleteFilesAndRunsAgainIntoTheSameFiles() throws Exception {
        Path scenario = Files.writeString(
                dir.resolve("scenario.yaml"),
                Files.readString(RunCommandTest.SMALL)
                        .replace("count: 300", "count: 60")
                        .replace("blocks: 900", "blocks: 300"));
        Path whole = dir.resolve("whole");
        long started = System.nanoTime();
        SweepResumeTest.run(dir, "whole", "run", scenario.toString(), "--out", whole.toString());
        long took = System.nanoTime() - started;
        Map<String, byte[]> reference = files(whole);
        assertThat(reference).containsKeys("summary.json", "timeseries.csv", "events.jsonl", "report.html");

        Path out = dir.resolve("out");
        RandomGenerator moments = RandomGeneratorFactory.of("L64X128MixRandom").create(20);
        for (int k = 0; k < KILLS; k++) {
            // anywhere from the JVM's start to a little past the uninterrupted run's end
            long after = (long) (took * (0.3 + 0.8 * moments.nextDouble()));
            killAfter(dir, "killed-" + k, after, "run", scenario.toString(), "--out", out.toString());
            assertCompleteOrNothing(out, reference);
        }

        SweepResumeTest.run(dir, "again", "run", scenario.toString(), "--out", out.toString());
        assertThat(files(out)).containsOnlyKeys(reference.keySet());
        reference.forEach(
                (name, bytes) -> assertThat(files(out).get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void aSweepKilledAtAnyMomentResumesIntoTheTableOfOneThatWasNot() throws Exception {
        Path sweep = Files.writeString(
                dir.resolve("sweep.yaml"),
                SWEEP.formatted(RunCommandTest.SMALL.toAbsolutePath().normalize()));
        Path whole = dir.resolve("whole");
        Cli.Run reference =
                Cli.run("sweep", sweep.toString(), "--out", whole.toString(), "--threads", "2", "--no-progress");
        assertThat(reference.code()).as(reference.err()).isZero();
        Map<String, byte[]> runs = files(whole.resolve("runs"));

        Path out = dir.resolve("out");
        String[] args = {"sweep", sweep.toString(), "--out", out.toString(), "--threads", "2"};
        RandomGenerator moments = RandomGeneratorFactory.of("L64X128MixRandom").create(21);
        for (int k = 0; k < KILLS; k++) {
            // once a seeded number of runs are kept, and a seeded few milliseconds more: within a run or a write
            int kept = SweepResumeTest.finished(out.resolve("runs")).size();
            int more = 1 + moments.nextInt(2);
            killWhen(dir, "killed-" + k, out.resolve("runs"), kept + more, moments.nextInt(50), args);
            assertThat(out.resolve("results.csv")).doesNotExist();
            assertCompleteOrNothing(out.resolve("runs"), runs);
        }

        SweepResumeTest.run(dir, "resumed", args);
        assertThat(Files.readAllBytes(out.resolve("results.csv")))
                .isEqualTo(Files.readAllBytes(whole.resolve("results.csv")));
        assertThat(files(out.resolve("runs"))).containsOnlyKeys(runs.keySet());
    }

    /** Starts {@code solvent} in a JVM of its own and kills it with SIGKILL after {@code nanos}, if it still runs. */
    private static void killAfter(Path dir, String name, long nanos, String... args) throws Exception {
        Process p = SweepResumeTest.solvent(dir, name, args);
        if (!p.waitFor(nanos, TimeUnit.NANOSECONDS)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Starts a sweep in a JVM of its own and kills it once {@code runs} runs are kept, after {@code millis} more. */
    private static void killWhen(Path dir, String name, Path runsFolder, int runs, int millis, String... args)
            throws Exception {
        Process p = SweepResumeTest.solvent(dir, name, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (SweepResumeTest.finished(runsFolder).size() < runs && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        Thread.sleep(millis);
        assertThat(p.isAlive())
                .as("%s still running when killed: %s", name, Files.readString(dir.resolve(name + ".err")))
                .isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Checks that every file in {@code folder} is complete: byte for byte the one an uninterrupted run writes, or a
     * hidden temporary file ({@code .NAME.tmp}) of one that was being written.
     */
    private static void assertCompleteOrNothing(Path folder, Map<String, byte[]> reference) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> all = Files.list(folder)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    continue;
                }
                assertThat(reference).as("a file the uninterrupted run writes").containsKey(name);
                assertThat(Files.readAllBytes(f)).as("%s is complete", name).isEqualTo(reference.get(name));
            }
        }
    }

    /** {@return the regular files of a folder, by name, with their bytes (temporary files too)} */
    private static Map<String, byte[]> files(Path folder) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.list(folder)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }
}
