package dev.solvent.model.policy;

import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;

/**
 * What a keeper earns for a liquidation: a flat amount plus a share of the penalty actually charged, never more than
 * that penalty (the rest of the penalty goes to the insurance fund).
 *
 * @param flat settlement-asset base units paid per liquidation, out of the penalty
 * @param shareOfPenalty fraction of the charged penalty, in {@code [0, 1]}
 */
public record KeeperReward(U256 flat, Wad shareOfPenalty) {

    /** Rejects a share outside {@code [0, 1]}. */
    public KeeperReward {
        if (flat == null || shareOfPenalty == null) {
            throw new IllegalArgumentException("keeperReward needs flat and shareOfPenalty");
        }
        if (shareOfPenalty.raw().isNegative() || shareOfPenalty.compareTo(Wad.ONE) > 0) {
            throw new IllegalArgumentException(
                    "keeperReward.shareOfPenalty: " + shareOfPenalty + " is out of range; valid: 0 <= share <= 1");
        }
    }
}
