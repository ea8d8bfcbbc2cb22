package dev.solvent.simulation.output;

import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a set of files into a folder so that no reader ever sees half of one: every file is written next to its
 * target under a temporary name first, and only when all are written are they moved into place.
 */
public final class OutputFolder {

    private OutputFolder() {}

    /**
     * Writes the files.
     *
     * @param folder the folder, created if missing
     * @param files each file's name and text
     * @throws UncheckedIOException naming the folder when it cannot be written (temporary files are removed)
     */
    public static void write(Path folder, Vector<Tuple2<String, String>> files) {
        Vector<Tuple2<Path, Path>> moves = Vector.empty();
        try {
            Files.createDirectories(folder);
            for (Tuple2<String, String> f : files) {
                Path target = folder.resolve(f._1);
                Path tmp = folder.resolve("." + f._1 + ".tmp");
                moves = moves.append(new Tuple2<>(tmp, target));
                Files.writeString(tmp, f._2, StandardCharsets.UTF_8);
            }
            for (Tuple2<Path, Path> m : moves) {
                move(m._1, m._2);
            }
        } catch (IOException e) {
            for (Tuple2<Path, Path> m : moves) {
                try {
                    Files.deleteIfExists(m._1);
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
            }
            throw new UncheckedIOException("cannot write " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Moves a finished file into place, atomically where the file system can. */
    public static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
