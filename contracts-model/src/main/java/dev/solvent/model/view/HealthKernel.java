package dev.solvent.model.view;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.logic.FundingLogic;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Revert;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
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
 * <p>The work is split by job: {@link KernelLayout} prepares the per-block rows the fast path reads, {@link
 * FastHealth} is the fast path, and the exact paths are here. A kernel holds one block's per-asset and per-market
 * data and is immutable; {@link KernelAccounts} holds the account
 * arrays (reusable across blocks) and {@link KernelResults} receives the output. Typical use:
 *
 * {@snippet :
 * HealthKernel kernel = HealthKernel.of(state, block);
 * KernelAccounts accounts = KernelAccounts.of(state);
 * KernelResults results = kernel.evaluate(accounts);
 * boolean liquidatable = results.isLiquidatable(7);
 * }
 */
public final class HealthKernel {

    /** The most collateral or position slots an account may have in the arrays. */
    public static final int MAX_SLOTS = 64;

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

    record AssetEntry(
            int decimals, boolean settlement, Either<Revert, Quote> quote, Wad collateralWeight, Wad liabilityWeight) {}

    /** {@code indexPanic} is the panic code accruing the index threw, or 0. */
    record MarketEntry(
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
        this.assetTable = new long[Math.max(1, assets.size()) << KernelLayout.STRIDE_SHIFT];
        this.marketTable = new long[Math.max(1, markets.size()) << KernelLayout.STRIDE_SHIFT];
        for (int a = 0; a < assets.size(); a++) {
            KernelLayout.prepareAsset(assetTable, a << KernelLayout.STRIDE_SHIFT, assets.get(a), settlementDecimals);
        }
        for (int m = 0; m < markets.size(); m++) {
            KernelLayout.prepareMarket(marketTable, m << KernelLayout.STRIDE_SHIFT, markets.get(m), settlementDecimals);
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
    public KernelResults evaluate(KernelAccounts accounts) {
        KernelResults results = new KernelResults(accounts.count());
        evaluate(accounts, 0, accounts.count(), results);
        return results;
    }

    /** Evaluates every account into {@code into}, which must have room for them; allocates nothing on the fast path. */
    public void evaluate(KernelAccounts accounts, KernelResults into) {
        evaluate(accounts, 0, accounts.count(), into);
    }

    /**
     * Evaluates accounts {@code from} (inclusive) to {@code to} (exclusive) into the same indexes of {@code into}.
     * Disjoint ranges may be evaluated by different threads into one {@code KernelResults}.
     */
    public void evaluate(KernelAccounts accounts, int from, int to, KernelResults into) {
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
            } else if (!FastHealth.evaluate(assetTable, marketTable, accounts, i, into)) {
                into.put(i, exactData(accounts, i));
            }
        }
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
                    Wide.i256(m.fundingIndexHi()[i], m.fundingIndexLo()[i]),
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
    private Either<Revert, AccountData> exactData(KernelAccounts acc, int i) {
        try {
            boolean risk = false;
            for (int k = i * acc.positionSlots, end = k + acc.positionSlots; k < end; k++) {
                risk |= acc.positionMarket[k] >= 0;
            }
            return exactCollateral(acc, i, new Sums(I256.ZERO, I256.ZERO, I256.ZERO, I256.ZERO, risk))
                    .flatMap(sums -> exactPositions(acc, i, sums))
                    .map(Sums::data);
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }

    /** What the exact path adds up over an account's slots. */
    private record Sums(I256 equity, I256 marginEquity, I256 initial, I256 maintenance, boolean risk) {

        Sums plus(I256 value, I256 weighted, boolean debt) {
            return new Sums(equity.plus(value), marginEquity.plus(weighted), initial, maintenance, risk || debt);
        }

        Sums plusPosition(I256 pnl, I256 im, I256 mm) {
            return new Sums(equity.plus(pnl), marginEquity.plus(pnl), initial.plus(im), maintenance.plus(mm), risk);
        }

        AccountData data() {
            return new AccountData(equity, marginEquity, initial, maintenance, risk);
        }
    }

    /** Adds account {@code i}'s collateral and debts, in slot order; the first price it lacks is the revert. */
    private Either<Revert, Sums> exactCollateral(KernelAccounts acc, int i, Sums sums) {
        int ds = settlementDecimals;
        for (int k = i * acc.collateralSlots, end = k + acc.collateralSlots; k < end; k++) {
            int a = acc.collateralAsset[k];
            if (a < 0) {
                continue;
            }
            AssetEntry asset = assets.get(a);
            I256 balance = Wide.i256(acc.balanceHi[k], acc.balanceLo[k]);
            if (asset.settlement()) {
                sums = sums.plus(balance, balance, balance.isNegative());
                continue;
            }
            if (asset.quote().isLeft()) {
                return Either.left(asset.quote().getLeft());
            }
            Quote q = asset.quote().get();
            if (balance.isPositive()) {
                I256 v = MarginLogic.collateralValue(balance, asset.decimals(), q, ds);
                sums = sums.plus(v, MarginLogic.weighted(v, asset.collateralWeight()), false);
            } else {
                I256 v = MarginLogic.debtValue(balance.negate(), asset.decimals(), q, ds);
                sums = sums.plus(
                        v.negate(),
                        MarginLogic.weightedDebt(v, asset.liabilityWeight()).negate(),
                        true);
            }
        }
        return Either.right(sums);
    }

    /** Adds account {@code i}'s positions (value, quote, pending funding, requirements), in slot order. */
    private Either<Revert, Sums> exactPositions(KernelAccounts acc, int i, Sums sums) {
        int ds = settlementDecimals;
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
            I256 size = Wide.i256(acc.sizeHi[k], acc.sizeLo[k]);
            I256 quote = Wide.i256(acc.quoteHi[k], acc.quoteLo[k]);
            I256 index = Wide.i256(acc.fundingIndexHi[k], acc.fundingIndexLo[k]);
            I256 pending = MarginLogic.fundingOwed(size, market.fundingIndex().minus(index), du);
            I256 pnl = MarginLogic.positionValue(size, du, q, ds).plus(quote).minus(pending);
            I256 n = MarginLogic.notional(size, du, q, ds);
            sums = sums.plusPosition(
                    pnl,
                    MarginLogic.requirement(n, market.initialMargin()),
                    MarginLogic.requirement(n, market.maintenanceMargin()));
        }
        return Either.right(sums);
    }

    private Either<Revert, AccountData> referenceData(Account account) {
        Tuple2<ProtocolState, BlockContext> sb = reference.get();
        try {
            return MarginLogic.cross(sb._1, account, sb._2);
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }
}
