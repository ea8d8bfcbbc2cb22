package dev.solvent.oracle.live;

import dev.solvent.oracle.rpc.RpcFailure;
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
     * The JSON-RPC request failed or the node's answer was unusable: a timeout, a failed connection, an HTTP or
     * JSON-RPC error, a revert, a malformed response. The message is the transport's.
     *
     * @param failure what the transport or the call's answer said
     */
    record Rpc(RpcFailure failure) implements ReadFailure {
        @Override
        public String call() {
            return failure.what();
        }

        @Override
        public String message() {
            return failure.message();
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
}
