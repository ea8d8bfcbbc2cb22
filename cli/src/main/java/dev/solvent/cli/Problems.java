package dev.solvent.cli;

import io.vavr.collection.Seq;
import java.io.PrintWriter;

/** Prints a list of input problems, one per line, and the count, the same way for every command. */
final class Problems {

    private Problems() {}

    /** {@return {@link ExitCodes#BAD_INPUT}, after printing the problems on standard error} */
    static int report(PrintWriter err, String command, Seq<String> problems) {
        problems.forEach(err::println);
        err.println(command + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + " in the input; nothing was written");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
