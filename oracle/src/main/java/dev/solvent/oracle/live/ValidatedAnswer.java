package dev.solvent.oracle.live;

import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.market.MarketPrice;
import java.time.Duration;

/**
 * A live feed's answer that passed the {@link LiveConsumerGuard}: the round as read, the feed's decimals, and how old
 * the answer was when checked. {@link #oracleAnswer()} is what the margin engine's contract would read.
 *
 * @param feed the feed read
 * @param decimals the feed's decimals, as its {@code decimals()} returned them, {@code 0..36}
 * @param round the round read, checked
 * @param age how old the answer was at the time it was checked
 */
public record ValidatedAnswer(FeedAddress feed, int decimals, RoundData round, Duration age) {

    /** Rejects decimals that an {@link OracleAnswer} cannot carry. */
    public ValidatedAnswer {
        if (decimals < 0 || decimals > 36) {
            throw new IllegalArgumentException("decimals: " + decimals + " is out of range; valid: 0..36");
        }
    }

    /** {@return the answer as the model's contract reads it: value, decimals and update time} */
    public OracleAnswer oracleAnswer() {
        return new OracleAnswer(round.answer(), decimals, round.updatedAt());
    }

    /**
     * The answer as a market price, so that a simulated path can start where the live market is:
     * {@snippet :
     * MarketPath path = generated.startingAt(reader.latestAnswer(feed, guard, now).get().marketPrice());
     * }
     *
     * @throws IllegalArgumentException if the feed has more than {@value MarketPrice#MAX_DECIMALS} decimals
     */
    public MarketPrice marketPrice() {
        return new MarketPrice(round.answer(), decimals);
    }
}
