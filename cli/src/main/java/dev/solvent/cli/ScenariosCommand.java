package dev.solvent.cli;

import dev.solvent.simulation.scenario.Scenarios;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code solvent scenarios}: the bundled scenarios, one line each. */
@Command(
        name = "scenarios",
        mixinStandardHelpOptions = true,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        description = "Lists the bundled scenarios, one line each; run one with: solvent run NAME.")
public final class ScenariosCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // the names in one column, as wide as the longest
        int width = Scenarios.list().map(s -> s.name().length()).max().getOrElse(1);
        for (Scenarios.Listed s : Scenarios.list()) {
            out.printf(
                    "%-" + width + "s %s%s%n",
                    s.name(),
                    s.description(),
                    s.name().equals(Scenarios.DEFAULT) ? " (default)" : "");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
