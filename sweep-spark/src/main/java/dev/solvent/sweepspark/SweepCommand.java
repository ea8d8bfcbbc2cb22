package dev.solvent.sweepspark;

import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.sweep.CellResult;
import dev.solvent.simulation.sweep.Sweep;
import dev.solvent.simulation.sweep.SweepFiles;
import dev.solvent.simulation.sweep.SweepReader;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sweep FILE --out DIR}: runs a sweep file on Spark and writes the same {@code results.csv} and
 * {@code report.html} as {@code solvent sweep}, plus {@code runs.parquet}, one row per run. The sweep file is read and
 * checked on the driver before Spark starts; its scenario text travels with the cells, so executors need no files.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a sweep file (the format of solvent sweep: a scenario, a grid over any of its fields, runs per point)"
                    + " on Spark and writes results.csv and report.html (byte for byte those of solvent sweep) and"
                    + " runs.parquet (one row per run).",
            "The master is spark.master (spark-submit --master sets it); without one, local[*] on this machine."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran the sweep (a failed run is a failed cell in the table, not a failed sweep)",
            "2:bad input: every problem in the sweep file or its scenario is listed; nothing was run",
            "3:Spark could not run the sweep (the master cannot be reached, the cluster refused the application, a"
                    + " task failed outside a run, runs.parquet could not be written); the reason is on one line"
        })
