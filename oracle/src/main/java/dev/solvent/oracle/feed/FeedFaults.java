package dev.solvent.oracle.feed;

import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.Shock;

/**
 * Ready-made fault and manipulation scenarios: frozen and delayed feeds, a round that carries an old answer, and a
 * spike on a thin market as in the Mango Markets exploit.
 */
public final class FeedFaults {

    private FeedFaults() {}

    /** {@return {@code feed} frozen from block {@code fromBlock} on; see {@link FrozenFeed}} */
    public static <S> FrozenFeed<S> frozen(OracleFeed<S> feed, long fromBlock) {
        return new FrozenFeed<>(feed, fromBlock);
    }

    /** {@return {@code feed} seen {@code blocks} blocks late; see {@link DelayedFeed}} */
    public static <S> DelayedFeed<S> delayed(OracleFeed<S> feed, int blocks) {
        return new DelayedFeed<>(feed, blocks);
    }

    /**
     * {@return the round a legacy aggregator reports when round {@code last.roundId() + 1} started at {@code
     * startedAt} but timed out: the old answer and time, with {@code answeredInRound} behind {@code roundId}}
     */
    public static Round carriedOverRound(Round last, long startedAt) {
        return new Round(last.roundId() + 1, last.answer(), startedAt, last.updatedAt(), last.roundId());
    }

    /**
     * A thinly traded token pushed up on the venues its oracle watches, as on Mango Markets on 11 October 2022: the
     * attacker took a large long MNGO perpetual position against a second account of their own, then bought MNGO on
     * the thin spot venues the oracles followed until the oracle price had risen more than tenfold within minutes;
     * the position's unrealised profit counted as collateral, and over a hundred million dollars of other assets were
     * borrowed against it before the price fell back.
     *
     * <p>Over {@code base}: from block {@code atBlock}, the price rises to {@code multiple} times the base over {@code
     * rampBlocks}, holds {@code holdBlocks}, and falls back over {@code revertBlocks} (see {@link Shock.SpikeAndRevert}).
     *
     * @param multiple the height of the spike, {@code > 1} (10 for Mango)
     */
    public static MarketPath thinMarketSpike(
            MarketPath base, long atBlock, long multiple, long rampBlocks, long holdBlocks, long revertBlocks) {
        return base.withShock(
                new Shock.SpikeAndRevert(atBlock, (multiple - 1) * Shock.BPS, rampBlocks, holdBlocks, revertBlocks));
    }

    /**
     * {@return the Mango case on a flat market: 900 blocks at {@code price}; from the 300th block a tenfold rise over
     * 50 blocks, a hold of 100 blocks and a fall back over 150 blocks} With 12-second blocks: one quiet hour, a rise
     * over 10 minutes, 20 minutes at the top, 30 minutes down, and an hour and a half after.
     */
    public static MarketPath mangoMarkets(BlockClock clock, MarketPrice price) {
        MarketPath flat = MarketPath.constant(clock, price, 900);
        return thinMarketSpike(flat, clock.block(300), 10, 50, 100, 150);
    }
}
