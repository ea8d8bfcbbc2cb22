package dev.solvent.cli.replay;

/**
 * One thing wrong with an input file, told so that a person can fix it without guessing: the file, the line, the
 * field's path (such as {@code markets.ETH-PERP.maintenanceMargin} or {@code [3].tx.amount}) and what is wrong with
 * it, including what would be valid.
 *
 * @param file the file as the user named it; empty while a decoder has not attached it yet
 * @param line the 1-based line the offending value starts on, or 0 when the problem is about the file as a whole
 * @param path the field's path from the file's root, or empty for the whole file
 * @param message what is wrong and what would be valid
 */
public record Problem(String file, int line, String path, String message) {

    /** Requires the text fields. */
    public Problem {
        if (file == null || path == null || message == null) {
            throw new IllegalArgumentException("a problem needs a file, a path and a message");
        }
    }

    /** {@return a problem at {@code line} and {@code path} of a file not named yet} */
    static Problem at(int line, String path, String message) {
        return new Problem("", line, path, message);
    }

    /** {@return this problem in the named file} */
    Problem inFile(String name) {
        return new Problem(name, line, path, message);
    }

    /** {@return the one-line form: {@code state.json: line 12: markets.X.takerFee: 0.5 is out of range; ...}} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(": line ").append(line);
        }
        if (!path.isEmpty()) {
            s.append(": ").append(path);
        }
        return s.append(": ").append(message).toString();
    }
}
