package dev.solvent.sweepspark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.simulation.sweep.LocalSweep;
import dev.solvent.simulation.sweep.Sweep;
import dev.solvent.simulation.sweep.SweepFiles;
import dev.solvent.simulation.sweep.SweepReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line: a whole run in local mode, bad sweep files and an unreachable master. */
class MainTest {

    record Outcome(int code, String out, String err) {}

    static Outcome run(SparkConf conf, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, conf, new PrintWriter(out), new PrintWriter(err));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aSweepInLocalModeWritesTheLocalRunnersResultsAndReportAndTheRunsAsParquet(@TempDir Path dir) throws Exception {
        Path file = SparkSweepTest.resource("small-2x2.yaml");
        Path out = dir.resolve("out");
        Outcome o = run(
                new SparkConf(false).setMaster("local[2]"),
                "sweep",
                file.toString(),
                "--out",
                out.toString(),
                "--partitions",
                "3");

        assertThat(o.err()).isEmpty();
        assertThat(o.code()).isZero();
        assertThat(o.out())
                .contains("4 points x 2 runs on Spark local[2], 3 partitions")
                .contains("; 0 failed runs");
        Sweep sweep = SweepReader.read(file);
        SweepFiles.write(dir.resolve("local"), sweep, LocalSweep.run(sweep, 1, null, r -> {}));
        assertThat(Files.readAllBytes(out.resolve("results.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve("results.csv")));
        assertThat(Files.readString(out.resolve("report.html"))).contains("Solvent sweep");
        assertThat(Files.readAllBytes(out.resolve("report.html")))
                .as("report.html, byte for byte the local runner's")
                .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve("report.html")));
        try (var parts = Files.list(out.resolve("runs.parquet"))) {
            assertThat(parts.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".parquet"));
        }
    }

    @Test
    void aParquetLocationSparkCannotWriteIsOneLineAndExit3AfterTheTableIsWritten(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path out = dir.resolve("out");
        String parquet = file.resolve("runs.parquet").toUri().toString();
        Outcome o = run(
                new SparkConf(false).setMaster("local[2]"),
                "sweep",
                SparkSweepTest.resource("small-2x2.yaml").toString(),
                "--out",
                out.toString(),
                "--parquet",
                parquet);

        assertThat(o.code()).isEqualTo(3);
        assertThat(o.err().lines())
                .singleElement()
                .asString()
                .startsWith("solvent-sweep-spark sweep: cannot write " + parquet
                        + " (results.csv and report.html are written): ");
        assertThat(out.resolve("results.csv")).isRegularFile();
    }

    @Test
    void aBadSweepFileListsItsProblemsExitsWith2AndStartsNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "scenario: small.yaml\nruns: 0\ngrid: {}\ncolour: red\n");
        Path out = dir.resolve("out");
        // a master nobody listens on: reading the file fails first, so Spark is never asked
        Outcome o = run(
                new SparkConf(false).setMaster("spark://127.0.0.1:1"),
                "sweep",
                file.toString(),
                "--out",
                out.toString());

        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err().lines())
                .containsExactlyInAnyOrder(
                        file
                                + ": colour: unknown field; valid fields here: grid, heatmap, runs, scenario, seed, set, zip",
                        file + ": runs: 0 is out of range; valid: a whole number in [1, 1000000]",
                        file + ": grid: missing or empty; valid: a mapping of scenario field to a list of values,"
                                + " such as protocol.insuranceFund: [\"500000\", \"1000000\"] (or zip: fields that vary"
                                + " together)",
                        "solvent-sweep-spark sweep: 3 problems in the input; nothing was run");
        assertThat(out).doesNotExist();

        Outcome missing =
                run(new SparkConf(false), "sweep", dir.resolve("nope.yaml").toString(), "--out", "x");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: file not found");
        assertThat(run(new SparkConf(false), "sweep", file.toString(), "--out", out.toString(), "--partitions", "0")
                        .err())
                .contains("--partitions: 0 is out of range; valid: 1 to 1000000");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anUnreachableMasterIsOneClearLineAndANonZeroExit(@TempDir Path dir) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String master = "spark://127.0.0.1:" + closed;
        Outcome o = run(
                new SparkConf(false).setMaster(master),
                "sweep",
                SparkSweepTest.resource("small-2x2.yaml").toString(),
                "--out",
                dir.resolve("out").toString(),
                "--connect-timeout",
                "5");

        assertThat(o.code()).isEqualTo(3);
        assertThat(o.err().lines())
                .singleElement()
                .asString()
                .startsWith("solvent-sweep-spark sweep: cannot reach the Spark master " + master + " (127.0.0.1:"
                        + closed + ": ")
                .contains("valid: the URL of a running master");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
