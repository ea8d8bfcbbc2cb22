package dev.solvent.properties.claim;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.PricePath;
import dev.solvent.properties.campaign.CampaignWorld;
import dev.solvent.properties.campaign.Engine;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Searches for a counterexample to a {@link Claim} with jqwik's generators: edge cases first (every price at its
 * largest move each block, positions opened exactly at initial margin, keepers at their latest), then random scenarios
 * from a seeded source, and when one breaks the claim, jqwik's shrinking down to a smallest one that breaks it no later
 * than the first (so the story never gets longer). Deterministic: the same claim, tries and seed give the same answer.
 *
 * {@snippet :
 * ClaimSearch.Result r = ClaimSearch.search(claim, 1000, 42L);
 * if (r instanceof ClaimSearch.Fails f) {
 *     ReplayFiles.write(claim.setup(), f.world().log(), Path.of("counterexample"), f.reason());
 * }
 * }
 */
public final class ClaimSearch {

    /** Seconds between blocks. */
    public static final long BLOCK_SECONDS = 12;

    /** The most shrinking candidates tried, so that a search always ends. */
    static final int SHRINK_BUDGET = 5_000;

    private ClaimSearch() {}

    /**
     * What was tried.
     *
     * @param tries scenarios run
     * @param edgeCases of which edge cases
     * @param blocks blocks simulated in all
     * @param transactions transactions sent in all
     * @param liquidations successful liquidations in all
     * @param shortfalls liquidations with a shortfall in all
     * @param runsWithLiquidation scenarios in which at least one account was liquidated
     * @param largestMoveBps the largest one-block move tried, in basis points
     * @param seed the seed of the random scenarios
     */
    public record Statistics(
            int tries,
            int edgeCases,
            long blocks,
            long transactions,
            long liquidations,
            long shortfalls,
            int runsWithLiquidation,
            int largestMoveBps,
            long seed) {

        Statistics add(CampaignWorld w, ClaimScenario s, boolean edge) {
            return new Statistics(
                    tries + 1,
                    edgeCases + (edge ? 1 : 0),
                    blocks + w.block(),
                    transactions + w.tally().transactions(),
                    liquidations + w.tally().liquidations(),
                    shortfalls + w.tally().shortfalls(),
                    runsWithLiquidation + (w.tally().liquidations() > 0 ? 1 : 0),
                    Math.max(largestMoveBps, s.largestMove()),
                    seed);
        }
    }

    /** The outcome of a search. */
    public sealed interface Result {
        /** {@return what was tried} */
        Statistics statistics();
    }

    /**
     * No counterexample within the tries.
     *
     * @param statistics what was tried
     */
    public record Holds(Statistics statistics) implements Result {}

    /**
     * A counterexample, shrunk.
     *
     * @param statistics what was tried before it was found
     * @param scenario the smallest scenario found that breaks the claim
     * @param world its run: every transaction with its block and prices
     * @param reason how it breaks the claim
     * @param shrinkSteps how many times shrinking found a smaller one
     */
    public record Fails(
            Statistics statistics, ClaimScenario scenario, CampaignWorld world, String reason, int shrinkSteps)
            implements Result {}

    /** {@return the scenarios a claim is searched over} */
    public static Arbitrary<ClaimScenario> scenarios(Claim claim) {
        int traders = claim.setup().traders().size();
        int keys = claim.setup().prices().size();
        int x = claim.maxMoveBps();
        Arbitrary<ClaimScenario.Opening> opening = Combinators.combine(
                        Arbitraries.integers().between(0, traders - 1),
                        Arbitraries.integers().between(0, traders - 1),
                        Arbitraries.integers().between(0, claim.markets().size() - 1),
                        Arbitraries.of(true, false),
                        // edge cases are the worst cases only: positions opened at full capacity, every feed at
                        // its bound every block, no noise, keepers at their latest
                        Arbitraries.integers().between(1, 1000).edgeCases(e -> e.includeOnly(1000)))
                .as(ClaimScenario.Opening::new);
        Arbitrary<List<ClaimScenario.Opening>> openings =
                opening.list().ofMinSize(1).ofMaxSize(2 * traders);
        // each feed follows a trend (edge cases: the bound either way) plus noise, clamped to the bound: crashes and
        // rallies are found quickly, and both shrink toward a still market
        Arbitrary<List<Integer>> trends = Arbitraries.integers()
                .between(-x, x)
                .edgeCases(e -> e.includeOnly(-x, x))
                .list()
                .ofSize(keys);
        Arbitrary<Integer> noise = Arbitraries.integers().between(-x, x).edgeCases(e -> e.includeOnly(0));
        Arbitrary<List<List<Integer>>> noises = noise.list().ofSize(keys).list().ofSize(claim.blocks());
        Arbitrary<List<List<Integer>>> moves = Combinators.combine(trends, noises)
                .as((t, n) -> {
                    List<List<Integer>> out = new java.util.ArrayList<>();
                    for (List<Integer> block : n) {
                        List<Integer> row = new java.util.ArrayList<>();
                        for (int k = 0; k < block.size(); k++) {
                            row.add(Math.max(-x, Math.min(x, t.get(k) + block.get(k))));
                        }
                        out.add(row);
                    }
                    return out;
                });
        Arbitrary<List<Integer>> delays = Arbitraries.integers()
                .between(0, claim.keeperDelay())
                .edgeCases(e -> e.includeOnly(claim.keeperDelay()))
                .list()
                .ofSize(traders);
        return Combinators.combine(openings, moves, delays)
                .as((o, m, d) ->
                        new ClaimScenario(Vector.ofAll(o), Vector.ofAll(m).map(Vector::ofAll), Vector.ofAll(d)));
    }

