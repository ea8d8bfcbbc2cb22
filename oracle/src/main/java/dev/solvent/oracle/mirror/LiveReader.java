package dev.solvent.oracle.mirror;

import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;

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

    @Override
    public void close() {
        rpc.close();
    }
}
