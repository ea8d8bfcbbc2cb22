package dev.solvent.cli;

import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.output.RunFiles;
import dev.solvent.simulation.output.RunReports;
import dev.solvent.simulation.report.SummaryRow;
import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.scenario.Scenarios;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code solvent run}: one scenario, one seed, block by block, with the files and report a designer opens. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        description = {
            "Runs a scenario block by block (a bundled name or a YAML file; the default: "
                    + Scenarios.DEFAULT
                    + ") and writes summary.json, timeseries.csv, events.jsonl and report.html into the output"
                    + " folder. Same scenario and seed, same files, byte for byte.",
            "Bundled scenarios: solvent scenarios. The format: docs/scenarios.md."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ran the scenario and wrote its files",
            "1:with --check-invariants: an invariant was violated; the run stopped there and its replay was written",
            "2:bad input: every problem in the scenario is listed with its field; nothing was written",
            "70:internal error: a bug in solvent (the stack trace is printed); nothing was written"
        })
public final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SCENARIO",
            description = "A bundled scenario name or a scenario YAML file (default: ${DEFAULT-VALUE}).",
            defaultValue = Scenarios.DEFAULT)
    private String scenario;

    @Option(names = "--seed", paramLabel = "N", description = "The seed (default: the scenario's own).")
    private Long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "The output folder (default: out/SCENARIO-seed-N); files appear complete or not at all.")
    private Path out;

    @Option(
            names = "--set",
            paramLabel = "FIELD=VALUE",
            description = "Override a scenario field by its dotted path, such as"
                    + " --set protocol.markets.ETH-PERP.maintenanceMargin=0.04 (repeatable).")
    private Map<String, String> overrides = Map.of();

    @Option(
            names = "--check-invariants",
            description = "Check the invariant catalogue (properties/README.md) on every block; at the first violation"
                    + " stop, and write DIR/replay/state.json and txs.json, which solvent replay reproduces (exit 1).")
    private boolean checkInvariants;

    /** The invariants --check-invariants checks; tests put their own. */
    io.vavr.collection.Vector<dev.solvent.properties.invariant.Invariant> invariants =
            dev.solvent.properties.invariant.Invariants.ALL;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress bar on standard error (default: when a console is attached).")
    private Boolean progress;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        boolean lending;
        try {
            lending = Scenarios.isLending(scenario);
        } catch (ScenarioException e) {
            return Problems.report(err, "solvent run", e.problems());
        }
        if (lending) {
            return runLending(err, stdout);
        }
        Scenario sc;
        try {
            sc = Scenarios.load(scenario, overrides, "--set");
        } catch (ScenarioException e) {
            return Problems.report(err, "solvent run", e.problems());
        }
        return runEngine(sc, err, stdout);
    }

    /** Runs a scenario on Solvent's own engine, writes its files and prints its summary; {@return the exit code} */
    private int runEngine(Scenario sc, PrintWriter err, PrintWriter stdout) {
        long s = seed == null ? sc.seed() : seed;
        Path folder = out == null ? Path.of("out", sc.name() + "-seed-" + s) : out;
        InvariantWatch watch = checkInvariants ? new InvariantWatch(invariants, folder.resolve("replay")) : null;
        String unit = sc.protocol().config().settlementAsset().toString();
        long started = System.nanoTime();
        io.vavr.control.Either<Integer, RunResult> ran = runInto(
                folder,
                err,
                () -> {
                    try (Progress bar = Progress.of(sc.name(), Math.max(1, sc.blocks()), progress)) {
                        return Simulation.run(
                                sc,
                                s,
                                watch == null ? dev.solvent.simulation.world.BlockObserver.NONE : watch,
                                bar.steps());
                    }
                },
                r -> RunFiles.write(folder, r, unit));
        if (ran.isLeft()) {
            return ran.getLeft();
        }
        RunResult result = ran.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        stdout.println(sc.name() + " (seed " + s + "): " + sc.description());
        for (SummaryRow row : RunReports.summary(result.summary(), unit, result.stoppedBy())) {
            stdout.printf("  %-36s %s%n", row.label(), row.value());
        }
        stdout.println("  " + String.format("%-36s %.1f s", "Time", millis / 1000.0));
        stdout.println("Report: " + folder.resolve("report.html"));
        int exit = watch == null ? ExitCodes.OK : invariantsOutcome(watch, result, stdout);
        stdout.flush();
        return exit;
    }

    /** Prints what the invariant watch saw during the run; {@return the exit code it means} */
    private int invariantsOutcome(InvariantWatch watch, RunResult result, PrintWriter stdout) {
        if (watch.violation().isEmpty()) {
            stdout.println("Invariants: all " + invariants.size() + " held on every block");
            return ExitCodes.OK;
        }
        stdout.println(
                "Invariant violated in block " + result.summary().blocks() + " of the run: " + result.stoppedBy());
        if (watch.written().isDefined()) {
            stdout.println("Reproduce: solvent replay " + watch.written().get().state() + " "
                    + watch.written().get().txs());
        } else {
            stdout.println("No replay written: " + watch.unwritten().getOrElse("unknown reason"));
        }
        return ExitCodes.PROBLEM_FOUND;
    }

    /**
     * Makes {@code folder} (before the run: a folder that cannot be written fails now, not after the whole
     * simulation), runs, and writes the run's files into it. {@return the result, or the exit code of a failure}
     * A problem found while setting the run up (a price file, a shock past the path) is named by the scenario's file;
     * on any failure the folders made for the run go again, so a failed run leaves no trace in {@code --out}; an
     * internal error is rethrown (exit 70 with its stack trace).
     */
    private <R> io.vavr.control.Either<Integer, R> runInto(
            Path folder, PrintWriter err, java.util.function.Supplier<R> run, java.util.function.Consumer<R> write) {
        io.vavr.control.Either<String, OutFolder> prepared = OutFolder.prepare(folder);
        if (prepared.isLeft()) {
            return io.vavr.control.Either.left(
                    Problems.report(err, "solvent run", io.vavr.collection.Vector.of(prepared.getLeft())));
        }
        OutFolder made = prepared.get();
        R result;
        try {
            result = run.get();
        } catch (ScenarioException e) {
            made.removeIfEmpty();
            return io.vavr.control.Either.left(Problems.report(
                    err, "solvent run", e.problems().map(m -> m.startsWith(scenario + ":") ? m : scenario + ": " + m)));
        } catch (RuntimeException | Error bug) {
            made.removeIfEmpty();
            throw bug;
        }
        try {
            write.accept(result);
        } catch (UncheckedIOException e) {
            made.removeIfEmpty();
            err.println("solvent run: " + e.getMessage());
            err.flush();
            return io.vavr.control.Either.left(ExitCodes.BAD_INPUT);
        }
        return io.vavr.control.Either.right(result);
    }

    /** A lending scenario ({@code protocol: aave-v3.3}): the same files and console summary, from the lending run. */
    private Integer runLending(PrintWriter err, PrintWriter stdout) {
        if (checkInvariants) {
            return Problems.report(
                    err,
                    "solvent run",
                    io.vavr.collection.Vector.of("--check-invariants: the invariant catalogue checks Solvent's own"
                            + " engine; a lending scenario (" + scenario + ") runs on a mirror; valid: run it without"
                            + " --check-invariants"));
        }
        dev.solvent.simulation.scenario.LendingScenario sc;
        try {
            sc = Scenarios.loadLending(scenario, overrides, "--set");
        } catch (ScenarioException e) {
            return Problems.report(err, "solvent run", e.problems());
        }
        long s = seed == null ? sc.seed() : seed;
        Path folder = out == null ? Path.of("out", sc.name() + "-seed-" + s) : out;
        long started = System.nanoTime();
        io.vavr.control.Either<Integer, dev.solvent.simulation.lending.LendingResult> ran = runInto(
                folder,
                err,
                () -> dev.solvent.simulation.lending.LendingSimulation.run(sc, s),
                r -> dev.solvent.simulation.output.LendingFiles.write(folder, r));
        if (ran.isLeft()) {
            return ran.getLeft();
        }
        dev.solvent.simulation.lending.LendingResult result = ran.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        stdout.println(sc.name() + " (seed " + s + "): " + sc.description());
        for (SummaryRow row : dev.solvent.simulation.output.LendingFiles.summary(result.summary())) {
            stdout.printf("  %-36s %s%n", row.label(), row.value());
        }
        stdout.println("  " + String.format("%-36s %.1f s", "Time", millis / 1000.0));
        stdout.println("Report: " + folder.resolve("report.html"));
        stdout.flush();
        return ExitCodes.OK;
    }
}
