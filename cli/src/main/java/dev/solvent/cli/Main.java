package dev.solvent.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

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
        return new CommandLine(new SolventCommand());
    }
}
