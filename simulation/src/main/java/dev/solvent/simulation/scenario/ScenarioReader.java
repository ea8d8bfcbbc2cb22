package dev.solvent.simulation.scenario;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.math.I256;
import dev.solvent.simulation.scenario.Scenario.PriceSource;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a scenario from YAML, checking every field: a problem names the file, the field's dotted path, the value and
 * what would be valid, and all problems come out together. Sweeps override fields by dotted path before reading.
 * The parts are read by {@link ProtocolReader}, {@link PriceReader} and {@link AgentReader}.
 */
public final class ScenarioReader {

    private static final Set<String> TOP = HashSet.of(
            "name",
            "description",
            "seed",
            "blocks",
            "sampleEvery",
            "dust",
            "chain",
            "protocol",
            "prices",
            "oracle",
            "traders",
            "keepers",
            "unwind");

    /**
     * Losses past the insurance fund up to this many settlement tokens are rounding dust (the default of {@code
     * dust}): one cent of a dollar stablecoin, ten thousand base units of 6-decimal USDC.
     */
    public static final String DEFAULT_DUST = "0.01";

    private ScenarioReader() {}

    /** {@return the scenario in a file} @throws ScenarioException naming every problem */
    public static Scenario read(Path file) {
        return parse(file.toString(), readText(file), Map.of());
    }

    /**
     * {@return a file's text} @throws ScenarioException when it cannot be read: missing, a directory, larger than
     * {@link InputFile#MAX_YAML_BYTES} or not UTF-8 text
     */
    public static String readText(Path file) {
        return YamlInput.readText(file, "scenario");
    }

    /**
     * {@return the scenario in a YAML text, with some fields overridden}
     *
     * @param source how to name the text in messages (its file or bundled name)
     * @param yaml the text
     * @param overrides values by dotted path (such as {@code protocol.markets.ETH-PERP.maintenanceMargin}), applied
     *     before reading; a path must lead to a field the file has or may have
     * @throws ScenarioException naming every problem
     */
    public static Scenario parse(String source, String yaml, Map<String, String> overrides) {
        return parse(source, yaml, overrides, null);
    }

    /**
     * {@return the scenario in a YAML text, with some fields overridden from the command line}
     *
     * @param source how to name the text in messages (its file or bundled name)
     * @param yaml the text
     * @param overrides values by dotted path, as for {@link #parse(String, String, Map)}
     * @param option the option that gave the overrides, such as {@code --set}: a problem with an overridden value
     *     names it and the path ({@code --set blocks: ...}) rather than the file, which does not hold that value; null
     *     to name the file
     * @throws ScenarioException naming every problem
     */
    public static Scenario parse(String source, String yaml, Map<String, String> overrides, String option) {
        JsonNode root = tree(source, yaml);
        Map<String, String> origins = new java.util.HashMap<>();
        for (Map.Entry<String, String> o : new java.util.TreeMap<>(overrides).entrySet()) {
            String origin = option == null ? source : option + " " + o.getKey();
            override(origin, root, o.getKey(), o.getValue(), option == null ? null : origins);
        }
        Fields f = new Fields(source, origins);
        Scenario s = decode(f, root);
        if (!f.problems().isEmpty()) {
            throw new ScenarioException(f.problems());
        }
        return s;
    }

    static JsonNode tree(String source, String yaml) {
        JsonNode root = YamlInput.tree(source, yaml);
        if (root == null || !root.isObject()) {
            throw new ScenarioException(Vector.of(source + ": is not a scenario; valid: a YAML mapping with fields "
                    + String.join(", ", io.vavr.collection.TreeSet.ofAll(TOP))));
        }
        return root;
    }

    /** Sets the value at a dotted path, creating mappings on the way; a list element is named by its index. */
    static void override(String source, JsonNode root, String path, String value) {
        override(source, root, path, value, null);
    }

