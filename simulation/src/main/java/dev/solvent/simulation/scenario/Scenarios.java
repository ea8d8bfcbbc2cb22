package dev.solvent.simulation.scenario;

import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The scenarios bundled with Solvent, and the way to name a scenario: a bundled name or a path to a YAML file.
 */
public final class Scenarios {

    /** The scenario {@code solvent run} runs when given none. */
    public static final String DEFAULT = "march-2020";

    /** Bundled scenario names, the default first. */
    public static final Vector<String> BUNDLED =
            Vector.of(DEFAULT, "may-2021", "luna-2022", "ftx-2022", "october-2025", "october-2025-adl", "jump-stress");

    /** Bundled lending scenarios ({@code protocol: aave-v3.3} and a market), run by the lending simulation. */
    public static final Vector<String> LENDING = Vector.of("aave-may-2021", "comet-ftx-2022", "maker-march-2020");

    private Scenarios() {}

    /** {@return every bundled name: the engine's scenarios, the default first, then the lending ones} */
    private static Vector<String> all() {
        return BUNDLED.appendAll(LENDING);
    }

    /**
     * One bundled scenario for listing.
     *
     * @param name its name
     * @param description its one line
     */
    public record Listed(String name, String description) {}

    /** {@return the bundled scenarios with their one-line descriptions, the engine's first, then the lending ones} */
    public static Vector<Listed> list() {
        return BUNDLED.map(n -> {
                    Scenario s = bundled(n);
                    return new Listed(s.name(), s.description());
                })
                .appendAll(LENDING.map(n -> {
                    LendingScenario s = bundledLending(n);
                    return new Listed(s.name(), s.description());
                }));
    }

    /** {@return a bundled lending scenario} @throws ScenarioException if there is none of that name */
    public static LendingScenario bundledLending(String name) {
        return LendingReader.parse(name, text(name), Map.of(), null);
    }

    /**
     * {@return whether a bundled name or file is a lending scenario (its {@code protocol} is a name such as {@code
     * aave-v3.3})} @throws ScenarioException when it cannot be read
     */
    public static boolean isLending(String nameOrPath) {
        return LendingReader.isLending(nameOrPath, text(nameOrPath));
    }

    /** {@return a lending scenario by bundled name or path, with overrides from a command-line option} */
    public static LendingScenario loadLending(String nameOrPath, Map<String, String> overrides, String option) {
        return LendingReader.parse(nameOrPath, text(nameOrPath), overrides, option);
    }

    /** {@return a bundled scenario} @throws ScenarioException if there is none of that name */
    public static Scenario bundled(String name) {
        return ScenarioReader.parse(name, text(name), Map.of());
    }

    /** {@return the YAML of a bundled scenario or of a file} @throws ScenarioException naming what would be valid */
    public static String text(String nameOrPath) {
        Option<String> bundled = bundledText(nameOrPath);
        if (bundled.isDefined()) {
            return bundled.get();
        }
        if (!nameOrPath.endsWith(".yaml") && !nameOrPath.endsWith(".yml") && !nameOrPath.contains("/")) {
            throw new ScenarioException(Vector.of(YamlInput.shownPath(nameOrPath)
                    + ": no bundled scenario of that name; valid: one of "
                    + String.join(", ", all()) + ", or a path to a YAML file"));
        }
        if (nameOrPath.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // a line break in a path would break the one-line messages that name the file
            throw new ScenarioException(Vector.of(YamlInput.quoted(nameOrPath)
                    + ": is not a valid path (it holds a control character); valid: one of "
                    + String.join(", ", all())
                    + ", or a path to a YAML file"));
        }
        Path file;
        try {
            file = Path.of(nameOrPath);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ScenarioException(Vector.of(YamlInput.quoted(nameOrPath) + ": is not a valid path ("
                    + e.getReason() + "); valid: one of " + String.join(", ", all()) + ", or a path to a YAML file"));
        }
        return ScenarioReader.readText(file);
    }

    /** {@return a scenario by bundled name or path, with overrides} */
    public static Scenario load(String nameOrPath, Map<String, String> overrides) {
        return ScenarioReader.parse(nameOrPath, text(nameOrPath), overrides);
    }

    /**
     * {@return a scenario by bundled name or path, with overrides from a command-line option} A problem with an
     * overridden value names the option and the field (such as {@code --set blocks: ...}), not the file.
     */
    public static Scenario load(String nameOrPath, Map<String, String> overrides, String option) {
        return ScenarioReader.parse(nameOrPath, text(nameOrPath), overrides, option);
    }

    private static Option<String> bundledText(String name) {
        if (!all().contains(name)) {
            return Option.none();
        }
        try (InputStream in = Scenarios.class.getResourceAsStream("/scenarios/" + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario " + name + " is missing from the jar");
            }
            return Option.some(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