final class SweepCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int BAD_INPUT = 2;
    static final int SPARK_FAILED = 3;

    private static final String NAME = "solvent-sweep-spark sweep";

    private final SparkConf conf;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML).")
    private Path file;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The output folder on the driver's machine (created if missing).")
    private Path out;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Tasks to split the runs into (default: " + SparkSweep.PARTITIONS_PER_CORE
                    + " per core of the cluster, at most one per run).")
    private Integer partitions;

    @Option(
            names = "--parquet",
            paramLabel = "URI",
            description = "Where runs.parquet goes (default: DIR/runs.parquet). On a cluster, a path every executor"
                    + " can write: hdfs://..., s3a://... or a shared mount.")
    private String parquet;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for a spark:// master to accept a connection (default: ${DEFAULT-VALUE}).")
    private int connectTimeout;

    SweepCommand(SparkConf conf) {
        this.conf = conf;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<String> problems = new ArrayList<>();
        if (partitions != null && (partitions < 1 || partitions > 1_000_000)) {
            problems.add("--partitions: " + partitions + " is out of range; valid: 1 to 1000000");
        }
        if (connectTimeout < 1 || connectTimeout > 3_600) {
            problems.add("--connect-timeout: " + connectTimeout + " is out of range; valid: 1 to 3600 seconds");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            problems.add("--out: " + out + " is a file; valid: a folder (created if missing)");
        }
        if (!problems.isEmpty()) {
            return problems(err, Vector.ofAll(problems));
        }
        Sweep sweep;
        try {
            sweep = SweepReader.read(file);
        } catch (ScenarioException e) {
            return problems(err, e.problems());
        }
        SparkConf settings = settings(conf, "solvent sweep " + file.getFileName());
        String master = settings.get("spark.master");
        String unreachable = unreachable(master, connectTimeout * 1_000);
        if (unreachable != null) {
            return sparkFailed(err, unreachable);
        }
        String runsAt = parquet != null
                ? parquet
                // a file: URI, so that a cluster whose default file system is HDFS does not read it as an HDFS path
                : out.resolve("runs.parquet")
                        .toAbsolutePath()
                        .toUri()
                        .toString()
                        .replaceFirst("/$", "");
        long started = System.nanoTime();
        List<CellResult> results;
        int tasks;
        SparkSession spark;
        long sparkStarted;
        long runsDone;
        try {
            spark = SparkSession.builder().config(settings).getOrCreate();
            sparkStarted = System.nanoTime();
        } catch (Exception e) { // Spark's own exceptions are checked ones, thrown undeclared from Scala
            return sparkFailed(err, "cannot start Spark with master " + master + ": " + reason(e));
        }
        try {
            if (spark.sparkContext().isStopped()) {
                // a standalone master that accepted the connection but never registered the application: Spark
                // gives up after its own retries and stops the context instead of failing to create it
                return sparkFailed(
                        err,
                        "the Spark master " + master + " did not accept the application (Spark gave up on it);"
                                + " valid: the URL of a running master of Spark " + spark.version());
            }
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            tasks = partitions != null
                    ? Math.min(partitions, sweep.cells().size())
                    : SparkSweep.defaultPartitions(sc, sweep);
            try {
                results = SparkSweep.run(sc, sweep, tasks);
                runsDone = System.nanoTime();
            } catch (Exception e) { // a job Spark aborted: SparkException, checked yet undeclared
                return sparkFailed(err, "the sweep failed on " + master + ": " + reason(e));
            }
            try {
                SweepFiles.write(out, sweep, results);
            } catch (UncheckedIOException e) {
                err.println(NAME + ": " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            try {
                RunsParquet.write(spark, results, runsAt);
            } catch (Exception e) {
                return sparkFailed(
                        err, "cannot write " + runsAt + " (results.csv and report.html are written): " + reason(e));
            }
        } finally {
            spark.stop();
        }
        long ended = System.nanoTime();
        long failed = results.stream().filter(r -> !r.ok()).count();
        stdout.printf(
                "%s: %d points x %d runs on Spark %s, %d partitions, in %.1f s (Spark start %.1f s, runs %.1f s,"
                        + " outputs and stop %.1f s); %d failed runs%n",
                file,
                sweep.points().size(),
                sweep.runs(),
                master,
                tasks,
                (ended - started) / 1e9,
                (sparkStarted - started) / 1e9,
                (runsDone - sparkStarted) / 1e9,
                (ended - runsDone) / 1e9,
                failed);
        stdout.println("Results: " + out.resolve("results.csv"));
        stdout.println("Report: " + out.resolve("report.html"));
        stdout.println("Runs: " + runsAt);
        stdout.flush();
        return OK;
    }

    /** {@return whether the settings run Spark in this JVM: no master given, or a local one} */
    static boolean isLocal(SparkConf conf) {
        return !conf.contains("spark.master") || conf.get("spark.master").startsWith("local");
    }

    /**
     * {@return the settings to start Spark with}: the given ones, with {@code local[*]} when no master is given, and
     * in local mode no web UI and the driver on the loopback interface, unless set otherwise
     */
    static SparkConf settings(SparkConf given, String appName) {
        SparkConf c = given.clone();
        boolean local = isLocal(c);
        c.setIfMissing("spark.master", "local[*]");
        c.setIfMissing("spark.app.name", appName);
        // the runs table has 27 columns; Spark's default of 25 makes it warn that it shortened a plan's description
        c.setIfMissing("spark.sql.debug.maxToStringFields", "100");
        if (local) {
            c.setIfMissing("spark.ui.enabled", "false");
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return c;
    }

    /**
     * {@return why a standalone master cannot be reached, or null when one of its addresses accepts a connection or
     * the master is not a {@code spark://} URL}. Spark itself would retry for a minute before giving up.
     */
    static String unreachable(String master, int timeoutMillis) {
        if (!master.startsWith("spark://")) {
            return null;
        }
        List<String> reasons = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0) {
                return "the master URL " + master + " has no port; valid: spark://HOST:PORT (usually 7077)";
            }
            String host = hostPort.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                return "the master URL " + master + " has no valid port; valid: spark://HOST:PORT (usually 7077)";
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), timeoutMillis);
                return null;
            } catch (IOException | IllegalArgumentException e) {
                reasons.add(hostPort + ": " + e.getMessage());
            }
        }
        return "cannot reach the Spark master " + master + " (" + String.join("; ", reasons)
                + "); valid: the URL of a running master, given to spark-submit --master or as spark.master";
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static int problems(PrintWriter err, Seq<String> problems) {
        problems.forEach(err::println);
        err.println(NAME + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the input; nothing was run");
        err.flush();
        return BAD_INPUT;
    }

    private static int sparkFailed(PrintWriter err, String reason) {
        err.println(NAME + ": " + reason);
        err.flush();
        return SPARK_FAILED;
    }
}
