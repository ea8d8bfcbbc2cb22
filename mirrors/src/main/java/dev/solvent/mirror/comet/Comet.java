package dev.solvent.mirror.comet;

import static dev.solvent.mirror.comet.CometViews.FACTOR_SCALE;
import static dev.solvent.mirror.comet.CometViews.SECONDS_PER_YEAR;
import static dev.solvent.mirror.comet.CometViews.error;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.mirror.evm.Word;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Compound III (Comet, {@code compound-finance/comet} at {@code d5a30b0a}) as a pure function: a call against a
 * state in a block yields either the revert the contract would give (state untouched) or the next state and the
 * events. Our own implementation of the contract's observable behaviour, proven against its bytecode by the
 * differential harness in this module's tests.
 *
 * {@snippet :
 * Either<EvmRevert, CometReceipt> r = Comet.execute(state, new CometCall.Absorb(keeper, keeper, List.of(alice)), block);
 * CometState next = r.map(CometReceipt::state).getOrElse(state);
 * }
 */
public final class Comet {

    private static final BigInteger MAX_ASSETS = BigInteger.valueOf(15);
    private static final int MAX_BASE_DECIMALS = 18;
    private static final int PRICE_FEED_DECIMALS = 8;
    private static final BigInteger FOUR_DECIMALS = BigInteger.valueOf(100_000_000_000_000L);

    private Comet() {}

