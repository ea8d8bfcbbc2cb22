package dev.solvent.mirror.comet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chain side of the Comet differential harness against hand-known answers: a market deployed on anvil, calls
 * that emit exact logs or revert with exact reasons, views at exact timestamps, and the timing rules of anvil that
 * {@link CometChain} relies on. Each test starts from the freshly deployed market (a snapshot).
 */
class CometChainIT {

    private static final BigInteger E6 = BigInteger.TEN.pow(6);
    private static final BigInteger E8 = BigInteger.TEN.pow(8);
    private static final BigInteger E15 = BigInteger.TEN.pow(15);
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger MAX = Word.UINT256_MAX;
    private static final long YEAR = 31_536_000L;

    private static final Address ALICE = Address.ofNumber(0xA11CE);
    private static final Address BOB = Address.ofNumber(0xB0B);

    /** A block that returns {@code (block.timestamp, block.number)}: 13 bytes of runtime code behind a copier. */
    private static final String CLOCK = "0x6c426000524360205260406000f3600052600d6013f3";

    private static Either<String, AnvilChain> started;
    private static CometChain market;
    private static String snapshot;

    static CometMarketSpec spec() {
        return new CometMarketSpec(
                6,
                E8,
                List.of(new CometMarketSpec.Collateral(
                        18, e(2000, 8), e(8, 17), e(85, 16), e(93, 16), BigInteger.TEN.pow(24))),
                e(8, 17),
                e(5, 16),
                e(2, 18),
                BigInteger.ZERO,
                e(8, 17),
                e(1, 17),
                e(3, 18),
                e(5, 15),
                e(5, 17),
                E15,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.TEN.pow(12),
                E6,
                BigInteger.TEN.pow(12));
    }

