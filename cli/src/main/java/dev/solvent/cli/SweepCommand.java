package dev.solvent.cli;

import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.sweep.CellResult;
import dev.solvent.simulation.sweep.LocalSweep;
import dev.solvent.simulation.sweep.Sweep;
import dev.solvent.simulation.sweep.SweepFiles;
import dev.solvent.simulation.sweep.SweepReader;
import dev.solvent.simulation.sweep.SweepTable;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code solvent sweep}: a grid of scenario parameters times seeded runs, on every core, resumable. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        description = {
            "Runs a sweep file (YAML: a scenario, a grid over any of its fields, runs per point) on all cores and writes"
                    + " results.csv (per point: loss past the insurance fund P50/P95/P99, probability the fund ran dry,"
                    + " liquidations, keeper profit) and report.html with a heatmap.",
            "Resumable: run it again with the same --out and it skips the runs already finished. The format:"
                    + " docs/scenarios.md."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran the sweep (a failed run is a failed cell in the table, not a failed sweep)",
            "2:bad input: every problem in the sweep file or its scenario is listed; nothing was written",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class SweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (YAML).")
    private Path file;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "The output folder (default: out/sweep-NAME); finished runs are kept in DIR/runs.")
    private Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Runs at once (default: the number of cores, ${DEFAULT-VALUE}).",
            defaultValue = "${sys:solvent.cores}")
    private Integer threads;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress bar on standard error (default: when a console is attached).")
    private Boolean progress;

    static {
        System.setProperty(
                "solvent.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (threads == null || threads < 1 || threads > 1_024) {
            return Problems.report(
                    err,
                    "solvent sweep",
                    io.vavr.collection.Vector.of("--threads: " + threads + " is out of range; valid: 1 to 1024"));
        }
        Sweep sweep;
        try {
            sweep = SweepReader.read(file);
        } catch (ScenarioException e) {
            return Problems.report(err, "solvent sweep", e.problems());
        }
        String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path folder = out == null ? Path.of("out", "sweep-" + name) : out;
        // made before the runs: a folder that cannot be written fails now, not after the whole sweep
        io.vavr.control.Either<String, OutFolder> prepared = OutFolder.prepare(folder);
        if (prepared.isLeft()) {
            return Problems.report(err, "solvent sweep", io.vavr.collection.Vector.of(prepared.getLeft()));
        }
        OutFolder made = prepared.get();
        long started = System.nanoTime();
        List<CellResult> results;
        try (Progress bar = Progress.of("sweep", sweep.cells().size(), progress)) {
            results = LocalSweep.run(sweep, threads, folder, r -> bar.step());
            SweepFiles.write(folder, sweep, results);
        } catch (ScenarioException e) {
            made.removeIfEmpty();
            return Problems.report(err, "solvent sweep", e.problems());
        } catch (UncheckedIOException e) {
            made.removeIfEmpty();
            err.println("solvent sweep: " + e.getMessage());
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        printTable(stdout, sweep, results, threads, (System.nanoTime() - started) / 1e9);
        stdout.println("Results: " + folder.resolve("results.csv"));
        stdout.println("Report: " + folder.resolve("report.html"));
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Prints the sweep's summary line and one line per point: its parameters, bad debt P95 and P(fund dry). */
    private void printTable(PrintWriter stdout, Sweep sweep, List<CellResult> results, int threads, double seconds) {
        SweepTable table = SweepTable.of(sweep, results);
        stdout.printf(
                "%s: %s x %s on %s in %.1f s%n",
                file,
                count(sweep.points().size(), "point"),
                count(sweep.runs(), "run"),
                count(threads, "thread"),
                seconds);
        int p95 = table.columns().indexOf("bad_debt_p95");
        int dry = table.columns().indexOf("fund_exhausted_probability");
        int failed = table.columns().indexOf("failed");
        for (List<String> row : table.rows()) {
            StringBuilder b = new StringBuilder("  ");
            for (int k = 0; k < sweep.parameters().size(); k++) {
                b.append(sweep.parameters().get(k))
                        .append('=')
                        .append(row.get(k))
                        .append("  ");
            }
            b.append("bad debt P95 ")
                    .append(row.get(p95))
                    .append("  P(fund dry) ")
                    .append(row.get(dry));
            if (!"0".equals(row.get(failed))) {
                b.append("  failed runs ").append(row.get(failed));
            }
            stdout.println(b);
        }
    }

    /** {@return such as "1 thread" or "2 threads"} */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
