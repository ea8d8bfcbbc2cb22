package dev.solvent.simulation.report;

import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.control.Either;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.imageio.ImageIO;

/**
 * Headless Chromium for the browser tests: opens a local page once, and returns the DOM after its scripts ran, every
 * console message (Chromium writes them to stderr as {@code INFO:CONSOLE} lines), and a screenshot.
 *
 * <p>The binary is the system property {@code solvent.chromium}, else {@code chromium} or {@code chromium-browser} on
 * {@code PATH}. Without one the tests are skipped with the reason, except under CI ({@code CI=true}), where a missing
 * browser is a failure: CI must never pass by skipping them ({@code .ci/run} installs it).
 */
final class Chromium {

    /** What Chromium saw: the rendered DOM, the console lines and the screenshot. */
    record Page(String dom, List<String> console, BufferedImage screenshot, String stderr) {}

    static final int WIDTH = 1280;
    static final int HEIGHT = 2200;
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** {@return a usable Chromium, or why there is none; under CI a missing one fails the test instead} */
    static Either<String, Chromium> find() {
        String configured = System.getProperty("solvent.chromium");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path)
                    ? Either.right(new Chromium(path))
                    : unavailable("the system property solvent.chromium names " + configured
                            + ", which is not an executable file");
        }
        String searchPath = System.getenv("PATH");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String folder : searchPath == null ? new String[0] : searchPath.split(File.pathSeparator)) {
                if (folder.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(folder, name);
                if (Files.isExecutable(candidate)) {
                    return Either.right(new Chromium(candidate));
                }
            }
        }
        return unavailable("no chromium or chromium-browser on PATH and no system property solvent.chromium;"
                + " install it (Debian: apt-get install chromium) or pass -Dsolvent.chromium=/path/to/chromium");
    }

    private static Either<String, Chromium> unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            return fail("CI must run the browser tests, but " + reason);
        }
        String skipped = "browser test skipped: " + reason;
        // Surefire lists a skipped test's reason only in its report files: say it once on the console of this module's
        // test run, so that a newcomer sees why, and how to run them
        if (!TOLD.getAndSet(true)) {
            System.err.println("[solvent] " + skipped);
        }
        return Either.left(skipped);
    }

    /** Whether this JVM has printed why the browser tests are skipped. */
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    /**
     * Opens {@code page} once with a fresh profile in {@code work}, waits (in virtual time, so timers and animations
     * run to completion) and returns what it saw. The process is bounded by a timeout and always destroyed, with its
     * children.
     */
    Page open(Path page, Path work) throws IOException, InterruptedException {
        Path dom = work.resolve("dom.html");
        Path stderr = work.resolve("stderr.txt");
        Path screenshot = work.resolve("screenshot.png");
        Files.deleteIfExists(screenshot);
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--user-data-dir=" + work.resolve("profile"),
                        "--enable-logging=stderr",
                        "--v=0",
                        "--window-size=" + WIDTH + "," + HEIGHT,
                        "--virtual-time-budget=5000",
                        "--dump-dom",
                        "--screenshot=" + screenshot,
                        page.toUri().toString())
                .redirectOutput(dom.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                return fail("chromium did not finish within " + TIMEOUT_SECONDS + " s on " + page + "; stderr:\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            return fail("chromium exited with " + process.exitValue() + " on " + page + "; stderr:\n" + errors);
        }
        if (!Files.exists(screenshot)) {
            return fail("chromium wrote no screenshot for " + page + "; stderr:\n" + errors);
        }
        List<String> console =
                errors.lines().filter(line -> line.contains("INFO:CONSOLE")).toList();
        return new Page(
                Files.readString(dom, StandardCharsets.UTF_8), console, ImageIO.read(screenshot.toFile()), errors);
    }
}
