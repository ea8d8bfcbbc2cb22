package dev.solvent.benchmarks;

import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.view.HealthKernel;
import dev.solvent.model.view.KernelAccounts;
import dev.solvent.model.view.KernelResults;
import io.vavr.control.Either;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The health scan, exactly, over 100,000 accounts that each hold two collateral assets (USDC and WETH) and four
 * perpetual positions with stale funding: {@link HealthKernel} against {@link MarginLogic#cross} on the same accounts,
 * single-threaded. Scores are accounts per second (one operation is one account), so they read as accounts per
 * second per core.
 *
 * <p>{@code settlement=USDC} makes USDC the settlement asset (counted at par, as dYdX or Synthetix do);
 * {@code settlement=USD} adds a unit of account and prices USDC by oracle, so both collateral assets are converted
 * (as Aave does). {@code funding=stale} gives every position a funding index behind the market's; {@code fresh}
 * settles them all at the current index. The setup checks that the kernel equals the reference on every account and
 * that every account took the fast path, so the scores measure what they claim.
 *
 * <p>{@link #uncheckedBaseline} is the same scan without exactness, for scale: 64-bit products that may wrap and
 * shifts for divisions, two multiplications per slot. It gives wrong numbers and exists only so that the kernel's
 * score can be read against what a plain primitive loop does on the same machine at the same moment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(HealthScan.ACCOUNTS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HealthScan {

    /** Accounts per scan. */
    public static final int ACCOUNTS = 100_000;

    /** Which asset settles: {@code USDC} itself, or a separate {@code USD} unit with USDC priced by oracle. */
    @Param({"USDC", "USD"})
    public String settlement;

    /** Whether positions' funding indexes lag the market's ({@code stale}) or equal it ({@code fresh}). */
    @Param({"stale", "fresh"})
    public String funding;

    private ProtocolState state;
    private BlockContext block;
    private Account[] accountList;
    private HealthKernel kernel;
    private KernelAccounts accounts;
    private KernelResults results;

    // the unchecked baseline: low words only, per slot
    private int[] baseAsset;
    private long[] baseBalance;
    private int[] baseMarket;
    private long[] baseSize;
    private long[] baseQuote;
    private long[] baseIndex;
    private long[] baseAssetPrice;
    private long[] baseWeight;
    private long[] baseMarketPrice;
    private long[] baseMarketIndex;
    private long[] baseMargin;
    private long[] baseEquity;
    private long[] baseMarginEquity;
    private boolean[] baseLiquidatable;

    /** Builds the portfolios, the kernel and its arrays, and checks the kernel against the reference. */
    @Setup(Level.Trial)
    public void setUp() {
        Portfolios p = Portfolios.generate(ACCOUNTS, "USD".equals(settlement), "stale".equals(funding), 20_240_601L);
        state = p.state();
        block = p.block();
        accountList = state.accounts().values().toJavaArray(Account[]::new);
        kernel = HealthKernel.of(state, block);
        accounts = KernelAccounts.of(state);
        results = new KernelResults(accounts.count());
        kernel.evaluate(accounts, results);
        int liquidatable = 0;
        for (int i = 0; i < accountList.length; i++) {
            Either<Revert, AccountData> expected = MarginLogic.cross(state, accountList[i], block);
            if (!results.data(i).equals(expected)) {
                throw new IllegalStateException("kernel and reference disagree on " + accountList[i] + ": "
                        + results.data(i) + " vs " + expected);
            }
            if (results.tookExactPath(i)) {
                throw new IllegalStateException("account " + accountList[i] + " left the fast path");
            }
            liquidatable += results.isLiquidatable(i) ? 1 : 0;
        }
        if (liquidatable == 0 || liquidatable == ACCOUNTS) {
            throw new IllegalStateException(
                    "the portfolios should mix healthy and liquidatable accounts: " + liquidatable);
        }
        setUpBaseline();
    }

    private void setUpBaseline() {
        var assetIds = state.config().assets().keySet().toVector();
        var marketIds = state.config().markets().keySet().toVector();
        baseAssetPrice = new long[assetIds.size()];
        baseWeight = new long[assetIds.size()];
        for (int a = 0; a < assetIds.size(); a++) {
            var config = state.config().assets().get(assetIds.get(a)).get();
            baseAssetPrice[a] = config.priceKey()
                    .flatMap(k -> block.prices().get(k))
                    .map(x -> x.answer().longValueExact())
                    .getOrElse(100_000_000L);
            baseWeight[a] = config.collateralWeight().raw().longValueExact() >> 50;
        }
        baseMarketPrice = new long[marketIds.size()];
        baseMarketIndex = new long[marketIds.size()];
        baseMargin = new long[marketIds.size()];
        for (int m = 0; m < marketIds.size(); m++) {
            var config = state.config().markets().get(marketIds.get(m)).get();
            String key = state.config()
                    .assets()
                    .get(config.underlying())
                    .get()
                    .priceKey()
                    .get();
            baseMarketPrice[m] = block.prices().get(key).get().answer().longValueExact();
            baseMarketIndex[m] =
                    state.market(marketIds.get(m)).fundingIndex().toBigInteger().longValue();
            baseMargin[m] = config.maintenanceMargin().raw().longValueExact() >> 50;
        }
        baseAsset = new int[ACCOUNTS * 2];
        baseBalance = new long[ACCOUNTS * 2];
        baseMarket = new int[ACCOUNTS * 4];
        baseSize = new long[ACCOUNTS * 4];
        baseQuote = new long[ACCOUNTS * 4];
        baseIndex = new long[ACCOUNTS * 4];
        for (int i = 0; i < ACCOUNTS; i++) {
            int k = i * 2;
            for (var b : accountList[i].balances()) {
                baseAsset[k] = assetIds.indexOf(b._1);
                baseBalance[k++] = b._2.toBigInteger().longValue();
            }
            k = i * 4;
            for (var p : accountList[i].positions()) {
                baseMarket[k] = marketIds.indexOf(p._1);
                baseSize[k] = p._2.size().toBigInteger().longValue();
                baseQuote[k] = p._2.quote().toBigInteger().longValue();
                baseIndex[k++] = p._2.fundingIndex().toBigInteger().longValue();
            }
        }
        baseEquity = new long[ACCOUNTS];
        baseMarginEquity = new long[ACCOUNTS];
        baseLiquidatable = new boolean[ACCOUNTS];
    }

    /** The kernel over the arrays, into reused results: the scan a keeper runs every block. */
    @Benchmark
    public KernelResults kernel() {
        kernel.evaluate(accounts, results);
        return results;
    }

    /** The reference, {@code MarginLogic.cross} on each {@link Account}. */
    @Benchmark
    public void reference(Blackhole bh) {
        for (Account a : accountList) {
            bh.consume(MarginLogic.cross(state, a, block));
        }
    }

    /** The same scan without exactness (wrapping products, shifts for divisions): not a result, a yardstick. */
    @Benchmark
    public boolean[] uncheckedBaseline() {
        for (int i = 0; i < ACCOUNTS; i++) {
            long eq = 0;
            long meq = 0;
            long mm = 0;
            for (int k = i * 2; k < i * 2 + 2; k++) {
                int a = baseAsset[k];
                long v = (baseBalance[k] * baseAssetPrice[a]) >> 20;
                eq += v;
                meq += (v * baseWeight[a]) >> 10;
            }
            for (int k = i * 4; k < i * 4 + 4; k++) {
                int m = baseMarket[k];
                long size = baseSize[k];
                long v = (size * baseMarketPrice[m]) >> 20;
                long pending = (size * (baseMarketIndex[m] - baseIndex[k])) >> 36;
                long pnl = v + baseQuote[k] - pending;
                eq += pnl;
                meq += pnl;
                mm += (Math.abs(v) * baseMargin[m]) >> 10;
            }
            baseEquity[i] = eq;
            baseMarginEquity[i] = meq;
            baseLiquidatable[i] = meq < mm;
        }
        return baseLiquidatable;
    }

    /** Building the kernel's arrays from the state's accounts (once per state change, not per block). */
    @Benchmark
    public KernelAccounts arraysFromState() {
        return KernelAccounts.of(state);
    }
}
