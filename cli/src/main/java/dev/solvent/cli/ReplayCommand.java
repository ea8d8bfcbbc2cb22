package dev.solvent.cli;

import dev.solvent.cli.replay.Problem;
import dev.solvent.cli.replay.Replay;
import dev.solvent.cli.replay.ReplayJson;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code solvent replay STATE_FILE TXS_FILE}: replays transactions against a genesis state through the margin engine
 * and prints every receipt, every revert and the final state as JSON. Bad input files are reported all at once, each
 * problem with its file, line and field, and nothing is replayed or written.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Replays transactions against a genesis state through the margin engine and prints, as JSON, each"
                    + " transaction's receipt (events, gas) or revert, then the final state.",
            "Amounts are integers in base units (strings for big values); ratios are decimal strings such as \"0.05\".",
            "The formats and a worked example are in docs/replay.md."
        },
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:replayed (a reverted transaction is a result, not a failure)",
            "2:bad input: every problem is listed with its file, line and field; nothing was written",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "STATE_FILE",
            description = "The genesis state (JSON): configuration, initial balances and insurance fund.")
    private Path stateFile;

    @Parameters(
            index = "1",
            paramLabel = "TXS_FILE",
            description = "The transactions to replay (JSON): a list of entries, each a block and a transaction.")
    private Path txsFile;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the JSON to FILE instead of standard output; FILE appears complete or not at all, and"
                    + " may not be one of the inputs.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String input = out == null ? null : inputAt(out);
        if (input != null) {
            err.println("solvent replay: --out " + out + ": is " + input + "; valid: a file that is not one of the"
                    + " inputs");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        // checked before the replay, as run and sweep check their folder: a file that cannot be written fails now
        String unwritable = out == null ? null : unwritable(out);
        if (unwritable != null) {
            String option = out.toString().isEmpty() ? "--out" : "--out " + out;
            err.println("solvent replay: " + option + ": " + unwritable);
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        Either<Seq<Problem>, Replay.Result> result =
                Replay.load(stateFile, txsFile).toEither().flatMap(Replay::run);
        if (result.isLeft()) {
            Seq<Problem> problems = result.getLeft();
            // each file's problems in the order of its lines; the state file first, as it is read first
            problems.sortBy(p -> (p.file().equals(stateFile.toString()) ? 0L : 1L << 32) + p.line())
                    .forEach(err::println);
            err.println("solvent replay: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in the input; nothing was replayed");
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        String json = ReplayJson.render(result.get());
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(json);
            stdout.flush();
            return ExitCodes.OK;
        }
        try {
            OutputFile.write(out, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println(out + ": cannot be written: " + reason(e));
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }

    /** {@return why {@code target} cannot be an output file, with what is valid, or null when it can} */
    static String unwritable(Path target) {
        if (target.toString().isEmpty()) {
            return "is empty; valid: the path of a file to write";
        }
        if (Files.isDirectory(target)) {
            return "is a folder; valid: the path of a file to write";
        }
        Path folder = target.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            return "the folder " + folder + " does not exist; valid: a file in an existing folder";
        }
        return null;
    }

    /** {@return the input {@code target} is, named for a message, or null if it is none of them} */
    private String inputAt(Path target) {
        if (sameFile(target, stateFile)) {
            return "the state file " + stateFile;
        }
        if (sameFile(target, txsFile)) {
            return "the transactions file " + txsFile;
        }
        return null;
    }

    /**
     * {@return whether two paths name one existing file}: by any spelling, through symbolic links (of the file or of a
     * folder on the way) or as hard links. A path to nothing yet is no input, so writing it replaces none.
     */
    static boolean sameFile(Path a, Path b) {
        if (!Files.exists(a) || !Files.exists(b)) {
            return false;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (IOException | SecurityException e) {
            return real(a).equals(real(b));
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** {@return why a file could not be written, in words: some exceptions carry only the path as message} */
    private static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException x -> "permission denied";
            case NoSuchFileException x -> "no such file or folder";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage();
        };
    }
}
