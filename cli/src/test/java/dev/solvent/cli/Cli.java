package dev.solvent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the {@code solvent} command in-process with captured output, as a test fixture. */
final class Cli {

    /** The shipped worked example, seen from the module's folder where the tests run. */
    static final Path EXAMPLE = Path.of("..", "examples", "replay");

    static final Path EXAMPLE_STATE = EXAMPLE.resolve("state.json");
    static final Path EXAMPLE_TXS = EXAMPLE.resolve("txs.json");

    private Cli() {}

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
