package dev.solvent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code solvent} command: it only groups the subcommands, so running it alone is a usage error. */
@Command(
        name = "solvent",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Tests decentralized margin protocols before real money meets them.",
        subcommands = {
            RunCommand.class,
            ScenariosCommand.class,
            SweepCommand.class,
            ReplayCommand.class,
            CheckCommand.class,
            PriceCommand.class,
            KeeperCommand.class,
            MirrorCommand.class
        },
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:ran, and found a problem",
            "2:bad input: a wrong argument or input file, or a source that cannot be read; nothing was written",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class SolventCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "Missing a command, such as: solvent run (the default scenario) or solvent scenarios");
    }
}
