package dev.solvent.oracle.live;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * Why a live feed gave no usable price: either the read itself failed ({@link ReadFailure}: the endpoint, the
 * transport or the data was wrong) or the feed answered and a careful consumer refuses the answer
 * ({@link Rejection}). The whole catalogue is in this file; a {@code switch} over it needs no {@code default}.
 */
public sealed interface FeedFailure {

    /** {@return one line for a person: what went wrong and, where it helps, what to check} */
    String message();

    /**
     * The call did not return well-formed data: the endpoint could not be reached or answered with an error, or the
     * contract at the address returned something that is not what an AggregatorV3Interface returns.
     */
    sealed interface ReadFailure extends FeedFailure {

        /** {@return the call that failed, such as {@code latestRoundData() on 0x5f4e...8419}} */
        String call();
    }

    /**
     * The feed answered, but the answer must not be used: it is stale, from the future, non-positive, or from an
     * incomplete round. Mirrors the {@code require}s of a careful consumer contract.
     */
    sealed interface Rejection extends FeedFailure {

        /** {@return the round as the feed returned it} */
        RoundData round();
    }

    /**
     * No response within the read or call timeout, on every attempt.
     *
     * @param call the call
     * @param attempts how many times it was tried
     */
    record Timeout(String call, int attempts) implements ReadFailure {
        @Override
        public String message() {
            return call + ": no response within the timeout (" + tries(attempts) + ")";
        }
    }

    /**
     * The connection could not be made (refused, unknown host) or broke before a response (reset, closed).
     *
     * @param call the call
     * @param attempts how many times it was tried; refused and unknown hosts are not retried
     * @param reason what the network layer said
     */
    record ConnectionFailed(String call, int attempts, String reason) implements ReadFailure {
        @Override
        public String message() {
            return call + ": connection failed: " + reason + " (" + tries(attempts) + ")";
        }
    }

    /**
     * The endpoint answered with an HTTP status other than 2xx. 429 and 5xx were retried; others were not.
     *
     * @param call the call
     * @param attempts how many times it was tried
     * @param status the HTTP status of the last attempt
     * @param retryAfter the server's {@code Retry-After}, if it sent one in seconds
     * @param body the start of the response body, for the message
     */
    record HttpStatus(String call, int attempts, int status, Option<Duration> retryAfter, String body)
            implements ReadFailure {
        @Override
        public String message() {
            String wait = retryAfter
                    .map(d -> "; the server asked to wait " + d.toSeconds() + " s")
                    .getOrElse("");
            String detail = body.isBlank() ? "" : ": " + body;
            return call + ": HTTP " + status + detail + " (" + tries(attempts) + wait + ")";
        }
    }

    /**
     * The node answered with a JSON-RPC error object, for a reason other than a revert (never retried).
     *
     * @param call the call
     * @param code the error's code, such as -32601 (method not found)
     * @param error the error's message
     */
    record RpcError(String call, long code, String error) implements ReadFailure {
        @Override
        public String message() {
            return call + ": JSON-RPC error " + code + ": " + error;
        }
    }

    /**
     * The contract reverted, such as {@code getRoundData} for a round it does not have ("No data present").
     *
     * @param call the call
     * @param reason the revert reason, decoded from {@code Error(string)} where possible
     */
    record Reverted(String call, String reason) implements ReadFailure {
        @Override
        public String message() {
            return call + ": the contract reverted: " + reason;
        }
    }

    /**
     * The response is not a JSON-RPC response this reader understands: not JSON, a result that is not hex data, an
     * id that is not the request's.
     *
     * @param call the call
     * @param detail what was wrong
     */
    record MalformedResponse(String call, String detail) implements ReadFailure {
        @Override
        public String message() {
            return call + ": malformed response: " + detail;
        }
    }

    /**
     * The call returned ABI data of a length that the function's return types cannot have: the contract is not an
     * AggregatorV3Interface, or the node is broken.
     *
     * @param call the call
     * @param expectedBytes the length that the return types give
     * @param actualBytes the length returned
     */
    record WrongDataLength(String call, int expectedBytes, int actualBytes) implements ReadFailure {
        @Override
        public String message() {
            return call + ": returned " + actualBytes + " bytes of ABI data; expected " + expectedBytes
                    + " (is this an AggregatorV3Interface?)";
        }
    }

    /**
     * The ABI data has the right length but holds a value its type cannot (a {@code uint80} wider than 80 bits, a
     * timestamp past a {@code long}, decimals outside {@code 0..36}).
     *
     * @param call the call
     * @param detail which value and why
     */
    record BadData(String call, String detail) implements ReadFailure {
        @Override
        public String message() {
            return call + ": bad data: " + detail;
        }
    }

    /**
     * The call returned no data ({@code 0x} or {@code null}): there is no contract at the address on this chain, or
     * the RPC URL is for another chain.
     *
     * @param call the call
     * @param feed the address called
     */
    record NoContract(String call, FeedAddress feed) implements ReadFailure {
        @Override
        public String message() {
            return call + ": no contract at " + feed + " on this chain (a wrong feed address, or an RPC URL for"
                    + " another chain?)";
        }
    }

    /**
     * The calling thread was interrupted while waiting; its interrupt flag is set again.
     *
     * @param call the call
     */
    record Interrupted(String call) implements ReadFailure {
        @Override
        public String message() {
            return call + ": interrupted";
        }
    }

    /**
     * The round is not complete: {@code updatedAt} or {@code startedAt} is 0 (what a feed returns for a round it has
     * not written).
     *
     * @param round the round
     */
    record IncompleteRound(RoundData round) implements Rejection {
        @Override
        public String message() {
            return "round " + round.roundId() + " is incomplete (startedAt " + round.startedAt() + ", updatedAt "
                    + round.updatedAt() + ")";
        }
    }

    /**
     * The answer was computed in an earlier round than the one returned ({@code answeredInRound < roundId}): it was
     * carried over, not freshly reported.
     *
     * @param round the round
     */
    record AnsweredInEarlierRound(RoundData round) implements Rejection {
        @Override
        public String message() {
            return "round " + round.roundId() + " carries the answer of earlier round " + round.answeredInRound();
        }
    }

    /**
     * The answer's {@code updatedAt} is later than now (beyond the allowed clock skew): a broken feed, or a wrong
     * clock.
     *
     * @param round the round
     * @param now the time the answer was checked at, in seconds
     */
    record UpdatedInFuture(RoundData round, long now) implements Rejection {
        @Override
        public String message() {
            return "round " + round.roundId() + " was updated at " + round.updatedAt() + ", "
                    + (round.updatedAt() - now) + " s in the future";
        }
    }

    /**
     * The answer is older than the consumer accepts (its heartbeat plus a margin, usually).
     *
     * @param round the round
     * @param age how old the answer was when checked
     * @param maxAge the oldest answer accepted
     */
    record StaleAnswer(RoundData round, Duration age, Duration maxAge) implements Rejection {
        @Override
        public String message() {
            return "the answer of round " + round.roundId() + " is stale: updated " + age.toSeconds()
                    + " s ago; the maximum age is " + maxAge.toSeconds() + " s";
        }
    }

    /**
     * The answer is zero or negative, which no price can be.
     *
     * @param round the round
     */
    record NonPositiveAnswer(RoundData round) implements Rejection {
        @Override
        public String message() {
            return "the answer of round " + round.roundId() + " is " + round.answer() + ", not positive";
        }
    }

    private static String tries(int n) {
        return n == 1 ? "1 attempt" : n + " attempts";
    }
}