    /**
     * {@return the outcome of searching {@code tries} scenarios (edge cases first, up to a quarter of the tries, then
     * random ones from {@code seed})}
     */
    public static Result search(Claim claim, int tries, long seed) {
        boolean own = !JqwikSession.isActive();
        if (own) {
            JqwikSession.start();
        }
        try {
            return searchInSession(claim, tries, seed);
        } finally {
            if (own) {
                JqwikSession.finish();
            }
        }
    }

    private static Result searchInSession(Claim claim, int tries, long seed) {
        Arbitrary<ClaimScenario> arbitrary = scenarios(claim);
        Statistics stats = new Statistics(0, 0, 0, 0, 0, 0, 0, 0, seed);
        EdgeCases<ClaimScenario> edges = arbitrary.edgeCases(Math.max(1, tries / 4));
        Iterator<Shrinkable<ClaimScenario>> edgeIterator = edges.iterator();
        RandomGenerator<ClaimScenario> generator = arbitrary.generator(Math.max(tries, 100));
        Random random = new Random(seed);
        while (stats.tries() < tries) {
            boolean edge = edgeIterator.hasNext() && stats.edgeCases() < tries / 4;
            Shrinkable<ClaimScenario> candidate = edge ? edgeIterator.next() : generator.next(random);
            CampaignWorld w = run(claim, candidate.value());
            stats = stats.add(w, candidate.value(), edge);
            Option<String> broken = claim.brokenBy(w);
            if (broken.isDefined()) {
                return shrink(claim, candidate, w, broken.get(), stats);
            }
        }
        return new Holds(stats);
    }

    private static Fails shrink(
            Claim claim, Shrinkable<ClaimScenario> failing, CampaignWorld world, String reason, Statistics s) {
        Shrinkable<ClaimScenario> best = failing;
        CampaignWorld bestWorld = world;
        String bestReason = reason;
        int budget = SHRINK_BUDGET;
        int steps = 0;
        boolean improved = true;
        while (improved && budget > 0) {
            improved = false;
            Iterator<Shrinkable<ClaimScenario>> candidates = best.shrink().iterator();
            while (candidates.hasNext() && budget-- > 0) {
                Shrinkable<ClaimScenario> c = candidates.next();
                CampaignWorld w = run(claim, c.value());
                Option<String> broken = claim.brokenBy(w);
                // smaller by jqwik's measure and no longer a story: a smaller position that needs a longer crash
                // to break the claim is not a simpler counterexample
                if (broken.isDefined() && w.block() <= bestWorld.block()) {
                    best = c;
                    bestWorld = w;
                    bestReason = broken.get();
                    steps++;
                    improved = true;
                    break;
                }
            }
        }
        return new Fails(s, best.value(), bestWorld, bestReason, steps);
    }

    /**
     * {@return the run of one scenario} Block 1 republishes the first prices and the traders open their positions;
     * then each block moves the prices and the keeper liquidates every trader that has been liquidatable for its
     * delay; after the path, the prices hold still for as many blocks as the longest delay, so every unhealthy account
     * is liquidated before the end.
     */
    public static CampaignWorld run(Claim claim, ClaimScenario scenario) {
        Vector<String> keys = claim.setup().prices().keySet().toVector();
        Vector<AccountId> traders = claim.setup().traders();
        CampaignWorld w = CampaignWorld.genesis(claim.setup(), Engine.MODEL).move(still(keys));
        for (ClaimScenario.Opening o : scenario.openings()) {
            AccountId taker = traders.get(o.taker());
            AccountId maker = traders.get(o.maker() == o.taker() ? (o.maker() + 1) % traders.size() : o.maker());
            MarketId m = claim.markets().get(o.market());
            I256 size = size(w, m, capacity(w, taker, m), o.perMille(), o.buy());
            I256 price = oracle(w, m);
            w = w.send(
                    new Tx.Trade(m, taker, maker, size, price),
                    taker,
                    taker + (o.buy() ? " buys " : " sells ") + CampaignWorld.show(size.abs(), du(w, m)) + " " + m
                            + " from " + maker + " at " + CampaignWorld.show(price, decimals(w, m)) + " @ block "
                            + w.block());
        }
        TreeMap<AccountId, Long> since = TreeMap.empty();
        for (Vector<Integer> block : scenario.moves()) {
            TreeMap<String, Integer> bps = TreeMap.empty();
            for (int i = 0; i < keys.size(); i++) {
                bps = bps.put(keys.get(i), block.get(i));
            }
            w = w.move(new PricePath.Move(1, BLOCK_SECONDS, bps));
            Keepers k = keepers(claim, scenario, w, since);
            w = k.world();
            since = k.since();
            if (k.sent() && claim.brokenBy(w).isDefined()) {
                // the claim is broken: what follows would only lengthen the counterexample
                return w;
            }
        }
        for (int i = 0; i <= claim.keeperDelay(); i++) {
            w = w.move(still(keys));
            Keepers k = keepers(claim, scenario, w, since);
            w = k.world();
            since = k.since();
        }
        return w;
    }

