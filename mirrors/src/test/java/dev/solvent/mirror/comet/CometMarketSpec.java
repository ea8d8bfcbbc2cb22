package dev.solvent.mirror.comet;

import java.math.BigInteger;
import java.util.List;

/**
 * A Comet market to deploy on both sides: the base token's decimals and feed price, the collateral assets, and the
 * constructor's numbers. Addresses are not part of it: the chain decides them at deployment, and the mirror is
 * deployed with the same ones.
 */
record CometMarketSpec(
        int baseDecimals,
        BigInteger basePrice,
        List<Collateral> collaterals,
        BigInteger supplyKink,
        BigInteger supplyPerYearInterestRateSlopeLow,
        BigInteger supplyPerYearInterestRateSlopeHigh,
        BigInteger supplyPerYearInterestRateBase,
        BigInteger borrowKink,
        BigInteger borrowPerYearInterestRateSlopeLow,
        BigInteger borrowPerYearInterestRateSlopeHigh,
        BigInteger borrowPerYearInterestRateBase,
        BigInteger storeFrontPriceFactor,
        BigInteger trackingIndexScale,
        BigInteger baseTrackingSupplySpeed,
        BigInteger baseTrackingBorrowSpeed,
        BigInteger baseMinForRewards,
        BigInteger baseBorrowMin,
        BigInteger targetReserves) {

    /** A collateral asset: its token's decimals, its feed's first price (8 decimals) and its configuration. */
    record Collateral(
            int decimals,
            BigInteger price,
            BigInteger borrowCollateralFactor,
            BigInteger liquidateCollateralFactor,
            BigInteger liquidationFactor,
            BigInteger supplyCap) {}

    CometMarketSpec {
        collaterals = List.copyOf(collaterals);
    }
}
