package dev.solvent.mirror.harness;

import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A local anvil process for integration tests, and nothing else: the one place that finds the binary, starts it on a
 * free loopback port, waits until it answers, and stops it. What a test does on the chain (its flags, its client,
 * its contracts) belongs to the caller: {@link AnvilChain} here, and the oracle and cli modules' own fixtures, which
 * use this class through the mirrors test-jar.
 *
 * <p>The binary is {@code $SOLVENT_ANVIL}, else the system property {@code solvent.anvil} that each module's Surefire
 * configuration sets to where {@code .ci/install-anvil} puts it. The node runs with {@code --host 127.0.0.1 --port
 * <free port> --silent --prune-history} and the caller's extra arguments, its output in {@code target/anvil-<port>.log}
 * (relative to the working directory, which Surefire sets to the module's). Without a runnable anvil {@link #start}
 * gives the reason to skip with, except under CI ({@code CI=true}), where it fails: CI must never pass by skipping.
 */
public final class AnvilProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String INSTALL_HINT =
            "run .ci/install-anvil (needs npm) or set SOLVENT_ANVIL to an anvil binary";
    private static final Set<String> OWN_FLAGS = Set.of("--host", "-p", "--port", "--silent", "--prune-history");
    private static final int START_ATTEMPTS = 3;
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 20;
    private static final long STOP_WITHIN_SECONDS = 10;
    private static final Pattern CHAIN_ID_ANSWER = Pattern.compile("\"result\"\\s*:\\s*\"0x[0-9a-fA-F]+\"");
    private static final String CHAIN_ID_REQUEST =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}";

    private final Process process;
    private final Path log;
    private final int port;

    private AnvilProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        // a test engine that dies before its cleanup must not leave the node running: stop it when the JVM exits
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop anvil " + process.pid()));
    }

    /**
     * {@return a running anvil that answers JSON-RPC, or why there is none} The reason is for an assumption in each
     * test (a class-level abort would hide it: Surefire reports such a class as zero tests). Under CI ({@code
     * CI=true}) a missing or unstartable anvil fails instead. A free port can be taken between the probe and anvil's
     * bind, so a node that exits at once is retried on a fresh port, a bounded number of times.
     *
     * @param extraArgs anvil's arguments beyond host, port, {@code --silent} and {@code --prune-history}
     */
    public static Either<String, AnvilProcess> start(List<String> extraArgs) {
        for (String arg : extraArgs) {
            if (OWN_FLAGS.contains(arg)
                    || arg.startsWith("--host=")
                    || arg.startsWith("--port=")
                    || arg.startsWith("--prune-history=")) {
                throw new IllegalArgumentException("AnvilProcess sets " + arg + " itself");
            }
        }
        Either<String, Path> found = binary();
        if (found.isLeft()) {
            return unavailable(found.getLeft());
        }
        Path binary = found.get();
        String failure = "";
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            AnvilProcess anvil;
            try {
                int port = freePort();
                Path log = Path.of("target", "anvil-" + port + ".log");
                Files.createDirectories(log.getParent());
                Process process = new ProcessBuilder(command(binary, port, extraArgs))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                anvil = new AnvilProcess(process, log, port);
            } catch (IOException e) {
                return unavailable("anvil at " + binary + " cannot be run: " + e.getMessage() + "; " + INSTALL_HINT);
            }
            if (anvil.awaitReady()) {
                return Either.right(anvil);
            }
            String why = anvil.isAlive()
                    ? "no answer to eth_chainId within " + READY_WITHIN.toSeconds() + " s"
                    : "it exited with code " + anvil.process.exitValue();
            anvil.close();
            if (Thread.currentThread().isInterrupted()) {
                return unavailable("interrupted while starting anvil at " + binary);
            }
            String logged = anvil.logText();
            failure = logged.isEmpty() ? why : why + ": " + logged;
        }
        return unavailable("anvil at " + binary + " did not start in " + START_ATTEMPTS + " attempts: " + failure);
    }

    private static List<String> command(Path binary, int port, List<String> extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                binary.toString(), "--host", HOST, "--port", Integer.toString(port), "--silent", "--prune-history"));
        command.addAll(extraArgs);
        return command;
    }

    private static Either<String, Path> binary() {
        String fromEnv = System.getenv("SOLVENT_ANVIL");
        boolean env = fromEnv != null && !fromEnv.isBlank();
        String configured = env ? fromEnv : System.getProperty("solvent.anvil");
        if (configured == null || configured.isBlank()) {
            return Either.left("neither SOLVENT_ANVIL nor the system property solvent.anvil names an anvil binary; "
                    + INSTALL_HINT);
        }
        Path binary = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isExecutable(binary)) {
            String source = env ? "SOLVENT_ANVIL" : "the system property solvent.anvil";
            return Either.left("no runnable anvil at " + binary + " (from " + source + "); " + INSTALL_HINT);
        }
        return Either.right(binary);
    }

    private static <T> Either<String, T> unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            return fail("CI must run the anvil integration tests, but " + reason);
        }
        String skipped = "anvil integration test skipped: " + reason;
        // Surefire lists a skipped test's reason only in its report files: say it once on the console of this module's
        // test run (one JVM per module), so that a newcomer sees why, and how to run them
        if (!TOLD.getAndSet(true)) {
            System.err.println("[solvent] " + skipped);
        }
        return Either.left(skipped);
    }

    /** Whether this JVM has printed why the anvil integration tests are skipped. */
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits, bounded, until anvil answers {@code eth_chainId}; false at once if it exits, or if it never answers. */
    private boolean awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(url()))
                .timeout(PROBE_TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAIN_ID_REQUEST))
                .build();
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(PROBE_TIMEOUT)
                .build()) {
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> answer = http.send(probe, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200
                            && CHAIN_ID_ANSWER.matcher(answer.body()).find()) {
                        return true;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                // waiting on the process, not sleeping: an anvil that dies (a port taken) ends the wait at once
                if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@return the JSON-RPC URL, on the loopback interface} */
    public String url() {
        return "http://" + HOST + ":" + port;
    }

    /** {@return the loopback port anvil listens on} */
    public int port() {
        return port;
    }

    /** {@return the process id of this anvil} */
    public long pid() {
        return process.pid();
    }

    /** {@return anvil's output so far (with {@code --silent}, mostly errors), or why it cannot be read} */
    public String logText() {
        try {
            return Files.readString(log).strip();
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }

    /** {@return whether anvil is still running} */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops anvil with SIGTERM, forcibly if it has not stopped within seconds. Closing again does nothing. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_WITHIN_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "anvil " + pid() + " at " + url();
    }
}
