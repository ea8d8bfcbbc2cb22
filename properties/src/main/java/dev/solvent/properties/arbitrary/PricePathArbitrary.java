package dev.solvent.properties.arbitrary;

import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Price paths over a set of feeds: bounded moves per block (edge cases: no move, the bound either way), occasional
 * jumps of up to a larger bound, and gaps in which a feed does not publish for longer than a stale threshold. Blocks
 * are 12 seconds apart. {@link #moves()} gives single moves, for campaigns that interleave them with transactions.
 *
 * {@snippet :
 * Arbitrary<PricePath> calm = SolventArbitraries.pricePaths(Standard.ETH_USD, Standard.BTC_USD)
 *         .maxMovePerBlock(200) // 2% a block
 *         .withoutJumps()
 *         .withoutGaps()
 *         .ofLength(10, 50);
 * }
 */
public final class PricePathArbitrary extends ArbitraryDecorator<PricePath> {

    /** Seconds per block. */
    public static final long BLOCK_SECONDS = 12;

    private final Vector<String> keys;
    private final int maxBps;
    private final int jumpBps;
    private final int jumpWeight;
    private final int gapWeight;
    private final int minLength;
    private final int maxLength;

    PricePathArbitrary(
            Vector<String> keys, int maxBps, int jumpBps, int jumpWeight, int gapWeight, int minLength, int maxLength) {
        this.keys = keys;
        this.maxBps = maxBps;
        this.jumpBps = jumpBps;
        this.jumpWeight = jumpWeight;
        this.gapWeight = gapWeight;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    static PricePathArbitrary of(Vector<String> keys) {
        return new PricePathArbitrary(keys, 300, 3_000, 1, 1, 1, 40);
    }

    /** {@return the same arbitrary with moves of at most {@code bps} basis points a block} */
    public PricePathArbitrary maxMovePerBlock(int bps) {
        return new PricePathArbitrary(keys, bps, jumpBps, jumpWeight, gapWeight, minLength, maxLength);
    }

    /** {@return the same arbitrary with jumps of up to {@code bps} basis points, about one move in {@code 1 + 10/weight}} */
    public PricePathArbitrary withJumps(int bps, int weight) {
        return new PricePathArbitrary(keys, maxBps, bps, weight, gapWeight, minLength, maxLength);
    }

    /** {@return the same arbitrary without jumps} */
    public PricePathArbitrary withoutJumps() {
        return new PricePathArbitrary(keys, maxBps, jumpBps, 0, gapWeight, minLength, maxLength);
    }

    /** {@return the same arbitrary without gaps: every feed publishes at every move} */
    public PricePathArbitrary withoutGaps() {
        return new PricePathArbitrary(keys, maxBps, jumpBps, jumpWeight, 0, minLength, maxLength);
    }

    /** {@return the same arbitrary with paths of {@code min} to {@code max} moves} */
    public PricePathArbitrary ofLength(int min, int max) {
        return new PricePathArbitrary(keys, maxBps, jumpBps, jumpWeight, gapWeight, min, max);
    }

    /** {@return an arbitrary of single moves} */
    public Arbitrary<PricePath.Move> moves() {
        Arbitrary<Integer> bounded =
                Arbitraries.integers().between(-maxBps, maxBps).edgeCases(e -> e.add(0, -maxBps, maxBps));
        Arbitrary<Integer> move = jumpWeight == 0
                ? bounded
                : Arbitraries.frequencyOf(
                        Tuple.of(10, bounded),
                        Tuple.of(jumpWeight, Arbitraries.integers().between(-jumpBps, jumpBps)));
        // a feed publishes a move, or (a gap) stays silent
        Arbitrary<Integer> feed = gapWeight == 0
                ? move
                : Arbitraries.frequencyOf(Tuple.of(20, move), Tuple.of(gapWeight, Arbitraries.just(Integer.MIN_VALUE)));
        Arbitrary<Integer> blocks = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.integers().between(1, 3)),
                Tuple.of(gapWeight, Arbitraries.integers().between(300, 320)));
        Arbitrary<java.util.List<Integer>> feeds = feed.list().ofSize(keys.size());
        return net.jqwik.api.Combinators.combine(blocks, feeds).as((b, f) -> {
            TreeMap<String, Integer> bps = TreeMap.empty();
            for (int i = 0; i < keys.size(); i++) {
                if (f.get(i) != Integer.MIN_VALUE) {
                    bps = bps.put(keys.get(i), f.get(i));
                }
            }
            return new PricePath.Move(b, b * BLOCK_SECONDS, bps);
        });
    }

    @Override
    protected Arbitrary<PricePath> arbitrary() {
        return moves().list().ofMinSize(minLength).ofMaxSize(maxLength).map(l -> new PricePath(Vector.ofAll(l)));
    }
}
