package dev.solvent.oracle.rpc;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * Why a JSON-RPC request gave no usable answer: the endpoint could not be reached, answered with an HTTP or JSON-RPC
 * error, the call reverted, or the response was not one a reader understands. Shared by every live reader, whose own
 * failure catalogues wrap it; the whole catalogue is in this file and a {@code switch} over it needs no {@code
 * default}.
 */
public sealed interface RpcFailure {

    /** {@return the request that failed, such as {@code decimals() on 0x5f4e...8419} or {@code eth_getLogs 1..9}} */
    String what();

    /** {@return one line for a person: what went wrong and, where it helps, what to check} */
    String message();

    /**
     * No response within the read or call timeout, on every attempt.
     *
     * @param what the request
     * @param attempts how many times it was tried
     */
    record Timeout(String what, int attempts) implements RpcFailure {
        @Override
        public String message() {
            return what + ": no response within the timeout (" + tries(attempts) + ")";
        }
    }

    /**
     * The connection could not be made (refused, unknown host) or broke before a response (reset, closed).
     *
     * @param what the request
     * @param attempts how many times it was tried; refused connections and unknown hosts are not retried
     * @param reason what the network layer said
     */
    record ConnectionFailed(String what, int attempts, String reason) implements RpcFailure {
        @Override
        public String message() {
            return what + ": connection failed: " + reason + " (" + tries(attempts) + ")";
        }
    }

    /**
     * The endpoint answered with an HTTP status other than 2xx. 429 and 5xx were retried, a bounded number of times;
     * others were not.
     *
     * @param what the request
     * @param attempts how many times it was tried
     * @param status the HTTP status of the last attempt
     * @param retryAfter the server's {@code Retry-After}, if it sent one in seconds
     * @param body the start of the response body, for the message
     */
    record HttpStatus(String what, int attempts, int status, Option<Duration> retryAfter, String body)
            implements RpcFailure {
        @Override
        public String message() {
            String wait = retryAfter
                    .map(d -> "; the server asked to wait " + d.toSeconds() + " s")
                    .getOrElse("");
            String detail = body.isBlank() ? "" : ": " + body;
            return what + ": HTTP " + status + detail + " (" + tries(attempts) + wait + ")";
        }
    }

    /**
     * The node answered with a JSON-RPC error object, for a reason other than a revert (never retried).
     *
     * @param what the request
     * @param code the error's code, such as -32601 (method not found)
     * @param error the error's message
     */
    record RpcError(String what, long code, String error) implements RpcFailure {
        @Override
        public String message() {
            return what + ": JSON-RPC error " + code + ": " + error;
        }
    }

    /**
     * The contract reverted, such as {@code getRoundData} for a round it does not have ("No data present").
     *
     * @param what the call
     * @param reason the revert reason, decoded from {@code Error(string)} where the reader does, or the node's message
     */
    record Reverted(String what, String reason) implements RpcFailure {
        @Override
        public String message() {
            return what + ": the contract reverted: " + reason;
        }
    }

    /**
     * The response is not a JSON-RPC response the reader understands: not JSON, cut short, an id that is not the
     * request's, a result that is not hex data, ABI data of the wrong length, a value wider than its type.
     *
     * @param what the request
     * @param detail what was wrong
     */
    record MalformedResponse(String what, String detail) implements RpcFailure {
        @Override
        public String message() {
            return what + ": malformed response: " + detail;
        }
    }

    /**
     * The calling thread was interrupted while waiting; its interrupt flag is set again.
     *
     * @param what the request
     */
    record Interrupted(String what) implements RpcFailure {
        @Override
        public String message() {
            return what + ": interrupted";
        }
    }

    private static String tries(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
