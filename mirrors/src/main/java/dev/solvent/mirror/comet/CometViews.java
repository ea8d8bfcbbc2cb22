package dev.solvent.mirror.comet;

import static dev.solvent.mirror.evm.Word.addS;
import static dev.solvent.mirror.evm.Word.addU;
import static dev.solvent.mirror.evm.Word.checkU;
import static dev.solvent.mirror.evm.Word.div;
import static dev.solvent.mirror.evm.Word.mulS;
import static dev.solvent.mirror.evm.Word.mulU;
import static dev.solvent.mirror.evm.Word.negS;
import static dev.solvent.mirror.evm.Word.sdiv;
import static dev.solvent.mirror.evm.Word.subS;
import static dev.solvent.mirror.evm.Word.subU;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.mirror.evm.Word;
import java.math.BigInteger;

/**
 * Comet's view functions over a state in a block, and the internal helpers they share with the transactions. Each
 * throws {@link dev.solvent.mirror.evm.RevertException} where the contract reverts; {@link Comet#view} turns that
 * into a value. Views never accrue: as on chain, {@code isLiquidatable} reads the stored indices, while
 * {@code balanceOf}, {@code getReserves} and the totals project them to the block's time.
 */
public final class CometViews {

    static final BigInteger BASE_INDEX_SCALE = BigInteger.valueOf(1_000_000_000_000_000L);
    static final BigInteger FACTOR_SCALE = BigInteger.valueOf(1_000_000_000_000_000_000L);
    static final BigInteger BASE_ACCRUAL_SCALE = BigInteger.valueOf(1_000_000L);
    static final BigInteger SECONDS_PER_YEAR = BigInteger.valueOf(31_536_000L);
    static final long TIMESTAMP_LIMIT = 1L << 40;
    static final int PAUSE_SUPPLY = 0;
    static final int PAUSE_TRANSFER = 1;
    static final int PAUSE_WITHDRAW = 2;
    static final int PAUSE_ABSORB = 3;
    static final int PAUSE_BUY = 4;
    /** Comet at the pinned commit has immutables for 12 packed assets ({@code asset00} to {@code asset11}). */
    static final int PACKED_SLOTS = 12;

    private CometViews() {}

    static EvmRevert.CustomError error(String name) {
        return new EvmRevert.CustomError(name);
    }

    // ---- time and prices

    /** {@code getNowInternal()}: the block time as a {@code uint40}. */
    static long now(CometBlock block) {
        if (block.timestamp() >= TIMESTAMP_LIMIT) {
            throw error("TimestampTooLarge").raise();
        }
        return block.timestamp();
    }

    /** {@return {@code getPrice(priceFeed)}: the feed's latest answer, which must be positive} */
    public static BigInteger getPrice(CometBlock block, Address priceFeed) {
        BigInteger answer = block.answers().get(priceFeed);
        if (answer == null) {
            throw new EvmRevert.Empty().raise();
        }
        if (answer.signum() <= 0) {
            throw error("BadPrice").raise();
        }
        return answer;
    }

    // ---- assets

    /** {@return {@code getAssetInfo(i)}} */
    public static AssetInfo getAssetInfo(CometState s, int i) {
        if (i < 0 || i >= s.immutables().numAssets()) {
            throw error("BadAsset").raise();
        }
        if (i >= PACKED_SLOTS) {
            // Comet.sol getAssetInfo: the if/else chain over asset00..asset11 ends in `revert Absurd()`
            throw error("Absurd").raise();
        }
        return s.immutables().assets().get(i);
    }

    /** {@return {@code getAssetInfoByAddress(asset)}: a linear search, as the contract does} */
    public static AssetInfo getAssetInfoByAddress(CometState s, Address asset) {
        for (int i = 0; i < s.immutables().numAssets(); i++) {
            AssetInfo info = getAssetInfo(s, i);
            if (info.asset().equals(asset)) {
                return info;
            }
        }
        throw error("BadAsset").raise();
    }

    static StandardToken token(CometState s, Address token) {
        StandardToken t = s.tokens().get(token).getOrNull();
        if (t == null) {
            // a call to an address without code: the ABI decoder finds no return data
            throw new EvmRevert.Empty().raise();
        }
        return t;
    }

    // ---- interest

    static BigInteger mulFactor(BigInteger n, BigInteger factor) {
        return mulU(n, factor, 256).divide(FACTOR_SCALE);
    }

