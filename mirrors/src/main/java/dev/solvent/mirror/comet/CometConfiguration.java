package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.Word;
import java.math.BigInteger;
import java.util.List;

/**
 * What Comet's constructor takes ({@code CometConfiguration.Configuration} at the pinned commit), with each integer
 * checked against its Solidity width: a value that could not be ABI-encoded is an {@link IllegalArgumentException}
 * naming the field. The rules the constructor itself enforces (decimals, factors, asset count) are reverts of
 * {@link Comet#deploy}, as on chain. The extension delegate and the reward speeds are kept because Comet stores them;
 * the rewards contract itself is not mirrored.
 */
public record CometConfiguration(
        Address governor,
        Address pauseGuardian,
        Address baseToken,
        Address baseTokenPriceFeed,
        Address extensionDelegate,
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
        BigInteger targetReserves,
        List<AssetConfig> assetConfigs) {

    /** One collateral asset as the constructor takes it ({@code AssetConfig}). */
    public record AssetConfig(
            Address asset,
            Address priceFeed,
            int decimals,
            BigInteger borrowCollateralFactor,
            BigInteger liquidateCollateralFactor,
            BigInteger liquidationFactor,
            BigInteger supplyCap) {

        /** Checks each field's width. */
        public AssetConfig {
            require(asset != null && priceFeed != null, "asset and priceFeed are addresses");
            require(decimals >= 0 && decimals <= 255, "decimals is a uint8, not " + decimals);
            fits("borrowCollateralFactor", borrowCollateralFactor, 64);
            fits("liquidateCollateralFactor", liquidateCollateralFactor, 64);
            fits("liquidationFactor", liquidationFactor, 64);
            fits("supplyCap", supplyCap, 128);
        }
    }

    /** Checks each field's width and copies the asset list. */
    public CometConfiguration {
        require(
                governor != null
                        && pauseGuardian != null
                        && baseToken != null
                        && baseTokenPriceFeed != null
                        && extensionDelegate != null,
                "governor, pauseGuardian, baseToken, baseTokenPriceFeed and extensionDelegate are addresses");
        fits("supplyKink", supplyKink, 64);
        fits("supplyPerYearInterestRateSlopeLow", supplyPerYearInterestRateSlopeLow, 64);
        fits("supplyPerYearInterestRateSlopeHigh", supplyPerYearInterestRateSlopeHigh, 64);
        fits("supplyPerYearInterestRateBase", supplyPerYearInterestRateBase, 64);
        fits("borrowKink", borrowKink, 64);
        fits("borrowPerYearInterestRateSlopeLow", borrowPerYearInterestRateSlopeLow, 64);
        fits("borrowPerYearInterestRateSlopeHigh", borrowPerYearInterestRateSlopeHigh, 64);
        fits("borrowPerYearInterestRateBase", borrowPerYearInterestRateBase, 64);
        fits("storeFrontPriceFactor", storeFrontPriceFactor, 64);
        fits("trackingIndexScale", trackingIndexScale, 64);
        fits("baseTrackingSupplySpeed", baseTrackingSupplySpeed, 64);
        fits("baseTrackingBorrowSpeed", baseTrackingBorrowSpeed, 64);
        fits("baseMinForRewards", baseMinForRewards, 104);
        fits("baseBorrowMin", baseBorrowMin, 104);
        fits("targetReserves", targetReserves, 104);
        require(assetConfigs != null, "assetConfigs is a list");
        assetConfigs = List.copyOf(assetConfigs);
    }

    private static void fits(String field, BigInteger value, int bits) {
        require(value != null, field + " is required");
        require(
                value.signum() >= 0 && value.compareTo(Word.umax(bits)) <= 0,
                field + " is a uint" + bits + " (0 to 2^" + bits + "-1), not " + value);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Comet configuration: " + message);
        }
    }
}
