package dev.solvent.properties.claim;

import io.vavr.collection.Vector;

/**
 * One candidate counterexample to a {@link Claim}: the positions traders open in the first block, then one price move
 * per block and feed, and how long the keeper waits before liquidating each trader. Indexes refer to the claim's
 * traders, markets and price keys (in sorted order), so that the same scenario means the same thing whatever it is
 * shrunk to.
 *
 * {@snippet :
 * World w = ClaimSearch.run(claim, scenario); // the run, every transaction logged
 * Option<String> broken = claim.brokenBy(w);
 * }
 *
 * @param openings the trades that open positions, in order
 * @param moves per block, the move of each feed in basis points
 * @param delays per trader, the blocks the keeper waits once the trader is liquidatable
 */
public record ClaimScenario(Vector<Opening> openings, Vector<Vector<Integer>> moves, Vector<Integer> delays) {

    /**
     * A trade that opens a position at the oracle price.
     *
     * @param taker the taker's index among the traders
     * @param maker the maker's index among the traders (the next trader if it is the taker)
     * @param market the market's index
     * @param buy whether the taker buys
     * @param perMille how much of what the taker's free collateral allows at initial margin, in thousandths
     */
    public record Opening(int taker, int maker, int market, boolean buy, int perMille) {}

    /** {@return the largest absolute move of any feed in any block, in basis points} */
    public int largestMove() {
        return moves.flatMap(v -> v).map(Math::abs).max().getOrElse(0);
    }
}
