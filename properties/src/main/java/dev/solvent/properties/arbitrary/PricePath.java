package dev.solvent.properties.arbitrary;

import dev.solvent.model.math.I256;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/**
 * A path of oracle updates, one {@link Move} after another: each advances the chain by some blocks and seconds and
 * moves each feed by some basis points, or leaves a feed silent (a gap: its answer keeps its old {@code updatedAt} and
 * goes stale after the asset's maximum age).
 *
 * {@snippet :
 * TreeMap<String, OracleAnswer> answers = setup.prices();
 * for (PricePath.Move m : path.moves()) {
 *     answers = m.apply(answers, time += m.seconds());
 * }
 * }
 *
 * @param moves the moves, in order
 */
public record PricePath(Vector<Move> moves) {

    /**
     * One update: how far the chain advances and how each feed moves.
     *
     * @param blocks blocks to advance, at least 1
     * @param seconds seconds to advance
     * @param bps the move of each feed that publishes, in basis points of its last answer; a feed absent here stays
     *     silent (a gap)
     */
    public record Move(int blocks, long seconds, TreeMap<String, Integer> bps) {

        /** {@return the answers after this move, those that publish stamped with {@code time}} */
        public TreeMap<String, OracleAnswer> apply(TreeMap<String, OracleAnswer> answers, long time) {
            TreeMap<String, OracleAnswer> out = answers;
            for (var e : bps) {
                OracleAnswer old = answers.get(e._1).getOrNull();
                if (old == null) {
                    continue;
                }
                out = out.put(e._1, new OracleAnswer(moved(old.answer(), e._2), old.decimals(), time));
            }
            return out;
        }

        /** {@return {@code price} moved by {@code bps} basis points, rounded down, never below one unit} */
        public static I256 moved(I256 price, int bps) {
            I256 p = price.times(I256.of(10_000L + bps)).divide(I256.of(10_000), dev.solvent.model.math.Rounding.FLOOR);
            return p.max(I256.ONE);
        }

        /** {@return the largest absolute move of any feed, in basis points} */
        public int largestMove() {
            return bps.values().map(Math::abs).max().getOrElse(0);
        }

        @Override
        public String toString() {
            return "+" + blocks + " blocks +" + seconds + "s "
                    + bps.map(e -> e._1 + (e._2 >= 0 ? " +" : " ") + e._2 + "bps")
                            .mkString(", ");
        }
    }
}
