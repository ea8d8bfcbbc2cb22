package dev.solvent.model.view;

import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import java.math.BigInteger;

/**
 * The per-block tables of {@link HealthKernel}: one row of {@code 2^STRIDE_SHIFT} longs per asset and per market,
 * holding what the fast path needs prepared once per block (the price, the divisor of a value by {@code 10^shift}
 * and its 64-bit estimate, the weights and margins as reduced ratios, the funding index and its divisors). Each slot
 * is named, and each block's offset follows from the one before and its size, so a field is added or resized in one
 * place.
 */
final class KernelLayout {

    private KernelLayout() {}

    /** A row is {@code 1 << STRIDE_SHIFT} longs. */
    static final int STRIDE_SHIFT = 6;

    // how a row's value is computed
    static final long DIVIDE = 0;
    static final long MULTIPLY = 1;
    static final long SETTLEMENT = 2;
    static final long EXACT_ONLY = 3;

    // a WAD ratio r = num / den reduced, den = 1e18 / gcd(r, 1e18)
    static final int R_NUM = 0;
    static final int R_LIMIT = R_NUM + 1;
    static final int R_MAGIC = R_LIMIT + 1;
    static final int R_MAGIC_SHIFT = R_MAGIC + 1;
    static final int R_DEN = R_MAGIC_SHIFT + 1;
    static final int R_DIVISOR = R_DEN + 1;
    static final int RATIO_SLOTS = R_DIVISOR + Wide.DIVISOR_SLOTS;

    // the first slots, shared by both tables so that a value reads either
    static final int KIND = 0;
    static final int PRICE = KIND + 1;
    static final int HI_LIMIT = PRICE + 1;
    /** The divisor by {@code 10^shift}, or {@code 10^-shift} for {@link #MULTIPLY}. */
    static final int VALUE = HI_LIMIT + 1;
    /** {@code price / 10^shift = mantissa * 2^-exponent}, for the estimate. */
    static final int VALUE_MANTISSA = VALUE + Wide.DIVISOR_SLOTS;

    static final int VALUE_EXPONENT = VALUE_MANTISSA + 1;
    private static final int SHARED_END = VALUE_EXPONENT + 1;

    // an asset's row
    static final int COLLATERAL_WEIGHT = SHARED_END;
    static final int LIABILITY_WEIGHT = COLLATERAL_WEIGHT + RATIO_SLOTS;
    private static final int ASSET_END = LIABILITY_WEIGHT + RATIO_SLOTS;

    // a market's row
    static final int INITIAL_MARGIN = SHARED_END;
    static final int MAINTENANCE_MARGIN = INITIAL_MARGIN + RATIO_SLOTS;
    static final int INDEX_HI = MAINTENANCE_MARGIN + RATIO_SLOTS;
    static final int INDEX_LO = INDEX_HI + 1;
    /** The divisor by {@code 2^e * 5^min(e, 27)}, {@code e = sizeDecimals + 18}. */
    static final int FUNDING = INDEX_LO + 1;
    /** Then the magic division by {@code 5^(e - 27)}. */
    static final int FUNDING_MAGIC = FUNDING + Wide.DIVISOR_SLOTS;

    static final int FUNDING_MAGIC_SHIFT = FUNDING_MAGIC + 1;
    static final int FUNDING_ODD = FUNDING_MAGIC_SHIFT + 1;
    /** {@code floor(2^(63 + L) / 10^e)}, {@code L} the bit length of {@code 10^e}. */
    static final int FUNDING_RECIPROCAL = FUNDING_ODD + 1;
    /** {@code 63 + L}. */
    static final int FUNDING_SCALE = FUNDING_RECIPROCAL + 1;

    private static final int MARKET_END = FUNDING_SCALE + 1;

    static {
        if (Math.max(ASSET_END, MARKET_END) > 1 << STRIDE_SHIFT) {
            throw new ExceptionInInitializerError("a row of " + (1 << STRIDE_SHIFT) + " longs is too short");
        }
    }

    private static final BigInteger WAD_BIG = BigInteger.valueOf(FixedPoint.WAD_LONG);

