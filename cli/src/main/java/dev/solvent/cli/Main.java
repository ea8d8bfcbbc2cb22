package dev.solvent.cli;

import dev.solvent.cli.live.KeeperKey;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the {@code solvent} command and of {@code solvent.jar}: runs the command line and exits with its
 * code (see {@link ExitCodes}). Output is UTF-8 whatever the platform's default, so the same input gives the same
 * bytes everywhere.
 */
public final class Main {

    private Main() {}

    /** Runs {@code solvent} with the arguments and exits with its code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int code = commandLine().setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** {@return a new {@code solvent} command line; set its writers, then execute it} */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new SolventCommand()));
    }

    /** {@return the command line, set up as {@code solvent} runs it: a wrong argument is told in two lines} */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine.setParameterExceptionHandler(Main::wrongArgument);
    }

    /**
     * Prints a wrong argument as one line naming the command and what is wrong, and one line of hint (the closest
     * option or command when there is one, and where the full usage is), instead of picocli's whole usage help, in
     * which the one line that matters is easy to miss.
     */
    static int wrongArgument(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName(" ");
        // picocli echoes the arguments it could not take: a key pasted as one must not be printed
        err.println(name + ": " + KeeperKey.redacted(ex.getMessage()));
        List<String> suggestions = ex instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        StringBuilder hint = new StringBuilder();
        if (!suggestions.isEmpty()) {
            hint.append("Did you mean ")
                    .append(String.join(" or ", suggestions.subList(0, Math.min(3, suggestions.size()))))
                    .append("? ");
        } else if (!cl.getSubcommands().isEmpty()) {
            hint.append("Commands: ")
                    .append(String.join(", ", cl.getSubcommands().keySet()))
                    .append(". ");
        }
        hint.append("Usage: ").append(name).append(" --help");
        err.println(hint);
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }
}
