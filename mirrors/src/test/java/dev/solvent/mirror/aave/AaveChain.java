package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Aave v3 market on an anvil node: the test market of aave-v3-origin's own test suite (USDX 6, WBTC 8, WETH
 * 18 decimals, and GHO in v3.3), deployed once by {@code aave/<version>/build.sh} and saved as anvil state, loaded here in a
 * fraction of a second; calls run at exact block timestamps, views are read, logs and reverts are decoded with the
 * ABIs of every contract of the market.
 *
 * <p>The test resources of a version ({@code aave/v3.3/}, see its README): {@code state.json.gz} (the chain state,
 * loaded with {@code anvil_loadState}), {@code deployment.json} (every address and the configuration as read back
 * from the chain) and {@code abi/*.json}.
 *
 * <p>Timing, as {@code CometChain} (see {@link AnvilChain} for anvil's rules):
 *
 * <ul>
 *   <li>{@link #send} sends one batch: {@code evm_setNextBlockTimestamp(T)} and an {@code eth_call} of the call on the
 *       latest state with the block override {@code time = T}. A revert returns its decoded reason and mines nothing.
 *       Otherwise the call is sent as a transaction (gas limit {@value AnvilChain#GAS}, never estimated: anvil's
 *       estimate is too low for {@code Pool.supply}), mined in a block stamped {@code T}, whose receipt must succeed.
 *   <li>Times are non-decreasing: {@code T} lower than the latest block's timestamp is refused
 *       ({@link IllegalArgumentException}); equal is fine. The loaded state's latest block is stamped
 *       {@link #deployedAt()} ({@link AnvilChain#GENESIS_TIMESTAMP}), as is every block of the deployment, so the
 *       reserves' {@code lastUpdateTimestamp} is that time too.
 *   <li>{@link #read} sends all views in one batch of {@code eth_call}s with {@code time = T}: nothing is mined, any
 *       {@code T} works.
 *   <li>{@link #setPrice} writes the feed's storage (no block, no time); {@link #mint} mines at the latest block's
 *       timestamp unless told a time.
 * </ul>
 *
 * <p>Reverts: Aave v3.3 reverts with {@code require(..., Errors.X)} strings (the numeric codes of
 * {@code protocol/libraries/helpers/Errors.sol}, e.g. {@code "35"}), decoded as {@link EvmRevert.ErrorString};
 * v3.7 with custom errors ({@code Errors.HealthFactorLowerThanLiquidationThreshold()}), decoded by name as
 * {@link EvmRevert.CustomError} from {@code abi/Errors.json} (every custom error of the build), as are the
 * OpenZeppelin errors of v3.7's test tokens ({@code ERC20InsufficientAllowance}).
 *
 * <p>{@code getReserveData} returns {@code ReserveDataLegacy} in both versions ({@link #RESERVE_DATA_LEGACY}):
 * {@code currentStableBorrowRate} is 0 (the deficit is only in {@code getReserveDeficit}); in v3.7
 * {@code unbacked} and {@code isolationModeTotalDebt} are always 0, {@code interestRateStrategyAddress} is the
 * Pool-wide {@code RESERVE_INTEREST_RATE_STRATEGY}, {@code stableDebtTokenAddress} the addresses provider's
 * {@code MOCK_STABLE_DEBT} (unset: 0).
 */
final class AaveChain {

    /** The versions with test resources: the folder under {@code aave/}. */
    enum Version {
        /**
         * aave-v3-origin v3.3.0, {@code 5431379f8beb4d7128c84a81ced3917d856efa84}, solc 0.8.22: reverts with
         * {@code Errors} strings ({@code "35"}); reserves GHO (no virtual accounting), USDX, WBTC, WETH.
         */
        V3_3("v3.3"),
        /**
         * aave-v3-origin main {@code fd1fbd9150426ca8ace9cee45b4acf912ae84f5b} (v3.7), solc 0.8.27: reverts with
         * custom errors ({@code HealthFactorLowerThanLiquidationThreshold()}); reserves USDX, WBTC, WETH.
         */
        V3_7("v3.7");

        private final String folder;

        Version(String folder) {
            this.folder = folder;
        }

        /** {@return the folder of this version's resources, e.g. {@code "v3.3"}} */
        String folder() {
            return folder;
        }
    }

    /** The variable interest rate mode, the only one since v3.2 ({@code DataTypes.InterestRateMode.VARIABLE}). */
    static final int VARIABLE = 2;

    /** Reads the views: any address works for {@code eth_call}. */
    private static final Address READER = Address.ofNumber(0xAA7E_0001L);

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** {@code getReserveData}'s {@code ReserveDataLegacy} (v3.3 and v3.7), flattened: the configuration is one word. */
    static final List<String> RESERVE_DATA_LEGACY = List.of(
            "uint256", // configuration.data
            "uint128", // liquidityIndex
            "uint128", // currentLiquidityRate
            "uint128", // variableBorrowIndex
            "uint128", // currentVariableBorrowRate
            "uint128", // currentStableBorrowRate (deprecated since v3.2: 0; not the deficit)
            "uint40", // lastUpdateTimestamp
            "uint16", // id
            "address", // aTokenAddress
            "address", // stableDebtTokenAddress (deprecated since v3.2: 0)
            "address", // variableDebtTokenAddress
            "address", // interestRateStrategyAddress
            "uint128", // accruedToTreasury
            "uint128", // unbacked
            "uint128"); // isolationModeTotalDebt

    /** {@code getUserAccountData}: collateral, debt, available borrows (base currency), LT, LTV (bps), HF (wad). */
    static final List<String> USER_ACCOUNT_DATA =
            List.of("uint256", "uint256", "uint256", "uint256", "uint256", "uint256");

    /**
     * One listed reserve, as {@code deployment.json} records it.
     *
     * @param wrappedNative whether the underlying is WETH9 (minted by {@code deposit()} with ether), else a
     *     {@code TestnetERC20} (minted by its owner with {@code mint(address,uint256)})
     * @param entry the reserve's whole entry in {@code deployment.json}: {@code configuration}, {@code interestRate},
     *     initial indices and price
     */
    record Reserve(
            String symbol,
            int id,
            Address underlying,
            boolean wrappedNative,
            Address aToken,
            Address variableDebtToken,
            Address priceFeed,
            Address interestRateStrategy,
            int decimals,
            JsonNode entry) {}

    /**
     * One view read on the chain (and, by the Aave differential harness, on the mirror): the contract that answers,
     * the function's signature, its arguments ({@link Address}, {@link BigInteger}, {@link Boolean}) and the ABI types
     * of its outputs, flattened (a returned struct of static fields lists its fields' types in order, as
     * {@code getReserveData} does).
     *
     * <p>The semantics of the Comet harness's {@code ViewCall} (package-private there, so not shared), with the target
     * as an address: a result renders as the outputs joined by {@code ","}, each an address in lower-case hex, an
     * integer in decimal, or {@code true}/{@code false}; a revert renders as {@code "revert " + EvmRevert.toString()}.
     * Nested here rather than in a file of its own, so that the mirror's side may define its own types freely.
     *
     * @param key a readable name for traces, unique within one observation, e.g. {@code "getUserAccountData(0x..)"}
     * @param target the contract that answers: the Pool, a token, the oracle, the data provider...
     */
    record ViewCall(String key, Address target, String signature, List<Object> args, List<String> outputs) {

        /** Copies the lists. */
        ViewCall {
            args = List.copyOf(args);
            outputs = List.copyOf(outputs);
        }
    }

    private final AnvilChain chain;
    private final Version version;
    private final JsonNode deployment;
    private final AbiCodec codec;
    private final Map<String, JsonNode> abis;
    private final Map<String, Reserve> reservesBySymbol;
    private final Map<Address, Reserve> reservesByAsset;
    private final long deployedAt;

    private AaveChain(AnvilChain chain, Version version, JsonNode deployment, Map<String, JsonNode> abis) {
        this.chain = chain;
        this.version = version;
        this.deployment = deployment;
        this.abis = Map.copyOf(abis);
        this.deployedAt = deployment.path("chain").path("timestamp").asLong();
        Map<String, Reserve> bySymbol = new LinkedHashMap<>();
        Map<Address, Reserve> byAsset = new LinkedHashMap<>();
        for (JsonNode r : deployment.path("reserves")) {
            Reserve reserve = new Reserve(
                    r.path("symbol").asString(),
                    r.path("id").asInt(),
                    address(r, "underlying"),
                    r.path("token").asString().equals("WETH9"),
                    address(r, "aToken"),
                    address(r, "variableDebtToken"),
                    address(r, "priceFeed"),
                    address(r, "interestRateStrategy"),
                    r.path("configuration").path("decimals").asInt(),
                    r);
            bySymbol.put(reserve.symbol(), reserve);
            byAsset.put(reserve.underlying(), reserve);
        }
        this.reservesBySymbol = Collections.unmodifiableMap(bySymbol);
        this.reservesByAsset = Collections.unmodifiableMap(byAsset);
        this.codec = AbiCodec.of(abisByAddress());
    }

    /** {@return the v3.3 market loaded into {@code chain}} See {@link #load(AnvilChain, Version)}. */
    static AaveChain load(AnvilChain chain) {
        return load(chain, Version.V3_3);
    }

    /**
     * {@return the market of {@code version}, loaded into {@code chain} with {@code anvil_loadState}} The chain should
     * be fresh (started by {@link AnvilChain#start()}, nothing mined): the state brings its own latest block, number
     * and timestamp ({@link #deployedAt()}), and its accounts replace any of the same address. Checks that the Pool
     * answers afterwards.
     */
    static AaveChain load(AnvilChain chain, Version version) {
        String base = "/aave/" + version.folder() + "/";
        JsonNode deployment = JSON.readTree(resource(base + "deployment.json"));
        Map<String, JsonNode> abis = new LinkedHashMap<>();
        deployment
                .path("abis")
                .properties()
                .forEach(e -> abis.put(
                        e.getKey(), JSON.readTree(resource(base + e.getValue().asString()))));
        // anvil_loadState takes the gzipped dump as it is (hex), as anvil_dumpState gives it
        String state = "0x" + HexFormat.of().formatHex(resource(base + "state.json.gz"));
        if (!chain.request("anvil_loadState", state).asBoolean()) {
            throw new IllegalStateException("anvil_loadState of " + base + "state.json.gz answered false");
        }
        AaveChain aave = new AaveChain(chain, version, deployment, abis);
        long latest = chain.latestTimestamp();
        if (latest != aave.deployedAt) {
            throw new IllegalStateException("after loading the state the latest block is stamped " + latest
                    + ", not the deployment's " + aave.deployedAt + ": was the chain fresh?");
        }
        Either<String, String> reserves =
                chain.callAt(READER, aave.pool(), AbiCodec.encodeCall("getReservesList()"), aave.deployedAt);
        if (reserves.isLeft() || reserves.get().length() <= 2) {
            throw new IllegalStateException("the Pool does not answer after loading the state: " + reserves);
        }
        return aave;
    }

    /**
     * {@return the test resource, from the class path (this module's tests) or else from the folder the system
     * property {@code solvent.mirrors.testResources} names (other modules' tests: the test-jar carries the harness's
     * classes but, by design, no third-party bytecode or state)}
     */
    private static byte[] resource(String name) {
        try (InputStream in = AaveChain.class.getResourceAsStream(name)) {
            if (in != null) {
                return in.readAllBytes();
            }
            String folder = System.getProperty("solvent.mirrors.testResources");
            java.nio.file.Path file = folder == null ? null : java.nio.file.Path.of(folder, name.substring(1));
            if (file == null || !java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Address address(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            throw new IllegalStateException("deployment.json has no address " + field + " in " + node);
        }
        return Address.of(value.asString());
    }

    /** Every contract a transaction of the tests can log from, each with the ABIs it answers to. */
    private Map<Address, List<JsonNode>> abisByAddress() {
        JsonNode proxy = abi("InitializableImmutableAdminUpgradeabilityProxy");
        Map<Address, List<JsonNode>> map = new LinkedHashMap<>();
        // Errors: every custom error of the build (the Pool's ABI lacks those of its linked logic libraries)
        map.put(pool(), List.of(abi("Pool"), proxy, abi("Errors")));
        map.put(poolConfigurator(), List.of(abi("PoolConfigurator"), proxy));
        map.put(aaveOracle(), List.of(abi("AaveOracle")));
        map.put(poolDataProvider(), List.of(abi("AaveProtocolDataProvider")));
        map.put(aclManager(), List.of(abi("ACLManager")));
        map.put(treasury(), List.of(abi("Collector")));
        map.put(contract("rewardsController"), List.of(abi("RewardsController")));
        map.put(contract("poolAddressesProvider"), List.of(abi("PoolAddressesProvider")));
        for (Reserve r : reservesBySymbol.values()) {
            map.put(r.underlying(), List.of(abi(r.wrappedNative() ? "WETH9" : "TestnetERC20")));
            map.put(r.aToken(), List.of(abi("AToken"), proxy));
            map.put(r.variableDebtToken(), List.of(abi("VariableDebtToken"), proxy));
            map.put(r.priceFeed(), List.of(abi("MockAggregator")));
            map.put(r.interestRateStrategy(), List.of(abi("DefaultReserveInterestRateStrategyV2")));
        }
        return map;
    }

    // ---- what was loaded ---------------------------------------------------------------------------------------

    /** {@return the chain the market lives on} */
    AnvilChain chain() {
        return chain;
    }

    /** {@return the version loaded} */
    Version version() {
        return version;
    }

    /** {@return the codec of every contract of the market (reverts of all, events by emitter)} */
    AbiCodec codec() {
        return codec;
    }

    /** {@return {@code deployment.json}: addresses, roles, constants, each reserve's configuration, eModes} */
    JsonNode deployment() {
        return deployment;
    }

    /** {@return the ABI {@code abi/<name>.json}, e.g. {@code "Pool"}, {@code "AToken"}} */
    JsonNode abi(String name) {
        JsonNode abi = abis.get(name);
        if (abi == null) {
            throw new IllegalArgumentException("no ABI " + name + "; there are " + abis.keySet());
        }
        return abi;
    }

    /** {@return the timestamp of every block of the deployment, and of the latest block after loading} */
    long deployedAt() {
        return deployedAt;
    }

    /** {@return a contract of {@code deployment.json}'s {@code contracts}, e.g. {@code "pool"}} */
    Address contract(String name) {
        return address(deployment.path("contracts"), name);
    }

    /** {@return the Pool (proxy): every user entry point and most views} */
    Address pool() {
        return contract("pool");
    }

    /** {@return the PoolConfigurator (proxy), which only the pool admin (and risk admins) may call} */
    Address poolConfigurator() {
        return contract("poolConfigurator");
    }

    /** {@return the AaveOracle: {@code getAssetPrice} reads each reserve's MockAggregator} */
    Address aaveOracle() {
        return contract("aaveOracle");
    }

    /** {@return the AaveProtocolDataProvider} */
    Address poolDataProvider() {
        return contract("poolDataProvider");
    }

    /** {@return the ACLManager} */
    Address aclManager() {
        return contract("aclManager");
    }

    /** {@return the treasury (the Collector proxy), which receives the protocol's aTokens} */
    Address treasury() {
        return contract("treasury");
    }

    /** {@return the pool admin (also the emergency admin and every token's owner): anvil's first account} */
    Address poolAdmin() {
        return address(deployment.path("roles"), "poolAdmin");
    }

    /** {@return the listed reserves by symbol, in the order of their ids (v3.3: GHO, USDX, WBTC, WETH)} */
    Map<String, Reserve> reserves() {
        return reservesBySymbol;
    }

    /** {@return the reserve of this symbol} */
    Reserve reserve(String symbol) {
        Reserve r = reservesBySymbol.get(symbol);
        if (r == null) {
            throw new IllegalArgumentException("no reserve " + symbol + "; there are " + reservesBySymbol.keySet());
        }
        return r;
    }

    /** {@return the reserve of this underlying asset} */
    Reserve reserve(Address asset) {
        Reserve r = reservesByAsset.get(asset);
        if (r == null) {
            throw new IllegalArgumentException("no reserve has the underlying " + asset);
        }
        return r;
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    /**
     * {@return the decoded revert of the call, or the logs of its transaction in order, each decoded with the ABI of
     * its emitter} Runs with {@code msg.sender == from} and {@code block.timestamp == timestamp}, which must not be
     * before the latest block's.
     */
    Either<EvmRevert, List<Log>> send(Address from, Address to, String calldata, long timestamp) {
        List<JsonNode> answers = chain.batch(List.of(
                AnvilChain.setNextBlockTimestampRequest(timestamp),
                AnvilChain.callAtRequest(from, to, calldata, timestamp)));
        requireTimestamp(answers.get(0), timestamp);
        Either<String, String> simulated = AnvilChain.callOutcome(answers.get(1));
        if (simulated.isLeft()) {
            return Either.left(codec.revert(simulated.getLeft()));
        }
        AnvilChain.Receipt receipt = chain.send(from, to, calldata);
        if (!receipt.success()) {
            throw new IllegalStateException("a call from " + from + " to " + to + " succeeded at " + timestamp
                    + " but reverted as a transaction: " + receipt);
        }
        return Either.right(logs(receipt));
    }

    /**
     * Moves a reserve's price: writes {@code answer} (8 decimals, the oracle's base currency) into slot 0 of its
     * MockAggregator ({@code int256 _latestAnswer}, which has no setter). Takes effect at once for calls and
     * transactions; mines nothing; a snapshot revert undoes it.
     */
    void setPrice(Address asset, BigInteger answer) {
        BigInteger word = answer.signum() < 0 ? answer.add(BigInteger.ONE.shiftLeft(256)) : answer;
        if (word.signum() < 0 || word.bitLength() > 256) {
            throw new IllegalArgumentException(answer + " is not an int256");
        }
        String hex = word.toString(16);
        chain.request(
                "anvil_setStorageAt",
                reserve(asset).priceFeed().hex(),
                "0x0",
                "0x" + "0".repeat(64 - hex.length()) + hex);
    }

    /** Mints {@code amount} of a reserve's underlying to {@code to} at the latest block's timestamp. */
    void mint(Address token, Address to, BigInteger amount) {
        mint(token, to, amount, chain.latestTimestamp());
    }

    /**
     * Mints {@code amount} of a reserve's underlying to {@code to}, in a block stamped {@code timestamp}: a
     * TestnetERC20 by its owner's {@code mint(address,uint256)}; WETH9 by giving {@code to} the ether (added to its
     * balance with {@code anvil_setBalance}) and sending {@code deposit()} from it.
     */
    void mint(Address token, Address to, BigInteger amount, long timestamp) {
        Reserve r = reserve(token);
        if (!r.wrappedNative()) {
            Either<EvmRevert, List<Log>> minted =
                    send(poolAdmin(), token, AbiCodec.encodeCall("mint(address,uint256)", to, amount), timestamp);
            if (minted.isLeft()) {
                throw new IllegalStateException("minting " + amount + " " + r.symbol() + " reverted: " + minted);
            }
            return;
        }
        BigInteger ether = new BigInteger(
                chain.request("eth_getBalance", to.hex(), "latest").asString().substring(2), 16);
        chain.request("anvil_setBalance", to.hex(), "0x" + ether.add(amount).toString(16));
        requireTimestamp(
                chain.batch(List.of(AnvilChain.setNextBlockTimestampRequest(timestamp)))
                        .get(0),
                timestamp);
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", to.hex());
        tx.put("to", token.hex());
        tx.put("data", AbiCodec.encodeCall("deposit()"));
        tx.put("value", "0x" + amount.toString(16));
        tx.put("gas", AnvilChain.hex(AnvilChain.GAS));
        tx.put("gasPrice", "0x0");
        JsonNode receipt = chain.request("eth_sendTransactionSync", tx);
        if (AnvilChain.quantity(receipt.path("status")) != 1) {
            throw new IllegalStateException("WETH9.deposit() of " + amount + " for " + to + " failed: " + receipt);
        }
    }

    /**
     * {@return each view's result on the latest state at {@code block.timestamp == timestamp}, rendered as
     * {@link ViewCall} says} All views go in one JSON-RPC batch; nothing is mined.
     */
    List<String> read(List<ViewCall> views, long timestamp) {
        List<JsonNode> answers = chain.batch(requests(views, timestamp));
        List<String> rendered = new ArrayList<>(views.size());
        for (int i = 0; i < views.size(); i++) {
            List<String> outputs = views.get(i).outputs();
            rendered.add(AnvilChain.callOutcome(answers.get(i))
                    .fold(
                            revert -> AbiCodec.renderRevert(codec.revert(revert)),
                            data -> AbiCodec.render(outputs, data)));
        }
        return rendered;
    }

    /** {@return one view's outputs, decoded ({@link BigInteger}, {@link Address}, {@link Boolean}), or its revert} */
    Either<EvmRevert, List<Object>> values(ViewCall view, long timestamp) {
        return AnvilChain.callOutcome(
                        chain.batch(requests(List.of(view), timestamp)).get(0))
                .mapLeft(codec::revert)
                .map(data -> AbiCodec.decode(view.outputs(), data));
    }

    private static List<AnvilChain.Request> requests(List<ViewCall> views, long timestamp) {
        List<AnvilChain.Request> calls = new ArrayList<>(views.size());
        for (ViewCall v : views) {
            calls.add(AnvilChain.callAtRequest(
                    READER, v.target(), AbiCodec.encodeCall(v.signature(), v.args()), timestamp));
        }
        return calls;
    }

    private List<Log> logs(AnvilChain.Receipt receipt) {
        List<Log> logs = new ArrayList<>(receipt.logs().size());
        for (AnvilChain.RawLog l : receipt.logs()) {
            logs.add(codec.log(l.address(), l.topics(), l.data()));
        }
        return logs;
    }

    private static void requireTimestamp(JsonNode answer, long timestamp) {
        if (answer.has("error")) {
            throw new IllegalArgumentException("anvil refuses block timestamp " + timestamp
                    + " (it must not be before the latest block's): " + answer.get("error"));
        }
    }

    // ---- calldata of the Pool's entry points (send them to pool()) ---------------------------------------------

    /** {@code Pool.supply(asset, amount, onBehalfOf, referralCode 0)}: needs an allowance of the Pool. */
    static String supply(Address asset, BigInteger amount, Address onBehalfOf) {
        return AbiCodec.encodeCall("supply(address,uint256,address,uint16)", asset, amount, onBehalfOf, 0);
    }

    /** {@code Pool.withdraw(asset, amount, to)}: {@code uint256} max withdraws the whole balance. */
    static String withdraw(Address asset, BigInteger amount, Address to) {
        return AbiCodec.encodeCall("withdraw(address,uint256,address)", asset, amount, to);
    }

    /** {@code Pool.borrow(asset, amount, 2 (variable), referralCode 0, onBehalfOf)}. */
    static String borrow(Address asset, BigInteger amount, Address onBehalfOf) {
        return AbiCodec.encodeCall(
                "borrow(address,uint256,uint256,uint16,address)", asset, amount, VARIABLE, 0, onBehalfOf);
    }

    /** {@code Pool.repay(asset, amount, 2, onBehalfOf)}: {@code uint256} max repays the whole debt (own only). */
    static String repay(Address asset, BigInteger amount, Address onBehalfOf) {
        return AbiCodec.encodeCall("repay(address,uint256,uint256,address)", asset, amount, VARIABLE, onBehalfOf);
    }

    /** {@code Pool.repayWithATokens(asset, amount, 2)}. */
    static String repayWithATokens(Address asset, BigInteger amount) {
        return AbiCodec.encodeCall("repayWithATokens(address,uint256,uint256)", asset, amount, VARIABLE);
    }

    /** {@code Pool.setUserUseReserveAsCollateral(asset, useAsCollateral)}. */
    static String setUserUseReserveAsCollateral(Address asset, boolean useAsCollateral) {
        return AbiCodec.encodeCall("setUserUseReserveAsCollateral(address,bool)", asset, useAsCollateral);
    }

    /** {@code Pool.setUserEMode(categoryId)}: 0 leaves eMode. */
    static String setUserEMode(int categoryId) {
        return AbiCodec.encodeCall("setUserEMode(uint8)", categoryId);
    }

    /**
     * {@code Pool.liquidationCall(collateralAsset, debtAsset, user, debtToCover, receiveAToken)}: {@code uint256} max
     * covers as much as allowed; the liquidator needs an allowance of the Pool in the debt asset.
     */
    static String liquidationCall(
            Address collateralAsset, Address debtAsset, Address user, BigInteger debtToCover, boolean receiveAToken) {
        return AbiCodec.encodeCall(
                "liquidationCall(address,address,address,uint256,bool)",
                collateralAsset,
                debtAsset,
                user,
                debtToCover,
                receiveAToken);
    }

    /** ERC-20 {@code approve(spender, amount)} (send it to the token). */
    static String approve(Address spender, BigInteger amount) {
        return AbiCodec.encodeCall("approve(address,uint256)", spender, amount);
    }

    /** ERC-20 {@code transfer(to, amount)} (send it to the token; aTokens too). */
    static String transfer(Address to, BigInteger amount) {
        return AbiCodec.encodeCall("transfer(address,uint256)", to, amount);
    }

    // ---- views -------------------------------------------------------------------------------------------------

    /** {@code Pool.getUserAccountData(user)}: {@link #USER_ACCOUNT_DATA}. */
    ViewCall userAccountData(Address user) {
        return new ViewCall(
                "getUserAccountData(" + user + ")",
                pool(),
                "getUserAccountData(address)",
                List.of(user),
                USER_ACCOUNT_DATA);
    }

    /** {@code Pool.getReserveData(asset)}: {@link #RESERVE_DATA_LEGACY}. */
    ViewCall reserveData(Address asset) {
        return new ViewCall(
                "getReserveData(" + asset + ")",
                pool(),
                "getReserveData(address)",
                List.of(asset),
                RESERVE_DATA_LEGACY);
    }

    /** {@code Pool.getReserveNormalizedIncome(asset)}: the liquidity index projected to the block's time (ray). */
    ViewCall normalizedIncome(Address asset) {
        return poolView("getReserveNormalizedIncome(address)", asset, "uint256");
    }

    /** {@code Pool.getReserveNormalizedVariableDebt(asset)}: the borrow index projected to the block's time (ray). */
    ViewCall normalizedVariableDebt(Address asset) {
        return poolView("getReserveNormalizedVariableDebt(address)", asset, "uint256");
    }

    /** {@code Pool.getUserConfiguration(user)}: the bitmap (bit 2i borrowing reserve i, bit 2i+1 collateral). */
    ViewCall userConfiguration(Address user) {
        return poolView("getUserConfiguration(address)", user, "uint256");
    }

    /** {@code Pool.getUserEMode(user)}. */
    ViewCall userEMode(Address user) {
        return poolView("getUserEMode(address)", user, "uint256");
    }

    /** {@code Pool.getReserveDeficit(asset)} (new in v3.3: bad debt burnt by liquidations, in underlying units). */
    ViewCall reserveDeficit(Address asset) {
        return poolView("getReserveDeficit(address)", asset, "uint256");
    }

    /** {@code Pool.getVirtualUnderlyingBalance(asset)}. */
    ViewCall virtualUnderlyingBalance(Address asset) {
        return poolView("getVirtualUnderlyingBalance(address)", asset, "uint128");
    }

    /** {@code Pool.getConfiguration(asset)}: the reserve's configuration bitmap. */
    ViewCall configuration(Address asset) {
        return poolView("getConfiguration(address)", asset, "uint256");
    }

    /** {@code AaveOracle.getAssetPrice(asset)} (8 decimals). */
    ViewCall assetPrice(Address asset) {
        return new ViewCall(
                "getAssetPrice(" + asset + ")",
                aaveOracle(),
                "getAssetPrice(address)",
                List.of(asset),
                List.of("uint256"));
    }

    /**
     * {@code AaveProtocolDataProvider.getUserReserveData(asset, user)}: aToken balance, stable debt (0), variable
     * debt, principal stable debt (0), scaled variable debt, stable rate (0), liquidity rate, stable rate timestamp (0),
     * usage as collateral.
     */
    ViewCall userReserveData(Address asset, Address user) {
        return new ViewCall(
                "getUserReserveData(" + asset + "," + user + ")",
                poolDataProvider(),
                "getUserReserveData(address,address)",
                List.of(asset, user),
                List.of("uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256", "uint40", "bool"));
    }

    /** {@code balanceOf(account)} of any token: underlying, aToken (with interest), debt token (with interest). */
    static ViewCall balanceOf(Address token, Address account) {
        return new ViewCall(
                "balanceOf(" + token + "," + account + ")",
                token,
                "balanceOf(address)",
                List.of(account),
                List.of("uint256"));
    }

    /** {@code scaledBalanceOf(account)} of an aToken or variable debt token. */
    static ViewCall scaledBalanceOf(Address token, Address account) {
        return new ViewCall(
                "scaledBalanceOf(" + token + "," + account + ")",
                token,
                "scaledBalanceOf(address)",
                List.of(account),
                List.of("uint256"));
    }

    /** {@code totalSupply()} of any token. */
    static ViewCall totalSupply(Address token) {
        return new ViewCall("totalSupply(" + token + ")", token, "totalSupply()", List.of(), List.of("uint256"));
    }

    /** {@code scaledTotalSupply()} of an aToken or variable debt token. */
    static ViewCall scaledTotalSupply(Address token) {
        return new ViewCall(
                "scaledTotalSupply(" + token + ")", token, "scaledTotalSupply()", List.of(), List.of("uint256"));
    }

    private ViewCall poolView(String signature, Address arg, String output) {
        String name = signature.substring(0, signature.indexOf('('));
        return new ViewCall(name + "(" + arg + ")", pool(), signature, List.of(arg), List.of(output));
    }
}
