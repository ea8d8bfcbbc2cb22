package dev.solvent.oracle.mirror;

import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.control.Either;
import java.util.function.Supplier;

/**
 * What every live reader of a deployment shares: one JSON-RPC connection with its timeouts, retries and batches, and
 * the count of what it sent. The protocol's reader adds what it reads and how it verifies it.
 */
public abstract class LiveReader implements AutoCloseable {

    /** How many {@code eth_call}s go in one HTTP request, unless the reader is created with another batch size. */
    public static final int BATCH_SIZE = 500;

    /** The connection every read and verification goes through. */
    final JsonRpc rpc;

    LiveReader(RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: " + batchSize + " is not positive");
        }
        this.rpc = new JsonRpc(url, settings, sleeper, batchSize);
    }

    /** {@return how many JSON-RPC calls this reader has made (each call of a batch counts), retries included} */
    public long calls() {
        return rpc.calls();
    }

    /** {@return how many HTTP requests this reader has sent (a batch is one), retries included} */
    public long requests() {
        return rpc.requests();
    }

    /** Refuses a scan that starts before block 0 or pages by less than one block. */
    static void requireScan(long fromBlock, long maxLogRange) {
        if (fromBlock < 0 || maxLogRange < 1) {
            throw new IllegalArgumentException("fromBlock >= 0 and maxLogRange >= 1");
        }
    }

    /** {@return what {@code read} returns, or the failure that aborted it} */
    static <T> Either<ReadFailure, T> guarded(Supplier<T> read) {
        try {
            return Either.right(read.get());
        } catch (ReadAbort e) {
            return Either.left(e.failure());
        }
    }

    @Override
    public void close() {
        rpc.close();
    }
}
