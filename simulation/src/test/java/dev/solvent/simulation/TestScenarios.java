package dev.solvent.simulation;

import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The small scenario the tests run, with overrides. */
public final class TestScenarios {

    private TestScenarios() {}

    /** {@return the YAML of the small test scenario} */
    public static String smallYaml() {
        try (InputStream in = TestScenarios.class.getResourceAsStream("/scenarios/small.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return the small test scenario with some fields overridden} */
    public static Scenario small(Map<String, String> overrides) {
        return ScenarioReader.parse("small.yaml", smallYaml(), overrides);
    }
}
