package dev.solvent.simulation.world;

import dev.solvent.model.math.I256;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.feed.PushFeed;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.MarketTick;
import dev.solvent.simulation.scenario.Scenario;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The market after a block's moves: each key's impact gap and its cascade generation, the market price, the
 * oracle's state and the answers the contract reads.
 */
record MarketMove(
        Vector<Long> gaps,
        Vector<Integer> generations,
        Vector<Long> market,
        Vector<PushFeed.State> feeds,
        TreeMap<String, OracleAnswer> prices) {

    /** A gap below this many parts per billion (0.01%) no longer carries a cascade. */
    static final long CASCADE_GAP = 100_000;

    /** Moves the market along the exogenous path, by what receivers sold last block, and lets the oracles see it. */
    static MarketMove of(World world, int i, long bn, long ts) {
        Setup setup = world.setup();
        Vector<Long> gaps = world.gaps();
        Vector<Integer> gapGeneration = world.gapGeneration();
        Vector<PushFeed.State> feeds = world.feeds();
        Vector<Tuple2<I256, Integer>> sales = world.sales();
        Scenario sc = setup.scenario();
        PushFeed feed = World.feed(sc);
        Vector<Long> nextGaps = Vector.empty();
        Vector<Integer> nextGen = Vector.empty();
        Vector<Long> market = Vector.empty();
        Vector<PushFeed.State> nextFeeds = Vector.empty();
        TreeMap<String, OracleAnswer> prices = TreeMap.empty();
        for (int k = 0; k < setup.keys().size(); k++) {
            Scenario.PriceSpec spec = sc.prices().get(setup.keys().get(k)).get();
            Tuple2<I256, Integer> sold = sales.get(k);
            long gap = PriceImpact.trade(
                    PriceImpact.recover(gaps.get(k), spec.impact().recoveryPerBlock()),
                    spec.impact().model(),
                    sold._1);
            int gen = Math.max(gapGeneration.get(k), sold._2);
            if (Math.abs(gap) < CASCADE_GAP) {
                gen = 0;
            }
            long price = PriceImpact.apply(setup.exogenous().get(k)[i], gap);
            nextGaps = nextGaps.append(gap);
            nextGen = nextGen.append(gen);
            market = market.append(price);
            PushFeed.State fs =
                    feed.next(feeds.get(k), new MarketTick(bn, ts, MarketPrice.of(price, Setup.PRICE_DECIMALS)));
            nextFeeds = nextFeeds.append(fs);
            Option<OracleAnswer> answer = feed.answer(fs);
            if (answer.isDefined()) {
                prices = prices.put(setup.keys().get(k), answer.get());
            }
        }
        if (!prices.containsKey(Setup.ETH_USD)) {
            prices = prices.put(
                    Setup.ETH_USD, new OracleAnswer(sc.chain().etherPrice().value(), Setup.PRICE_DECIMALS, ts));
        }
        return new MarketMove(nextGaps, nextGen, market, nextFeeds, prices);
    }
}