    private static PricePath.Move still(Vector<String> keys) {
        return new PricePath.Move(1, BLOCK_SECONDS, TreeMap.ofEntries(keys.map(k -> new io.vavr.Tuple2<>(k, 0))));
    }

    private record Keepers(CampaignWorld world, TreeMap<AccountId, Long> since, boolean sent) {}

    private static Keepers keepers(
            Claim claim, ClaimScenario scenario, CampaignWorld w, TreeMap<AccountId, Long> since) {
        AccountId keeper = claim.setup().keeper();
        Vector<AccountId> traders = claim.setup().traders();
        boolean sent = false;
        for (int i = 0; i < traders.size(); i++) {
            AccountId t = traders.get(i);
            CampaignWorld now = w;
            boolean unhealthy = now.state()
                    .account(t)
                    .flatMap(a -> MarginLogic.cross(now.state(), a, now.blockFor(keeper))
                            .toOption())
                    .exists(MarginLogic.AccountData::isLiquidatable);
            if (!unhealthy) {
                since = since.remove(t);
                continue;
            }
            long first = since.get(t).getOrElse(w.block());
            since = since.put(t, first);
            if (w.block() - first >= scenario.delays().get(i)) {
                w = w.send(new Tx.Liquidate(t), keeper, "liquidate " + t + " @ block " + w.block());
                since = since.remove(t);
                sent = true;
            }
        }
        return new Keepers(w, since, sent);
    }

    private static Option<OracleAnswer> answer(CampaignWorld w, MarketId m) {
        ProtocolConfig c = w.state().config();
        return c.assets()
                .get(c.markets().get(m).get().underlying())
                .get()
                .priceKey()
                .flatMap(k -> w.prices().get(k));
    }

    private static int du(CampaignWorld w, MarketId m) {
        ProtocolConfig c = w.state().config();
        return c.assets().get(c.markets().get(m).get().underlying()).get().decimals();
    }

    private static int decimals(CampaignWorld w, MarketId m) {
        return answer(w, m).map(OracleAnswer::decimals).getOrElse(0);
    }

    private static I256 oracle(CampaignWorld w, MarketId m) {
        return answer(w, m).map(OracleAnswer::answer).getOrElse(I256.ONE);
    }

    /** {@return the notional a trader's free collateral supports at the market's initial margin (at least zero)} */
    static I256 capacity(CampaignWorld w, AccountId id, MarketId m) {
        Account a = w.state().account(id).getOrNull();
        if (a == null) {
            return I256.ZERO;
        }
        I256 free = MarginLogic.cross(w.state(), a, w.blockFor(id))
                .map(MarginLogic.AccountData::freeCollateral)
                .getOrElse(I256.ZERO);
        I256 im = w.state().config().markets().get(m).get().initialMargin().raw();
        return free.isPositive() ? FixedPoint.mulDivFloor(free, FixedPoint.WAD, im) : I256.ZERO;
    }

    /** {@return the size worth {@code perMille}/1000 of {@code notional} at the oracle price, at least one unit} */
    static I256 size(CampaignWorld w, MarketId m, I256 notional, int perMille, boolean buy) {
        ProtocolConfig c = w.state().config();
        MarketConfig mc = c.markets().get(m).get();
        int du = c.assets().get(mc.underlying()).get().decimals();
        int ds = c.settlement().decimals();
        Option<OracleAnswer> a = answer(w, m);
        I256 s = I256.ONE;
        if (a.isDefined() && a.get().answer().isPositive()) {
            int shift = du + a.get().decimals() - ds;
            I256 scaled = notional.times(I256.of(perMille));
            I256 denominator = a.get().answer().times(I256.of(1000));
            s = shift >= 0
                    ? FixedPoint.mulDivFloor(scaled, I256.pow10(shift), denominator)
                    : scaled.divide(denominator.times(I256.pow10(-shift)), Rounding.FLOOR);
            s = s.max(I256.ONE);
        }
        return buy ? s : s.negate();
    }
}
