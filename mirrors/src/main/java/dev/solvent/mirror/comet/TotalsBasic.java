package dev.solvent.mirror.comet;

import java.math.BigInteger;

/** The market's aggregates, Comet's first two storage slots, as {@code totalsBasic()} returns them. */
public record TotalsBasic(
        BigInteger baseSupplyIndex,
        BigInteger baseBorrowIndex,
        BigInteger trackingSupplyIndex,
        BigInteger trackingBorrowIndex,
        BigInteger totalSupplyBase,
        BigInteger totalBorrowBase,
        long lastAccrualTime,
        int pauseFlags) {

    TotalsBasic withIndices(BigInteger supply, BigInteger borrow) {
        return new TotalsBasic(
                supply,
                borrow,
                trackingSupplyIndex,
                trackingBorrowIndex,
                totalSupplyBase,
                totalBorrowBase,
                lastAccrualTime,
                pauseFlags);
    }

    TotalsBasic withTracking(BigInteger supply, BigInteger borrow, long accruedAt) {
        return new TotalsBasic(
                baseSupplyIndex,
                baseBorrowIndex,
                supply,
                borrow,
                totalSupplyBase,
                totalBorrowBase,
                accruedAt,
                pauseFlags);
    }

    TotalsBasic withTotals(BigInteger supply, BigInteger borrow) {
        return new TotalsBasic(
                baseSupplyIndex,
                baseBorrowIndex,
                trackingSupplyIndex,
                trackingBorrowIndex,
                supply,
                borrow,
                lastAccrualTime,
                pauseFlags);
    }

    TotalsBasic withPauseFlags(int flags) {
        return new TotalsBasic(
                baseSupplyIndex,
                baseBorrowIndex,
                trackingSupplyIndex,
                trackingBorrowIndex,
                totalSupplyBase,
                totalBorrowBase,
                lastAccrualTime,
                flags);
    }
}
