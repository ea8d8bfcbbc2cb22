package dev.solvent.oracle.feed;

import dev.solvent.oracle.internal.ParameterChecks;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * A feed that replays recorded rounds (for example real Chainlink rounds read from a file): at each block, contracts
 * see the latest recorded round whose {@code updatedAt} is at or before the block's timestamp. The market ticks only
 * give the time; the answers are history.
 *
 * @param rounds the recorded rounds, in ascending {@code updatedAt}
 * @param decimals the rounds' decimals
 */
public record RecordedFeed(Vector<Round> rounds, int decimals) implements OracleFeed<RecordedFeed.State> {

    /** Requires rounds in time order. */
    public RecordedFeed {
        ParameterChecks.present("RecordedFeed.rounds", rounds);
        ParameterChecks.within("RecordedFeed.decimals", decimals, 0, 36, "");
        for (int i = 1; i < rounds.size(); i++) {
            ParameterChecks.require(
                    rounds.get(i).updatedAt() >= rounds.get(i - 1).updatedAt(),
                    "RecordedFeed.rounds[" + i + "]",
                    "updatedAt " + rounds.get(i).updatedAt() + " is before the previous round's; valid: time order");
        }
    }

    /**
     * How far the replay has got.
     *
     * @param next the index of the first recorded round not yet visible
     */
    public record State(int next) {}

    @Override
    public State start() {
        return new State(0);
    }

    @Override
    public State next(State state, MarketTick tick) {
        int i = state.next();
        while (i < rounds.size() && rounds.get(i).updatedAt() <= tick.timestamp()) {
            i++;
        }
        return i == state.next() ? state : new State(i);
    }

    @Override
    public Option<Round> latestRound(State state) {
        return state.next() == 0 ? Option.none() : Option.some(rounds.get(state.next() - 1));
    }
}