    /**
     * Deploys a market as Comet's constructor followed by {@code initializeStorage()} would: the constructor's
     * checks are reverts, the asset factors are packed to four decimals and the supply caps to whole tokens.
     *
     * @param comet the market's own address (its token balances are its reserves)
     * @param tokens the ERC-20 ledgers of the base and every collateral token, by address
     * @param feedDecimals the decimals of every price feed named (Comet requires 8)
     * @param timestamp the deployment block's time, Comet's first {@code lastAccrualTime}
     */
    public static Either<EvmRevert, CometState> deploy(
            Address comet,
            CometConfiguration config,
            Map<Address, StandardToken> tokens,
            Function<Address, Integer> feedDecimals,
            long timestamp) {
        try {
            return Either.right(construct(comet, config, tokens, feedDecimals, timestamp));
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
    }

    private static CometState construct(
            Address comet,
            CometConfiguration config,
            Map<Address, StandardToken> tokens,
            Function<Address, Integer> feedDecimals,
            long timestamp) {
        StandardToken base = tokens.get(config.baseToken()).getOrElseThrow(() -> new EvmRevert.Empty().raise());
        int decimals = base.decimals();
        if (decimals > MAX_BASE_DECIMALS) {
            throw error("BadDecimals").raise();
        }
        if (config.storeFrontPriceFactor().compareTo(FACTOR_SCALE) > 0) {
            throw error("BadDiscount").raise();
        }
        if (BigInteger.valueOf(config.assetConfigs().size()).compareTo(MAX_ASSETS) > 0) {
            throw error("TooManyAssets").raise();
        }
        if (config.baseMinForRewards().signum() == 0) {
            throw error("BadMinimum").raise();
        }
        checkFeed(feedDecimals, config.baseTokenPriceFeed());
        BigInteger baseScale = Word.pow10(decimals);
        if (baseScale.compareTo(CometViews.BASE_ACCRUAL_SCALE) < 0) {
            throw error("BadDecimals").raise();
        }
        List<AssetInfo> assets = new ArrayList<>();
        for (int i = 0; i < Math.min(config.assetConfigs().size(), CometViews.PACKED_SLOTS); i++) {
            assets.add(pack(i, config.assetConfigs().get(i), tokens, feedDecimals));
        }
        CometImmutables immutables = new CometImmutables(
                comet,
                config.governor(),
                config.pauseGuardian(),
                config.baseToken(),
                config.baseTokenPriceFeed(),
                config.extensionDelegate(),
                config.supplyKink(),
                config.supplyPerYearInterestRateSlopeLow().divide(SECONDS_PER_YEAR),
                config.supplyPerYearInterestRateSlopeHigh().divide(SECONDS_PER_YEAR),
                config.supplyPerYearInterestRateBase().divide(SECONDS_PER_YEAR),
                config.borrowKink(),
                config.borrowPerYearInterestRateSlopeLow().divide(SECONDS_PER_YEAR),
                config.borrowPerYearInterestRateSlopeHigh().divide(SECONDS_PER_YEAR),
                config.borrowPerYearInterestRateBase().divide(SECONDS_PER_YEAR),
                config.storeFrontPriceFactor(),
                baseScale,
                config.trackingIndexScale(),
                config.baseTrackingSupplySpeed(),
                config.baseTrackingBorrowSpeed(),
                config.baseMinForRewards(),
                config.baseBorrowMin(),
                config.targetReserves(),
                decimals,
                config.assetConfigs().size(),
                baseScale.divide(CometViews.BASE_ACCRUAL_SCALE),
                assets);
        if (timestamp >= CometViews.TIMESTAMP_LIMIT) {
            throw error("TimestampTooLarge").raise();
        }
        TotalsBasic totals = new TotalsBasic(
                CometViews.BASE_INDEX_SCALE,
                CometViews.BASE_INDEX_SCALE,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                timestamp,
                0);
        return new CometState(
                immutables,
                totals,
                HashMap.empty(),
                HashMap.empty(),
                HashMap.empty(),
                HashSet.empty(),
                HashMap.empty(),
                tokens);
    }

    private static void checkFeed(Function<Address, Integer> feedDecimals, Address feed) {
        Integer d = feedDecimals.apply(feed);
        if (d == null) {
            throw new EvmRevert.Empty().raise();
        }
        if (d != PRICE_FEED_DECIMALS) {
            throw error("BadDecimals").raise();
        }
    }

    /** {@code getPackedAssetInternal} then {@code getAssetInfo}: what survives packing, checked as the constructor does. */
    private static AssetInfo pack(
            int i,
            CometConfiguration.AssetConfig config,
            Map<Address, StandardToken> tokens,
            Function<Address, Integer> feedDecimals) {
        if (config.asset().isZero()) {
            // a nil asset packs to two zero words: it reads back as address(0) with scale 10**0
            return new AssetInfo(
                    i,
                    Address.ZERO,
                    Address.ZERO,
                    BigInteger.ONE,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.ZERO);
        }
        checkFeed(feedDecimals, config.priceFeed());
        StandardToken token = tokens.get(config.asset()).getOrElseThrow(() -> new EvmRevert.Empty().raise());
        if (token.decimals() != config.decimals()) {
            throw error("BadDecimals").raise();
        }
        if (config.borrowCollateralFactor().compareTo(config.liquidateCollateralFactor()) >= 0) {
            throw error("BorrowCFTooLarge").raise();
        }
        if (config.liquidateCollateralFactor().compareTo(FACTOR_SCALE) > 0) {
            throw error("LiquidateCFTooLarge").raise();
        }
        // unchecked: uint16(factor / 1e14); a liquidation factor above 6.5535e18 wraps around
        BigInteger borrowCf = Word.truncate(config.borrowCollateralFactor().divide(FOUR_DECIMALS), 16);
        BigInteger liquidateCf =
                Word.truncate(config.liquidateCollateralFactor().divide(FOUR_DECIMALS), 16);
        BigInteger liquidationFactor = Word.truncate(config.liquidationFactor().divide(FOUR_DECIMALS), 16);
        if (borrowCf.compareTo(liquidateCf) >= 0) {
            throw error("BorrowCFTooLarge").raise();
        }
        if (config.decimals() > 18) {
            throw new EvmRevert.NotMirrored("collateral with more than 18 decimals").raise();
        }
        BigInteger scale = Word.pow10(config.decimals());
        BigInteger wholeTokens = Word.truncate(config.supplyCap().divide(scale), 64);
        return new AssetInfo(
                i,
                config.asset(),
                config.priceFeed(),
                scale,
                borrowCf.multiply(FOUR_DECIMALS),
                liquidateCf.multiply(FOUR_DECIMALS),
                liquidationFactor.multiply(FOUR_DECIMALS),
                Word.truncate(wholeTokens.multiply(scale), 128));
    }

    /** {@return the receipt of {@code call} against {@code state} in {@code block}, or the contract's revert} */
    public static Either<EvmRevert, CometReceipt> execute(CometState state, CometCall call, CometBlock block) {
        CometMachine machine = new CometMachine(state, block);
        try {
            machine.run(call);
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
        return Either.right(new CometReceipt(machine.state(), machine.logs()));
    }

    /** {@return the value of a view function, or its revert} */
    public static <T> Either<EvmRevert, T> view(Function<CometState, T> view, CometState state) {
        try {
            return Either.right(view.apply(state));
        } catch (RevertException e) {
            return Either.left(e.revert());
        }
    }
}