    static void prepareAsset(long[] t, int o, HealthKernel.AssetEntry e, int settlementDecimals) {
        if (e.settlement()) {
            t[o + KIND] = SETTLEMENT;
            return;
        }
        boolean fast = e.quote().isRight()
                && prepareValue(t, o, e.quote().get(), e.decimals(), settlementDecimals)
                && prepareRatio(t, o + COLLATERAL_WEIGHT, e.collateralWeight())
                && prepareRatio(t, o + LIABILITY_WEIGHT, e.liabilityWeight());
        if (!fast) {
            t[o + KIND] = EXACT_ONLY;
        }
    }

    static void prepareMarket(long[] t, int o, HealthKernel.MarketEntry e, int settlementDecimals) {
        boolean fast = e.quote().isRight()
                && e.indexPanic() == 0
                && Wide.fits128(e.fundingIndex())
                && prepareValue(t, o, e.quote().get(), e.sizeDecimals(), settlementDecimals)
                && prepareRatio(t, o + INITIAL_MARGIN, e.initialMargin())
                && prepareRatio(t, o + MAINTENANCE_MARGIN, e.maintenanceMargin());
        if (!fast) {
            t[o + KIND] = EXACT_ONLY;
            return;
        }
        t[o + INDEX_HI] = Wide.hi(e.fundingIndex());
        t[o + INDEX_LO] = Wide.lo(e.fundingIndex());
        int exponent = e.sizeDecimals() + 18;
        int fives = Math.min(exponent, 27);
        Wide.prepareDivisor(t, o + FUNDING, exponent, Wide.pow5(fives));
        long odd = Wide.pow5(exponent - fives);
        t[o + FUNDING_MAGIC] = Wide.magic(odd);
        t[o + FUNDING_MAGIC_SHIFT] = Wide.magicShift(odd);
        t[o + FUNDING_ODD] = odd;
        BigInteger divisor = BigInteger.TEN.pow(exponent);
        int bits = divisor.bitLength();
        t[o + FUNDING_RECIPROCAL] =
                BigInteger.ONE.shiftLeft(63 + bits).divide(divisor).longValue();
        t[o + FUNDING_SCALE] = 63 + bits;
    }

    /** Fills the value slots for a quote; {@code false} if the price or the decimal shift is outside the fast path. */
    private static boolean prepareValue(long[] t, int o, Quote q, int decimals, int settlementDecimals) {
        if (!q.price().fitsLong() || !q.price().isPositive()) {
            return false;
        }
        long p = q.price().longValueExact();
        int shift = decimals + q.decimals() - settlementDecimals;
        t[o + PRICE] = p;
        t[o + HI_LIMIT] = Long.divideUnsigned(Long.MIN_VALUE, p); // mh * p < 2^63
        if (shift >= 0 && shift <= 27) {
            t[o + KIND] = DIVIDE;
            Wide.prepareDivisor(t, o + VALUE, shift, Wide.pow5(shift));
            long[] c = Wide.mantissa(BigInteger.valueOf(p), BigInteger.TEN.pow(shift));
            t[o + VALUE_MANTISSA] = c[0];
            t[o + VALUE_EXPONENT] = c[1];
            return true;
        }
        if (shift < 0 && shift >= -18) {
            t[o + KIND] = MULTIPLY;
            t[o + VALUE] = Wide.pow10(-shift);
            return true;
        }
        return false;
    }

    /** Fills a ratio block; {@code false} if the ratio is negative or does not fit a {@code long}. */
    private static boolean prepareRatio(long[] t, int o, Wad ratio) {
        I256 raw = ratio.raw();
        if (!raw.fitsLong() || raw.isNegative()) {
            return false;
        }
        long r = raw.longValueExact();
        long g = BigInteger.valueOf(r).gcd(WAD_BIG).longValueExact();
        long num = r / g;
        long den = FixedPoint.WAD_LONG / g;
        t[o + R_NUM] = num;
        t[o + R_DEN] = den;
        t[o + R_LIMIT] = num == 0 ? Long.MAX_VALUE : (Long.MAX_VALUE - (den - 1)) / num;
        t[o + R_MAGIC] = Wide.magic(den);
        t[o + R_MAGIC_SHIFT] = Wide.magicShift(den);
        int twos = Long.numberOfTrailingZeros(den);
        Wide.prepareDivisor(t, o + R_DIVISOR, twos, den >>> twos);
        return true;
    }
}
