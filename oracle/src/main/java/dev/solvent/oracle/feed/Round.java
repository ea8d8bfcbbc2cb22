package dev.solvent.oracle.feed;

import dev.solvent.model.math.I256;
import dev.solvent.model.tx.OracleAnswer;

/**
 * One oracle round as Chainlink's {@code AggregatorV3Interface.latestRoundData} returns it. Every feed in this package
 * exposes its latest value this way (as the adapters that wrap Maker and Pyth prices in the Chainlink interface do),
 * so consumers and guards treat all feeds alike. The answer carries the feed's decimals.
 *
 * @param roundId the round's id (here the aggregator round: 1, 2, ...; a Chainlink proxy adds {@code phaseId << 64})
 * @param answer the published price, with the feed's decimals
 * @param startedAt when the round started, unix seconds
 * @param updatedAt when the answer was written on-chain, unix seconds; 0 for a round that never completed
 * @param answeredInRound the round in which the answer was computed; below {@code roundId} when a round carried an
 *     older answer forward (deprecated by Chainlink, still checked by careful consumers)
 */
public record Round(long roundId, I256 answer, long startedAt, long updatedAt, long answeredInRound) {

    /** Requires an answer. */
    public Round {
        if (answer == null) {
            throw new IllegalArgumentException("Round.answer: is missing");
        }
    }

    /** {@return the round as the model's {@link OracleAnswer}: answer, {@code decimals}, updatedAt} */
    public OracleAnswer toAnswer(int decimals) {
        return new OracleAnswer(answer, decimals, updatedAt);
    }
}
