package dev.solvent.simulation.sweep;

import dev.solvent.simulation.output.OutputFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Refuses a folder that holds the runs of another sweep, whose results would be mixed in. */
    private static void checkFingerprint(Sweep sweep, Path folder) {
        String print = fingerprint(sweep);
        Path f = folder.resolve("runs").resolve("sweep.fingerprint");
        try {
            if (Files.isRegularFile(f)) {
                String old = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (!old.equals(print)) {
                    throw new dev.solvent.simulation.scenario.ScenarioException(io.vavr.collection.Vector.of(folder
                            + ": holds the runs of another sweep (its file or scenario changed); valid: the same"
                            + " sweep to resume, or another --out folder"));
                }
                return;
            }
            Files.createDirectories(f.getParent());
            Files.writeString(f, print + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + folder + ": " + e.getMessage(), e);
        }
    }

    /** {@return a digest of everything that decides a sweep's cells} */
    public static String fingerprint(Sweep sweep) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(sweep.scenarioYaml().getBytes(StandardCharsets.UTF_8));
            md.update(sweep.cells().toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
