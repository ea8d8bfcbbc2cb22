package dev.solvent.mirror.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Anvil's rate and a mirror's rate on the same calls, measured in one JVM and one run, for the ratios the mirrors'
 * README quotes. A measurement, not a test: nothing is asserted about speed, and the classes that use it run only
 * with {@code -Dsolvent.throughput=true}.
 */
public final class Throughput {

    /** The system property that turns the measurements on. */
    public static final String ENABLED = "solvent.throughput";

    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final long MEASURE_NANOS = 3_000_000_000L;

    /** Keeps the JIT from dropping the mirror's results. */
    private static volatile int sink;

    private Throughput() {}

    /** {@return calls per second, for {@code calls} calls that took {@code nanos}} */
    public static double rate(int calls, long nanos) {
        return calls * 1e9 / nanos;
    }

    /**
     * {@return the calls per second of {@code call} on one thread, warm} It runs {@code call.apply(i)} for i = 0, 1,
     * ..., n - 1, 0, 1, ... for three seconds to warm up, then three seconds timed.
     */
    public static double mirror(int n, IntFunction<Object> call) {
        run(n, call, WARM_UP_NANOS);
        long[] calls = run(n, call, MEASURE_NANOS);
        return rate((int) calls[0], calls[1]);
    }

    private static long[] run(int n, IntFunction<Object> call, long nanos) {
        long start = System.nanoTime();
        long end = start + nanos;
        long calls = 0;
        int h = 0;
        long now;
        do {
            for (int i = 0; i < n; i++) {
                h += System.identityHashCode(call.apply(i));
            }
            calls += n;
            now = System.nanoTime();
        } while (now < end);
        sink += h;
        return new long[] {calls, now - start};
    }

    /** {@return a rate as a whole number of calls per second, grouped in thousands} */
    public static String show(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", perSecond);
    }

    /** Prints a line and appends it to {@code target/<file>} of the module. */
    public static void report(String file, String line) {
        System.out.println(line);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(
                    Path.of("target", file),
                    line + System.lineSeparator(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
