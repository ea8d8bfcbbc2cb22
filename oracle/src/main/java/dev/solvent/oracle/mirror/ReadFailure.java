package dev.solvent.oracle.mirror;

import dev.solvent.oracle.rpc.RpcFailure;

/**
 * Why a deployment could not be read: the endpoint, the transport, the block or the data was wrong (the transport's
 * failures are shared with the other live readers, wrapped in {@link Rpc}). Each failure has a
 * one-line {@link #message()} for a person. The whole catalogue is in this file; a {@code switch} over it needs no
 * {@code default}.
 */
public sealed interface ReadFailure {

    /** {@return one line: what failed and, where it helps, what to check} */
    String message();

    /**
     * A JSON-RPC request failed or its answer was unusable: a timeout, a failed connection, an HTTP or JSON-RPC error,
     * a view that reverted, a malformed response. The message is the transport's, with what to check where the mirror
     * knows better (a rate-limiting endpoint, an address that is not the market).
     *
     * @param failure what the transport or the call's answer said
     */
    record Rpc(RpcFailure failure) implements ReadFailure {
        @Override
        public String message() {
            return failure.message()
                    + switch (failure) {
                        case RpcFailure.HttpStatus http
                        when http.status() == 429 ->
                            "; the endpoint is rate-limiting: try again later or use another node";
                        case RpcFailure.Reverted reverted ->
                            " (is the address the market of --protocol on this chain: a Comet proxy, an Aave Pool?)";
                        case RpcFailure.HttpStatus http -> "";
                        case RpcFailure.Timeout timeout -> "";
                        case RpcFailure.ConnectionFailed connectionFailed -> "";
                        case RpcFailure.RpcError rpcError -> "";
                        case RpcFailure.MalformedResponse malformed -> "";
                        case RpcFailure.Interrupted interrupted -> "";
                    };
        }
    }

    /**
     * A call returned no data: there is no contract at the address at that block, or the URL is for another chain.
     *
     * @param what the call
     * @param address the address called
     * @param block the block read
     */
    record NoContract(String what, String address, long block) implements ReadFailure {
        @Override
        public String message() {
            return what + ": no contract at " + address + " at block " + block
                    + " (a wrong address, a block before the deployment, or an RPC URL for another chain?)";
        }
    }

    /**
     * The node does not have the state of the block asked for: it is not an archive node, or the block is in the
     * future.
     *
     * @param block the block
     * @param detail what the node said
     */
    record BlockNotServed(long block, String detail) implements ReadFailure {
        @Override
        public String message() {
            return "the node does not serve the state of block " + block + " (" + detail
                    + "); use an archive node for past blocks, or a block at most the chain's latest";
        }
    }

    /**
     * The block's hash changed while it was being read: a reorganisation replaced it, so the reads may mix two chains.
     *
     * @param block the block
     * @param before its hash when the read began
     * @param after its hash when the read ended
     */
    record BlockChanged(long block, String before, String after) implements ReadFailure {
        @Override
        public String message() {
            return "block " + block + " changed from " + before + " to " + after
                    + " during the read (a reorg); read again, or pin a block a few confirmations deep with --block";
        }
    }

    /**
     * {@code eth_getLogs} kept failing on a range of one block: the node's limits cannot be met by shrinking.
     *
     * @param block the block
     * @param detail what the node said
     */
    record LogRangeTooSmall(long block, String detail) implements ReadFailure {
        @Override
        public String message() {
            return "eth_getLogs refuses even the single block " + block + ": " + detail
                    + " (the node's log limits are too tight for this market; use another node)";
        }
    }

    /**
     * The scan cache file could not be read or written.
     *
     * @param file the file
     * @param reason why
     */
    record CacheFailed(String file, String reason) implements ReadFailure {
        @Override
        public String message() {
            return "the scan cache " + file + " " + reason;
        }
    }
}
