package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;

/**
 * A collateral asset as {@code getAssetInfo} returns it: the factors after Comet packed them into four decimals
 * (so {@code 0.80555e18} reads back as {@code 0.8055e18}) and the supply cap in whole tokens.
 */
public record AssetInfo(
        int offset,
        Address asset,
        Address priceFeed,
        BigInteger scale,
        BigInteger borrowCollateralFactor,
        BigInteger liquidateCollateralFactor,
        BigInteger liquidationFactor,
        BigInteger supplyCap) {}