    /**
     * Sets the value at a dotted path, as {@link #override(String, JsonNode, String, String)}, recording what it set.
     *
     * @param origin what gave the value, for messages: the file, or an option and the path, such as {@code --set blocks}
     * @param origins where to record, by the path the reader will name, the value set and every mapping created for
     *     it, each with {@code origin}; null to record nothing
     */
    static void override(String origin, JsonNode root, String path, String value, Map<String, String> origins) {
        String[] parts = path.split("\\.");
        String within = origin.endsWith(" " + path) ? origin : origin + ": " + path;
        JsonNode at = root;
        String walked = "";
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (at instanceof ObjectNode o) {
                String key = part;
                // a key may itself hold one dot (such as 0.05): take the two parts together when that key exists
                if (!last && !o.has(key) && o.has(key + "." + parts[i + 1])) {
                    key = key + "." + parts[i + 1];
                    i++;
                    last = i == parts.length - 1;
                }
                walked = Fields.join(walked, key);
                if (last) {
                    o.put(key, value);
                    if (origins != null) {
                        origins.put(walked, origin);
                    }
                    return;
                }
                JsonNode next = o.get(key);
                if (next == null || next.isNull()) {
                    next = o.putObject(key);
                    if (origins != null) {
                        origins.putIfAbsent(walked, origin);
                    }
                }
                at = next;
            } else if (at instanceof ArrayNode a) {
                int index;
                try {
                    index = Integer.parseInt(part);
                } catch (NumberFormatException e) {
                    index = -1;
                }
                if (index < 0 || index >= a.size()) {
                    throw new ScenarioException(Vector.of(within + ": \"" + part
                            + "\" is not an element of the list; valid: an index in [0, " + (a.size() - 1) + "]"));
                }
                walked = Fields.join(walked, part);
                if (last) {
                    a.set(index, a.stringNode(value));
                    if (origins != null) {
                        origins.put(walked, origin);
                    }
                    return;
                }
                at = a.get(index);
            } else {
                throw new ScenarioException(Vector.of(within + ": cannot be overridden; \""
                        + String.join(".", java.util.Arrays.copyOf(parts, i)) + "\" is a value, not a mapping"));
            }
        }
    }

    private static Scenario decode(Fields f, JsonNode root) {
        f.onlyKnown(root, "", TOP);
        String name = f.text(root, "", "name", null, "a short name such as march-2020");
        String description = f.text(root, "", "description", "", "one line");
        long seed = f.whole(root, "", "seed", 1L, Long.MIN_VALUE, Long.MAX_VALUE);
        int blocks = f.small(root, "", "blocks", 0, 0, 50_000_000);
        int sampleEvery = f.small(root, "", "sampleEvery", 300, 1, 1_000_000);

        Scenario.ProtocolSpec protocol = ProtocolReader.protocol(f, f.object(root, "", "protocol", true));
        I256 dust = f.amount(
                root,
                "",
                "dust",
                DEFAULT_DUST,
                protocol == null ? 6 : protocol.config().settlement().decimals(),
                false);
        TreeMap<String, Scenario.PriceSpec> prices =
                PriceReader.prices(f, f.object(root, "", "prices", true), protocol);
        Scenario.ChainSpec chain = chain(f, f.object(root, "", "chain", false), prices);
        Scenario.OracleSpec oracle = PriceReader.oracle(f, f.object(root, "", "oracle", false));
        Scenario.TraderSpec traders = AgentReader.traders(f, f.object(root, "", "traders", true), protocol);
        Vector<Scenario.KeeperSpec> keepers = AgentReader.keepers(
                f,
                root.get("keepers"),
                protocol == null ? 6 : protocol.config().settlement().decimals());
        Scenario.UnwindSpec unwind = unwind(f, f.object(root, "", "unwind", false));
        if (protocol != null) {
            for (var m : protocol.config().markets().values()) {
                String key = protocol.config()
                        .assets()
                        .get(m.underlying())
                        .flatMap(AssetConfig::priceKey)
                        .getOrNull();
                if (key != null && !prices.containsKey(key) && f.problems().isEmpty()) {
                    f.problem(
                            "prices",
                            "has no source for " + key + ", the price of market " + m.id()
                                    + "; valid: a source for every price key the protocol reads ("
                                    + String.join(", ", prices.keySet()) + " given)");
                }
            }
        }
        return new Scenario(
                name,
                description,
                seed,
                chain,
                blocks,
                sampleEvery,
                dust,
                protocol,
                prices,
                oracle,
                traders,
                keepers,
                unwind);
    }

    private static final Set<String> CHAIN =
            HashSet.of("blockSeconds", "gasLimit", "baseFeeGwei", "firstBlock", "startTime", "etherPrice");

    static Scenario.ChainSpec chain(Fields f, JsonNode n, TreeMap<String, Scenario.PriceSpec> prices) {
        f.onlyKnown(n, "chain", CHAIN);
        long blockSeconds = f.whole(n, "chain", "blockSeconds", 12L, 1, 3_600);
        long gasLimit = f.whole(n, "chain", "gasLimit", 30_000_000L, 1_000_000, 1_000_000_000);
        I256 baseFee = f.amount(n, "chain", "baseFeeGwei", "20", 9, false);
        long firstBlock = f.whole(n, "chain", "firstBlock", 1L, 0, Long.MAX_VALUE / 2);
        String start = f.text(n, "chain", "startTime", "", "an ISO-8601 UTC time such as 2020-03-12T00:00:00Z");
        long startTs = 0;
        if (!start.isEmpty()) {
            try {
                startTs = Instant.parse(start).getEpochSecond();
            } catch (DateTimeParseException e) {
                f.problem(
                        "chain.startTime",
                        Fields.quote(start)
                                + " is not valid; valid: an ISO-8601 UTC time such as 2020-03-12T00:00:00Z");
            }
        } else if (prices.values().forAll(p -> !(p.source() instanceof PriceSource.Historical))) {
            startTs = 1_700_000_000L;
        }
        I256 ether = f.amount(n, "chain", "etherPrice", "2000", 8, true);
        return new Scenario.ChainSpec(
                blockSeconds,
                gasLimit,
                baseFee.fitsLong() ? baseFee.longValueExact() : 0,
                firstBlock,
                startTs,
                PriceReader.price(f, "chain.etherPrice", ether));
    }

    private static Scenario.UnwindSpec unwind(Fields f, JsonNode n) {
        f.onlyKnown(n, "unwind", HashSet.of("fractionPerBlock", "delayBlocks"));
        return new Scenario.UnwindSpec(
                f.ratio(n, "unwind", "fractionPerBlock", "0.1", "0.0001", "1"),
                f.small(n, "unwind", "delayBlocks", 0, 0, 1_000_000));
    }
}