    static BigInteger presentValueSupply(BigInteger index, BigInteger principal) {
        return mulU(principal, index, 256).divide(BASE_INDEX_SCALE);
    }

    static BigInteger presentValueBorrow(BigInteger index, BigInteger principal) {
        return mulU(principal, index, 256).divide(BASE_INDEX_SCALE);
    }

    /** {@return {@code getUtilization()} with the stored indices} */
    public static BigInteger getUtilization(CometState s) {
        TotalsBasic t = s.totalsBasic();
        return utilization(t.baseSupplyIndex(), t.baseBorrowIndex(), t);
    }

    private static BigInteger utilization(BigInteger supplyIndex, BigInteger borrowIndex, TotalsBasic t) {
        BigInteger totalSupply = presentValueSupply(supplyIndex, t.totalSupplyBase());
        BigInteger totalBorrow = presentValueBorrow(borrowIndex, t.totalBorrowBase());
        if (totalSupply.signum() == 0) {
            return BigInteger.ZERO;
        }
        return mulU(totalBorrow, FACTOR_SCALE, 256).divide(totalSupply);
    }

    /** {@return {@code getSupplyRate(utilization)}, per second} */
    public static BigInteger getSupplyRate(CometState s, BigInteger utilization) {
        CometImmutables c = s.immutables();
        return rate(
                utilization,
                c.supplyKink(),
                c.supplyPerSecondInterestRateBase(),
                c.supplyPerSecondInterestRateSlopeLow(),
                c.supplyPerSecondInterestRateSlopeHigh());
    }

    /** {@return {@code getBorrowRate(utilization)}, per second} */
    public static BigInteger getBorrowRate(CometState s, BigInteger utilization) {
        CometImmutables c = s.immutables();
        return rate(
                utilization,
                c.borrowKink(),
                c.borrowPerSecondInterestRateBase(),
                c.borrowPerSecondInterestRateSlopeLow(),
                c.borrowPerSecondInterestRateSlopeHigh());
    }

    private static BigInteger rate(BigInteger u, BigInteger kink, BigInteger base, BigInteger low, BigInteger high) {
        BigInteger r;
        if (u.compareTo(kink) <= 0) {
            r = addU(base, mulFactor(low, u), 256);
        } else {
            r = addU(addU(base, mulFactor(low, kink), 256), mulFactor(high, subU(u, kink, 256)), 256);
        }
        return safe64(r);
    }

    /** {@code accruedInterestIndices(timeElapsed)}: the indices projected forward, each a checked {@code uint64}. */
    static BigInteger[] accruedInterestIndices(CometState s, BigInteger timeElapsed) {
        TotalsBasic t = s.totalsBasic();
        BigInteger supplyIndex = t.baseSupplyIndex();
        BigInteger borrowIndex = t.baseBorrowIndex();
        if (timeElapsed.signum() > 0) {
            BigInteger u = getUtilization(s);
            BigInteger supplyRate = getSupplyRate(s, u);
            BigInteger borrowRate = getBorrowRate(s, u);
            supplyIndex = addU(supplyIndex, safe64(mulFactor(supplyIndex, mulU(supplyRate, timeElapsed, 256))), 64);
            borrowIndex = addU(borrowIndex, safe64(mulFactor(borrowIndex, mulU(borrowRate, timeElapsed, 256))), 64);
        }
        return new BigInteger[] {supplyIndex, borrowIndex};
    }

    /** {@code getNowInternal() - lastAccrualTime}, a checked {@code uint40} subtraction. */
    static BigInteger elapsed(CometState s, CometBlock block) {
        long elapsed = now(block) - s.totalsBasic().lastAccrualTime();
        if (elapsed < 0) {
            throw EvmRevert.OVERFLOW.raise();
        }
        return BigInteger.valueOf(elapsed);
    }

    // ---- principal and present value

    /** {@code presentValue(principal)} with the stored indices. */
    static BigInteger presentValue(CometState s, BigInteger principal) {
        TotalsBasic t = s.totalsBasic();
        if (principal.signum() >= 0) {
            return signed256(presentValueSupply(t.baseSupplyIndex(), principal));
        }
        return signed256(presentValueBorrow(t.baseBorrowIndex(), principal.negate()))
                .negate();
    }

