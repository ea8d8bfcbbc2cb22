package dev.solvent.oracle.rpc;

import java.time.Duration;

/**
 * How a {@link JsonRpcTransport} waits between two attempts of a call: the real one sleeps, a test's records the
 * waits and returns at once, so that the backoff is checked without slowing the tests.
 */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the calling thread. */
    Sleeper THREAD = Thread::sleep;

    /** Waits {@code duration}, or less if interrupted. */
    void sleep(Duration duration) throws InterruptedException;
}
