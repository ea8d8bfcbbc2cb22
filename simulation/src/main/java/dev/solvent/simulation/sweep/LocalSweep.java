package dev.solvent.simulation.sweep;

import dev.solvent.simulation.output.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a sweep's cells on this machine's cores. With an output folder it is resumable: each finished run is written
 * to {@code runs/} as soon as it ends, and a restart with the same folder and the same sweep skips the runs already
 * there.
 */
public final class LocalSweep {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The file in {@code runs/} that names the sweep whose runs the folder holds. */
    static final String FINGERPRINT = "sweep.fingerprint";

    /** The first line of {@link #canonical}; another format must have another line. */
    static final String CANONICAL_FORMAT = "solvent sweep fingerprint 2";

    private LocalSweep() {}

    /**
     * {@return every cell's result, sorted by point and run}
     *
     * @param sweep the sweep
     * @param threads how many runs at once
     * @param folder where finished runs are kept, or null to keep nothing
     * @param done told of each result as it comes (from the calling thread)
     */
    public static List<CellResult> run(Sweep sweep, int threads, Path folder, Consumer<CellResult> done) {
        List<CellResult> results = new ArrayList<>();
        List<Sweep.Cell> todo = new ArrayList<>();
        Path runs = folder == null ? null : folder.resolve("runs");
        if (runs != null) {
            checkFingerprint(sweep, folder);
        }
        for (Sweep.Cell c : sweep.cells()) {
            CellResult kept = runs == null ? null : kept(runs, c);
            if (kept != null) {
                results.add(kept);
                done.accept(kept);
            } else {
                todo.add(c);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "solvent-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CellResult>> futures = new ArrayList<>();
            for (Sweep.Cell c : todo) {
                futures.add(pool.submit(() -> CellResult.run(sweep, c)));
            }
            for (Future<CellResult> f : futures) {
                CellResult r = f.get();
                if (runs != null) {
                    keep(runs, r);
                }
                results.add(r);
                done.accept(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted; finished runs are kept", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run failed outside its cell: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        results.sort(java.util.Comparator.comparingInt(CellResult::point).thenComparingInt(CellResult::run));
        return List.copyOf(results);
    }

    static String fileName(int point, int run) {
        return "point-" + point + "-run-" + run + ".json";
    }

    private static CellResult kept(Path runs, Sweep.Cell c) {
        Path f = runs.resolve(fileName(c.point(), c.run()));
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            CellResult r = JSON.readValue(Files.readString(f, StandardCharsets.UTF_8), CellResult.class);
            return r.seed() == c.seed() ? r : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: run it again
        }
    }

    private static void keep(Path runs, CellResult r) {
        try {
            Files.createDirectories(runs);
            Path tmp = runs.resolve("." + fileName(r.point(), r.run()) + ".tmp");
            Files.writeString(tmp, JSON.writeValueAsString(r), StandardCharsets.UTF_8);
            OutputFolder.move(tmp, runs.resolve(fileName(r.point(), r.run())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a finished run in " + runs + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a folder that holds the runs of another sweep, whose results would be mixed in. The first run into a
     * folder writes {@code runs/sweep.fingerprint} (atomically, so that a kill never leaves half of one); a folder
     * written by an older version under the {@linkplain #legacyFingerprint former fingerprint} is taken over.
     */
    private static void checkFingerprint(Sweep sweep, Path folder) {
        String print = fingerprint(sweep);
        Path runs = folder.resolve("runs");
        Path f = runs.resolve(FINGERPRINT);
        try {
            if (Files.isRegularFile(f)) {
                String old = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (old.equals(print)) {
                    return;
                }
                if (!old.equals(legacyFingerprint(sweep))) {
                    throw new dev.solvent.simulation.scenario.ScenarioException(io.vavr.collection.Vector.of(folder
                            + ": holds the runs of another sweep (its file or scenario changed); valid: the same"
                            + " sweep to resume, or another --out folder"));
                }
            }
            Files.createDirectories(runs);
            Path tmp = runs.resolve("." + FINGERPRINT + ".tmp");
            Files.writeString(tmp, print + "\n", StandardCharsets.UTF_8);
            OutputFolder.move(tmp, f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@return a digest of everything that decides a sweep's runs}: the SHA-256, in lowercase hex, of the UTF-8 bytes of
     * its {@linkplain #canonical canonical form}. It is the same for the same sweep on every JVM start, thread count and
     * machine, and differs when the scenario's text, the seed, the runs per point or any point's fields change.
     */
    public static String fingerprint(Sweep sweep) {
        return fingerprint(sweep.scenarioYaml(), sweep.cells());
    }

    /** {@return the fingerprint of a sweep of these cells on this base scenario text} */
    static String fingerprint(String scenarioYaml, List<Sweep.Cell> cells) {
        MessageDigest md = sha256();
        canonical(scenarioYaml, cells, line -> md.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * {@return the canonical form of a sweep}: what {@link #fingerprint} digests. One line (each ended by a line feed)
     * per item, in this order:
     *
     * <pre>
     * solvent sweep fingerprint 2
     * scenario SHA-256 of the base scenario's UTF-8 text, in lowercase hex
     * cells COUNT
     * cell POINT RUN SEED FIELDS         once per cell, by point then run (as {@link Sweep#cells})
     * set "FIELD" "VALUE"                FIELDS times: every field the cell sets, sorted by path
     * </pre>
     *
     * Numbers are decimal integers ({@code SEED} a signed {@code long}); texts are quoted, with {@code "}, {@code \}
     * and control characters escaped as in JSON, so that no two sweeps share a form. A value is the exact text the
     * scenario reader is given (a grid or {@code set} value as written); the sweep file's path, the scenario's path and
     * the heatmap's axes decide no run and are left out.
     */
    public static String canonical(Sweep sweep) {
        StringBuilder b = new StringBuilder();
        canonical(sweep.scenarioYaml(), sweep.cells(), line -> b.append(line).append('\n'));
        return b.toString();
    }

    private static void canonical(String scenarioYaml, List<Sweep.Cell> cells, Consumer<String> lines) {
        lines.accept(CANONICAL_FORMAT);
        lines.accept(
                "scenario " + HexFormat.of().formatHex(sha256().digest(scenarioYaml.getBytes(StandardCharsets.UTF_8))));
        lines.accept("cells " + cells.size());
        for (Sweep.Cell c : cells) {
            TreeMap<String, String> sorted = new TreeMap<>(c.overrides());
            lines.accept("cell " + c.point() + " " + c.run() + " " + c.seed() + " " + sorted.size());
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                lines.accept("set " + quote(e.getKey()) + " " + quote(e.getValue()));
            }
        }
    }

    /**
     * {@return the fingerprint older versions wrote}, digesting {@code toString()} of the cells, or null where that was
     * not stable: with two fields or more set at a point, its order changed from one JVM start to the next. A folder of
     * a one-field sweep begun by an older version is still resumed.
     */
    static String legacyFingerprint(Sweep sweep) {
        List<Sweep.Cell> cells = sweep.cells();
        StringBuilder b = new StringBuilder("[");
        for (Sweep.Cell c : cells) {
            if (c.overrides().size() > 1) {
                return null;
            }
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append("Cell[point=")
                    .append(c.point())
                    .append(", run=")
                    .append(c.run())
                    .append(", seed=")
                    .append(c.seed())
                    .append(", overrides={");
            c.overrides().forEach((k, v) -> b.append(k).append('=').append(v));
            b.append("}]");
        }
        b.append(']');
        MessageDigest md = sha256();
        md.update(sweep.scenarioYaml().getBytes(StandardCharsets.UTF_8));
        md.update(b.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