    /** {@code principalValue(presentValue)}: supply rounds down, borrow rounds up. */
    static BigInteger principalValue(CometState s, BigInteger presentValue) {
        TotalsBasic t = s.totalsBasic();
        if (presentValue.signum() >= 0) {
            return signed104(safe104(div(mulU(presentValue, BASE_INDEX_SCALE, 256), t.baseSupplyIndex())));
        }
        BigInteger owed = negS(presentValue, 256);
        BigInteger scaled = addU(mulU(owed, BASE_INDEX_SCALE, 256), t.baseBorrowIndex(), 256);
        BigInteger rounded = div(subU(scaled, BigInteger.ONE, 256), t.baseBorrowIndex());
        return signed104(safe104(rounded)).negate();
    }

    // ---- collateralization

    /** {@return {@code isBorrowCollateralized(account)}} */
    public static boolean isBorrowCollateralized(CometState s, CometBlock block, Address account) {
        return liquidity(s, block, account, false);
    }

    /** {@return {@code isLiquidatable(account)}} */
    public static boolean isLiquidatable(CometState s, CometBlock block, Address account) {
        return liquidity(s, block, account, true);
    }

    /**
     * The loop both checks share: base debt in USD price units (signed, truncated toward zero), then each collateral
     * in asset order until the liquidity is non-negative. Returns the answer of the named check.
     */
    private static boolean liquidity(CometState s, CometBlock block, Address account, boolean liquidate) {
        UserBasic basic = s.userBasic(account);
        if (basic.principal().signum() >= 0) {
            return !liquidate;
        }
        CometImmutables c = s.immutables();
        BigInteger liquidity = signedMulPrice(
                presentValue(s, basic.principal()), getPrice(block, c.baseTokenPriceFeed()), c.baseScale());
        for (int i = 0; i < c.numAssets(); i++) {
            if ((basic.assetsIn() & (1 << i)) != 0) {
                if (liquidity.signum() >= 0) {
                    return !liquidate;
                }
                AssetInfo asset = getAssetInfo(s, i);
                BigInteger value = mulPrice(
                        s.collateralBalanceOf(account, asset.asset()),
                        getPrice(block, asset.priceFeed()),
                        asset.scale());
                BigInteger factor = liquidate ? asset.liquidateCollateralFactor() : asset.borrowCollateralFactor();
                liquidity = addS(liquidity, signed256(mulFactor(value, factor)), 256);
            }
        }
        return liquidate ? liquidity.signum() < 0 : liquidity.signum() >= 0;
    }

    static BigInteger mulPrice(BigInteger n, BigInteger price, BigInteger fromScale) {
        return mulU(n, price, 256).divide(fromScale);
    }

    static BigInteger signedMulPrice(BigInteger n, BigInteger price, BigInteger fromScale) {
        return sdiv(mulS(n, signed256(price), 256), fromScale);
    }

    static BigInteger divPrice(BigInteger n, BigInteger price, BigInteger toScale) {
        return div(mulU(n, toScale, 256), price);
    }

    // ---- balances and reserves

    /** {@return {@code getReserves()}: Comet's base balance less supply plus borrows, at the block's time} */
    public static BigInteger getReserves(CometState s, CometBlock block) {
        BigInteger[] idx = accruedInterestIndices(s, elapsed(s, block));
        CometImmutables c = s.immutables();
        BigInteger balance = token(s, c.baseToken()).balanceOf(c.comet());
        BigInteger totalSupply = presentValueSupply(idx[0], s.totalsBasic().totalSupplyBase());
        BigInteger totalBorrow = presentValueBorrow(idx[1], s.totalsBasic().totalBorrowBase());
        return addS(subS(signed256(balance), signed256(totalSupply), 256), signed256(totalBorrow), 256);
    }

    /** {@return {@code getCollateralReserves(asset)}: Comet's balance of the asset less what users supplied} */
    public static BigInteger getCollateralReserves(CometState s, Address asset) {
        BigInteger balance = token(s, asset).balanceOf(s.immutables().comet());
        return subU(balance, s.totalSupplyAsset(asset), 256);
    }

    /** {@return {@code totalSupply()} of base at the block's time} */
    public static BigInteger totalSupply(CometState s, CometBlock block) {
        return presentValueSupply(
                accruedInterestIndices(s, elapsed(s, block))[0], s.totalsBasic().totalSupplyBase());
    }

    /** {@return {@code totalBorrow()} of base at the block's time} */
    public static BigInteger totalBorrow(CometState s, CometBlock block) {
        return presentValueBorrow(
                accruedInterestIndices(s, elapsed(s, block))[1], s.totalsBasic().totalBorrowBase());
    }

