package dev.solvent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Function;
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
        return run(Main.commandLine(), args);
    }

    /** Runs with environment variables read from {@code environment} instead of the process's (for --key-env). */
    static Run run(Function<String, String> environment, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == KeeperCommand.class
                        ? type.cast(new KeeperCommand(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return run(Main.configure(new CommandLine(new SolventCommand(), factory)), args);
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
