package dev.solvent.oracle.live;

import dev.solvent.model.math.I256;
import java.math.BigInteger;

/**
 * One round of a Chainlink feed exactly as {@code latestRoundData()} or {@code getRoundData(uint80)} returned it, not
 * yet checked: the answer may be stale, non-positive or from an incomplete round (see {@link LiveConsumerGuard}).
 *
 * <p>Round ids are {@code uint80}: a proxy puts its phase in the top 16 bits, so mainnet ids exceed a {@code long}.
 * Timestamps are seconds since the epoch, as the chain's block timestamps.
 *
 * @param roundId the round's id, {@code 0 .. 2^80 - 1}
 * @param answer the price with the feed's decimals
 * @param startedAt when the round started; 0 if it never did
 * @param updatedAt when the answer was written; 0 if the round is not complete
 * @param answeredInRound the round in which the answer was computed (deprecated by Chainlink, still returned)
 */
public record RoundData(BigInteger roundId, I256 answer, long startedAt, long updatedAt, BigInteger answeredInRound) {

    /** The largest {@code uint80}. */
    public static final BigInteger MAX_ROUND_ID = BigInteger.ONE.shiftLeft(80).subtract(BigInteger.ONE);

    /** Rejects values that a {@code uint80} or a {@code uint256} timestamp read into a {@code long} cannot hold. */
    public RoundData {
        checkRoundId("roundId", roundId);
        checkRoundId("answeredInRound", answeredInRound);
        if (answer == null) {
            throw new IllegalArgumentException("a round needs an answer");
        }
        if (startedAt < 0 || updatedAt < 0) {
            throw new IllegalArgumentException("timestamps are unsigned: " + startedAt + ", " + updatedAt);
        }
    }

    /** {@return whether {@code roundId} is a valid {@code uint80}} */
    static boolean isRoundId(BigInteger roundId) {
        return roundId != null && roundId.signum() >= 0 && roundId.compareTo(MAX_ROUND_ID) <= 0;
    }

    private static void checkRoundId(String name, BigInteger id) {
        if (!isRoundId(id)) {
            throw new IllegalArgumentException(name + ": " + id + " is not a uint80");
        }
    }
}