    private static BigInteger e(long n, int decimals) {
        return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(decimals));
    }

    @BeforeAll
    static void deploy() {
        started = AnvilChain.start();
        if (started.isRight()) {
            market = CometChain.deploy(started.get(), spec());
            snapshot = started.get().snapshot();
        }
    }

    @AfterAll
    static void stop() {
        if (started != null && started.isRight()) {
            started.get().close();
        }
    }

    @BeforeEach
    void requireAnvil() {
        assumeTrue(started.isRight(), () -> started.getLeft());
    }

    @AfterEach
    void backToDeployment() {
        if (started.isRight()) {
            started.get().revert(snapshot); // consumes the snapshot
            snapshot = started.get().snapshot();
        }
    }

    private static Address collateral() {
        return market.collateralTokens().get(0);
    }

    private static List<Log> ok(CometCall call, long at) {
        Either<EvmRevert, List<Log>> result = market.execute(call, at);
        assertThat(result.isRight()).as("%s reverted with %s", call, result).isTrue();
        return result.get();
    }

    private static EvmRevert reverts(CometCall call, long at) {
        Either<EvmRevert, List<Log>> result = market.execute(call, at);
        assertThat(result.isLeft()).as("%s did not revert: %s", call, result).isTrue();
        return result.getLeft();
    }

    /** Mints {@code amount} of {@code token} to {@code owner}, approves Comet and supplies it, all at {@code at}. */
    private static void fund(Address owner, Address token, BigInteger amount, long at) {
        ok(new CometCall.TokenAllocate(owner, token, owner, amount), at);
        ok(new CometCall.TokenApprove(owner, token, market.comet(), MAX), at);
        ok(new CometCall.Supply(owner, token, amount), at);
    }

    private static ViewCall view(String key, String target, String signature, List<Object> args, String... outputs) {
        return new ViewCall(key, target, signature, args, List.of(outputs));
    }

    @Test
    void deploysTheMarketAtTheGenesisTimestamp() {
        assertThat(market.deployedAt()).isEqualTo(AnvilChain.GENESIS_TIMESTAMP);
        List<String> read = market.read(
                List.of(
                        view("baseToken", "comet", "baseToken()", List.of(), "address"),
                        view("governor", "comet", "governor()", List.of(), "address"),
                        view("numAssets", "comet", "numAssets()", List.of(), "uint8"),
                        view("extensionDelegate", "comet", "extensionDelegate()", List.of(), "address"),
                        view("decimals", market.collateralTokens().get(0).hex(), "decimals()", List.of(), "uint8"),
                        view("name", "comet", "name()", List.of(), "string"),
                        // an address without code returns no data: rendered as a revert without data
                        view(
                                "nobody",
                                Address.ofNumber(0xDEAD).hex(),
                                "balanceOf(address)",
                                List.of(ALICE),
                                "uint256")),
                market.deployedAt());
        assertThat(read)
                .containsExactly(
                        market.baseToken().hex(),
                        market.governor().hex(),
                        "1",
                        market.extension().hex(),
                        "18",
                        "Compound Base",
                        "revert Empty[]");
    }

    @Test
    void supplyOfCollateralEmitsTheTokenTransferThenSupplyCollateral() {
        long at = market.deployedAt() + 10;
        BigInteger one = E18;
        Address col = collateral();
        Address comet = market.comet();

        assertThat(ok(new CometCall.TokenAllocate(ALICE, col, ALICE, one), at))
                .containsExactly(Log.of(col, "Transfer", col, ALICE, one));
        assertThat(ok(new CometCall.TokenApprove(ALICE, col, comet, MAX), at))
                .containsExactly(Log.of(col, "Approval", ALICE, comet, MAX));
        assertThat(ok(new CometCall.Supply(ALICE, col, one), at))
                .containsExactly(
                        Log.of(col, "Transfer", ALICE, comet, one),
                        Log.of(comet, "SupplyCollateral", ALICE, ALICE, col, one));

        assertThat(market.read(
                        List.of(
                                view(
                                        "collateral",
                                        "comet",
                                        "collateralBalanceOf(address,address)",
                                        List.of(ALICE, col),
                                        "uint128"),
                                view(
                                        "totals",
                                        "comet",
                                        "totalsCollateral(address)",
                                        List.of(col),
                                        "uint128",
                                        "uint128"),
                                view("held", col.hex(), "balanceOf(address)", List.of(comet), "uint256"),
                                view(
                                        "userBasic",
                                        "comet",
                                        "userBasic(address)",
                                        List.of(ALICE),
                                        "int104",
                                        "uint64",
                                        "uint64",
                                        "uint16",
                                        "uint8")),
                        at))
                .containsExactly(one.toString(), one + ",0", one.toString(), "0,0,0,1,0");
    }

    @Test
    void extensionCallsGoThroughCometAndEmitWithItsAddress() {
        long at = market.deployedAt();
        assertThat(ok(new CometCall.Approve(ALICE, BOB, MAX), at))
                .containsExactly(Log.of(market.comet(), "Approval", ALICE, BOB, MAX));
        // allow(manager, false) is an approval of 0 (true: of uint256 max)
        assertThat(ok(new CometCall.Allow(ALICE, BOB, false), at))
                .containsExactly(Log.of(market.comet(), "Approval", ALICE, BOB, BigInteger.ZERO));
        // CometExt's own error, bubbled up through Comet's fallback
        assertThat(reverts(new CometCall.Approve(ALICE, BOB, BigInteger.valueOf(5)), at))
                .isEqualTo(new EvmRevert.CustomError("BadAmount"));
    }

    @Test
    void revertsDecodeToTheirReasons() {
        long at = market.deployedAt();
        Address base = market.baseToken();
        assertThat(reverts(new CometCall.Withdraw(BOB, base, e(100, 6)), at))
                .isEqualTo(new EvmRevert.CustomError("NotCollateralized"));
        assertThat(reverts(new CometCall.Withdraw(BOB, base, BigInteger.ONE), at))
                .isEqualTo(new EvmRevert.CustomError("BorrowTooSmall"));
        assertThat(reverts(new CometCall.Pause(BOB, true, true, true, true, true), at))
                .isEqualTo(new EvmRevert.CustomError("Unauthorized"));
        assertThat(reverts(new CometCall.Absorb(BOB, BOB, List.of(ALICE, BOB)), at))
                .isEqualTo(new EvmRevert.CustomError("NotLiquidatable"));
        assertThat(reverts(new CometCall.InitializeStorage(BOB), at))
                .isEqualTo(new EvmRevert.CustomError("AlreadyInitialized"));
        assertThat(reverts(new CometCall.TokenTransfer(BOB, base, ALICE, BigInteger.ONE), at))
                .isEqualTo(new EvmRevert.ErrorString("ERC20: transfer amount exceeds balance"));
        // supply without allowance: the token's require, through Comet's transferFrom
        ok(new CometCall.TokenAllocate(BOB, base, BOB, E6), at);
        assertThat(reverts(new CometCall.Supply(BOB, base, E6), at))
                .isEqualTo(new EvmRevert.ErrorString("ERC20: transfer amount exceeds allowance"));
        // sent anyway, a reverting transaction is mined with status 0
        AnvilChain.Receipt sent = started.get().send(BOB, market.comet(), AbiCodec.encodeCall("initializeStorage()"));
        assertThat(sent.success()).isFalse();
        assertThat(sent.logs()).isEmpty();
    }

    @Test
    void aCollateralWithdrawAboveTheBalanceUnderflows() {
        long at = market.deployedAt();
        fund(ALICE, collateral(), E18, at);
        assertThat(reverts(new CometCall.Withdraw(ALICE, collateral(), E18.add(BigInteger.ONE)), at))
                .isEqualTo(EvmRevert.OVERFLOW);
        assertThat(ok(new CometCall.Withdraw(ALICE, collateral(), E18), at))
                .containsExactly(
                        Log.of(collateral(), "Transfer", market.comet(), ALICE, E18),
                        Log.of(market.comet(), "WithdrawCollateral", ALICE, ALICE, collateral(), E18));
    }

    @Test
    void viewsAccrueToTheTimestampTheyAreReadAt() {
        long t0 = market.deployedAt(); // no time elapsed since initializeStorage: the indices stay 1e15
        long t1 = t0 + YEAR;
        Address base = market.baseToken();
        fund(ALICE, base, e(10_000, 6), t0);
        fund(BOB, collateral(), E18, t0);
        assertThat(ok(new CometCall.Withdraw(BOB, base, e(1_000, 6)), t0))
                .containsExactly(
                        Log.of(base, "Transfer", market.comet(), BOB, e(1_000, 6)),
                        Log.of(market.comet(), "Withdraw", BOB, BOB, e(1_000, 6)));

        List<ViewCall> views = List.of(
                view(
                        "totalsBasic",
                        "comet",
                        "totalsBasic()",
                        List.of(),
                        "uint64",
                        "uint64",
                        "uint64",
                        "uint64",
                        "uint104",
                        "uint104",
                        "uint40",
                        "uint8"),
                view("balanceOf(alice)", "comet", "balanceOf(address)", List.of(ALICE), "uint256"),
                view("getReserves", "comet", "getReserves()", List.of(), "int256"));

        // utilization 10%: per-second rates as the constructor truncates them, then mulFactor
        BigInteger supplyRate =
                e(5, 16).divide(BigInteger.valueOf(YEAR)).multiply(e(1, 17)).divide(E18);
        BigInteger borrowRate = e(5, 15).divide(BigInteger.valueOf(YEAR))
                .add(e(1, 17).divide(BigInteger.valueOf(YEAR))
                        .multiply(e(1, 17))
                        .divide(E18));
        BigInteger supplyIndex = E15.add(
                E15.multiply(supplyRate.multiply(BigInteger.valueOf(YEAR))).divide(E18));
        BigInteger borrowIndex = E15.add(
                E15.multiply(borrowRate.multiply(BigInteger.valueOf(YEAR))).divide(E18));
        BigInteger aliceAfterAYear = e(10_000, 6).multiply(supplyIndex).divide(E15);
        BigInteger reservesAfterAYear = e(9_000, 6)
                .subtract(aliceAfterAYear)
                .add(e(1_000, 6).multiply(borrowIndex).divide(E15));

        String totalsAtT0 = "1000000000000000,1000000000000000,0,0,10000000000,1000000000," + t0 + ",0";
        assertThat(market.read(views, t0)).containsExactly(totalsAtT0, "10000000000", "0");
        // the same state read a year later: stored totals unchanged, accrued views grown
        assertThat(market.read(views, t1))
                .containsExactly(totalsAtT0, aliceAfterAYear.toString(), reservesAfterAYear.toString());
        assertThat(aliceAfterAYear).isGreaterThan(e(10_000, 6));

        // a transaction at t1 accrues to exactly t1
        ok(new CometCall.AccrueAccount(BOB, ALICE), t1);
        List<String> after = market.read(views, t1);
        assertThat(after.get(0))
                .isEqualTo(supplyIndex + "," + borrowIndex + ",0,0,10000000000,1000000000," + t1 + ",0");
        assertThat(after.subList(1, 3)).containsExactly(aliceAfterAYear.toString(), reservesAfterAYear.toString());
    }

    @Test
    void pricesAreSetAtTheirTimestamp() {
        long at = market.deployedAt() + 100;
        market.setPrice(market.collateralFeeds().get(0), e(1500, 8), at);
        ViewCall price = view(
                "price",
                "comet",
                "getPrice(address)",
                List.of(market.collateralFeeds().get(0)),
                "uint256");
        ViewCall round = view(
                "round",
                market.collateralFeeds().get(0).hex(),
                "latestRoundData()",
                List.of(),
                "uint80",
                "int256",
                "uint256",
                "uint256",
                "uint80");
        assertThat(market.read(List.of(price, round), at))
                .containsExactly("150000000000", "1,150000000000," + at + "," + at + ",1");
        market.setPrice(market.collateralFeeds().get(0), BigInteger.ZERO, at);
        assertThat(market.read(List.of(price), at)).containsExactly("revert CustomError[name=BadPrice]");
        assertThat(started.get().latestTimestamp()).isEqualTo(at);
    }

    @Test
    void actionsMayShareATimestampButNotGoBack() {
        long at = market.deployedAt() + 50;
        AnvilChain chain = started.get();
        ok(new CometCall.AccrueAccount(ALICE, ALICE), at);
        ok(new CometCall.AccrueAccount(ALICE, ALICE), at); // a second block with the same timestamp
        assertThat(chain.latestTimestamp()).isEqualTo(at);
        // a revert mines nothing, and does not hold the time: a later action may use any time from the latest block's
        reverts(new CometCall.InitializeStorage(ALICE), at + 1_000);
        ok(new CometCall.AccrueAccount(ALICE, ALICE), at + 1);
        assertThat(chain.latestTimestamp()).isEqualTo(at + 1);
        assertThatThrownBy(() -> market.execute(new CometCall.AccrueAccount(ALICE, ALICE), at))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not be before the latest block's");
        // reads are not bound to the chain's time
        assertThat(market.read(
                        List.of(view(
                                "totalsBasic",
                                "comet",
                                "totalsBasic()",
                                List.of(),
                                "uint64",
                                "uint64",
                                "uint64",
                                "uint64",
                                "uint104",
                                "uint104",
                                "uint40",
                                "uint8")),
                        market.deployedAt()))
                .singleElement()
                .asString()
                .endsWith("," + (at + 1) + ",0");
    }

    /** The anvil behaviour {@link CometChain} relies on, with a contract that returns its block's timestamp. */
    @Test
    void anvilTimingRules() {
        AnvilChain chain = started.get();
        Address clock = chain.deploy(CometChain.DEPLOYER, CLOCK);
        long latest = chain.latestTimestamp();
        long t = latest + 1_000;

        chain.setNextBlockTimestamp(t);
        assertThat(clockAt(chain, clock, "pending")).isEqualTo(t); // pending runs at the set timestamp
        assertThat(clockAt(chain, clock, "pending")).isEqualTo(t); // calls do not consume the setting
        assertThat(clockAt(chain, clock, "latest")).isEqualTo(latest);
        assertThat(timestamp(
                        chain.callAt(CometChain.DEPLOYER, clock, "0x", t + 7).get()))
                .isEqualTo(t + 7);

        chain.mine();
        assertThat(chain.latestTimestamp()).isEqualTo(t);
        assertThat(clockAt(chain, clock, "latest")).isEqualTo(t); // latest runs at the latest block's timestamp

        chain.setNextBlockTimestamp(t); // equal to the latest: allowed
        chain.mine();
        assertThat(chain.latestTimestamp()).isEqualTo(t);

        assertThatThrownBy(() -> chain.setNextBlockTimestamp(t - 1))
                .isInstanceOf(AnvilChain.RpcException.class)
                .hasMessageContaining("lower than previous block's timestamp");

        // base fee 0, gas price 0
        assertThat(chain.request("eth_getBlockByNumber", "latest", false)
                        .path("baseFeePerGas")
                        .asString())
                .isEqualTo("0x0");
    }

    private static long clockAt(AnvilChain chain, Address clock, String tag) {
        return timestamp(chain.call(CometChain.DEPLOYER, clock, "0x", tag).get());
    }

    private static long timestamp(String clockOutput) {
        return ((BigInteger) AbiCodec.decode(List.of("uint256", "uint256"), clockOutput)
                        .get(0))
                .longValueExact();
    }
}
