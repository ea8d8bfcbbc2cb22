package dev.solvent.simulation.scenario;

import io.vavr.collection.Vector;

/**
 * A scenario or sweep file that cannot be run, with every problem found: each names the file, the field, the value and
 * what would be valid.
 */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Vector<String> problems;

    /** A failure with one line per problem. */
    public ScenarioException(Vector<String> problems) {
        super(String.join("\n", problems));
        this.problems = problems;
    }

    /** {@return one line per problem} */
    public Vector<String> problems() {
        return problems;
    }
}
