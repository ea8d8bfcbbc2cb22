package dev.solvent.oracle.rpc;

import java.time.Duration;

/**
 * How patiently a {@link JsonRpcTransport} talks to its endpoint: the timeouts of one HTTP request, and how often and
 * after how long it tries again after a transient failure (a timeout, a reset connection, HTTP 429 or 5xx). Other
 * failures are never retried.
 *
 * <p>The wait before attempt {@code n + 1} is {@code initialBackoff * 2^(n - 1)}, at most {@code maxBackoff}; after
 * HTTP 429 it is what the server's {@code Retry-After} asks, if that is at most {@code maxRetryAfter}, and otherwise the
 * reader gives up at once rather than hammer a server that asked it to wait.
 *
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param readTimeout the longest silence while waiting for response bytes
 * @param callTimeout the longest one whole HTTP request may take, connection included
 * @param maxAttempts how many times one call is tried in all, {@code 1..10} (1: never retried)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff the longest wait between two attempts
 * @param maxRetryAfter the longest {@code Retry-After} the reader honours
 */
public record RpcSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter) {

    /** Settings for a command line: patient enough for a public provider, quick to give up on a dead one. */
    public static final RpcSettings DEFAULTS = new RpcSettings(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(15),
            3,
            Duration.ofMillis(250),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    /** Rejects non-positive timeouts, negative waits and attempt counts outside {@code 1..10}. */
    public RpcSettings {
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        positive("callTimeout", callTimeout);
        notNegative("initialBackoff", initialBackoff);
        notNegative("maxBackoff", maxBackoff);
        notNegative("maxRetryAfter", maxRetryAfter);
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " is out of range; valid: 1..10");
        }
    }

    /**
     * {@return a copy whose one request may take at most {@code timeout} in all} Connection and read timeouts are cut
     * to it too, so that no single phase can outlast the whole.
     */
    public RpcSettings withTimeout(Duration timeout) {
        positive("timeout", timeout);
        return new RpcSettings(
                min(connectTimeout, timeout),
                min(readTimeout, timeout),
                timeout,
                maxAttempts,
                initialBackoff,
                maxBackoff,
                maxRetryAfter);
    }

    /** {@return a copy that tries each call at most {@code attempts} times} */
    public RpcSettings withMaxAttempts(int attempts) {
        return new RpcSettings(
                connectTimeout, readTimeout, callTimeout, attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }

    /** {@return how long to wait before attempt {@code attempt + 1}, after {@code attempt} failed ones} */
    Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return min(wait, maxBackoff);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " must be positive");
        }
    }

    private static void notNegative(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " must not be negative");
        }
    }
}
