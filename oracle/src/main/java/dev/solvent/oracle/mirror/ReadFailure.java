package dev.solvent.oracle.mirror;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * Why a deployment could not be read: the endpoint, the transport, the block or the data was wrong. Each failure has a
 * one-line {@link #message()} for a person. The whole catalogue is in this file; a {@code switch} over it needs no
 * {@code default}.
 */
public sealed interface ReadFailure {

    /** {@return one line: what failed and, where it helps, what to check} */
    String message();

    /**
     * No response within the timeout, on every attempt.
     *
     * @param what the request, such as {@code eth_getLogs 100..199}
     * @param attempts how many times it was tried
     */
    record Timeout(String what, int attempts) implements ReadFailure {
        @Override
        public String message() {
            return what + ": no response within the timeout (" + tries(attempts) + ")";
        }
    }

    /**
     * The connection could not be made (refused, unknown host) or broke before a response.
     *
     * @param what the request
     * @param attempts how many times it was tried; refused connections and unknown hosts are not retried
     * @param reason what the network layer said
     */
    record ConnectionFailed(String what, int attempts, String reason) implements ReadFailure {
        @Override
        public String message() {
            return what + ": connection failed: " + reason + " (" + tries(attempts) + ")";
        }
    }

    /**
     * The endpoint answered with an HTTP status other than 2xx; 429 and 5xx were retried, a bounded number of times.
     *
     * @param what the request
     * @param attempts how many times it was tried
     * @param status the last status
     * @param retryAfter the server's {@code Retry-After}, when it sent one in seconds
     * @param body the start of the response body
     */
    record HttpStatus(String what, int attempts, int status, Option<Duration> retryAfter, String body)
            implements ReadFailure {
        @Override
        public String message() {
            String wait = retryAfter
                    .map(d -> "; the server asked to wait " + d.toSeconds() + " s")
                    .getOrElse("");
            String hint = status == 429 ? "; the endpoint is rate-limiting: try again later or use another node" : "";
            String detail = body.isBlank() ? "" : ": " + body;
            return what + ": HTTP " + status + detail + " (" + tries(attempts) + wait + ")" + hint;
        }
    }

    /**
     * The node answered with a JSON-RPC error object that is not a revert (never retried).
     *
     * @param what the request
     * @param code the error's code
     * @param error the error's message
     */
    record RpcError(String what, long code, String error) implements ReadFailure {
        @Override
        public String message() {
            return what + ": JSON-RPC error " + code + ": " + error;
        }
    }

    /**
     * A view the reader needs reverted: the address is not a Comet (or not the proxy of one), or the node is broken.
     *
     * @param what the call
     * @param reason the node's message or the revert data
     */
    record Reverted(String what, String reason) implements ReadFailure {
        @Override
        public String message() {
            return what + ": the contract reverted: " + reason + " (is the address a Comet proxy on this chain?)";
        }
    }

    /**
     * The response is not a JSON-RPC response this reader understands: not JSON, cut short, a result that is not hex,
     * ABI data of the wrong length, a value wider than its type.
     *
     * @param what the request
     * @param detail what was wrong
     */
    record MalformedResponse(String what, String detail) implements ReadFailure {
        @Override
        public String message() {
            return what + ": malformed response: " + detail;
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

    /**
     * The calling thread was interrupted; its interrupt flag is set again.
     *
     * @param what the request
     */
    record Interrupted(String what) implements ReadFailure {
        @Override
        public String message() {
            return what + ": interrupted";
        }
    }

    private static String tries(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