    /** {@return {@code balanceOf(account)}: the supplied base at the block's time, 0 for a borrower} */
    public static BigInteger balanceOf(CometState s, CometBlock block, Address account) {
        BigInteger index = accruedInterestIndices(s, elapsed(s, block))[0];
        BigInteger principal = s.userBasic(account).principal();
        return principal.signum() > 0 ? presentValueSupply(index, principal) : BigInteger.ZERO;
    }

    /** {@return {@code borrowBalanceOf(account)}: the borrowed base at the block's time, 0 for a supplier} */
    public static BigInteger borrowBalanceOf(CometState s, CometBlock block, Address account) {
        BigInteger index = accruedInterestIndices(s, elapsed(s, block))[1];
        BigInteger principal = s.userBasic(account).principal();
        return principal.signum() < 0 ? presentValueBorrow(index, principal.negate()) : BigInteger.ZERO;
    }

    /** {@return {@code quoteCollateral(asset, baseAmount)}: collateral for base at the storefront discount} */
    public static BigInteger quoteCollateral(CometState s, CometBlock block, Address asset, BigInteger baseAmount) {
        CometImmutables c = s.immutables();
        AssetInfo info = getAssetInfoByAddress(s, asset);
        BigInteger assetPrice = getPrice(block, info.priceFeed());
        BigInteger discountFactor =
                mulFactor(c.storeFrontPriceFactor(), subU(FACTOR_SCALE, info.liquidationFactor(), 256));
        BigInteger discounted = mulFactor(assetPrice, subU(FACTOR_SCALE, discountFactor, 256));
        BigInteger basePrice = getPrice(block, c.baseTokenPriceFeed());
        BigInteger numerator = mulU(mulU(basePrice, baseAmount, 256), info.scale(), 256);
        return div(div(numerator, discounted), c.baseScale());
    }

    /** {@return {@code hasPermission(owner, manager)}} */
    public static boolean hasPermission(CometState s, Address owner, Address manager) {
        return owner.equals(manager) || s.isAllowed(owner, manager);
    }

    /** {@return whether the pause flag at {@code offset} is set} */
    static boolean paused(CometState s, int offset) {
        return (s.totalsBasic().pauseFlags() & (1 << offset)) != 0;
    }

    /** {@return {@code isSupplyPaused()}} */
    public static boolean isSupplyPaused(CometState s) {
        return paused(s, PAUSE_SUPPLY);
    }

    /** {@return {@code isTransferPaused()}} */
    public static boolean isTransferPaused(CometState s) {
        return paused(s, PAUSE_TRANSFER);
    }

    /** {@return {@code isWithdrawPaused()}} */
    public static boolean isWithdrawPaused(CometState s) {
        return paused(s, PAUSE_WITHDRAW);
    }

    /** {@return {@code isAbsorbPaused()}} */
    public static boolean isAbsorbPaused(CometState s) {
        return paused(s, PAUSE_ABSORB);
    }

    /** {@return {@code isBuyPaused()}} */
    public static boolean isBuyPaused(CometState s) {
        return paused(s, PAUSE_BUY);
    }

    // ---- CometMath

    static BigInteger safe64(BigInteger n) {
        return safe(n, 64, "InvalidUInt64");
    }

    static BigInteger safe104(BigInteger n) {
        return safe(n, 104, "InvalidUInt104");
    }

    static BigInteger safe128(BigInteger n) {
        return safe(n, 128, "InvalidUInt128");
    }

    private static BigInteger safe(BigInteger n, int bits, String error) {
        if (n.compareTo(Word.umax(bits)) > 0) {
            throw error(error).raise();
        }
        return n;
    }

    static BigInteger signed104(BigInteger n) {
        if (n.compareTo(Word.smax(104)) > 0) {
            throw error("InvalidInt104").raise();
        }
        return n;
    }

    static BigInteger signed256(BigInteger n) {
        if (n.compareTo(Word.INT256_MAX) > 0) {
            throw error("InvalidInt256").raise();
        }
        return n;
    }

    static BigInteger unsigned256(BigInteger n) {
        if (n.signum() < 0) {
            throw error("NegativeNumber").raise();
        }
        return n;
    }

    static BigInteger checkedU(BigInteger n, int bits) {
        return checkU(n, bits);
    }
}
