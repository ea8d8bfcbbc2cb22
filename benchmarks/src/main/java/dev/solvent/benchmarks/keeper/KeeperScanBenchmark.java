package dev.solvent.benchmarks.keeper;

import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.strategy.FullScan;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.Target;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.Tuple0;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One block's scan after ETH falls 1% (2,000 to 1,980) over {@code accounts} accounts, each with USDC collateral and
 * one ETH-PERP position (mmr 5%, no funding). Half are long with liquidation prices spread evenly over
 * {@code [2000 (1 - spread), 2000)}, half short over {@code (2000, 2000 (1 + spread)]}; so the move brings
 * {@code accounts / 2 * 0.01 / spread} longs below their liquidation price (10,000 at spread 0.5, 1,000 at spread 5,
 * i.e. liquidation prices spread over ten times the price). The index is built once at 2,000 (not measured); each
 * invocation is the work of one block: the index's scan at 1,980 from that built state, and the full scan beside it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g"})
public class KeeperScanBenchmark {

    static final AssetId USDC = AssetId.of("USDC");
    static final AssetId WETH = AssetId.of("WETH");
    static final MarketId ETH_PERP = MarketId.of("ETH-PERP");
    static final long T0 = 1_700_000_000L;
    static final AccountId KEEPER = AccountId.of("keeper");

    @Param({"1000000"})
    public int accounts;

    @Param({"0.5", "5"})
    public String spread;

    private KeeperView before;
    private KeeperView after;
    private LiquidationIndex.State built;
    private final LiquidationIndex index = new LiquidationIndex();
    private final FullScan full = new FullScan();

    /** Builds the accounts and the index at 2,000. */
    @Setup(Level.Trial)
    public void setUp() {
        ProtocolConfig config = new ProtocolConfig(
                USDC,
                TreeMap.ofEntries(
                        Map.entry(USDC, new AssetConfig(USDC, 6, Option.none(), Wad.ONE, false, Wad.ONE, 3600)),
                        Map.entry(
                                WETH,
                                new AssetConfig(
                                        WETH, 18, Option.some("ETH/USD"), Wad.parse("0.8"), false, Wad.ONE, 3600))),
                TreeMap.of(
                        ETH_PERP,
                        new MarketConfig(
                                ETH_PERP,
                                WETH,
                                Wad.parse("0.1"),
                                Wad.parse("0.05"),
                                Wad.parse("0.02"),
                                U256.parse("1000000000000000000000000000000"),
                                Wad.parse("0.05"),
                                3600,
                                Wad.ZERO,
                                Wad.ZERO,
                                Wad.ZERO)),
                new KeeperReward(U256.of(5_000_000), Wad.parse("0.2")),
                new PositionReceiver.Backstop(AccountId.of("backstop")),
                new ShortfallPolicy.InsuranceThenSocialize(),
                GasSchedule.DEFAULT);
        ProtocolState s = ProtocolState.genesis(config, T0);
        SplittableRandom r = new SplittableRandom(42);
        double spreadFraction = Double.parseDouble(spread);
        TreeMap<AccountId, Account> all = TreeMap.empty();
        I256 zero = I256.ZERO;
        for (int i = 0; i < accounts; i++) {
            AccountId id = AccountId.of("acct-" + i);
            long n = 1 + r.nextInt(10); // whole ETH
            boolean isLong = (i & 1) == 0;
            // long: gap = c + n (p - 2000) - 0.05 n p = 0 at L -> c = n (2000 - 0.95 L)
            // short: gap = c - n (p - 2000) - 0.05 n p = 0 at L -> c = n (1.05 L - 2000)
            double offset = r.nextDouble() * spreadFraction * 2000;
            double l = isLong ? 2000 - offset : 2000 + offset;
            double c = isLong ? n * (2000 - 0.95 * l) : n * (1.05 * l - 2000);
            I256 collateral = I256.of(Math.max(1, (long) (c * 1_000_000)));
            I256 size = I256.of(n).times(I256.pow10(18));
            I256 quote = I256.of(n * 2000).times(I256.of(1_000_000));
            Position p = isLong ? new Position(size, quote.negate(), zero) : new Position(size.negate(), quote, zero);
            all = all.put(id, new Account(id, TreeMap.of(USDC, collateral), TreeMap.of(ETH_PERP, p), TreeMap.empty()));
        }
        s = new ProtocolState(
                config,
                all,
                s.markets(),
                s.insuranceFund(),
                s.feePool(),
                s.ledger(),
                s.reserves(),
                s.collateralReserves(),
                s.auctions(),
                s.nextAuctionId(),
                s.lastPartialLiquidation());
        long t = T0 + 12;
        before = view(s, t, 2_000);
        after = view(s, t, 1_980);
        built = LiquidationIndex.build(before);
    }

    static KeeperView view(ProtocolState s, long t, long ethUsd) {
        OracleAnswer eth = new OracleAnswer(I256.of(ethUsd).times(I256.of(100_000_000)), 8, t);
        return new KeeperView(KEEPER, 1, t, 0, TreeMap.of("ETH/USD", eth), s, Vector.empty(), TreeSet.empty());
    }

    /** The index's work for the block after the 1% fall. */
    @Benchmark
    public Vector<Target> indexed() {
        return index.scan(after, built).liquidatable();
    }

    /** The full scan's work for the same block. */
    @Benchmark
    public Vector<Target> fullScan() {
        return full.scan(after, Tuple0.instance()).liquidatable();
    }
}
