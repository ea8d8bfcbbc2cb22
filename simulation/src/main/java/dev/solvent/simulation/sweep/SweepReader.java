package dev.solvent.simulation.sweep;

import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.scenario.ScenarioReader;
import dev.solvent.simulation.scenario.Scenarios;
import dev.solvent.simulation.scenario.YamlInput;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a sweep file (YAML): the base scenario, the grid and the runs per point. Every point's scenario is read once
 * up front, so a value that is out of range fails the sweep before any run starts, naming the parameter and value.
 */
public final class SweepReader {

    private static final Set<String> TOP = Set.of("scenario", "seed", "runs", "grid", "zip", "set", "heatmap");

    private SweepReader() {}

    /**
     * {@return the sweep in a file} @throws ScenarioException naming every problem (a file that is missing, larger than
     * {@link dev.solvent.simulation.scenario.InputFile#MAX_YAML_BYTES} or not UTF-8 text is one)
     */
    public static Sweep read(Path file) {
        return parse(
                file.toString(),
                YamlInput.readText(file, "sweep"),
                file.toAbsolutePath().getParent());
    }

    /**
     * {@return the sweep in a YAML text}
     *
     * @param source how to name the text in messages
     * @param yaml the text
     * @param folder where a relative scenario path is resolved
     * @throws ScenarioException naming every problem
     */
    public static Sweep parse(String source, String yaml, Path folder) {
        JsonNode root = YamlInput.tree(source, yaml);
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new ScenarioException(
                    Vector.of(
                            source
                                    + ": is not a sweep; valid: a YAML mapping with scenario, runs, grid or zip (and seed, set, heatmap)"));
        }
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!TOP.contains(e.getKey())) {
                problems.add(source + ": " + e.getKey()
                        + ": unknown field; valid fields here: grid, heatmap, runs, scenario, seed, set, zip");
            }
        }
        String scenario = scenarioName(root, source, problems);
        long seed = longField(root, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE, source, problems);
        int runs = (int) longField(root, "runs", 10, 1, 1_000_000, source, problems);
        LinkedHashMap<String, String> fixed = fixedFields(root, source, problems);
        List<String> parameters = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        JsonNode grid = root.get("grid");
        JsonNode zip = root.get("zip");
        int beforeGrid = problems.size();
        boolean noZip = zip == null || zip.isNull();
        if (noZip && (grid == null || !grid.isObject() || grid.isEmpty())) {
            problems.add(source + ": grid: missing or empty; valid: a mapping of scenario field to a list of values,"
                    + " such as protocol.insuranceFund: [\"500000\", \"1000000\"] (or zip: fields that vary together)");
        } else if (grid != null && !grid.isNull() && !grid.isObject()) {
            problems.add(source + ": grid: " + shown(grid) + " is not valid; valid: a mapping of scenario field to a"
                    + " list of values");
        } else if (grid != null && grid.isObject()) {
            axes(grid, "grid", source, problems, parameters, values);
        }
        int zipFrom = parameters.size();
        if (!noZip) {
            zip(zip, fixed, source, problems, parameters, values);
        }
        List<String> axes =
                heatmapAxes(root.get("heatmap"), parameters, problems.size() == beforeGrid, source, problems);
        String x = axes.get(0);
        String y = axes.get(1);
        if (!problems.isEmpty()) {
            throw new ScenarioException(Vector.ofAll(problems));
        }
        String scenarioSource = resolve(scenario, folder, source);
        String text;
        try {
            text = Scenarios.text(scenarioSource);
        } catch (ScenarioException e) {
            // the scenario the sweep names cannot be read: say which field of the sweep named it
            throw new ScenarioException(e.problems().map(m -> source + ": scenario: " + m));
        }
        Sweep sweep = new Sweep(source, scenarioSource, text, seed, runs, fixed, parameters, values, x, y, zipFrom);
        checkPoints(sweep, fixed, parameters, text, source);
        return sweep;
    }

    /** {@return the scenario a sweep names (empty when it has a problem, which is added to {@code problems})} */
    private static String scenarioName(JsonNode root, String source, List<String> problems) {
        JsonNode scenarioNode = root.get("scenario");
        String scenario = scenarioNode != null && scenarioNode.isValueNode() ? scenarioNode.asString() : "";
        if (scenarioNode != null && !scenarioNode.isNull() && !scenarioNode.isValueNode()) {
            problems.add(source + ": scenario: " + shown(scenarioNode)
                    + " is not valid; valid: a bundled scenario name or a path to a scenario file");
        } else if (scenario.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // a line break in a path would break the one-line messages that name the file
            problems.add(source + ": scenario: " + YamlInput.quoted(scenario) + " is not valid; valid: a bundled"
                    + " scenario name or a path to a scenario file, without control characters");
        } else if (scenario.isEmpty()) {
            problems.add(source + ": scenario: missing; valid: a bundled scenario name or a path to a scenario file");
        }
        return scenario;
    }

    /** {@return the {@code set} fields every point shares, in their order} */
    private static LinkedHashMap<String, String> fixedFields(JsonNode root, String source, List<String> problems) {
        LinkedHashMap<String, String> fixed = new LinkedHashMap<>();
        JsonNode set = root.get("set");
        if (set != null && !set.isNull()) {
            if (!set.isObject()) {
                problems.add(source + ": set: is not valid; valid: a mapping of field: value");
            } else {
                for (Map.Entry<String, JsonNode> e : set.properties()) {
                    if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        problems.add(source + ": set." + e.getKey() + ": " + shown(e.getValue())
                                + " is not valid; valid: one value, such as \"50000\"");
                        continue;
                    }
                    fixed.put(e.getKey(), e.getValue().asString());
                }
            }
        }
        return fixed;
    }

    /**
     * {@return the heatmap's x and y fields: those it names, or else the first two swept fields} They are checked
     * against the swept fields only when the grid was read without problems ({@code gridRead}).
     */
    private static List<String> heatmapAxes(
            JsonNode heat, List<String> parameters, boolean gridRead, String source, List<String> problems) {
        String x = parameters.isEmpty() ? "" : parameters.get(0);
        String y = parameters.size() > 1 ? parameters.get(1) : x;
        if (heat != null && !heat.isNull() && !heat.isObject()) {
            problems.add(source + ": heatmap: " + shown(heat) + " is not valid; valid: a mapping with x and y, two"
                    + " fields of the grid");
        } else if (heat != null && heat.isObject()) {
            for (String axis : List.of("x", "y")) {
                JsonNode a = heat.get(axis);
                if (a != null && !a.isNull() && !a.isValueNode()) {
                    problems.add(source + ": heatmap." + axis + ": " + shown(a)
                            + " is not valid; valid: one field of the grid");
                }
            }
            x = text(heat.get("x"), x);
            y = text(heat.get("y"), y);
            // the axes are checked against a grid read without problems: against a broken one, every axis would
            // look unknown, and the grid's own problem is the one to fix
            if (gridRead) {
                for (String axis : new java.util.LinkedHashSet<>(List.of(x, y))) {
                    if (!parameters.contains(axis)) {
                        problems.add(source + ": heatmap: " + axis + " is not a swept parameter; valid: one of "
                                + String.join(", ", parameters));
                    }
                }
            }
        }
        return List.of(x, y);
    }

    /** {@return where the scenario a sweep names is: a bundled name, or a path resolved against the sweep's folder} */
    private static String resolve(String scenario, Path folder, String source) {
        String scenarioSource = scenario;
        try {
            if (!Scenarios.BUNDLED.contains(scenario)
                    && folder != null
                    && !Path.of(scenario).isAbsolute()) {
                scenarioSource = folder.resolve(scenario).normalize().toString();
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new ScenarioException(Vector.of(source + ": scenario: " + YamlInput.quoted(scenario)
                    + " is not a valid path (" + e.getReason() + "); valid: a bundled scenario name or a path to a"
                    + " scenario file"));
        }
        return scenarioSource;
    }

    /** Reads every point's scenario now, so that a bad value fails the sweep before any run. */
    private static void checkPoints(
            Sweep sweep, Map<String, String> fixed, List<String> parameters, String text, String source) {
        String scenarioSource = sweep.scenarioSource();
        for (Sweep.Point p : sweep.points()) {
            java.util.TreeMap<String, String> o = new java.util.TreeMap<>(fixed);
            for (int k = 0; k < parameters.size(); k++) {
                o.put(parameters.get(k), p.values().get(k));
            }
            try {
                ScenarioReader.parse(scenarioSource, text, o);
            } catch (ScenarioException e) {
                throw new ScenarioException(e.problems().map(m -> source + ": grid point " + shown(o) + ": " + m));
            }
        }
    }

    /** Reads the fields of {@code grid} or {@code zip}, each a non-empty list of distinct scalars. */
    private static void axes(
            JsonNode node,
            String name,
            String source,
            List<String> problems,
            List<String> parameters,
            List<List<String>> values) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isArray() || v.isEmpty()) {
                problems.add(source + ": " + name + "." + e.getKey() + ": " + shown(v)
                        + " is not valid; valid: a non-empty list of values, such as [\"0.03\", \"0.05\"]");
                continue;
            }
            List<String> vs = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode x = v.get(i);
                if (!x.isValueNode() || x.isNull()) {
                    problems.add(source + ": " + name + "." + e.getKey() + "." + i + ": " + shown(x)
                            + " is not valid; valid: one value, such as \"0.03\"");
                }
                vs.add(x.isValueNode() ? x.asString() : "");
            }
            if (name.equals("grid") && Set.copyOf(vs).size() != vs.size()) {
                problems.add(source + ": grid." + e.getKey() + ": lists a value twice; valid: distinct values");
            }
            parameters.add(e.getKey());
            values.add(vs);
        }
    }

    /**
     * Reads {@code zip}: fields whose lists are equally long and whose i-th values make one combination, distinct from
     * every other, and none of them also in {@code grid} or {@code set}.
     */
    private static void zip(
            JsonNode zip,
            Map<String, String> fixed,
            String source,
            List<String> problems,
            List<String> parameters,
            List<List<String>> values) {
        if (!zip.isObject() || zip.isEmpty()) {
            problems.add(source + ": zip: " + shown(zip) + " is not valid; valid: a mapping of scenario field to a"
                    + " list of values, every list as long as the others, such as {traders.leverage.max: [\"5\","
                    + " \"10\"], protocol.markets.ETH-PERP.maintenanceMargin: [\"0.05\", \"0.03\"]}");
            return;
        }
        int from = parameters.size();
        List<String> gridFields = List.copyOf(parameters);
        axes(zip, "zip", source, problems, parameters, values);
        String first = null;
        int length = -1;
        for (int p = from; p < parameters.size(); p++) {
            String field = parameters.get(p);
            if (gridFields.contains(field) || fixed.containsKey(field)) {
                problems.add(source + ": zip." + field + ": is also in " + (gridFields.contains(field) ? "grid" : "set")
                        + "; valid: each field in one of set, grid and zip");
            }
            if (first == null) {
                first = field;
                length = values.get(p).size();
            } else if (values.get(p).size() != length) {
                problems.add(
                        source + ": zip." + field + ": has " + values.get(p).size() + " values where zip." + first
                                + " has " + length + "; valid: lists of one length, whose i-th values go together");
            }
        }
        if (first == null || problems.stream().anyMatch(m -> m.startsWith(source + ": zip."))) {
            return;
        }
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        for (int i = 0; i < length; i++) {
            List<String> combination = new ArrayList<>();
            for (int p = from; p < parameters.size(); p++) {
                combination.add(values.get(p).get(i));
            }
            if (!seen.add(combination)) {
                problems.add(source + ": zip: combination " + i + " " + combination + " is listed twice; valid:"
                        + " distinct combinations");
            }
        }
    }

    /**
     * {@return a grid point as a message shows it, {@code {field=value, ...}}} A value that would not read well on one
     * line (a control character, or more than a few dozen characters) is quoted and cut, as in every other message.
     */
    private static String shown(Map<String, String> point) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : point.entrySet()) {
            if (b.length() > 1) {
                b.append(", ");
            }
            String v = e.getValue();
            boolean plain = v.length() <= 60 && v.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
            b.append(e.getKey()).append('=').append(plain ? v : YamlInput.quoted(v));
        }
        return b.append('}').toString();
    }

    /** {@return a scalar's text, or {@code fallback} when there is none} */
    private static String text(JsonNode n, String fallback) {
        return n == null || n.isNull() || !n.isValueNode() ? fallback : n.asString();
    }

    /** {@return a node as a message shows it: a mapping, a list, or its text in quotes} */
    private static String shown(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.isNull() ? "nothing" : YamlInput.quoted(n.asString());
    }

    private static long longField(
            JsonNode root, String name, long fallback, long min, long max, String source, List<String> problems) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isValueNode()) {
            problems.add(source + ": " + name + ": " + shown(n) + " is not valid; valid: a whole number");
            return fallback;
        }
        try {
            long v = Long.parseLong(n.asString().replace("_", ""));
            if (v < min || v > max) {
                problems.add(source + ": " + name + ": " + v + " is out of range; valid: a whole number in [" + min
                        + ", " + max + "]");
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(source + ": " + name + ": " + shown(n) + " is not valid; valid: a whole number");
            return fallback;
        }
    }
}
