package dev.solvent.model.view;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Accounts as a structure of arrays: account {@code i} has collateral slots {@code i * collateralSlots ..} and
 * position slots {@code i * positionSlots ..}. An unused slot has asset or market {@code -1}. Amounts are 128-bit
 * two's complement pairs of {@code long}s (high word, low word). Slots are evaluated in order; filled in id order,
 * as {@link HealthKernel#of} does, the first missing price an account needs is the one the reference reports.
 *
 * <p>The raw constructor copies the given arrays: derived data (the normalized magnitudes the estimates use) is
 * computed once, so refilled arrays need a new {@code Accounts}.
 */
public final class KernelAccounts {

    private final int count;
    final int collateralSlots;
    final int positionSlots;
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
    public KernelAccounts(
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

    private KernelAccounts(
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
        long c = (long) count * collateralSlots;
        long p = (long) count * positionSlots;
        checkShape(count, collateralSlots, positionSlots, c, collateralAsset, balanceHi, balanceLo);
        checkShape(
                count,
                collateralSlots,
                positionSlots,
                p,
                positionMarket,
                sizeHi,
                sizeLo,
                quoteHi,
                quoteLo,
                fundingIndexHi,
                fundingIndexLo);
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
        normalize(balanceHi, balanceLo, balanceTop, balanceZeros);
        this.sizeTop = new long[(int) p];
        this.sizeZeros = new byte[(int) p];
        normalize(sizeHi, sizeLo, sizeTop, sizeZeros);
        this.bounded = bounded(count, balanceHi, collateralSlots, quoteHi, positionSlots);
    }

    /** {@return per account, whether all its balances and quotes lie within {@code 2^119} in magnitude} */
    private static boolean[] bounded(
            int count, long[] balanceHi, int collateralSlots, long[] quoteHi, int positionSlots) {
        boolean[] bounded = new boolean[count];
        for (int i = 0; i < count; i++) {
            bounded[i] = within119(balanceHi, i * collateralSlots, collateralSlots)
                    && within119(quoteHi, i * positionSlots, positionSlots);
        }
        return bounded;
    }

    /** {@return whether the {@code n} high words from {@code from} all belong to values within {@code 2^119}} */
    private static boolean within119(long[] hi, int from, int n) {
        boolean b = true;
        for (int k = from; k < from + n; k++) {
            b &= Wide.within119(hi[k]);
        }
        return b;
    }

    /**
     * Checks the counts and that each slot array holds {@code slots} entries (the slot map first, then the amounts).
     */
    private static void checkShape(
            int count, int collateralSlots, int positionSlots, long slots, int[] map, long[]... amounts) {
        if (count < 0
                || collateralSlots < 0
                || collateralSlots > HealthKernel.MAX_SLOTS
                || positionSlots < 0
                || positionSlots > HealthKernel.MAX_SLOTS) {
            throw new IllegalArgumentException(
                    "count " + count + ", collateralSlots " + collateralSlots + ", positionSlots " + positionSlots
                            + ": valid are count >= 0 and slots 0.." + HealthKernel.MAX_SLOTS);
        }
        boolean tooShort = map.length < slots;
        for (long[] a : amounts) {
            tooShort |= a.length < slots;
        }
        if (tooShort) {
            long c = (long) count * collateralSlots;
            long p = (long) count * positionSlots;
            throw new IllegalArgumentException("collateral arrays need " + c + " slots and position arrays " + p);
        }
    }

    /** Normalizes each of the first {@code top.length} amounts, see {@link #normalize(long, long, long[], byte[], int)}. */
    private static void normalize(long[] hi, long[] lo, long[] top, byte[] zeros) {
        for (int k = 0; k < top.length; k++) {
            normalize(hi[k], lo[k], top, zeros, k);
        }
    }

    /** Stores the top 64 bits and the leading zeros of the magnitude of the signed 128-bit {@code (hi, lo)}. */
    private static void normalize(long hi, long lo, long[] top, byte[] zeros, int k) {
        long negative = hi >> 63;
        long ml = (lo ^ negative) - negative;
        long mh = (hi ^ negative) + (negative & Wide.isZero(lo));
        long z = Wide.leadingZeros(mh, ml);
        top[k] = Wide.top(mh, ml, z);
        zeros[k] = (byte) z;
    }

    /** {@return every account of {@code state}, in id order} */
    public static KernelAccounts of(ProtocolState state) {
        return of(state.config(), state.accounts().values());
    }

    /** {@return the accounts, with as many slots as the fullest of them needs (at most {@link HealthKernel#MAX_SLOTS})} */
    public static KernelAccounts of(ProtocolConfig config, Iterable<Account> accounts) {
        // one walk over the source (a persistent map's values are a lazy sequence, costly to walk twice)
        Vector<Account> all = Vector.ofAll(accounts);
        int c = 0;
        int p = 0;
        for (Account a : all) {
            c = Math.max(c, a.balances().size());
            p = Math.max(p, a.positions().size());
        }
        return of(config, all, Math.min(c, HealthKernel.MAX_SLOTS), Math.min(p, HealthKernel.MAX_SLOTS));
    }

    /**
     * {@return the accounts in arrays with the given slots} An account with more balances or positions than
     * that, or an amount beyond 128 bits, is kept aside and measured by {@link MarginLogic#cross}.
     */
    public static KernelAccounts of(
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
            putBalances(a, i * collateralSlots, assetIndex, asset, bh, bl);
            putPositions(a, i * positionSlots, marketIndex, market, sh, sl, qh, ql, fh, fl);
        }
        return new KernelAccounts(
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

    /** Writes an account's balances into its collateral slots from {@code k}. */
    private static void putBalances(
            Account a, int k, Map<AssetId, Integer> assetIndex, int[] asset, long[] bh, long[] bl) {
        for (Tuple2<AssetId, I256> b : a.balances()) {
            asset[k] = assetIndex.get(b._1).get();
            bh[k] = Wide.hi(b._2);
            bl[k] = Wide.lo(b._2);
            k++;
        }
    }

    /** Writes an account's positions into its position slots from {@code k}. */
    private static void putPositions(
            Account a,
            int k,
            Map<MarketId, Integer> marketIndex,
            int[] market,
            long[] sh,
            long[] sl,
            long[] qh,
            long[] ql,
            long[] fh,
            long[] fl) {
        for (Tuple2<MarketId, Position> e : a.positions()) {
            Position pos = e._2;
            market[k] = marketIndex.get(e._1).get();
            sh[k] = Wide.hi(pos.size());
            sl[k] = Wide.lo(pos.size());
            qh[k] = Wide.hi(pos.quote());
            ql[k] = Wide.lo(pos.quote());
            fh[k] = Wide.hi(pos.fundingIndex());
            fl[k] = Wide.lo(pos.fundingIndex());
            k++;
        }
    }

    private static boolean fits(
            Account a,
            Map<AssetId, Integer> assetIndex,
            Map<MarketId, Integer> marketIndex,
            int collateralSlots,
            int positionSlots) {
        return a.balances().size() <= collateralSlots
                && a.positions().size() <= positionSlots
                && a.balances().forAll(b -> assetIndex.containsKey(b._1) && Wide.fits128(b._2))
                && a.positions()
                        .forAll(p -> marketIndex.containsKey(p._1)
                                && Wide.fits128(p._2.size())
                                && Wide.fits128(p._2.quote())
                                && Wide.fits128(p._2.fundingIndex()));
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
