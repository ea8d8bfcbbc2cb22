package dev.solvent.mirror.comet;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Compound III (Comet) on an anvil node: deploys a market from a {@link CometMarketSpec} with the compiled
 * artifacts in {@code comet/artifacts}, runs {@link CometCall}s at exact block timestamps, and reads
 * {@link ViewCall}s, decoding everything into the values the mirror produces.
 *
 * <p>How anvil 1.7.1 is driven (see {@link AnvilChain} for the rules, checked by
 * {@code CometChainIT.anvilTimingRules}):
 *
 * <ul>
 *   <li>{@link #execute} sends one batch: {@code evm_setNextBlockTimestamp(T)} and an {@code eth_call} of the call on
 *       the latest state with the block override {@code time = T} (the same as an {@code eth_call} at
 *       {@code "pending"} after the setting). A revert returns its decoded reason and mines nothing; the setting stays
 *       but any later call may set another time, as long as it is not before the latest block's. Otherwise the call
 *       is sent as a transaction, mined in a block stamped {@code T}, whose receipt must succeed.
 *   <li>Times are non-decreasing: a call or price at {@code T} lower than the latest mined block's timestamp is refused
 *       ({@link IllegalArgumentException}); equal is fine, so several actions may share one timestamp.
 *   <li>{@link #read} sends all views in one batch of {@code eth_call}s on the latest state with the block override
 *       {@code time = T}: no block is mined, so any {@code T} works, and reading never constrains later times.
 * </ul>
 *
 * <p>Deployment (tokens, feeds, CometExt, Comet, {@code initializeStorage()}) is stamped with the latest block's
 * timestamp, so on a fresh chain {@link #deployedAt()} is {@link AnvilChain#GENESIS_TIMESTAMP}.
 */
final class CometChain {

    /** Comet's governor: an account without a key, usable thanks to auto-impersonation. */
    static final Address GOVERNOR = Address.ofNumber(0xC0DE_0001L);

    /** Comet's pause guardian. */
    static final Address PAUSE_GUARDIAN = Address.ofNumber(0xC0DE_0002L);

    /** Deploys everything and sets the prices. */
    static final Address DEPLOYER = Address.ofNumber(0xC0DE_0003L);

    private static final Artifact COMET = Artifact.load("Comet");
    private static final Artifact COMET_EXT = Artifact.load("CometExt");
    private static final Artifact TOKEN = Artifact.load("FaucetToken");
    private static final Artifact FEED = Artifact.load("SimplePriceFeed");
    private static final int FEED_DECIMALS = 8;
    /** The round id of every price set: Comet reads only the answer, and a constant survives snapshot reverts. */
    private static final long ROUND = 1;

    private static final List<String> TOTALS_BASIC =
            List.of("uint64", "uint64", "uint64", "uint64", "uint104", "uint104", "uint40", "uint8");

    private final AnvilChain chain;
    private final AbiCodec codec;
    private final Address comet;
    private final Address extension;
    private final Address baseToken;
    private final Address baseFeed;
    private final List<Address> collateralTokens;
    private final List<Address> collateralFeeds;
    private final long deployedAt;

    private CometChain(
            AnvilChain chain,
            Address comet,
            Address extension,
            Address baseToken,
            Address baseFeed,
            List<Address> collateralTokens,
            List<Address> collateralFeeds) {
        this.chain = chain;
        this.comet = comet;
        this.extension = extension;
        this.baseToken = baseToken;
        this.baseFeed = baseFeed;
        this.collateralTokens = List.copyOf(collateralTokens);
        this.collateralFeeds = List.copyOf(collateralFeeds);
        Map<Address, List<JsonNode>> abis = new LinkedHashMap<>();
        abis.put(comet, List.of(COMET.abi(), COMET_EXT.abi()));
        abis.put(extension, List.of(COMET_EXT.abi()));
        abis.put(baseToken, List.of(TOKEN.abi()));
        abis.put(baseFeed, List.of(FEED.abi()));
        collateralTokens.forEach(t -> abis.put(t, List.of(TOKEN.abi())));
        collateralFeeds.forEach(f -> abis.put(f, List.of(FEED.abi())));
        this.codec = AbiCodec.of(abis);
        this.deployedAt = lastAccrualTime();
    }

    /** A compiled contract from the test resources: its ABI and creation code. */
    private record Artifact(JsonNode abi, String bytecode) {

        static Artifact load(String name) {
            String resource = "/comet/artifacts/" + name + ".json";
            try (InputStream in = open(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                JsonNode json = JsonMapper.builder().build().readTree(in);
                return new Artifact(json.path("abi"), json.path("bytecode").asString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * {@return the test resource, from the class path (this module's tests) or else from the folder the system
         * property {@code solvent.mirrors.testResources} names (other modules' tests: the test-jar carries the
         * harness's classes but, by design, no third-party bytecode); null when neither has it}
         */
        private static InputStream open(String resource) throws IOException {
            InputStream in = CometChain.class.getResourceAsStream(resource);
            String folder = System.getProperty("solvent.mirrors.testResources");
            if (in != null || folder == null) {
                return in;
            }
            java.nio.file.Path file = java.nio.file.Path.of(folder, resource.substring(1));
            return java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.newInputStream(file) : null;
        }

        String creation(Object... args) {
            return bytecode
                    + AbiCodec.encode(AbiCodec.constructorTypes(abi), List.of(args))
                            .substring(2);
        }
    }

    // ---- deployment --------------------------------------------------------------------------------------------

    /**
     * {@return a new market on {@code chain}} One FaucetToken per asset (base first, no initial supply), one
     * SimplePriceFeed per asset (8 decimals, the spec's first prices), CometExt, Comet, then
     * {@code initializeStorage()}; every block stamped with the latest block's timestamp.
     */
    static CometChain deploy(AnvilChain chain, CometMarketSpec spec) {
        long at = chain.latestTimestamp();
        Address baseToken = deploy(chain, at, TOKEN.creation(BigInteger.ZERO, "Base", spec.baseDecimals(), "BASE"));
        List<Address> tokens = new ArrayList<>();
        for (int i = 0; i < spec.collaterals().size(); i++) {
            int decimals = spec.collaterals().get(i).decimals();
            tokens.add(deploy(chain, at, TOKEN.creation(BigInteger.ZERO, "Collateral " + i, decimals, "COL" + i)));
        }
        Address baseFeed = deploy(chain, at, FEED.creation(spec.basePrice(), FEED_DECIMALS));
        List<Address> feeds = new ArrayList<>();
        for (CometMarketSpec.Collateral c : spec.collaterals()) {
            feeds.add(deploy(chain, at, FEED.creation(c.price(), FEED_DECIMALS)));
        }
        Address extension =
                deploy(chain, at, COMET_EXT.creation(List.of(bytes32("Compound Base"), bytes32("cBASEv3"))));
        Address comet =
                deploy(chain, at, COMET.creation(configuration(spec, baseToken, baseFeed, extension, tokens, feeds)));
        chain.setNextBlockTimestamp(at);
        AnvilChain.Receipt init = chain.send(DEPLOYER, comet, AbiCodec.encodeCall("initializeStorage()"));
        if (!init.success()) {
            throw new IllegalStateException("initializeStorage() reverted: " + init);
        }
        return new CometChain(chain, comet, extension, baseToken, baseFeed, tokens, feeds);
    }

    private static Address deploy(AnvilChain chain, long at, String creation) {
        chain.setNextBlockTimestamp(at);
        return chain.deploy(DEPLOYER, creation);
    }

    /** Comet's {@code Configuration}, in the order of its fields (see the README of the artifacts). */
    private static List<Object> configuration(
            CometMarketSpec spec,
            Address baseToken,
            Address baseFeed,
            Address extension,
            List<Address> tokens,
            List<Address> feeds) {
        List<Object> assets = new ArrayList<>();
        for (int i = 0; i < spec.collaterals().size(); i++) {
            CometMarketSpec.Collateral c = spec.collaterals().get(i);
            assets.add(List.of(
                    tokens.get(i),
                    feeds.get(i),
                    c.decimals(),
                    c.borrowCollateralFactor(),
                    c.liquidateCollateralFactor(),
                    c.liquidationFactor(),
                    c.supplyCap()));
        }
        return List.of(
                GOVERNOR,
                PAUSE_GUARDIAN,
                baseToken,
                baseFeed,
                extension,
                spec.supplyKink(),
                spec.supplyPerYearInterestRateSlopeLow(),
                spec.supplyPerYearInterestRateSlopeHigh(),
                spec.supplyPerYearInterestRateBase(),
                spec.borrowKink(),
                spec.borrowPerYearInterestRateSlopeLow(),
                spec.borrowPerYearInterestRateSlopeHigh(),
                spec.borrowPerYearInterestRateBase(),
                spec.storeFrontPriceFactor(),
                spec.trackingIndexScale(),
                spec.baseTrackingSupplySpeed(),
                spec.baseTrackingBorrowSpeed(),
                spec.baseMinForRewards(),
                spec.baseBorrowMin(),
                spec.targetReserves(),
                assets);
    }

    private static String bytes32(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 32) {
            throw new IllegalArgumentException("longer than 32 bytes: " + text);
        }
        return "0x" + HexFormat.of().formatHex(utf8) + "00".repeat(32 - utf8.length);
    }

    private long lastAccrualTime() {
        String data = AbiCodec.encodeCall("totalsBasic()");
        Either<String, String> out = chain.call(DEPLOYER, comet, data, "latest");
        if (out.isLeft()) {
            throw new IllegalStateException("totalsBasic() reverted with " + out.getLeft());
        }
        return ((BigInteger) AbiCodec.decode(TOTALS_BASIC, out.get()).get(6)).longValueExact();
    }

    // ---- addresses ---------------------------------------------------------------------------------------------

    /** {@return the chain this market lives on} */
    AnvilChain chain() {
        return chain;
    }

    /** {@return the codec of every contract of this market (reverts of all, events by emitter)} */
    AbiCodec codec() {
        return codec;
    }

    Address comet() {
        return comet;
    }

    Address extension() {
        return extension;
    }

    Address baseToken() {
        return baseToken;
    }

    Address baseFeed() {
        return baseFeed;
    }

    List<Address> collateralTokens() {
        return collateralTokens;
    }

    List<Address> collateralFeeds() {
        return collateralFeeds;
    }

    Address governor() {
        return GOVERNOR;
    }

    Address pauseGuardian() {
        return PAUSE_GUARDIAN;
    }

    /** {@return {@code totalsBasic().lastAccrualTime} right after {@code initializeStorage()}} */
    long deployedAt() {
        return deployedAt;
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    /**
     * {@return the decoded revert of {@code call}, or the logs of its transaction in order (from Comet, from CometExt
     * with Comet's address, from tokens)} Runs with {@code msg.sender == call.sender()} and
     * {@code block.timestamp == timestamp}, which must not be before the latest block's.
     */
    Either<EvmRevert, List<Log>> execute(CometCall call, long timestamp) {
        Address to = target(call);
        String data = encode(call);
        List<JsonNode> answers = chain.batch(List.of(
                AnvilChain.setNextBlockTimestampRequest(timestamp),
                AnvilChain.callAtRequest(call.sender(), to, data, timestamp)));
        requireTimestamp(answers.get(0), timestamp);
        Either<String, String> simulated = AnvilChain.callOutcome(answers.get(1));
        if (simulated.isLeft()) {
            return Either.left(codec.revert(simulated.getLeft()));
        }
        AnvilChain.Receipt receipt = chain.send(call.sender(), to, data);
        if (!receipt.success()) {
            throw new IllegalStateException(
                    call + " succeeded as a call at " + timestamp + " but reverted as a transaction: " + receipt);
        }
        return Either.right(logs(receipt));
    }

    /**
     * Sets a feed's answer with {@code setRoundData(1, answer, timestamp, timestamp, 1)}, in a block stamped
     * {@code timestamp}.
     */
    void setPrice(Address feed, BigInteger answer, long timestamp) {
        String data = AbiCodec.encodeCall(
                "setRoundData(uint80,int256,uint256,uint256,uint80)", ROUND, answer, timestamp, timestamp, ROUND);
        requireTimestamp(
                chain.batch(List.of(AnvilChain.setNextBlockTimestampRequest(timestamp)))
                        .get(0),
                timestamp);
        AnvilChain.Receipt receipt = chain.send(DEPLOYER, feed, data);
        if (!receipt.success()) {
            throw new IllegalStateException("setRoundData on " + feed + " reverted: " + receipt);
        }
    }

    /**
     * {@return each view's result on the latest state at {@code block.timestamp == timestamp}, rendered as
     * {@link ViewCall} says} All views go in one JSON-RPC batch; nothing is mined.
     */
    List<String> read(List<ViewCall> views, long timestamp) {
        List<AnvilChain.Request> calls = new ArrayList<>(views.size());
        for (ViewCall v : views) {
            Address to = v.target().equals("comet") ? comet : Address.of(v.target());
            calls.add(AnvilChain.callAtRequest(DEPLOYER, to, AbiCodec.encodeCall(v.signature(), v.args()), timestamp));
        }
        List<JsonNode> answers = chain.batch(calls);
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

    // ---- calldata ----------------------------------------------------------------------------------------------

    /** {@return the contract a call goes to: the token for {@code Token*} calls, else Comet} */
    Address target(CometCall call) {
        return switch (call) {
            case CometCall.TokenAllocate c -> c.token();
            case CometCall.TokenApprove c -> c.token();
            case CometCall.TokenTransfer c -> c.token();
            default -> comet;
        };
    }

    /**
     * {@return the calldata of a call} Extension functions ({@code allow}, {@code approve}) go to Comet too, which
     * serves them through its fallback. {@code AllowBySig} is not supported.
     */
    static String encode(CometCall call) {
        return switch (call) {
            case CometCall.Supply c -> AbiCodec.encodeCall("supply(address,uint256)", c.asset(), c.amount());
            case CometCall.SupplyTo c ->
                AbiCodec.encodeCall("supplyTo(address,address,uint256)", c.dst(), c.asset(), c.amount());
            case CometCall.SupplyFrom c ->
                AbiCodec.encodeCall(
                        "supplyFrom(address,address,address,uint256)", c.from(), c.dst(), c.asset(), c.amount());
            case CometCall.Transfer c -> AbiCodec.encodeCall("transfer(address,uint256)", c.dst(), c.amount());
            case CometCall.TransferFrom c ->
                AbiCodec.encodeCall("transferFrom(address,address,uint256)", c.src(), c.dst(), c.amount());
            case CometCall.TransferAsset c ->
                AbiCodec.encodeCall("transferAsset(address,address,uint256)", c.dst(), c.asset(), c.amount());
            case CometCall.TransferAssetFrom c ->
                AbiCodec.encodeCall(
                        "transferAssetFrom(address,address,address,uint256)", c.src(), c.dst(), c.asset(), c.amount());
            case CometCall.Withdraw c -> AbiCodec.encodeCall("withdraw(address,uint256)", c.asset(), c.amount());
            case CometCall.WithdrawTo c ->
                AbiCodec.encodeCall("withdrawTo(address,address,uint256)", c.to(), c.asset(), c.amount());
            case CometCall.WithdrawFrom c ->
                AbiCodec.encodeCall(
                        "withdrawFrom(address,address,address,uint256)", c.src(), c.to(), c.asset(), c.amount());
            case CometCall.Absorb c ->
                AbiCodec.encodeCall("absorb(address,address[])", c.absorber(), List.<Object>copyOf(c.accounts()));
            case CometCall.BuyCollateral c ->
                AbiCodec.encodeCall(
                        "buyCollateral(address,uint256,uint256,address)",
                        c.asset(),
                        c.minAmount(),
                        c.baseAmount(),
                        c.recipient());
            case CometCall.WithdrawReserves c ->
                AbiCodec.encodeCall("withdrawReserves(address,uint256)", c.to(), c.amount());
            case CometCall.ApproveThis c ->
                AbiCodec.encodeCall("approveThis(address,address,uint256)", c.manager(), c.asset(), c.amount());
            case CometCall.Pause c ->
                AbiCodec.encodeCall(
                        "pause(bool,bool,bool,bool,bool)",
                        c.supplyPaused(),
                        c.transferPaused(),
                        c.withdrawPaused(),
                        c.absorbPaused(),
                        c.buyPaused());
            case CometCall.AccrueAccount c -> AbiCodec.encodeCall("accrueAccount(address)", c.account());
            case CometCall.InitializeStorage c -> AbiCodec.encodeCall("initializeStorage()");
            case CometCall.Allow c -> AbiCodec.encodeCall("allow(address,bool)", c.manager(), c.isAllowed());
            case CometCall.Approve c -> AbiCodec.encodeCall("approve(address,uint256)", c.spender(), c.amount());
            case CometCall.AllowBySig c ->
                throw new UnsupportedOperationException(
                        "allowBySig needs a signature; the harness does not generate it");
            case CometCall.TokenAllocate c -> AbiCodec.encodeCall("allocateTo(address,uint256)", c.owner(), c.value());
            case CometCall.TokenApprove c -> AbiCodec.encodeCall("approve(address,uint256)", c.spender(), c.amount());
            case CometCall.TokenTransfer c -> AbiCodec.encodeCall("transfer(address,uint256)", c.dst(), c.amount());
        };
    }
}
