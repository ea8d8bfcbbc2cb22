package dev.solvent.cli;

import io.vavr.control.Either;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code --out} folder of a command that writes a folder, made (and tried with a file) before the work starts, so
 * that a folder that cannot be written fails at once and says why, instead of after a whole simulation. What was made
 * for a command that then fails is removed again.
 *
 * @param folder the folder, which exists and is writable
 * @param created the outermost folder this made, or null when the folder existed
 */
record OutFolder(Path folder, Path created) {

    /** {@return the folder, made if missing, or the one-line problem: which folder, why, and what is valid} */
    static Either<String, OutFolder> prepare(Path folder) {
        if (folder.toString().isEmpty()) {
            // the empty path is the working folder: an --out= without a value must not write there
            return Either.left("--out: is empty; valid: a folder (created if missing)");
        }
        Path absolute = folder.toAbsolutePath().normalize();
        Path missing = null;
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            return Either.left("--out: " + folder + " is a file; valid: a folder (created if missing)");
        }
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".solvent-", ".tmp"));
            return Either.right(new OutFolder(folder, missing));
        } catch (IOException e) {
            OutFolder made = new OutFolder(folder, missing);
            made.removeIfEmpty();
            return Either.left("--out: cannot " + (missing == null ? "write into the folder " : "create the folder ")
                    + folder + ": " + reason(e, missing) + "; valid: a folder that can be created and written");
        }
    }

    /** Removes the folders {@link #prepare} made, from the innermost out, as long as they are empty. */
    void removeIfEmpty() {
        if (created == null) {
            return;
        }
        for (Path p = folder.toAbsolutePath().normalize(); p != null && p.startsWith(created); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (DirectoryNotEmptyException e) {
                return;
            } catch (IOException e) {
                return; // the folder stays; the command's own failure is the one to report
            }
        }
    }

    private static String reason(IOException e, Path missing) {
        Path parent = missing == null ? null : missing.getParent();
        String in = parent == null ? "" : " in " + parent;
        if (e instanceof AccessDeniedException) {
            return "permission denied" + in;
        }
        if (e instanceof NoSuchFileException) {
            // such as a folder under /proc, where the kernel answers mkdir with ENOENT
            return "the file system refuses new folders" + in + " (no such file or directory)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String why = f.getReason().toLowerCase(Locale.ROOT);
            return "Not a directory".equalsIgnoreCase(f.getReason())
                    ? "a file is in the way: " + firstFile(f.getFile()) + " is not a folder"
                    : why + in;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** {@return the first existing file (not folder) on the way to {@code path}, or the path when there is none} */
    private static String firstFile(String path) {
        if (path == null) {
            return "a part of the path";
        }
        Path whole = Path.of(path).toAbsolutePath().normalize();
        Path root = whole.getRoot();
        Path at = root;
        for (Path part : root == null ? whole : root.relativize(whole)) {
            at = at == null ? part : at.resolve(part);
            if (Files.isRegularFile(at)) {
                return at.toString();
            }
        }
        return path;
    }
}
