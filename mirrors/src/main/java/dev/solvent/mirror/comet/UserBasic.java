package dev.solvent.mirror.comet;

import java.math.BigInteger;

/**
 * An account's base position as {@code userBasic(account)} returns it: the signed principal ({@code int104}, negative
 * for a borrower), the reward-tracking index and accrual, and the bit set of collateral assets held.
 */
public record UserBasic(
        BigInteger principal, BigInteger baseTrackingIndex, BigInteger baseTrackingAccrued, int assetsIn) {

    /** An account that never touched the market. */
    public static final UserBasic EMPTY = new UserBasic(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0);

    UserBasic withAssetsIn(int bits) {
        return new UserBasic(principal, baseTrackingIndex, baseTrackingAccrued, bits);
    }
}
