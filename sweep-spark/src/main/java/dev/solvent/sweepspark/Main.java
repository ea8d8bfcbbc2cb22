package dev.solvent.sweepspark;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.spark.SparkConf;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code solvent-sweep-spark.jar}, for {@code spark-submit} or a local JVM: runs the command line
 * and exits with its code (see {@link SweepCommand}). The Spark master comes from {@code spark.master} (which
 * {@code spark-submit --master} sets); without one the sweep runs in local mode on every core.
 */
@Command(
        name = "solvent-sweep-spark",
        mixinStandardHelpOptions = true,
        description = "Solvent's Monte Carlo sweeps on Apache Spark.")
public final class Main {

    private Main() {}

    /** Runs the command line with Spark's settings from the system properties, and exits with its code. */
    public static void main(String[] args) {
        SparkConf conf = new SparkConf();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int code = run(args, conf, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * {@return the exit code of the command line}
     *
     * @param args the arguments
     * @param conf Spark's settings, the master among them (or none, for local mode)
     * @param out where results are reported
     * @param err where problems are reported
     */
    static int run(String[] args, SparkConf conf, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main())
                .addSubcommand("sweep", new SweepCommand(conf))
                .setOut(out)
                .setErr(err);
        return cl.execute(args);
    }
}
