package dev.solvent.cli;

/**
 * The exit codes of the {@code solvent} command, one meaning each, so that a script can tell a bad input file from a
 * finding. A reverted transaction in a replay is a result, not a failure: it exits with {@link #OK}.
 */
public final class ExitCodes {

    /** The command ran and did what it was asked. */
    public static final int OK = 0;

    /** The command ran and found a problem, such as a violated invariant (reserved for the commands that check). */
    public static final int PROBLEM_FOUND = 1;

    /**
     * The arguments or an input file are wrong, or a source they name cannot be read (such as an RPC endpoint that
     * does not answer, or an address with no feed); the message says where and what is valid. Nothing was written.
     */
    public static final int BAD_INPUT = 2;

    /** A bug in solvent itself; its stack trace is printed so that it can be reported. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {}
}
