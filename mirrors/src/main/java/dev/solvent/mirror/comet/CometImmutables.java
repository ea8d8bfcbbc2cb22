package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.List;

/**
 * What the deployed Comet holds as immutables, derived by its constructor from a {@link CometConfiguration}: rates
 * per second (the per-year rates divided by 31,536,000, truncated), the base scale, and the packed asset list.
 *
 * @param assets the asset infos of the packed slots, in configuration order; Comet at the pinned commit packs only 12
 *     slots although {@code MAX_ASSETS} is 15, so {@code numAssets} may exceed {@code assets.size()}
 */
public record CometImmutables(
        Address comet,
        Address governor,
        Address pauseGuardian,
        Address baseToken,
        Address baseTokenPriceFeed,
        Address extensionDelegate,
        BigInteger supplyKink,
        BigInteger supplyPerSecondInterestRateSlopeLow,
        BigInteger supplyPerSecondInterestRateSlopeHigh,
        BigInteger supplyPerSecondInterestRateBase,
        BigInteger borrowKink,
        BigInteger borrowPerSecondInterestRateSlopeLow,
        BigInteger borrowPerSecondInterestRateSlopeHigh,
        BigInteger borrowPerSecondInterestRateBase,
        BigInteger storeFrontPriceFactor,
        BigInteger baseScale,
        BigInteger trackingIndexScale,
        BigInteger baseTrackingSupplySpeed,
        BigInteger baseTrackingBorrowSpeed,
        BigInteger baseMinForRewards,
        BigInteger baseBorrowMin,
        BigInteger targetReserves,
        int decimals,
        int numAssets,
        BigInteger accrualDescaleFactor,
        List<AssetInfo> assets) {

    /** Copies the asset list. */
    public CometImmutables {
        assets = List.copyOf(assets);
    }
}
