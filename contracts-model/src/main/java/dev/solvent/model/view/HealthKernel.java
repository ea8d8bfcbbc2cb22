package dev.solvent.model.view;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.FundingLogic;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Revert;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The health scan's kernel: equity, margin equity, both requirements and liquidatability of many cross accounts at
 * once, from primitive arrays, equal bit for bit to {@link MarginLogic#cross} on the same accounts at the same block.
 *
 * <p>The fast path mirrors every rounding of {@code MarginLogic} (collateral value floor then weight floor, debt value
 * ceil then liability weight ceil, position value floor, notional ceil, requirement ceil, pending funding ceil) in
 * 64-, 128- and 192-bit integer arithmetic with explicit range checks (see {@link Wide}): a value or a pending funding
 * is first estimated from 64-bit mantissas with a proven error bound, which settles the floor and the remainder's
 * sign in almost every case, and divided exactly otherwise. An account for which any intermediate leaves the fast
 * range, or that needs a price the block lacks, is evaluated on the exact path instead: the
 * same {@code MarginLogic} helpers on {@link I256}, slot by slot in the reference's order, so reverts and panics are
 * the reference's too. Accounts the arrays cannot hold at all (a value beyond 128 bits, more slots than the arrays
 * have) are measured by {@code MarginLogic.cross} itself, which needs a kernel built by {@link #of}; so is every account
 * under Synthetix's {@code WindowCapped} policy, whose size-dependent requirements the arrays do not hold.
 *
 * <p>A kernel holds one block's per-asset and per-market data and is immutable; {@link Accounts} holds the account
 * arrays (reusable across blocks) and {@link Results} receives the output. Typical use:
 *
 * {@snippet :
 * HealthKernel kernel = HealthKernel.of(state, block);
 * HealthKernel.Accounts accounts = HealthKernel.Accounts.of(state);
 * HealthKernel.Results results = kernel.evaluate(accounts);
 * boolean liquidatable = results.isLiquidatable(7);
 * }
 */
public final class HealthKernel {

    /** The most collateral or position slots an account may have in the arrays. */
    public static final int MAX_SLOTS = 64;

    // per asset and per market, a row of 64 longs; the first slots are shared so value() reads either table
    private static final int STRIDE_SHIFT = 6;
    private static final int KIND = 0;
    private static final int PRICE = 1;
    private static final int HI_LIMIT = 2;
    private static final int VALUE = 3; // divisor by 10^shift (3 slots), or 10^-shift for MULTIPLY
    private static final int VALUE_MANTISSA = 6; // price / 10^shift = mantissa * 2^-exponent, for the estimate
    private static final int VALUE_EXPONENT = 7;
    // assets
    private static final int COLLATERAL_WEIGHT = 8;
    private static final int LIABILITY_WEIGHT = 16;
    // markets
    private static final int INITIAL_MARGIN = 8;
    private static final int MAINTENANCE_MARGIN = 16;
    private static final int INDEX_HI = 24;
    private static final int INDEX_LO = 25;
    private static final int FUNDING = 26; // divisor by 2^e * 5^min(e, 27), e = sizeDecimals + 18 (3 slots)
    private static final int FUNDING_MAGIC = 29; // then by 5^(e - 27)
    private static final int FUNDING_MAGIC_SHIFT = 30;
    private static final int FUNDING_ODD = 31;
    private static final int FUNDING_RECIPROCAL = 32; // floor(2^(63 + L) / 10^e), L the bit length of 10^e
    private static final int FUNDING_SCALE = 33; // 63 + L
    // a WAD ratio r = num / den reduced, den = 1e18 / gcd(r, 1e18) (8 slots)
    private static final int R_NUM = 0;
    private static final int R_LIMIT = 1;
    private static final int R_MAGIC = 2;
    private static final int R_MAGIC_SHIFT = 3;
    private static final int R_DEN = 4;
    private static final int R_DIVISOR = 5;

    private static final long DIVIDE = 0;
    private static final long MULTIPLY = 1;
    private static final long SETTLEMENT = 2;
    private static final long EXACT_ONLY = 3;

    private static final long FUNDING_FAIL = Long.MIN_VALUE;
    private static final BigInteger WAD_BIG = BigInteger.valueOf(FixedPoint.WAD_LONG);

    private final int settlementDecimals;
    private final Vector<AssetEntry> assets;
    private final Vector<MarketEntry> markets;
    private final long[] assetTable;
    private final long[] marketTable;
    private final Option<Tuple2<ProtocolState, BlockContext>> reference;

    /**
     * Per-asset block data, indexed by asset number (from a state: the position of the asset's id in the
     * configuration's id order). Arrays are read when the kernel is built and not kept.
     *
     * @param decimals token decimals, {@code 0..36}
     * @param settlement whether the asset is the settlement asset, counted at par without a price
     * @param price the oracle answer; a non-positive one marks a price the contract would reject (missing, stale or
     *     invalid), and an account that needs it evaluates to {@link Revert.InvalidPrice} with key {@code "asset <n>"}
     * @param priceDecimals the answer's decimals, {@code 0..36}
     * @param collateralWeight WAD, {@code >= 0}
     * @param liabilityWeight WAD, {@code >= 0}
     */
    public record Assets(
            int[] decimals,
            boolean[] settlement,
            long[] price,
            int[] priceDecimals,
            long[] collateralWeight,
            long[] liabilityWeight) {

        /** Requires arrays of one length. */
        public Assets {
            int n = decimals.length;
            if (settlement.length != n
                    || price.length != n
                    || priceDecimals.length != n
                    || collateralWeight.length != n
                    || liabilityWeight.length != n) {
                throw new IllegalArgumentException("every per-asset array must have length " + n);
            }
        }
    }

    /**
     * Per-market block data, indexed by market number (from a state: the position of the market's id in the
     * configuration's id order). Arrays are read when the kernel is built and not kept.
     *
     * @param sizeDecimals decimals of the underlying, the unit of position sizes, {@code 0..36}
     * @param price the mark price; a non-positive one marks a price the contract would reject, and an account that
     *     needs it evaluates to {@link Revert.InvalidPrice} with key {@code "market <n>"}
     * @param priceDecimals the price's decimals, {@code 0..36}
     * @param fundingIndexHi high 64 bits of the market's funding index accrued to the block (two's complement)
     * @param fundingIndexLo low 64 bits of it
     * @param initialMargin WAD
     * @param maintenanceMargin WAD
     */
    public record Markets(
            int[] sizeDecimals,
            long[] price,
            int[] priceDecimals,
            long[] fundingIndexHi,
            long[] fundingIndexLo,
            long[] initialMargin,
            long[] maintenanceMargin) {

        /** Requires arrays of one length. */
        public Markets {
            int n = sizeDecimals.length;
            if (price.length != n
                    || priceDecimals.length != n
                    || fundingIndexHi.length != n
                    || fundingIndexLo.length != n
                    || initialMargin.length != n
                    || maintenanceMargin.length != n) {
                throw new IllegalArgumentException("every per-market array must have length " + n);
            }
        }
    }

    private record AssetEntry(
            int decimals, boolean settlement, Either<Revert, Quote> quote, Wad collateralWeight, Wad liabilityWeight) {}

    /** {@code indexPanic} is the panic code accruing the index threw, or 0. */
    private record MarketEntry(
            int sizeDecimals,
            Either<Revert, Quote> quote,
            I256 fundingIndex,
            int indexPanic,
            Wad initialMargin,
            Wad maintenanceMargin) {}

    /**
     * A kernel over raw per-block arrays.
     *
     * @param settlementDecimals decimals of the settlement asset, {@code 0..36}
     */
    public HealthKernel(int settlementDecimals, Assets assets, Markets markets) {
        this(settlementDecimals, rawAssets(assets), rawMarkets(markets), Option.none());
    }

    private HealthKernel(
            int settlementDecimals,
            Vector<AssetEntry> assets,
            Vector<MarketEntry> markets,
            Option<Tuple2<ProtocolState, BlockContext>> reference) {
        checkDecimals(settlementDecimals, "settlementDecimals");
        this.settlementDecimals = settlementDecimals;
        this.assets = assets;
        this.markets = markets;
        this.reference = reference;
        this.assetTable = new long[Math.max(1, assets.size()) << STRIDE_SHIFT];
        this.marketTable = new long[Math.max(1, markets.size()) << STRIDE_SHIFT];
        for (int a = 0; a < assets.size(); a++) {
            prepareAsset(assetTable, a << STRIDE_SHIFT, assets.get(a));
        }
        for (int m = 0; m < markets.size(); m++) {
            prepareMarket(marketTable, m << STRIDE_SHIFT, markets.get(m));
        }
    }

    /**
     * {@return the kernel for {@code state}'s configuration and market states at {@code block}'s prices}; prices are
     * validated and funding indexes accrued exactly as {@link MarginLogic#cross} does
     */
    public static HealthKernel of(ProtocolState state, BlockContext block) {
        ProtocolConfig config = state.config();
        Vector<AssetEntry> assets = config.assets().values().toVector().map(a -> {
            boolean settlement = a.id().equals(config.settlementAsset());
            Either<Revert, Quote> quote = settlement
                    ? Either.left(new Revert.MissingPrice(a.id().symbol()))
                    : MarginLogic.assetPrice(config, a.id(), block);
            return new AssetEntry(a.decimals(), settlement, quote, a.collateralWeight(), a.liabilityWeight());
        });
        Vector<MarketEntry> markets = config.markets().values().toVector().map(m -> {
            int du = config.assets().get(m.underlying()).get().decimals();
            Either<Revert, Quote> quote = MarginLogic.marketPrice(config, m.id(), block);
            I256 index = I256.ZERO;
            int panic = 0;
            if (quote.isRight()) {
                try {
                    index = FundingLogic.currentIndex(state, m.id(), quote.get(), block.timestamp());
                } catch (PanicException e) {
                    panic = e.code();
                }
            }
            return new MarketEntry(du, quote, index, panic, m.initialMargin(), m.maintenanceMargin());
        });
        return new HealthKernel(
                config.settlement().decimals(), assets, markets, Option.some(new Tuple2<>(state, block)));
    }

    /** {@return the results of every account} */
    public Results evaluate(Accounts accounts) {
        Results results = new Results(accounts.count());
        evaluate(accounts, 0, accounts.count(), results);
        return results;
    }

    /** Evaluates every account into {@code into}, which must have room for them; allocates nothing on the fast path. */
    public void evaluate(Accounts accounts, Results into) {
        evaluate(accounts, 0, accounts.count(), into);
    }

    /**
     * Evaluates accounts {@code from} (inclusive) to {@code to} (exclusive) into the same indexes of {@code into}.
     * Disjoint ranges may be evaluated by different threads into one {@code Results}.
     */
    public void evaluate(Accounts accounts, int from, int to, Results into) {
        Objects.checkFromToIndex(from, to, accounts.count());
        if (into.count() < accounts.count()) {
            throw new IllegalArgumentException(
                    "results hold " + into.count() + " accounts; the accounts are " + accounts.count());
        }
        if (accounts.referenceAccounts.nonEmpty() && reference.isEmpty()) {
            throw new IllegalArgumentException(
                    "some accounts do not fit the arrays and need MarginLogic.cross: build the kernel with of(state, block)");
        }
        for (int i = from; i < to; i++) {
            if (accounts.reference[i]) {
                into.put(i, referenceData(accounts.referenceAccounts.get(i).get()));
            } else if (!fast(accounts, i, into)) {
                into.put(i, exactData(accounts, i));
            }
        }
    }

    // ---- the fast path

    /**
     * Evaluates account {@code i} in 64/128-bit arithmetic; {@code false} (having written nothing) if it cannot.
     *
     * <p>Every term's magnitude is ORed into {@code big} and the account leaves the fast path unless all are below
     * {@code 2^55}: then no sum of at most 64 collateral and 64 position terms can overflow 64 bits, and no addition
     * needs its own check. Settlement balances and quotes (at most {@code 2^119} each, checked when the arrays were
     * built) are summed in 128 bits.
     */
    private boolean fast(Accounts acc, int i, Results into) {
        if (!acc.bounded[i]) {
            return false;
        }
        long[] at = assetTable;
        long[] mt = marketTable;
        long baseHi = 0;
        long baseLo = 0;
        long eq = 0;
        long meq = 0;
        long im = 0;
        long mm = 0;
        long big = 0;
        long riskMask = 0;

        int[] assetOf = acc.collateralAsset;
        long[] balanceHi = acc.balanceHi;
        long[] balanceLo = acc.balanceLo;
        for (int k = i * acc.collateralSlots, end = k + acc.collateralSlots; k < end; k++) {
            int a = assetOf[k];
            if (a < 0) {
                continue;
            }
            int o = a << STRIDE_SHIFT;
            long kind = at[o + KIND];
            long bh = balanceHi[k];
            long bl = balanceLo[k];
            if (kind == SETTLEMENT) {
                baseLo += bl;
                baseHi += bh + Wide.carry(baseLo, bl);
                riskMask |= bh;
                continue;
            }
            if (kind == EXACT_ONLY) {
                return false;
            }
            long packed = Wide.estimateProduct(
                    acc.balanceTop[k], acc.balanceZeros[k], at[o + VALUE_MANTISSA], at[o + VALUE_EXPONENT]);
            if (packed < 0) {
                packed = exactValue(bh, bl, at, o);
                if (packed < 0) {
                    return false;
                }
            }
            // a positive balance: collateralValue floors, weighted floors; a debt (or, as in the reference, a zero
            // balance): debtValue ceils, weightedDebt ceils, and the account carries risk. Signs are data, so they
            // select by mask rather than by branch (random signs mispredict).
            long debt = (bh >> 63) | -isZero(bh | bl);
            long v = (packed >>> 1) + (packed & debt & 1);
            long w = ratio(v, at, o + COLLATERAL_WEIGHT + ((LIABILITY_WEIGHT - COLLATERAL_WEIGHT) & (int) debt), debt);
            big |= v | w;
            eq += (v ^ debt) - debt;
            meq += (w ^ debt) - debt;
            riskMask |= debt;
        }

        int[] marketOf = acc.positionMarket;
        long[] sizeHi = acc.sizeHi;
        long[] indexHi = acc.fundingIndexHi;
        long[] indexLo = acc.fundingIndexLo;
        long[] quoteHi = acc.quoteHi;
        long[] quoteLo = acc.quoteLo;
        for (int k = i * acc.positionSlots, end = k + acc.positionSlots; k < end; k++) {
            int m = marketOf[k];
            if (m < 0) {
                continue;
            }
            riskMask = -1;
            int o = m << STRIDE_SHIFT;
            if (mt[o + KIND] == EXACT_ONLY) {
                return false;
            }
            long isShort = sizeHi[k] >> 63;
            long sizeTop = acc.sizeTop[k];
            long sizeZeros = acc.sizeZeros[k];
            long packed = Wide.estimateProduct(sizeTop, sizeZeros, mt[o + VALUE_MANTISSA], mt[o + VALUE_EXPONENT]);
            if (packed < 0) {
                packed = exactValue(sizeHi[k], acc.sizeLo[k], mt, o);
                if (packed < 0) {
                    return false;
                }
            }
            // positionValue floors (a short owes the rounded-up magnitude), notional ceils
            long floor = packed >>> 1;
            long notional = floor + (packed & 1);
            long value = ((floor + (packed & isShort & 1)) ^ isShort) - isShort;
            long maintenance = ratio(notional, mt, o + MAINTENANCE_MARGIN, -1);
            long initial = ratio(notional, mt, o + INITIAL_MARGIN, -1);

            // pending funding on the index move since the position last settled, signed 128 bits
            long ih = mt[o + INDEX_HI];
            long il = mt[o + INDEX_LO];
            long fh = indexHi[k];
            long fl = indexLo[k];
            long dl = il - fl;
            long dh = ih - fh - Wide.borrow(il, fl);
            if (((ih ^ fh) & (ih ^ dh)) < 0) {
                return false;
            }
            long pending = 0;
            if ((dh | dl) != 0) {
                pending = funding(sizeTop, sizeZeros, isShort, dh, dl, mt, o);
                if (pending == FUNDING_FAIL) {
                    pending = exactFunding(sizeHi[k], acc.sizeLo[k], isShort, dh, dl, mt, o);
                    if (pending == FUNDING_FAIL) {
                        return false;
                    }
                }
            }
            long ql = quoteLo[k];
            baseLo += ql;
            baseHi += quoteHi[k] + Wide.carry(baseLo, ql);

            big |= notional | maintenance | initial | (pending ^ (pending >> 63));
            long pnl = value - pending;
            eq += pnl;
            meq += pnl;
            mm += maintenance;
            im += initial;
        }
        if ((big >>> 55) != 0) {
            return false; // also catches a failed ratio (negative)
        }

        long eqLo = baseLo + eq;
        long eqHi = baseHi + (eq >> 63) + Wide.carry(eqLo, baseLo);
        long meqLo = baseLo + meq;
        long meqHi = baseHi + (meq >> 63) + Wide.carry(meqLo, baseLo);
        boolean risk = riskMask < 0;
        boolean liquidatable = risk && (meqHi < 0 || (meqHi == 0 && Long.compareUnsigned(meqLo, mm) < 0));
        into.equityHi[i] = eqHi;
        into.equityLo[i] = eqLo;
        into.marginEquityHi[i] = meqHi;
        into.marginEquityLo[i] = meqLo;
        into.initialHi[i] = 0;
        into.initialLo[i] = im;
        into.maintenanceHi[i] = 0;
        into.maintenanceLo[i] = mm;
        into.flags[i] = (byte) ((risk ? Results.RISK : 0) | (liquidatable ? Results.LIQUIDATABLE : 0));
        return true;
    }

    /** {@return 1 if {@code x} is zero, else 0, without a branch} */
    private static long isZero(long x) {
        return ((x | -x) >>> 63) ^ 1;
    }

    /** {@return whether a 128-bit value with high word {@code hi} lies in {@code [-2^119, 2^119)}} */
    private static boolean within119(long hi) {
        return (((hi >> 55) + 1) >>> 1) == 0;
    }

    /**
     * {@return the packed {@code floor(|x| * price / 10^shift)} (or {@code |x| * price * 10^-shift}) of the signed
     * 128-bit {@code x = (hi, lo)}}, divided exactly, or {@link Wide#FAIL}; for when the estimate cannot decide
     */
    private static long exactValue(long hi, long lo, long[] t, int o) {
        long negative = hi >> 63;
        long ml = (lo ^ negative) - negative;
        long mh = (hi ^ negative) + (negative & isZero(lo));
        long p = t[o + PRICE];
        long pl = ml * p;
        long ph = Math.unsignedMultiplyHigh(ml, p);
        if (mh != 0) {
            if (Long.compareUnsigned(mh, t[o + HI_LIMIT]) >= 0) {
                return Wide.FAIL;
            }
            ph += mh * p; // mh * p < 2^63 and the carry-in is below p < 2^63: no wrap
        }
        if (t[o + KIND] == DIVIDE) {
            return Wide.divide(ph, pl, t, o + VALUE);
        }
        long scale = t[o + VALUE];
        long r = pl * scale;
        if (ph != 0 || (pl >>> 62) != 0 || Math.multiplyHigh(pl, scale) != 0 || (r >>> 62) != 0) {
            return Wide.FAIL;
        }
        return r << 1;
    }

    /**
     * {@return {@code v * ratio / 1e18} rounded down ({@code ceil == 0}) or up ({@code ceil == -1}), for {@code 0 <= v <
     * 2^62}}, or {@link Wide#FAIL}; the ratio is reduced to {@code num / den}, so ordinary ratios need one 64-bit
     * product and one magic division
     */
    private static long ratio(long v, long[] t, int o, long ceil) {
        long num = t[o + R_NUM];
        if (v <= t[o + R_LIMIT]) {
            long x = v * num + ((t[o + R_DEN] - 1) & ceil); // ceil(x / den) = floor((x + den - 1) / den)
            return Wide.magicDivide(x, t[o + R_MAGIC], t[o + R_MAGIC_SHIFT]);
        }
        long packed = Wide.divide(Math.unsignedMultiplyHigh(v, num), v * num, t, o + R_DIVISOR);
        if (packed < 0) {
            return Wide.FAIL;
        }
        return (packed >>> 1) + (packed & ceil & 1);
    }

    /**
     * {@return the pending funding {@code ceil(S * delta / 10^(sizeDecimals + 18))}} of a size whose magnitude has
     * the given top 64 bits and leading zeros, and sign {@code isShort} ({@code -1} short, {@code 0} long), over the
     * signed 128-bit index move {@code (dh, dl)}, when the estimate proves it; else {@link #FUNDING_FAIL}
     */
    private static long funding(long sizeTop, long sizeZeros, long isShort, long dh, long dl, long[] t, int o) {
        if (dh > 0) {
            // the common case, a rising index that moved by 2^64 or more: its top bits are one count and two shifts
            long z = Long.numberOfLeadingZeros(dh);
            long top = (dh << z) | (dl >>> (64 - z));
            long estimate =
                    Wide.estimateFunding(sizeTop, sizeZeros, top, z, t[o + FUNDING_RECIPROCAL], t[o + FUNDING_SCALE]);
            if (estimate < 0) {
                return FUNDING_FAIL;
            }
            return (((estimate >>> 1) + (~isShort & 1)) ^ isShort) - isShort;
        }
        long deltaNegative = dh >> 63;
        long negative = isShort ^ deltaNegative;
        long mdh = (dh ^ deltaNegative) + (deltaNegative & isZero(dl));
        long mdl = (dl ^ deltaNegative) - deltaNegative;
        long zd = Wide.leadingZeros(mdh, mdl);
        long estimate = Wide.estimateFunding(
                sizeTop, sizeZeros, Wide.top(mdh, mdl, zd), zd, t[o + FUNDING_RECIPROCAL], t[o + FUNDING_SCALE]);
        if (estimate < 0) {
            return FUNDING_FAIL;
        }
        // proven inexact: a payer pays one more than the floor, a receiver receives the floor
        return (((estimate >>> 1) + (~negative & 1)) ^ negative) - negative;
    }

    /** {@return the pending funding of the signed size {@code (sh, sl)}, divided exactly in 192 bits}, or a fail */
    private static long exactFunding(long sh, long sl, long isShort, long dh, long dl, long[] t, int o) {
        long ml = (sl ^ isShort) - isShort;
        long mh = (sh ^ isShort) + (isShort & isZero(sl));
        long deltaNegative = dh >> 63;
        long negative = isShort ^ deltaNegative;
        dh = (dh ^ deltaNegative) + (deltaNegative & isZero(dl));
        dl = (dl ^ deltaNegative) - deltaNegative;
        if (((mh | dh) >>> 31) != 0) {
            return FUNDING_FAIL;
        }
        // |S| * |delta| in 192 bits; with both high words below 2^31 the top word cannot wrap
        long p0 = ml * dl;
        long p1 = Math.unsignedMultiplyHigh(ml, dl);
        long p2 = 0;
        if (dh != 0) {
            long lo = ml * dh;
            p2 = Math.unsignedMultiplyHigh(ml, dh);
            p1 += lo;
            p2 += Wide.carry(p1, lo);
        }
        if (mh != 0) {
            long lo = mh * dl;
            p2 += Math.unsignedMultiplyHigh(mh, dl) + mh * dh;
            p1 += lo;
            p2 += Wide.carry(p1, lo);
        }
        long packed = Wide.divide(p2, p1, p0, t, o + FUNDING);
        if (packed < 0) {
            return FUNDING_FAIL;
        }
        long q1 = packed >>> 1;
        long q = Wide.magicDivide(q1, t[o + FUNDING_MAGIC], t[o + FUNDING_MAGIC_SHIFT]);
        long inexact = (packed & 1) | (q * t[o + FUNDING_ODD] != q1 ? 1 : 0);
        // ceil: a payer pays the rounded-up magnitude, a receiver receives the rounded-down one
        return ((q + (inexact & ~negative)) ^ negative) - negative;
    }

    // ---- preparation of the per-block tables

    private void prepareAsset(long[] t, int o, AssetEntry e) {
        if (e.settlement()) {
            t[o + KIND] = SETTLEMENT;
            return;
        }
        boolean fast = e.quote().isRight()
                && prepareValue(t, o, e.quote().get(), e.decimals())
                && prepareRatio(t, o + COLLATERAL_WEIGHT, e.collateralWeight())
                && prepareRatio(t, o + LIABILITY_WEIGHT, e.liabilityWeight());
        if (!fast) {
            t[o + KIND] = EXACT_ONLY;
        }
    }

    private void prepareMarket(long[] t, int o, MarketEntry e) {
        boolean fast = e.quote().isRight()
                && e.indexPanic() == 0
                && fits128(e.fundingIndex())
                && prepareValue(t, o, e.quote().get(), e.sizeDecimals())
                && prepareRatio(t, o + INITIAL_MARGIN, e.initialMargin())
                && prepareRatio(t, o + MAINTENANCE_MARGIN, e.maintenanceMargin());
        if (!fast) {
            t[o + KIND] = EXACT_ONLY;
            return;
        }
        t[o + INDEX_HI] = hi(e.fundingIndex());
        t[o + INDEX_LO] = lo(e.fundingIndex());
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
    private boolean prepareValue(long[] t, int o, Quote q, int decimals) {
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

    private static Vector<AssetEntry> rawAssets(Assets a) {
        Vector<AssetEntry> out = Vector.empty();
        for (int i = 0; i < a.decimals().length; i++) {
            checkDecimals(a.decimals()[i], "assets.decimals[" + i + "]");
            checkDecimals(a.priceDecimals()[i], "assets.priceDecimals[" + i + "]");
            Either<Revert, Quote> quote = a.price()[i] > 0
                    ? Either.right(new Quote("asset " + i, I256.of(a.price()[i]), a.priceDecimals()[i]))
                    : Either.left(new Revert.InvalidPrice("asset " + i, I256.of(a.price()[i])));
            out = out.append(new AssetEntry(
                    a.decimals()[i],
                    a.settlement()[i],
                    quote,
                    wad(a.collateralWeight()[i], "assets.collateralWeight[" + i + "]"),
                    wad(a.liabilityWeight()[i], "assets.liabilityWeight[" + i + "]")));
        }
        return out;
    }

    private static Vector<MarketEntry> rawMarkets(Markets m) {
        Vector<MarketEntry> out = Vector.empty();
        for (int i = 0; i < m.sizeDecimals().length; i++) {
            checkDecimals(m.sizeDecimals()[i], "markets.sizeDecimals[" + i + "]");
            checkDecimals(m.priceDecimals()[i], "markets.priceDecimals[" + i + "]");
            Either<Revert, Quote> quote = m.price()[i] > 0
                    ? Either.right(new Quote("market " + i, I256.of(m.price()[i]), m.priceDecimals()[i]))
                    : Either.left(new Revert.InvalidPrice("market " + i, I256.of(m.price()[i])));
            out = out.append(new MarketEntry(
                    m.sizeDecimals()[i],
                    quote,
                    i256(m.fundingIndexHi()[i], m.fundingIndexLo()[i]),
                    0,
                    wad(m.initialMargin()[i], "markets.initialMargin[" + i + "]"),
                    wad(m.maintenanceMargin()[i], "markets.maintenanceMargin[" + i + "]")));
        }
        return out;
    }

    private static Wad wad(long raw, String field) {
        if (raw < 0) {
            throw new IllegalArgumentException(field + ": " + raw + " is negative; valid: a WAD >= 0");
        }
        return Wad.ofRaw(raw);
    }

    private static void checkDecimals(int decimals, String field) {
        if (decimals < 0 || decimals > 36) {
            throw new IllegalArgumentException(field + ": " + decimals + " is out of range; valid: 0..36");
        }
    }

    // ---- the exact paths

    /** {@return account {@code i} measured with the reference formulas on I256, slot by slot in the reference order} */
    private Either<Revert, AccountData> exactData(Accounts acc, int i) {
        try {
            int ds = settlementDecimals;
            I256 equity = I256.ZERO;
            I256 marginEquity = I256.ZERO;
            boolean risk = false;
            for (int k = i * acc.positionSlots, end = k + acc.positionSlots; k < end; k++) {
                risk |= acc.positionMarket[k] >= 0;
            }
            for (int k = i * acc.collateralSlots, end = k + acc.collateralSlots; k < end; k++) {
                int a = acc.collateralAsset[k];
                if (a < 0) {
                    continue;
                }
                AssetEntry asset = assets.get(a);
                I256 balance = i256(acc.balanceHi[k], acc.balanceLo[k]);
                if (asset.settlement()) {
                    equity = equity.plus(balance);
                    marginEquity = marginEquity.plus(balance);
                    risk |= balance.isNegative();
                    continue;
                }
                if (asset.quote().isLeft()) {
                    return Either.left(asset.quote().getLeft());
                }
                Quote q = asset.quote().get();
                if (balance.isPositive()) {
                    I256 v = MarginLogic.collateralValue(balance, asset.decimals(), q, ds);
                    equity = equity.plus(v);
                    marginEquity = marginEquity.plus(MarginLogic.weighted(v, asset.collateralWeight()));
                } else {
                    I256 v = MarginLogic.debtValue(balance.negate(), asset.decimals(), q, ds);
                    equity = equity.minus(v);
                    marginEquity = marginEquity.minus(MarginLogic.weightedDebt(v, asset.liabilityWeight()));
                    risk = true;
                }
            }
            I256 im = I256.ZERO;
            I256 mm = I256.ZERO;
            for (int k = i * acc.positionSlots, end = k + acc.positionSlots; k < end; k++) {
                int m = acc.positionMarket[k];
                if (m < 0) {
                    continue;
                }
                MarketEntry market = markets.get(m);
                if (market.quote().isLeft()) {
                    return Either.left(market.quote().getLeft());
                }
                if (market.indexPanic() != 0) {
                    return Either.left(new Revert.Panic(market.indexPanic()));
                }
                Quote q = market.quote().get();
                int du = market.sizeDecimals();
                I256 size = i256(acc.sizeHi[k], acc.sizeLo[k]);
                I256 quote = i256(acc.quoteHi[k], acc.quoteLo[k]);
                I256 index = i256(acc.fundingIndexHi[k], acc.fundingIndexLo[k]);
                I256 pending =
                        MarginLogic.fundingOwed(size, market.fundingIndex().minus(index), du);
                I256 pnl =
                        MarginLogic.positionValue(size, du, q, ds).plus(quote).minus(pending);
                I256 n = MarginLogic.notional(size, du, q, ds);
                equity = equity.plus(pnl);
                marginEquity = marginEquity.plus(pnl);
                im = im.plus(MarginLogic.requirement(n, market.initialMargin()));
                mm = mm.plus(MarginLogic.requirement(n, market.maintenanceMargin()));
            }
            return Either.right(new AccountData(equity, marginEquity, im, mm, risk));
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }

    private Either<Revert, AccountData> referenceData(Account account) {
        Tuple2<ProtocolState, BlockContext> sb = reference.get();
        try {
            return MarginLogic.cross(sb._1, account, sb._2);
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }

    // ---- 128-bit conversions

    private static final BigInteger MIN_128 = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX_128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    static boolean fits128(I256 v) {
        if (v.fitsLong()) {
            return true;
        }
        BigInteger b = v.toBigInteger();
        return b.compareTo(MIN_128) >= 0 && b.compareTo(MAX_128) <= 0;
    }

    /** {@return the high word of a value that {@link #fits128 fits 128 bits}} */
    static long hi(I256 v) {
        return v.fitsLong()
                ? v.longValueExact() >> 63
                : v.toBigInteger().shiftRight(64).longValue();
    }

    /** {@return the low word of a value that {@link #fits128 fits 128 bits}} */
    static long lo(I256 v) {
        return v.fitsLong() ? v.longValueExact() : v.toBigInteger().longValue();
    }

    /** {@return the two's complement 128-bit {@code (hi, lo)} as an I256} */
    static I256 i256(long hi, long lo) {
        if (hi == (lo >> 63)) {
            return I256.of(lo);
        }
        return I256.of(BigInteger.valueOf(hi).shiftLeft(64).add(Wide.unsigned(lo)));
    }

    // ---- accounts and results

    /**
     * Accounts as a structure of arrays: account {@code i} has collateral slots {@code i * collateralSlots ..} and
     * position slots {@code i * positionSlots ..}. An unused slot has asset or market {@code -1}. Amounts are 128-bit
     * two's complement pairs of {@code long}s (high word, low word). Slots are evaluated in order; filled in id order,
     * as {@link #of} does, the first missing price an account needs is the one the reference reports.
     *
     * <p>The raw constructor copies the given arrays: derived data (the normalized magnitudes the estimates use) is
     * computed once, so refilled arrays need a new {@code Accounts}.
     */
    public static final class Accounts {

        private final int count;
        private final int collateralSlots;
        private final int positionSlots;
        final int[] collateralAsset;
        final long[] balanceHi;
        final long[] balanceLo;
        final int[] positionMarket;
        final long[] sizeHi;
        final long[] sizeLo;
        final long[] quoteHi;
        final long[] quoteLo;
        final long[] fundingIndexHi;
        final long[] fundingIndexLo;
        final boolean[] reference;
        final Map<Integer, Account> referenceAccounts;
        private final Vector<AccountId> ids;
        // derived once, block-independent: the top 64 bits of each amount's magnitude and its leading zeros (the
        // estimates need only these), and whether every amount of an account lies within 2^119 in magnitude
        final long[] balanceTop;
        final byte[] balanceZeros;
        final long[] sizeTop;
        final byte[] sizeZeros;
        final boolean[] bounded;

        /**
         * Accounts over raw arrays, copied (the kernel derives data from them once, so later changes to the caller's
         * arrays must go through a new {@code Accounts}).
         *
         * @param collateralAsset per collateral slot, the asset number or {@code -1}
         * @param balanceHi per collateral slot, the balance's high word (base units of the asset, any sign)
         * @param positionMarket per position slot, the market number or {@code -1}
         * @param sizeHi per position slot, the size's high word (base units of the underlying; negative short)
         * @param quoteHi per position slot, the quote's high word (settlement base units)
         * @param fundingIndexHi per position slot, the high word of the funding index last settled at
         */
        public Accounts(
                int count,
                int collateralSlots,
                int positionSlots,
                int[] collateralAsset,
                long[] balanceHi,
                long[] balanceLo,
                int[] positionMarket,
                long[] sizeHi,
                long[] sizeLo,
                long[] quoteHi,
                long[] quoteLo,
                long[] fundingIndexHi,
                long[] fundingIndexLo) {
            this(
                    count,
                    collateralSlots,
                    positionSlots,
                    collateralAsset.clone(),
                    balanceHi.clone(),
                    balanceLo.clone(),
                    positionMarket.clone(),
                    sizeHi.clone(),
                    sizeLo.clone(),
                    quoteHi.clone(),
                    quoteLo.clone(),
                    fundingIndexHi.clone(),
                    fundingIndexLo.clone(),
                    new boolean[Math.max(0, count)],
                    HashMap.empty(),
                    Vector.empty());
        }

        private Accounts(
                int count,
                int collateralSlots,
                int positionSlots,
                int[] collateralAsset,
                long[] balanceHi,
                long[] balanceLo,
                int[] positionMarket,
                long[] sizeHi,
                long[] sizeLo,
                long[] quoteHi,
                long[] quoteLo,
                long[] fundingIndexHi,
                long[] fundingIndexLo,
                boolean[] reference,
                Map<Integer, Account> referenceAccounts,
                Vector<AccountId> ids) {
            if (count < 0
                    || collateralSlots < 0
                    || collateralSlots > MAX_SLOTS
                    || positionSlots < 0
                    || positionSlots > MAX_SLOTS) {
                throw new IllegalArgumentException("count " + count + ", collateralSlots " + collateralSlots
                        + ", positionSlots " + positionSlots + ": valid are count >= 0 and slots 0.." + MAX_SLOTS);
            }
            long c = (long) count * collateralSlots;
            long p = (long) count * positionSlots;
            if (collateralAsset.length < c
                    || balanceHi.length < c
                    || balanceLo.length < c
                    || positionMarket.length < p
                    || sizeHi.length < p
                    || sizeLo.length < p
                    || quoteHi.length < p
                    || quoteLo.length < p
                    || fundingIndexHi.length < p
                    || fundingIndexLo.length < p) {
                throw new IllegalArgumentException("collateral arrays need " + c + " slots and position arrays " + p);
            }
            this.count = count;
            this.collateralSlots = collateralSlots;
            this.positionSlots = positionSlots;
            this.collateralAsset = collateralAsset;
            this.balanceHi = balanceHi;
            this.balanceLo = balanceLo;
            this.positionMarket = positionMarket;
            this.sizeHi = sizeHi;
            this.sizeLo = sizeLo;
            this.quoteHi = quoteHi;
            this.quoteLo = quoteLo;
            this.fundingIndexHi = fundingIndexHi;
            this.fundingIndexLo = fundingIndexLo;
            this.reference = reference;
            this.referenceAccounts = referenceAccounts;
            this.ids = ids;
            this.balanceTop = new long[(int) c];
            this.balanceZeros = new byte[(int) c];
            this.sizeTop = new long[(int) p];
            this.sizeZeros = new byte[(int) p];
            this.bounded = new boolean[count];
            for (int k = 0; k < c; k++) {
                normalize(balanceHi[k], balanceLo[k], balanceTop, balanceZeros, k);
            }
            for (int k = 0; k < p; k++) {
                normalize(sizeHi[k], sizeLo[k], sizeTop, sizeZeros, k);
            }
            for (int i = 0; i < count; i++) {
                boolean b = true;
                for (int k = i * collateralSlots; k < (i + 1) * collateralSlots; k++) {
                    b &= within119(balanceHi[k]);
                }
                for (int k = i * positionSlots; k < (i + 1) * positionSlots; k++) {
                    b &= within119(quoteHi[k]);
                }
                bounded[i] = b;
            }
        }

        /** Stores the top 64 bits and the leading zeros of the magnitude of the signed 128-bit {@code (hi, lo)}. */
        private static void normalize(long hi, long lo, long[] top, byte[] zeros, int k) {
            long negative = hi >> 63;
            long ml = (lo ^ negative) - negative;
            long mh = (hi ^ negative) + (negative & isZero(lo));
            long z = Wide.leadingZeros(mh, ml);
            top[k] = Wide.top(mh, ml, z);
            zeros[k] = (byte) z;
        }

        /** {@return every account of {@code state}, in id order} */
        public static Accounts of(ProtocolState state) {
            return of(state.config(), state.accounts().values());
        }

        /** {@return the accounts, with as many slots as the fullest of them needs (at most {@link #MAX_SLOTS})} */
        public static Accounts of(ProtocolConfig config, Iterable<Account> accounts) {
            // one walk over the source (a persistent map's values are a lazy sequence, costly to walk twice)
            Vector<Account> all = Vector.ofAll(accounts);
            int c = 0;
            int p = 0;
            for (Account a : all) {
                c = Math.max(c, a.balances().size());
                p = Math.max(p, a.positions().size());
            }
            return of(config, all, Math.min(c, MAX_SLOTS), Math.min(p, MAX_SLOTS));
        }

        /**
         * {@return the accounts in arrays with the given slots} An account with more balances or positions than
         * that, or an amount beyond 128 bits, is kept aside and measured by {@link MarginLogic#cross}.
         */
        public static Accounts of(
                ProtocolConfig config, Iterable<Account> accounts, int collateralSlots, int positionSlots) {
            Map<AssetId, Integer> assetIndex = index(config.assets().keySet());
            Map<MarketId, Integer> marketIndex = index(config.markets().keySet());
            Vector<Account> all = accounts instanceof Vector<Account> v ? v : Vector.ofAll(accounts);
            int n = all.size();
            int[] asset = filled(n * collateralSlots);
            long[] bh = new long[n * collateralSlots];
            long[] bl = new long[n * collateralSlots];
            int[] market = filled(n * positionSlots);
            long[] sh = new long[n * positionSlots];
            long[] sl = new long[n * positionSlots];
            long[] qh = new long[n * positionSlots];
            long[] ql = new long[n * positionSlots];
            long[] fh = new long[n * positionSlots];
            long[] fl = new long[n * positionSlots];
            boolean[] reference = new boolean[n];
            Map<Integer, Account> aside = HashMap.empty();
            // Synthetix's size-dependent ratios and liquidation reward are not in the arrays: measure by the reference
            boolean sizeDependent = config.liquidation() instanceof LiquidationPolicy.WindowCapped;
            int i = -1;
            for (Account a : all) {
                i++;
                if (sizeDependent || !fits(a, assetIndex, marketIndex, collateralSlots, positionSlots)) {
                    reference[i] = true;
                    aside = aside.put(i, a);
                    continue;
                }
                int k = i * collateralSlots;
                for (Tuple2<AssetId, I256> b : a.balances()) {
                    asset[k] = assetIndex.get(b._1).get();
                    bh[k] = hi(b._2);
                    bl[k] = lo(b._2);
                    k++;
                }
                k = i * positionSlots;
                for (Tuple2<MarketId, Position> e : a.positions()) {
                    Position pos = e._2;
                    market[k] = marketIndex.get(e._1).get();
                    sh[k] = hi(pos.size());
                    sl[k] = lo(pos.size());
                    qh[k] = hi(pos.quote());
                    ql[k] = lo(pos.quote());
                    fh[k] = hi(pos.fundingIndex());
                    fl[k] = lo(pos.fundingIndex());
                    k++;
                }
            }
            return new Accounts(
                    n,
                    collateralSlots,
                    positionSlots,
                    asset,
                    bh,
                    bl,
                    market,
                    sh,
                    sl,
                    qh,
                    ql,
                    fh,
                    fl,
                    reference,
                    aside,
                    all.map(Account::id));
        }

        private static boolean fits(
                Account a,
                Map<AssetId, Integer> assetIndex,
                Map<MarketId, Integer> marketIndex,
                int collateralSlots,
                int positionSlots) {
            return a.balances().size() <= collateralSlots
                    && a.positions().size() <= positionSlots
                    && a.balances().forAll(b -> assetIndex.containsKey(b._1) && fits128(b._2))
                    && a.positions()
                            .forAll(p -> marketIndex.containsKey(p._1)
                                    && fits128(p._2.size())
                                    && fits128(p._2.quote())
                                    && fits128(p._2.fundingIndex()));
        }

        private static <K extends Comparable<? super K>> Map<K, Integer> index(Iterable<K> sortedKeys) {
            Map<K, Integer> out = TreeMap.empty();
            int i = 0;
            for (K k : sortedKeys) {
                out = out.put(k, i++);
            }
            return out;
        }

        private static int[] filled(int n) {
            int[] a = new int[n];
            java.util.Arrays.fill(a, -1);
            return a;
        }

        /** {@return the number of accounts} */
        public int count() {
            return count;
        }

        /** {@return collateral slots per account} */
        public int collateralSlots() {
            return collateralSlots;
        }

        /** {@return position slots per account} */
        public int positionSlots() {
            return positionSlots;
        }

        /** {@return the id of account {@code i}, if the accounts were built from {@link Account}s} */
        public Option<AccountId> id(int i) {
            return i < ids.size() ? Option.some(ids.get(i)) : Option.none();
        }
    }

    /**
     * The kernel's output, one entry per account: equity, margin equity, initial and maintenance requirement as
     * 128-bit two's complement pairs, and flags. An account that reverts (a missing price, a panic) or whose data is
     * wider than 128 bits keeps its value aside; {@link #data} always returns what {@link MarginLogic#cross} does
     * (with a panic as {@link Revert.Panic}, as {@link Views} reports it).
     */
    public static final class Results {

        static final byte LIQUIDATABLE = 1;
        static final byte RISK = 2;
        static final byte REVERTED = 4;
        static final byte EXACT = 8;
        static final byte WIDE = 16;

        private final int count;
        final long[] equityHi;
        final long[] equityLo;
        final long[] marginEquityHi;
        final long[] marginEquityLo;
        final long[] initialHi;
        final long[] initialLo;
        final long[] maintenanceHi;
        final long[] maintenanceLo;
        final byte[] flags;
        // aside, per account: set only with REVERTED or WIDE
        private final Revert[] reverts;
        private final AccountData[] wide;

        /** Room for {@code count} accounts. */
        public Results(int count) {
            this.count = count;
            equityHi = new long[count];
            equityLo = new long[count];
            marginEquityHi = new long[count];
            marginEquityLo = new long[count];
            initialHi = new long[count];
            initialLo = new long[count];
            maintenanceHi = new long[count];
            maintenanceLo = new long[count];
            flags = new byte[count];
            reverts = new Revert[count];
            wide = new AccountData[count];
        }

        /** {@return the number of accounts it has room for} */
        public int count() {
            return count;
        }

        /** {@return whether account {@code i} carries risk and its margin equity is below its maintenance requirement} */
        public boolean isLiquidatable(int i) {
            return (flags[i] & LIQUIDATABLE) != 0;
        }

        /** {@return whether measuring account {@code i} reverted, as the reference would have} */
        public boolean isReverted(int i) {
            return (flags[i] & REVERTED) != 0;
        }

        /** {@return whether account {@code i} was measured on an exact path rather than the fast one} */
        public boolean tookExactPath(int i) {
            return (flags[i] & EXACT) != 0;
        }

        /** {@return account {@code i}'s data, or the revert the reference reports} */
        public Either<Revert, AccountData> data(int i) {
            byte f = flags[i];
            if ((f & REVERTED) != 0) {
                return Either.left(reverts[i]);
            }
            if ((f & WIDE) != 0) {
                return Either.right(wide[i]);
            }
            return Either.right(new AccountData(
                    i256(equityHi[i], equityLo[i]),
                    i256(marginEquityHi[i], marginEquityLo[i]),
                    i256(initialHi[i], initialLo[i]),
                    i256(maintenanceHi[i], maintenanceLo[i]),
                    (f & RISK) != 0));
        }

        /** {@return account {@code i}'s margin equity; an exception if it reverted} */
        public I256 marginEquity(int i) {
            return data(i).map(AccountData::marginEquity)
                    .getOrElseThrow(r -> new IllegalStateException("account " + i + " reverted: " + r));
        }

        /** {@return account {@code i}'s maintenance requirement; an exception if it reverted} */
        public I256 maintenanceRequirement(int i) {
            return data(i).map(AccountData::maintenanceRequirement)
                    .getOrElseThrow(r -> new IllegalStateException("account " + i + " reverted: " + r));
        }

        /** {@return how many accounts are liquidatable} */
        public int liquidatableCount() {
            int n = 0;
            for (int i = 0; i < count; i++) {
                n += flags[i] & LIQUIDATABLE;
            }
            return n;
        }

        void put(int i, Either<Revert, AccountData> d) {
            if (d.isLeft()) {
                reverts[i] = d.getLeft();
                flags[i] = REVERTED | EXACT;
                return;
            }
            AccountData a = d.get();
            byte f = (byte) (EXACT | (a.hasRisk() ? RISK : 0) | (a.isLiquidatable() ? LIQUIDATABLE : 0));
            if (fits128(a.equity())
                    && fits128(a.marginEquity())
                    && fits128(a.initialRequirement())
                    && fits128(a.maintenanceRequirement())) {
                equityHi[i] = hi(a.equity());
                equityLo[i] = lo(a.equity());
                marginEquityHi[i] = hi(a.marginEquity());
                marginEquityLo[i] = lo(a.marginEquity());
                initialHi[i] = hi(a.initialRequirement());
                initialLo[i] = lo(a.initialRequirement());
                maintenanceHi[i] = hi(a.maintenanceRequirement());
                maintenanceLo[i] = lo(a.maintenanceRequirement());
            } else {
                wide[i] = a;
                f |= WIDE;
            }
            flags[i] = f;
        }
    }
}
