package dev.solvent.oracle.mirror;

import dev.solvent.mirror.comet.AssetInfo;
import dev.solvent.mirror.comet.Comet;
import dev.solvent.mirror.comet.CometBlock;
import dev.solvent.mirror.comet.CometImmutables;
import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.comet.CometViews;
import dev.solvent.mirror.comet.LiquidatorPoints;
import dev.solvent.mirror.comet.TotalsBasic;
import dev.solvent.mirror.comet.UserBasic;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads a live Compound III (Comet) market at one block into the mirror's {@link CometState}, and proves the read by
 * comparing the mirror's views with the deployment's at that block ({@link #verify}).
 *
 * <p>Everything is read at one pinned block (the latest when none is given, read once at the start): the
 * configuration from Comet's public getters and {@code getAssetInfo(i)}, {@code totalsBasic()}, each asset's
 * {@code totalsCollateral}, the tokens' decimals, supplies and Comet's balances, the feeds' {@code latestRoundData()};
 * the accounts from the market's logs ({@code Supply}, {@code Transfer}, {@code Withdraw}, {@code SupplyCollateral},
 * {@code TransferCollateral}, {@code WithdrawCollateral}, {@code AbsorbDebt}, {@code AbsorbCollateral}; the absorbers
 * from the absorb events; the managers from {@code Approval}), scanned by block range and shrinking the range when the
 * node refuses it; then each account's {@code userBasic} and {@code userCollateral}. {@code eth_call}s go in batches.
 * At the end the block's hash is read again: a changed hash (a reorg) fails the read.
 *
 * {@snippet :
 * try (CometReader reader = CometReader.create(rpc, RpcSettings.DEFAULTS)) {
 *     Either<ReadFailure, CometSnapshot> read = reader.read(comet, Option.none(), 0, 10_000, System.err::println);
 *     List<Disagreement> wrong = reader.verify(read.get()).get();
 * }
 * }
 */
public final class CometReader extends LiveReader {

    private static final int PACKED_SLOTS = 12;

    private static final String SUPPLY = Abi.topic("Supply(address,address,uint256)");
    private static final String TRANSFER = Abi.topic("Transfer(address,address,uint256)");
    private static final String WITHDRAW = Abi.topic("Withdraw(address,address,uint256)");
    private static final String SUPPLY_COLLATERAL = Abi.topic("SupplyCollateral(address,address,address,uint256)");
    private static final String TRANSFER_COLLATERAL = Abi.topic("TransferCollateral(address,address,address,uint256)");
    private static final String WITHDRAW_COLLATERAL = Abi.topic("WithdrawCollateral(address,address,address,uint256)");
    private static final String ABSORB_DEBT = Abi.topic("AbsorbDebt(address,address,uint256,uint256)");
    private static final String ABSORB_COLLATERAL =
            Abi.topic("AbsorbCollateral(address,address,address,uint256,uint256)");
    private static final String APPROVAL = Abi.topic("Approval(address,address,uint256)");

    private CometReader(RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        super(url, settings, sleeper, batchSize);
    }

    /** {@return a reader of the chain behind {@code url}, which waits between retries by sleeping} */
    public static CometReader create(RpcUrl url, RpcSettings settings) {
        return create(url, settings, Sleeper.THREAD);
    }

    /** {@return a reader of the chain behind {@code url}, which waits between retries with {@code sleeper}} */
    public static CometReader create(RpcUrl url, RpcSettings settings, Sleeper sleeper) {
        return create(url, settings, sleeper, BATCH_SIZE);
    }

    /**
     * {@return a reader that sends at most {@code batchSize} {@code eth_call}s in one HTTP request} For providers that
     * cap the size of a JSON-RPC batch.
     */
    public static CometReader create(RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        return new CometReader(url, settings, sleeper, batchSize);
    }

    /**
     * {@return the market at {@code comet} at {@code block} (the latest when none), or why it could not be read}
     *
     * @param fromBlock the first block whose logs are scanned for accounts (the market's deployment block, or 0)
     * @param maxLogRange the most blocks one {@code eth_getLogs} asks for; halved, down to one, while the node
     *     refuses a range, and grown back after each page it serves
     * @param progress where a line goes after each page of logs
     */
    public Either<ReadFailure, CometSnapshot> read(
            Address comet, Option<Long> block, long fromBlock, long maxLogRange, Consumer<String> progress) {
        return read(comet, block, fromBlock, maxLogRange, Option.none(), progress);
    }

    /**
     * {@return the market at {@code comet} at {@code block}, as {@link #read(Address, Option, long, long, Consumer)},
     * keeping the log scan's progress in {@code cacheFolder}} A scan interrupted (by a failure, or by the user) resumes
     * from the last page it finished when the same market is read again at the same block from the same first block.
     */
    public Either<ReadFailure, CometSnapshot> read(
            Address comet,
            Option<Long> block,
            long fromBlock,
            long maxLogRange,
            Option<java.nio.file.Path> cacheFolder,
            Consumer<String> progress) {
        requireScan(fromBlock, maxLogRange);
        return guarded(() -> readAt(comet, block, fromBlock, maxLogRange, cacheFolder, progress));
    }

    private CometSnapshot readAt(
            Address comet,
            Option<Long> pinned,
            long fromBlock,
            long maxLogRange,
            Option<java.nio.file.Path> cacheFolder,
            Consumer<String> progress) {
        long chainId = rpc.chainId();
        JsonRpc.Header header = rpc.header(pinned);
        long n = header.number();
        String c = comet.hex();

        // ---- configuration and totals
        List<String> getters = List.of(
                "governor",
                "pauseGuardian",
                "baseToken",
                "baseTokenPriceFeed",
                "extensionDelegate",
                "supplyKink",
                "supplyPerSecondInterestRateSlopeLow",
                "supplyPerSecondInterestRateSlopeHigh",
                "supplyPerSecondInterestRateBase",
                "borrowKink",
                "borrowPerSecondInterestRateSlopeLow",
                "borrowPerSecondInterestRateSlopeHigh",
                "borrowPerSecondInterestRateBase",
                "storeFrontPriceFactor",
                "baseScale",
                "trackingIndexScale",
                "baseTrackingSupplySpeed",
                "baseTrackingBorrowSpeed",
                "baseMinForRewards",
                "baseBorrowMin",
                "targetReserves",
                "decimals",
                "numAssets",
                "totalsBasic");
        List<JsonRpc.Call> calls = new ArrayList<>();
        for (String g : getters) {
            calls.add(new JsonRpc.Call(g + "() on " + c, c, Abi.call(g)));
        }
        List<Abi.Words> config = rpc.words(calls, n, g -> g.what().startsWith("totalsBasic") ? 8 : 1);
        int numAssets = (int) config.get(22).small(0, 8);
        int decimals = (int) config.get(21).small(0, 8);
        Abi.Words t = config.get(23);
        TotalsBasic totals = new TotalsBasic(
                t.uint(0, 64),
                t.uint(1, 64),
                t.uint(2, 64),
                t.uint(3, 64),
                t.uint(4, 104),
                t.uint(5, 104),
                t.small(6, 40),
                (int) t.small(7, 8));

        calls.clear();
        for (int i = 0; i < Math.min(numAssets, PACKED_SLOTS); i++) {
            calls.add(new JsonRpc.Call("getAssetInfo(" + i + ") on " + c, c, Abi.call("getAssetInfo", i)));
        }
        List<AssetInfo> assets = new ArrayList<>();
        for (Abi.Words w : rpc.words(calls, n, x -> 8)) {
            assets.add(new AssetInfo(
                    (int) w.small(0, 8),
                    w.address(1),
                    w.address(2),
                    w.uint(3, 64),
                    w.uint(4, 64),
                    w.uint(5, 64),
                    w.uint(6, 64),
                    w.uint(7, 128)));
        }
        BigInteger baseScale = config.get(14).uint(0, 64);
        CometImmutables immutables = new CometImmutables(
                comet,
                config.get(0).address(0),
                config.get(1).address(0),
                config.get(2).address(0),
                config.get(3).address(0),
                config.get(4).address(0),
                config.get(5).uint(0, 64),
                config.get(6).uint(0, 64),
                config.get(7).uint(0, 64),
                config.get(8).uint(0, 64),
                config.get(9).uint(0, 64),
                config.get(10).uint(0, 64),
                config.get(11).uint(0, 64),
                config.get(12).uint(0, 64),
                config.get(13).uint(0, 64),
                baseScale,
                config.get(15).uint(0, 64),
                config.get(16).uint(0, 64),
                config.get(17).uint(0, 64),
                config.get(18).uint(0, 104),
                config.get(19).uint(0, 104),
                config.get(20).uint(0, 104),
                decimals,
                numAssets,
                // accrualDescaleFactor is internal: the constructor sets it to baseScale / BASE_ACCRUAL_SCALE (1e6)
                baseScale.divide(BigInteger.TEN.pow(6)),
                assets);

        // ---- tokens, collateral totals, feeds
        List<Address> tokens = new ArrayList<>();
        tokens.add(immutables.baseToken());
        List<Address> feeds = new ArrayList<>();
        feeds.add(immutables.baseTokenPriceFeed());
        for (AssetInfo a : assets) {
            if (!a.asset().isZero()) {
                tokens.add(a.asset());
                feeds.add(a.priceFeed());
            }
        }
        calls.clear();
        for (Address token : tokens) {
            String tk = token.hex();
            calls.add(new JsonRpc.Call("decimals() on token " + tk, tk, Abi.call("decimals")));
            calls.add(new JsonRpc.Call("totalSupply() on token " + tk, tk, Abi.call("totalSupply")));
            calls.add(new JsonRpc.Call("balanceOf(comet) on token " + tk, tk, Abi.call("balanceOf", comet)));
        }
        for (Address token : tokens.subList(1, tokens.size())) {
            calls.add(new JsonRpc.Call(
                    "totalsCollateral(" + token + ") on " + c, c, Abi.call("totalsCollateral", token)));
        }
        for (Address feed : feeds) {
            calls.add(new JsonRpc.Call("latestRoundData() on feed " + feed, feed.hex(), Abi.call("latestRoundData")));
        }
        List<Abi.Words> market = rpc.words(calls, n, x -> x.what().startsWith("latestRoundData") ? 5 : 1);
        io.vavr.collection.Map<Address, StandardToken> ledgers = HashMap.empty();
        int k = 0;
        for (Address token : tokens) {
            int d = (int) market.get(k++).small(0, 8);
            BigInteger supply = market.get(k++).uint(0, 256);
            BigInteger held = market.get(k++).uint(0, 256);
            ledgers = ledgers.put(token, new StandardToken(token, d, supply, HashMap.of(comet, held), HashMap.empty()));
        }
        io.vavr.collection.Map<Address, BigInteger> totalsCollateral = HashMap.empty();
        for (Address token : tokens.subList(1, tokens.size())) {
            totalsCollateral = totalsCollateral.put(token, market.get(k++).uint(0, 128));
        }
        Map<Address, BigInteger> answers = new LinkedHashMap<>();
        for (Address feed : feeds) {
            answers.put(feed, market.get(k++).signed(1, 256));
        }

        // ---- accounts from the logs
        ScanCache cache = cacheFolder
                .map(folder -> ScanCache.in(folder, "comet", chainId, comet, n, fromBlock))
                .getOrElse(ScanCache.none());
        LogScan.Found book =
                LogScan.scan(rpc, List.of(c), fromBlock, n, maxLogRange, cache, progress, CometReader::collect);
        List<Address> accounts = new ArrayList<>(book.accounts());
        calls.clear();
        for (Address a : accounts) {
            calls.add(new JsonRpc.Call("userBasic(" + a + ") on " + c, c, Abi.call("userBasic", a)));
            for (Address asset : tokens.subList(1, tokens.size())) {
                calls.add(new JsonRpc.Call(
                        "userCollateral(" + a + ", " + asset + ") on " + c, c, Abi.call("userCollateral", a, asset)));
            }
        }
        for (Address absorber : book.absorbers()) {
            calls.add(new JsonRpc.Call(
                    "liquidatorPoints(" + absorber + ") on " + c, c, Abi.call("liquidatorPoints", absorber)));
        }
        for (Tuple2<Address, Address> pair : book.managers()) {
            calls.add(new JsonRpc.Call(
                    "isAllowed(" + pair._1 + ", " + pair._2 + ") on " + c, c, Abi.call("isAllowed", pair._1, pair._2)));
        }
        List<Abi.Words> users = rpc.words(
                calls, n, x -> x.what().startsWith("userBasic") ? 5 : x.what().startsWith("liquidatorPoints") ? 4 : 1);
        io.vavr.collection.Map<Address, UserBasic> userBasic = HashMap.empty();
        io.vavr.collection.Map<Tuple2<Address, Address>, BigInteger> userCollateral = HashMap.empty();
        k = 0;
        for (Address a : accounts) {
            Abi.Words u = users.get(k++);
            userBasic = userBasic.put(
                    a, new UserBasic(u.signed(0, 104), u.uint(1, 64), u.uint(2, 64), (int) u.small(3, 16)));
            for (Address asset : tokens.subList(1, tokens.size())) {
                BigInteger balance = users.get(k++).uint(0, 128);
                if (balance.signum() != 0) {
                    userCollateral = userCollateral.put(new Tuple2<>(a, asset), balance);
                }
            }
        }
        io.vavr.collection.Map<Address, LiquidatorPoints> points = HashMap.empty();
        for (Address absorber : book.absorbers()) {
            Abi.Words p = users.get(k++);
            points = points.put(absorber, new LiquidatorPoints(p.small(0, 32), p.uint(1, 64), p.uint(2, 128)));
        }
        io.vavr.collection.Set<Tuple2<Address, Address>> allowed = HashSet.empty();
        for (Tuple2<Address, Address> pair : book.managers()) {
            if (users.get(k++).bool(0)) {
                allowed = allowed.add(pair);
            }
        }

        rpc.requireUnchanged(header);
        CometState state = new CometState(
                immutables, totals, totalsCollateral, userBasic, userCollateral, allowed, points, ledgers);
        CometBlock block = new CometBlock(header.timestamp(), header.baseFee(), answers);
        return new CometSnapshot(chainId, n, header.hash(), block, state);
    }

    private static void collect(Log log, LogScan.Found book) {
        List<String> topics = log.getTopics();
        Set<Address> found = new TreeSet<>();
        String t0 = topics.getFirst();
        if (t0.equals(SUPPLY) || t0.equals(SUPPLY_COLLATERAL)) {
            found.add(topic(log, 2));
        } else if (t0.equals(TRANSFER) || t0.equals(TRANSFER_COLLATERAL)) {
            found.add(topic(log, 1));
            found.add(topic(log, 2));
        } else if (t0.equals(WITHDRAW) || t0.equals(WITHDRAW_COLLATERAL)) {
            found.add(topic(log, 1));
        } else if (t0.equals(ABSORB_DEBT) || t0.equals(ABSORB_COLLATERAL)) {
            book.absorbers().add(topic(log, 1));
            found.add(topic(log, 2));
        } else if (t0.equals(APPROVAL)) {
            book.managers().add(new Tuple2<>(topic(log, 1), topic(log, 2)));
        }
        // Comet's base Transfer events use address(0) for minting and burning; the market itself holds no position
        found.remove(Address.ZERO);
        found.remove(log.getAddress() == null ? Address.ZERO : Address.of(log.getAddress()));
        book.accounts().addAll(found);
    }

    private static Address topic(Log log, int i) {
        return LogScan.topic(log, i);
    }

    // ---- verification ----------------------------------------------------------------------------------------

    /**
     * {@return every view on which the mirror, run on the snapshot's state in its block, answers differently from the
     * deployment at the snapshot's block (empty when the read is exact), or why the deployment could not be asked}
     * Market-wide: {@code totalSupply}, {@code totalBorrow}, {@code getReserves}, {@code getUtilization},
     * {@code getCollateralReserves} and {@code totalsCollateral} of each asset. For every account in the state:
     * {@code balanceOf}, {@code borrowBalanceOf}, {@code collateralBalanceOf} of each asset, {@code isLiquidatable},
     * {@code isBorrowCollateralized}. A revert is an answer too: both must revert, or neither.
     */
    public Either<ReadFailure, List<Disagreement>> verify(CometSnapshot snapshot) {
        return guarded(() -> compare(snapshot));
    }

    private List<Disagreement> compare(CometSnapshot snapshot) {
        CometState s = snapshot.state();
        CometBlock b = snapshot.block();
        List<Address> assets = s.immutables().assets().stream()
                .map(AssetInfo::asset)
                .filter(a -> !a.isZero())
                .toList();
        Function<Abi.Words, String> uint = w -> w.uint(0, 256).toString();
        Function<Abi.Words, String> bool = w -> String.valueOf(w.bool(0));
        String comet = s.immutables().comet().hex();
        List<ViewCheck> checks = new ArrayList<>();
        checks.add(new ViewCheck(
                "market",
                "totalSupply",
                comet,
                Abi.call("totalSupply"),
                mirror(st -> CometViews.totalSupply(st, b), s),
                uint));
        checks.add(new ViewCheck(
                "market",
                "totalBorrow",
                comet,
                Abi.call("totalBorrow"),
                mirror(st -> CometViews.totalBorrow(st, b), s),
                uint));
        checks.add(new ViewCheck(
                "market",
                "getReserves",
                comet,
                Abi.call("getReserves"),
                mirror(st -> CometViews.getReserves(st, b), s),
                w -> w.signed(0, 256).toString()));
        checks.add(new ViewCheck(
                "market",
                "getUtilization",
                comet,
                Abi.call("getUtilization"),
                mirror(st -> CometViews.getUtilization(st), s),
                uint));
        for (Address asset : assets) {
            checks.add(new ViewCheck(
                    "market",
                    "getCollateralReserves(" + asset + ")",
                    comet,
                    Abi.call("getCollateralReserves", asset),
                    mirror(st -> CometViews.getCollateralReserves(st, asset), s),
                    uint));
            checks.add(new ViewCheck(
                    "market",
                    "totalsCollateral(" + asset + ").totalSupplyAsset",
                    comet,
                    Abi.call("totalsCollateral", asset),
                    mirror(st -> st.totalSupplyAsset(asset), s),
                    uint));
        }
        for (Address a : s.userBasic().keySet().toSortedSet()) {
            String who = a.hex();
            checks.add(new ViewCheck(
                    who,
                    "balanceOf",
                    comet,
                    Abi.call("balanceOf", a),
                    mirror(st -> CometViews.balanceOf(st, b, a), s),
                    uint));
            checks.add(new ViewCheck(
                    who,
                    "borrowBalanceOf",
                    comet,
                    Abi.call("borrowBalanceOf", a),
                    mirror(st -> CometViews.borrowBalanceOf(st, b, a), s),
                    uint));
            for (Address asset : assets) {
                checks.add(new ViewCheck(
                        who,
                        "collateralBalanceOf(" + asset + ")",
                        comet,
                        Abi.call("collateralBalanceOf", a, asset),
                        mirror(st -> st.collateralBalanceOf(a, asset), s),
                        uint));
            }
            checks.add(new ViewCheck(
                    who,
                    "isLiquidatable",
                    comet,
                    Abi.call("isLiquidatable", a),
                    mirror(st -> CometViews.isLiquidatable(st, b, a), s),
                    bool));
            checks.add(new ViewCheck(
                    who,
                    "isBorrowCollateralized",
                    comet,
                    Abi.call("isBorrowCollateralized", a),
                    mirror(st -> CometViews.isBorrowCollateralized(st, b, a), s),
                    bool));
        }
        return ViewCheck.disagreements(rpc, checks, snapshot.blockNumber());
    }

    private static Either<EvmRevert, String> mirror(Function<CometState, Object> view, CometState s) {
        return Comet.view(view, s).map(String::valueOf);
    }
}
