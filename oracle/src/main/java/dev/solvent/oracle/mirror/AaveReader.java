package dev.solvent.oracle.mirror;

import dev.solvent.mirror.aave.AaveBlock;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveState.EModeCategory;
import dev.solvent.mirror.aave.AaveState.InterestRateData;
import dev.solvent.mirror.aave.AaveState.Reserve;
import dev.solvent.mirror.aave.AaveState.ScaledToken;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.aave.AaveViews;
import dev.solvent.mirror.aave.Erc20;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads a live Aave v3 market (v3.3 or v3.7) at one block into the mirror's {@link AaveState}, and proves the read by
 * comparing the mirror's views with the deployment's at that block ({@link #verify}).
 *
 * <p>The market is named by its Pool (the proxy users call, which emits the market's events); the addresses provider
 * ({@code ADDRESSES_PROVIDER()}) gives the oracle ({@code getPriceOracle()}) and the Umbrella. At the pinned block:
 * the reserves ({@code getReservesList()}; for each {@code getReserveData}, {@code getReserveDeficit},
 * {@code getVirtualUnderlyingBalance}, {@code getLiquidationGracePeriod}, the strategy's
 * {@code getInterestRateDataBps}, the aToken's treasury, both tokens' scaled total supplies, the price source's
 * {@code latestAnswer()}, the underlying's decimals, supply and the aToken's holding); the eMode categories 1 to 255
 * (those with a liquidation threshold); the users, from the logs of the Pool ({@code Supply}, {@code Withdraw},
 * {@code Borrow}, {@code Repay}, {@code LiquidationCall} (borrower and liquidator),
 * {@code ReserveUsedAsCollateralEnabled/Disabled}, {@code UserEModeSet}) and of every aToken and variable debt token
 * ({@code Transfer}, both sides); then each user's configuration bitmap, eMode, and per reserve the scaled balances
 * and last index of both tokens. The scan, the batches and the reorg check are those of {@link CometReader}.
 */
public final class AaveReader extends LiveReader {

    private static final String SUPPLY = Abi.topic("Supply(address,address,address,uint256,uint16)");
    private static final String WITHDRAW = Abi.topic("Withdraw(address,address,address,uint256)");
    private static final String BORROW = Abi.topic("Borrow(address,address,address,uint256,uint8,uint256,uint16)");
    private static final String REPAY = Abi.topic("Repay(address,address,address,uint256,bool)");
    private static final String LIQUIDATION_CALL =
            Abi.topic("LiquidationCall(address,address,address,uint256,uint256,address,bool)");
    private static final String COLLATERAL_ON = Abi.topic("ReserveUsedAsCollateralEnabled(address,address)");
    private static final String COLLATERAL_OFF = Abi.topic("ReserveUsedAsCollateralDisabled(address,address)");
    private static final String EMODE_SET = Abi.topic("UserEModeSet(address,uint8)");
    private static final String TRANSFER = Abi.topic("Transfer(address,address,uint256)");

    /** {@code bytes32("UMBRELLA")}: the addresses provider's key of the only caller of eliminateReserveDeficit. */
    private static final byte[] UMBRELLA = java.util.Arrays.copyOf("UMBRELLA".getBytes(StandardCharsets.US_ASCII), 32);

    private static final int EMODE_CATEGORIES = 255;

    private final AaveVersion version;

    private AaveReader(AaveVersion version, RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        super(url, settings, sleeper, batchSize);
        this.version = version;
    }

    /**
     * {@return a reader of markets of {@code version} behind {@code url}, which sends at most {@code batchSize}
     * {@code eth_call}s in one HTTP request and waits between retries with {@code sleeper}}
     */
    public static AaveReader create(
            AaveVersion version, RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        return new AaveReader(version, url, settings, sleeper, batchSize);
    }

    /** {@return a reader of markets of {@code version} behind {@code url}, with the default batch size} */
    public static AaveReader create(AaveVersion version, RpcUrl url, RpcSettings settings) {
        return create(version, url, settings, Sleeper.THREAD, BATCH_SIZE);
    }

    /**
     * {@return the market whose Pool is {@code pool} at {@code block} (the latest when none), or why it could not be
     * read}
     *
     * @param fromBlock the first block whose logs are scanned for users (the Pool's deployment block, or 0)
     * @param maxLogRange the most blocks one {@code eth_getLogs} asks for; halved while the node refuses a range
     * @param cacheFolder where the log scan keeps its progress, to resume an interrupted scan
     * @param progress where a line goes after each page of logs
     */
    public Either<ReadFailure, AaveSnapshot> read(
            Address pool,
            Option<Long> block,
            long fromBlock,
            long maxLogRange,
            Option<Path> cacheFolder,
            Consumer<String> progress) {
        requireScan(fromBlock, maxLogRange);
        return guarded(() -> readAt(pool, block, fromBlock, maxLogRange, cacheFolder, progress));
    }

    private static JsonRpc.Call call(String to, String name, Object... args) {
        StringBuilder what = new StringBuilder(name).append('(');
        for (int i = 0; i < args.length; i++) {
            what.append(i == 0 ? "" : ", ").append(args[i] instanceof byte[] ? "UMBRELLA" : args[i]);
        }
        return new JsonRpc.Call(what.append(") on ").append(to).toString(), to, Abi.call(name, args));
    }

    /** One word per call, except those that return more. */
    private static int words(JsonRpc.Call c) {
        String w = c.what();
        if (w.startsWith("getReserveData(")) {
            return 15;
        }
        if (w.startsWith("getInterestRateDataBps(")) {
            return 4;
        }
        return w.startsWith("getEModeCategoryCollateralConfig(") ? 3 : 1;
    }

    private AaveSnapshot readAt(
            Address pool,
            Option<Long> pinned,
            long fromBlock,
            long maxLogRange,
            Option<Path> cacheFolder,
            Consumer<String> progress) {
        long chainId = rpc.chainId();
        JsonRpc.Header header = rpc.header(pinned);
        long n = header.number();
        String p = pool.hex();
        Address provider = rpc.words(List.of(call(p, "ADDRESSES_PROVIDER")), n, c -> 1)
                .getFirst()
                .address(0);
        String pr = provider.hex();
        List<Abi.Words> top =
                rpc.words(List.of(call(pr, "getPriceOracle"), call(pr, "getAddress", (Object) UMBRELLA)), n, c -> 1);
        Address oracle = top.get(0).address(0);
        List<Listed> listed = reserves(p, oracle, n);
        List<EModeCategory> categories = categories(p, n);

        List<String> emitters = new ArrayList<>();
        emitters.add(p);
        for (Listed r : listed) {
            emitters.add(r.aToken().hex());
            emitters.add(r.debt().hex());
        }
        ScanCache cache = cacheFolder
                .map(folder -> ScanCache.in(folder, AaveStateFile.protocol(version), chainId, pool, n, fromBlock))
                .getOrElse(ScanCache.none());
        List<Address> users = new ArrayList<>(
                LogScan.scan(rpc, emitters, fromBlock, n, maxLogRange, cache, progress, AaveReader::collect)
                        .accounts());
        Holdings holdings = holdings(p, listed, users, n);
        rpc.requireUnchanged(header);

        List<Reserve> reserves = new ArrayList<>();
        java.util.Map<Address, BigInteger> answers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < listed.size(); i++) {
            Listed r = listed.get(i);
            reserves.add(r.reserve(holdings.aTokens().get(i), holdings.debts().get(i)));
            answers.put(r.asset(), r.answer());
        }
        reserves.sort(java.util.Comparator.comparingInt(Reserve::id));
        AaveState created = AaveState.create(
                version,
                pool,
                oracle,
                reserves,
                categories,
                listed.stream().map(Listed::token).toList());
        AaveState state = new AaveState(
                version,
                pool,
                oracle,
                top.get(1).address(0),
                created.reserves(),
                created.eModeCategories(),
                holdings.config(),
                holdings.eMode(),
                created.tokens());
        return new AaveSnapshot(chainId, n, header.hash(), AaveBlock.of(header.timestamp(), answers), state);
    }

    /**
     * One reserve as read, before its users: {@code getReserveData}'s words and what the other views add, its
     * underlying's ledger and its price answer.
     */
    private record Listed(
            Address asset,
            Abi.Words data,
            BigInteger deficit,
            BigInteger virtualBalance,
            long gracePeriod,
            Address treasury,
            BigInteger aSupply,
            BigInteger debtSupply,
            InterestRateData rates,
            BigInteger answer,
            Erc20 token) {

        Address aToken() {
            return data.address(8);
        }

        Address debt() {
            return data.address(10);
        }

        /** {@return the mirror's reserve, with its users' ledgers} */
        Reserve reserve(ScaledToken aTokens, ScaledToken debts) {
            Abi.Words d = data;
            return new Reserve(
                    (int) d.small(7, 16),
                    asset,
                    aToken(),
                    debt(),
                    d.address(11),
                    treasury,
                    d.uint(0, 256),
                    d.uint(1, 128),
                    d.uint(2, 128),
                    d.uint(3, 128),
                    d.uint(4, 128),
                    d.small(6, 40),
                    d.uint(12, 128),
                    d.uint(13, 128),
                    d.uint(14, 128),
                    virtualBalance,
                    deficit,
                    gracePeriod,
                    rates,
                    aTokens,
                    debts);
        }
    }

    /** {@return every listed reserve: its data, tokens, strategy's rates, price answer and underlying's ledger} */
    private List<Listed> reserves(String p, Address oracle, long n) {
        List<Address> assets = reservesList(p, n);
        List<JsonRpc.Call> calls = new ArrayList<>();
        for (Address asset : assets) {
            calls.add(call(p, "getReserveData", asset));
            calls.add(call(p, "getReserveDeficit", asset));
            calls.add(call(p, "getVirtualUnderlyingBalance", asset));
            calls.add(call(p, "getLiquidationGracePeriod", asset));
            calls.add(call(oracle.hex(), "getSourceOfAsset", asset));
        }
        List<Abi.Words> first = rpc.words(calls, n, AaveReader::words);
        calls.clear();
        List<JsonRpc.Call> owners = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            Address asset = assets.get(i);
            Abi.Words d = first.get(5 * i);
            String aToken = d.address(8).hex();
            calls.add(call(aToken, "RESERVE_TREASURY_ADDRESS"));
            calls.add(call(aToken, "scaledTotalSupply"));
            calls.add(call(d.address(10).hex(), "scaledTotalSupply"));
            calls.add(call(d.address(11).hex(), "getInterestRateDataBps", asset));
            calls.add(call(first.get(5 * i + 4).address(0).hex(), "latestAnswer"));
            calls.add(call(asset.hex(), "decimals"));
            calls.add(call(asset.hex(), "totalSupply"));
            calls.add(call(asset.hex(), "balanceOf", d.address(8)));
            owners.add(call(asset.hex(), "owner"));
        }
        List<Abi.Words> second = rpc.words(calls, n, AaveReader::words);
        // a TestnetERC20 is Ownable (its owner mints); WETH9 has no owner() and reverts
        List<Either<String, String>> owned = rpc.calls(owners, n);
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            Address asset = assets.get(i);
            Abi.Words d = first.get(5 * i);
            int at = 8 * i;
            Abi.Words rates = second.get(at + 3);
            Either<String, String> owner = owned.get(i);
            Erc20.Kind kind = owner.isLeft()
                    ? Erc20.Kind.WETH9
                    : version == AaveVersion.V3_7 ? Erc20.Kind.TESTNET_OZ5 : Erc20.Kind.TESTNET_OZ3;
            Address ownerAddress = owner.isLeft()
                    ? Address.ZERO
                    : Abi.Words.of(owners.get(i).what(), owner.get(), 1).address(0);
            Erc20 token = new Erc20(
                    asset,
                    kind,
                    ownerAddress,
                    (int) second.get(at + 5).small(0, 8),
                    second.get(at + 6).uint(0, 256),
                    HashMap.of(d.address(8), second.get(at + 7).uint(0, 256)),
                    HashMap.empty());
            out.add(new Listed(
                    asset,
                    d,
                    first.get(5 * i + 1).uint(0, 128),
                    first.get(5 * i + 2).uint(0, 128),
                    first.get(5 * i + 3).small(0, 40),
                    second.get(at).address(0),
                    second.get(at + 1).uint(0, 256),
                    second.get(at + 2).uint(0, 256),
                    new InterestRateData(
                            (int) rates.small(0, 16), (int) rates.small(1, 32), (int) rates.small(2, 32), (int)
                                    rates.small(3, 32)),
                    second.get(at + 4).signed(0, 256),
                    token));
        }
        return out;
    }

    /** {@return the configured eMode categories: ids 1 to 255 with a liquidation threshold} */
    private List<EModeCategory> categories(String p, long n) {
        List<JsonRpc.Call> calls = new ArrayList<>();
        for (int id = 1; id <= EMODE_CATEGORIES; id++) {
            calls.add(call(p, "getEModeCategoryCollateralConfig", id));
        }
        List<Abi.Words> configs = rpc.words(calls, n, AaveReader::words);
        List<Integer> configured = new ArrayList<>();
        for (int id = 1; id <= EMODE_CATEGORIES; id++) {
            if (configs.get(id - 1).small(1, 16) != 0) {
                configured.add(id);
            }
        }
        boolean v37 = version == AaveVersion.V3_7;
        calls.clear();
        for (int id : configured) {
            calls.add(call(p, "getEModeCategoryCollateralBitmap", id));
            calls.add(call(p, "getEModeCategoryBorrowableBitmap", id));
            if (v37) {
                // the ltvzero bitmap and the isolated flag are new in v3.6
                calls.add(call(p, "getEModeCategoryLtvzeroBitmap", id));
                calls.add(call(p, "getIsEModeCategoryIsolated", id));
            }
        }
        List<Abi.Words> bitmaps = rpc.words(calls, n, AaveReader::words);
        List<EModeCategory> categories = new ArrayList<>();
        int k = 0;
        for (int id : configured) {
            Abi.Words c = configs.get(id - 1);
            BigInteger collateral = bitmaps.get(k++).uint(0, 128);
            BigInteger borrowable = bitmaps.get(k++).uint(0, 128);
            BigInteger ltvzero = v37 ? bitmaps.get(k++).uint(0, 128) : BigInteger.ZERO;
            boolean isolated = v37 && bitmaps.get(k++).bool(0);
            categories.add(new EModeCategory(
                    id,
                    (int) c.small(0, 16),
                    (int) c.small(1, 16),
                    (int) c.small(2, 16),
                    collateral,
                    borrowable,
                    ltvzero,
                    isolated));
        }
        return categories;
    }

    /** The users' side of the market: bitmaps, eModes, and each reserve's two ledgers (non-zero entries only). */
    private record Holdings(
            Map<Address, BigInteger> config,
            Map<Address, Integer> eMode,
            List<ScaledToken> aTokens,
            List<ScaledToken> debts) {}

    /** {@return what the users hold: their bitmaps, eModes, scaled balances and last indexes} */
    private Holdings holdings(String p, List<Listed> reserves, List<Address> users, long n) {
        List<JsonRpc.Call> calls = new ArrayList<>();
        for (Address u : users) {
            calls.add(call(p, "getUserConfiguration", u));
            calls.add(call(p, "getUserEMode", u));
            for (Listed r : reserves) {
                calls.add(call(r.aToken().hex(), "scaledBalanceOf", u));
                calls.add(call(r.aToken().hex(), "getPreviousIndex", u));
                calls.add(call(r.debt().hex(), "scaledBalanceOf", u));
                calls.add(call(r.debt().hex(), "getPreviousIndex", u));
            }
        }
        List<Abi.Words> held = rpc.words(calls, n, c -> 1);
        Map<Address, BigInteger> userConfig = HashMap.empty();
        Map<Address, Integer> userEMode = HashMap.empty();
        int size = reserves.size();
        List<Map<Address, BigInteger>> ledgers =
                new ArrayList<>(java.util.Collections.nCopies(4 * size, HashMap.empty()));
        int k = 0;
        for (Address u : users) {
            BigInteger config = held.get(k++).uint(0, 256);
            int eMode = (int) held.get(k++).small(0, 8);
            if (config.signum() != 0) {
                userConfig = userConfig.put(u, config);
            }
            if (eMode != 0) {
                userEMode = userEMode.put(u, eMode);
            }
            // per reserve: aToken scaled, aToken index, debt scaled, debt index
            for (int j = 0; j < 4 * size; j++) {
                BigInteger v = held.get(k++).uint(0, 128);
                if (v.signum() != 0) {
                    ledgers.set(j, ledgers.get(j).put(u, v));
                }
            }
        }
        List<ScaledToken> aTokens = new ArrayList<>();
        List<ScaledToken> debts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Listed r = reserves.get(i);
            aTokens.add(new ScaledToken(
                    r.aToken(), r.aSupply(), ledgers.get(4 * i), ledgers.get(4 * i + 1), HashMap.empty()));
            debts.add(new ScaledToken(
                    r.debt(), r.debtSupply(), ledgers.get(4 * i + 2), ledgers.get(4 * i + 3), HashMap.empty()));
        }
        return new Holdings(userConfig, userEMode, aTokens, debts);
    }

    /** {@return the Pool's {@code getReservesList()}: an ABI-encoded dynamic array of addresses} */
    private List<Address> reservesList(String pool, long n) {
        JsonRpc.Call list = call(pool, "getReservesList");
        String hex = rpc.calls(List.of(list), n)
                .getFirst()
                .getOrElseThrow(r -> ReadAbort.rpc(new dev.solvent.oracle.rpc.RpcFailure.Reverted(list.what(), r)));
        Abi.Words head = Abi.Words.of(list.what(), hex, 2);
        int count = (int) head.small(1, 16);
        Abi.Words all = Abi.Words.of(list.what(), hex, 2 + count);
        List<Address> assets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assets.add(all.address(2 + i));
        }
        return assets;
    }

    private static void collect(Log log, LogScan.Found book) {
        String t0 = log.getTopics().getFirst();
        Set<Address> users = book.accounts();
        int before = users.size();
        if (t0.equals(SUPPLY) || t0.equals(WITHDRAW) || t0.equals(BORROW) || t0.equals(REPAY)) {
            users.add(LogScan.topic(log, 2));
        } else if (t0.equals(LIQUIDATION_CALL)) {
            users.add(LogScan.topic(log, 3));
            users.add(LogScan.dataAddress(log, 2));
        } else if (t0.equals(COLLATERAL_ON) || t0.equals(COLLATERAL_OFF)) {
            users.add(LogScan.topic(log, 2));
        } else if (t0.equals(EMODE_SET)) {
            users.add(LogScan.topic(log, 1));
        } else if (t0.equals(TRANSFER) && log.getTopics().size() == 3) {
            users.add(LogScan.topic(log, 1));
            users.add(LogScan.topic(log, 2));
        }
        if (users.size() > before) {
            // mints and burns are transfers from and to address(0), which holds nothing
            users.remove(Address.ZERO);
        }
    }

    // ---- verification ----------------------------------------------------------------------------------------

    /**
     * {@return every view on which the mirror, run on the snapshot's state in its block, answers differently from the
     * deployment at the snapshot's block (empty when the read is exact), or why the deployment could not be asked}
     * Per reserve: {@code getReserveNormalizedIncome}, {@code getReserveNormalizedVariableDebt}, the oracle's
     * {@code getAssetPrice}, both tokens' {@code totalSupply}. For every user: the six fields of
     * {@code getUserAccountData}, and per reserve the aToken's and the debt token's {@code balanceOf}.
     */
    public Either<ReadFailure, List<Disagreement>> verify(AaveSnapshot snapshot) {
        return guarded(() -> compare(snapshot));
    }

    private static final List<String> ACCOUNT_DATA = List.of(
            "totalCollateralBase",
            "totalDebtBase",
            "availableBorrowsBase",
            "currentLiquidationThreshold",
            "ltv",
            "healthFactor");

    private List<Disagreement> compare(AaveSnapshot snapshot) {
        AaveState s = snapshot.state();
        AaveBlock b = snapshot.block();
        List<ViewCheck> checks = new ArrayList<>();
        for (Reserve r : s.reserves()) {
            Address asset = r.asset();
            String subject = "reserve " + asset;
            checks.add(view(s, b, subject, s.pool(), "getReserveNormalizedIncome(address)", asset));
            checks.add(view(s, b, subject, s.pool(), "getReserveNormalizedVariableDebt(address)", asset));
            checks.add(view(s, b, subject, s.oracle(), "getAssetPrice(address)", asset));
            checks.addAll(fields(s, b, subject, r.aToken(), "totalSupply()", null, List.of("aToken.totalSupply")));
            checks.addAll(fields(
                    s, b, subject, r.variableDebtToken(), "totalSupply()", null, List.of("variableDebt.totalSupply")));
        }
        for (Address u : snapshot.users()) {
            String who = u.hex();
            checks.addAll(fields(s, b, who, s.pool(), "getUserAccountData(address)", u, ACCOUNT_DATA));
            for (Reserve r : s.reserves()) {
                checks.addAll(fields(
                        s,
                        b,
                        who,
                        r.aToken(),
                        "balanceOf(address)",
                        u,
                        List.of("aToken(" + r.asset() + ").balanceOf")));
                checks.addAll(fields(
                        s,
                        b,
                        who,
                        r.variableDebtToken(),
                        "balanceOf(address)",
                        u,
                        List.of("variableDebt(" + r.asset() + ").balanceOf")));
            }
        }
        return ViewCheck.disagreements(rpc, checks, snapshot.blockNumber());
    }

    private static ViewCheck view(AaveState s, AaveBlock b, String subject, Address to, String sig, Address arg) {
        String name = sig.substring(0, sig.indexOf('('));
        return fields(s, b, subject, to, sig, arg, List.of(name)).getFirst();
    }

    /**
     * {@return one check per output of a view that takes no argument or one address: each named by {@code names},
     * sharing one {@code eth_call}}
     */
    private static List<ViewCheck> fields(
            AaveState s, AaveBlock b, String subject, Address to, String sig, Address arg, List<String> names) {
        List<Object> args = arg == null ? List.of() : List.of(arg);
        Either<EvmRevert, List<Object>> mirror = AaveViews.call(s, b, to, sig, args);
        String name = sig.substring(0, sig.indexOf('('));
        String data = arg == null ? Abi.call(name) : Abi.call(name, arg);
        List<ViewCheck> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int field = i;
            Function<Abi.Words, String> decode = w -> w.uint(field, 256).toString();
            out.add(new ViewCheck(
                    subject, names.get(i), to.hex(), data, mirror.map(v -> String.valueOf(v.get(field))), decode));
        }
        return out;
    }
}
