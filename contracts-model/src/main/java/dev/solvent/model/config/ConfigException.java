package dev.solvent.model.config;

import io.vavr.collection.List;

/**
 * An invalid configuration value. Lists every problem found, each naming the field, the value and the valid range,
 * so that a person fixing a file sees them all at once.
 */
public final class ConfigException extends IllegalArgumentException {

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = problems;
    }

    /** {@return each problem, as "field: value is ...; valid: ..."} */
    public List<String> problems() {
        return problems;
    }
}
