package dev.solvent.oracle.feed;

import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketTick;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * An on-chain oracle as a pure step function: {@link #next} takes the feed's immutable state and the market at the
 * next block and returns the state after that block; {@link #latestRound} is what a contract reading the feed during
 * that block sees. The market price goes in, an oracle round comes out: the feed decides when (and whether) the answer
 * follows the market.
 *
 * <p>Ticks must come in block order, one per block (skipping blocks is allowed; repeating one is not). Oracle updates
 * are taken to land at the top of their block, before the block's other transactions.
 *
 * {@snippet :
 * PushFeed feed = PushFeed.chainlink(8, 50, 3600, 1);
 * PushFeed.State state = feed.start();
 * for (MarketTick tick : path) {
 *     state = feed.next(state, tick);
 *     Option<OracleAnswer> seen = feed.answer(state); // goes into BlockContext.prices()
 * }
 * }
 *
 * @param <S> the feed's state type, an immutable value
 */
public interface OracleFeed<S> {

    /** {@return the decimals of the feed's answers} */
    int decimals();

    /** {@return the state before the first block: no round yet} */
    S start();

    /** {@return the state after the block of {@code tick}, given the market price then} */
    S next(S state, MarketTick tick);

    /** {@return the latest round a contract reads in {@code state}, if the feed has published one} */
    Option<Round> latestRound(S state);

    /** {@return the latest round as the model's {@link OracleAnswer}, with this feed's decimals} */
    default Option<OracleAnswer> answer(S state) {
        return latestRound(state).map(r -> r.toAnswer(decimals()));
    }

    /** {@return the round readable after each block of {@code path}, in block order} */
    default Vector<Option<Round>> trace(MarketPath path) {
        Vector<Option<Round>> out = Vector.empty();
        S state = start();
        for (MarketTick tick : path) {
            state = next(state, tick);
            out = out.append(latestRound(state));
        }
        return out;
    }
}
