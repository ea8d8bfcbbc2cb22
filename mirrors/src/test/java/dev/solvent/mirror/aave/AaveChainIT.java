package dev.solvent.mirror.aave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The chain side of the Aave differential harness against hand-checked answers, for each version with test resources
 * (v3.3 and v3.7, each loaded into its own anvil on first use): a supply, a borrow, a price drop and a liquidation
 * with exact account data and events, reverts decoded into Aave's errors (v3.3's numeric strings, v3.7's custom
 * errors), and interest projected by views. Each test starts from the
 * freshly loaded market (a snapshot). Every action runs at the deployment's timestamp, so no interest accrues and
 * every number below follows from the configuration alone (prices 8 decimals: USDX 1, WETH 1,800; WETH and USDX: LTV
 * 82.50%, liquidation threshold 86%, bonus 105%, liquidation protocol fee 10% of the bonus). The two versions agree
 * on every number here but one health factor, which they round differently.
 */
class AaveChainIT {

    private static final BigInteger E6 = BigInteger.TEN.pow(6);
    private static final BigInteger E8 = BigInteger.TEN.pow(8);
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger RAY = BigInteger.TEN.pow(27);
    private static final BigInteger MAX = Word.UINT256_MAX;

    private static final Address ALICE = Address.ofNumber(0xA11CE);
    private static final Address BOB = Address.ofNumber(0xB0B);
    private static final Address CAROL = Address.ofNumber(0xCA201);

    /** Each version's market, loaded into its own anvil on first use, with the snapshot to go back to. */
    private static final Map<AaveChain.Version, Market> MARKETS = new EnumMap<>(AaveChain.Version.class);

    /** The market of the running test, its chain and its entry in {@link #MARKETS}: {@link #use} sets them. */
    private static AaveChain aave;

    private static Either<String, AnvilChain> started;
    private static Market current;

    private static final class Market {
        final Either<String, AnvilChain> started;
        final AaveChain aave;
        String snapshot;

        Market(AaveChain.Version version) {
            this.started = AnvilChain.start();
            this.aave = started.isRight() ? AaveChain.load(started.get(), version) : null;
            this.snapshot = started.isRight() ? started.get().snapshot() : null;
        }
    }

    /** Selects (loading it the first time) the market of {@code version}; skips without anvil. */
    private static void use(AaveChain.Version version) {
        current = MARKETS.computeIfAbsent(version, Market::new);
        started = current.started;
        assumeTrue(started.isRight(), () -> started.getLeft());
        aave = current.aave;
    }

    @AfterAll
    static void stop() {
        MARKETS.values().forEach(m -> m.started.forEach(AnvilChain::close));
    }

    @AfterEach
    void backToTheLoadedState() {
        if (current != null && current.started.isRight()) {
            current.started.get().revert(current.snapshot); // consumes the snapshot
            current.snapshot = current.started.get().snapshot();
        }
        current = null;
    }

    /** {@return the revert of an Aave error: v3.3's numeric string, v3.7's custom error} */
    private static EvmRevert aaveError(String v33Code, String v37Name) {
        return aave.version() == AaveChain.Version.V3_3
                ? new EvmRevert.ErrorString(v33Code)
                : new EvmRevert.CustomError(v37Name);
    }

    private static BigInteger e(long n, int decimals) {
        return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(decimals));
    }

    private static Address weth() {
        return aave.reserve("WETH").underlying();
    }

    private static Address usdx() {
        return aave.reserve("USDX").underlying();
    }

    private static List<Log> ok(Address from, Address to, String calldata) {
        Either<EvmRevert, List<Log>> result = aave.send(from, to, calldata, aave.deployedAt());
        assertThat(result.isRight()).as("%s reverted with %s", calldata, result).isTrue();
        return result.get();
    }

    private static EvmRevert reverts(Address from, Address to, String calldata) {
        Either<EvmRevert, List<Log>> result = aave.send(from, to, calldata, aave.deployedAt());
        assertThat(result.isLeft())
                .as("%s did not revert: %s", calldata, result)
                .isTrue();
        return result.getLeft();
    }

    /** Mints {@code amount} of {@code asset} to {@code user}, approves the Pool and supplies it all. */
    private static List<Log> supply(Address user, Address asset, BigInteger amount) {
        aave.mint(asset, user, amount);
        ok(user, asset, AaveChain.approve(aave.pool(), MAX));
        return ok(user, aave.pool(), AaveChain.supply(asset, amount, user));
    }

    private static String read(AaveChain.ViewCall view) {
        return aave.read(List.of(view), aave.deployedAt()).get(0);
    }

    private static String accountData(
            BigInteger collateral, BigInteger debt, BigInteger available, long lt, long ltv, BigInteger hf) {
        return collateral + "," + debt + "," + available + "," + lt + "," + ltv + "," + hf;
    }

    /** Alice supplies 10 WETH, Bob 100,000 USDX, Alice borrows 12,000 USDX. */
    private static void aliceBorrowsAgainstWeth() {
        supply(ALICE, weth(), e(10, 18));
        supply(BOB, usdx(), e(100_000, 6));
        ok(ALICE, aave.pool(), AaveChain.borrow(usdx(), e(12_000, 6), ALICE));
    }

    @ParameterizedTest
    @EnumSource(AaveChain.Version.class)
    void loadsTheMarketAsDeployed(AaveChain.Version version) {
        use(version);
        assertThat(aave.deployedAt()).isEqualTo(AnvilChain.GENESIS_TIMESTAMP);
        // by reserve id: v3.3's listing initialises GHO (without virtual accounting) before the other three
        if (version == AaveChain.Version.V3_3) {
            assertThat(aave.reserves().keySet()).containsExactly("GHO", "USDX", "WBTC", "WETH");
            assertThat(aave.reserves().values().stream().map(AaveChain.Reserve::decimals))
                    .containsExactly(18, 6, 8, 18);
            assertThat(aave.reserves().values().stream().map(AaveChain.Reserve::id))
                    .containsExactly(0, 1, 2, 3);
        } else {
            assertThat(aave.reserves().keySet()).containsExactly("USDX", "WBTC", "WETH");
            assertThat(aave.reserves().values().stream().map(AaveChain.Reserve::decimals))
                    .containsExactly(6, 8, 18);
            assertThat(aave.reserves().values().stream().map(AaveChain.Reserve::id))
                    .containsExactly(0, 1, 2);
        }
        AaveChain.Reserve weth = aave.reserve("WETH");
        JsonNode configuration = weth.entry().path("configuration");
        assertThat(List.of(
                        configuration.path("ltv").asInt(),
                        configuration.path("liquidationThreshold").asInt(),
                        configuration.path("liquidationBonus").asInt(),
                        configuration.path("reserveFactor").asInt(),
                        configuration.path("liquidationProtocolFee").asInt()))
                .containsExactly(8250, 8600, 10500, 1000, 1000);
        JsonNode rate = weth.entry().path("interestRate");
        assertThat(List.of(
                        rate.path("optimalUsageRatioBps").asInt(),
                        rate.path("baseVariableBorrowRateBps").asInt(),
                        rate.path("variableRateSlope1Bps").asInt(),
                        rate.path("variableRateSlope2Bps").asInt()))
                .containsExactly(4500, 0, 400, 6000);
        assertThat(aave.deployment().path("eModeCategories").size()).isEqualTo(2);

        List<String> read = aave.read(
                List.of(
                        aave.assetPrice(weth.underlying()),
                        aave.assetPrice(usdx()),
                        aave.reserveData(weth.underlying()),
                        aave.normalizedIncome(weth.underlying()),
                        aave.reserveDeficit(weth.underlying()),
                        aave.configuration(weth.underlying()),
                        AaveChain.totalSupply(weth.aToken())),
                aave.deployedAt());
        assertThat(read)
                .containsExactly(
                        e(1_800, 8).toString(),
                        E8.toString(),
                        String.join(
                                ",",
                                weth.entry().path("configurationBitmap").asString(),
                                RAY.toString(),
                                "0",
                                RAY.toString(),
                                "0",
                                "0",
                                Long.toString(aave.deployedAt()),
                                Integer.toString(weth.id()),
                                weth.aToken().hex(),
                                Address.ZERO.hex(),
                                weth.variableDebtToken().hex(),
                                weth.interestRateStrategy().hex(),
                                "0",
                                "0",
                                "0"),
                        RAY.toString(),
                        "0",
                        weth.entry().path("configurationBitmap").asString(),
                        "0");
    }

    @ParameterizedTest
    @EnumSource(AaveChain.Version.class)
    void supplyBorrowPriceDropAndLiquidation(AaveChain.Version version) {
        use(version);
        AaveChain.Reserve weth = aave.reserve("WETH");
        AaveChain.Reserve usdx = aave.reserve("USDX");
        Address pool = aave.pool();

        // the supply's events (SupplyLogic.executeSupply): the rates, the underlying moved to the aToken, the aToken
        // minted (Transfer, then Mint with the index), collateral enabled on a first supply, then Supply
        assertThat(supply(ALICE, weth(), e(10, 18)))
                .containsExactly(
                        Log.of(
                                pool,
                                "ReserveDataUpdated",
                                weth(),
                                BigInteger.ZERO,
                                BigInteger.ZERO,
                                BigInteger.ZERO,
                                RAY,
                                RAY),
                        Log.of(weth(), "Transfer", ALICE, weth.aToken(), e(10, 18)),
                        Log.of(weth.aToken(), "Transfer", Address.ZERO, ALICE, e(10, 18)),
                        Log.of(weth.aToken(), "Mint", ALICE, ALICE, e(10, 18), BigInteger.ZERO, RAY),
                        Log.of(pool, "ReserveUsedAsCollateralEnabled", weth(), ALICE),
                        Log.of(pool, "Supply", weth(), ALICE, ALICE, e(10, 18), BigInteger.ZERO));
        supply(BOB, usdx(), e(100_000, 6));
        ok(ALICE, pool, AaveChain.borrow(usdx(), e(12_000, 6), ALICE));

        // 10 WETH at 1,800 = 18,000 (8 decimals); debt 12,000; available 18,000 * 82.5% - 12,000 = 2,850;
        // HF = 18,000 * 86% / 12,000 = 1.29
        assertThat(read(aave.userAccountData(ALICE)))
                .isEqualTo(accountData(e(18_000, 8), e(12_000, 8), e(2_850, 8), 8600, 8250, e(129, 16)));
        // a healthy position cannot be liquidated: HEALTH_FACTOR_NOT_BELOW_THRESHOLD
        aave.mint(usdx(), CAROL, e(20_000, 6));
        ok(CAROL, usdx(), AaveChain.approve(pool, MAX));
        assertThat(reverts(CAROL, pool, AaveChain.liquidationCall(weth(), usdx(), ALICE, e(6_000, 6), false)))
                .isEqualTo(aaveError("45", "HealthFactorNotBelowThreshold"));

        // WETH to 1,300: collateral 13,000; HF = 11,180 / 12,000 = 0.931666..: v3.3 takes
        // percentMul(collateral, LT).wadDiv(debt), half up: ..667; v3.7 (GenericLogic.calculateUserAccountData)
        // wadDiv(sum of collateral x LT, debt), half up, then / 100_00, down: ..666
        aave.setPrice(weth(), e(1_300, 8));
        BigInteger hf = new BigInteger(version == AaveChain.Version.V3_3 ? "931666666666666667" : "931666666666666666");
        assertThat(read(aave.userAccountData(ALICE)))
                .isEqualTo(accountData(e(13_000, 8), e(12_000, 8), BigInteger.ZERO, 8600, 8250, hf));

        // HF <= 0.95: the whole debt may be liquidated; Carol covers 6,000 USDX.
        // base collateral = 6,000 / 1,300 WETH = 4.615384615384615384 (floor); with the 5% bonus (percentMul, half up)
        // 4.846153846153846153; bonus = that - percentDiv(that, 105%) = 0.230769230769230769; the protocol's 10% of
        // it = 0.023076923076923077 (half up) goes to the treasury in aWETH; Carol gets 4.823076923076923076 WETH.
        BigInteger seized = new BigInteger("4846153846153846153");
        BigInteger fee = new BigInteger("23076923076923077");
        BigInteger toCarol = seized.subtract(fee);
        List<Log> liquidated = ok(CAROL, pool, AaveChain.liquidationCall(weth(), usdx(), ALICE, e(6_000, 6), false));
        assertThat(liquidated)
                .contains(Log.of(pool, "LiquidationCall", weth(), usdx(), ALICE, e(6_000, 6), toCarol, CAROL, false));
        assertThat(liquidated.get(liquidated.size() - 1).event()).isEqualTo("LiquidationCall");
        // the fee moves as aTokens, from Alice to the treasury (BalanceTransfer in scaled units: the index is 1)
        assertThat(liquidated)
                .contains(Log.of(weth.aToken(), "BalanceTransfer", ALICE, aave.treasury(), fee, RAY))
                .contains(Log.of(weth(), "Transfer", weth.aToken(), CAROL, toCarol))
                .contains(Log.of(usdx(), "Transfer", CAROL, usdx.aToken(), e(6_000, 6)));

        // after: collateral 5.153846153846153847 WETH = 6,700 (floor); debt 6,000; HF = 5,762 / 6,000 = 0.96033..
        assertThat(aave.read(
                        List.of(
                                aave.userAccountData(ALICE),
                                AaveChain.balanceOf(weth.aToken(), ALICE),
                                AaveChain.balanceOf(weth.aToken(), aave.treasury()),
                                AaveChain.balanceOf(weth(), CAROL),
                                AaveChain.balanceOf(usdx.variableDebtToken(), ALICE),
                                AaveChain.scaledBalanceOf(usdx.variableDebtToken(), ALICE),
                                AaveChain.balanceOf(usdx(), CAROL),
                                aave.reserveDeficit(usdx())),
                        aave.deployedAt()))
                .containsExactly(
                        accountData(
                                e(6_700, 8),
                                e(6_000, 8),
                                BigInteger.ZERO,
                                8600,
                                8250,
                                new BigInteger("960333333333333333")),
                        e(10, 18).subtract(seized).toString(),
                        fee.toString(),
                        toCarol.toString(),
                        e(6_000, 6).toString(),
                        e(6_000, 6).toString(),
                        e(14_000, 6).toString(),
                        "0");
    }

    @ParameterizedTest
    @EnumSource(AaveChain.Version.class)
    void revertsDecodeToAaveErrorCodes(AaveChain.Version version) {
        use(version);
        Address pool = aave.pool();
        // supply of 0: INVALID_AMOUNT
        assertThat(reverts(ALICE, pool, AaveChain.supply(weth(), BigInteger.ZERO, ALICE)))
                .isEqualTo(aaveError("26", "InvalidAmount"));
        // no allowance: the token's own revert, bubbled up through the Pool (v3.7's TestnetERC20 is OpenZeppelin 5's)
        aave.mint(usdx(), CAROL, E6);
        boolean v33 = version == AaveChain.Version.V3_3;
        assertThat(reverts(CAROL, pool, AaveChain.supply(usdx(), E6, CAROL)))
                .isEqualTo(
                        v33
                                ? new EvmRevert.ErrorString("ERC20: transfer amount exceeds allowance")
                                : new EvmRevert.CustomError("ERC20InsufficientAllowance"));
        // a TestnetERC20 mints only for its owner
        assertThat(reverts(CAROL, usdx(), AbiCodec.encodeCall("mint(address,uint256)", CAROL, E6)))
                .isEqualTo(
                        v33
                                ? new EvmRevert.ErrorString("Ownable: caller is not the owner")
                                : new EvmRevert.CustomError("OwnableUnauthorizedAccount"));

        aliceBorrowsAgainstWeth();
        // above the LTV: COLLATERAL_CANNOT_COVER_NEW_BORROW
        assertThat(reverts(ALICE, pool, AaveChain.borrow(usdx(), e(2_851, 6), ALICE)))
                .isEqualTo(aaveError("36", "CollateralCannotCoverNewBorrow"));
        // HF below 1: HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD for a withdrawal and a borrow
        aave.setPrice(weth(), e(1_300, 8));
        assertThat(reverts(ALICE, pool, AaveChain.withdraw(weth(), E18, ALICE)))
                .isEqualTo(aaveError("35", "HealthFactorLowerThanLiquidationThreshold"));
        assertThat(reverts(ALICE, pool, AaveChain.borrow(usdx(), E6, ALICE)))
                .isEqualTo(aaveError("35", "HealthFactorLowerThanLiquidationThreshold"));
        // an eMode in which a borrowed asset is not borrowable (USDX is only collateral in GROUP_A):
        // NOT_BORROWABLE_IN_EMODE (v3.7: InvalidDebtInEmode(asset, id)); a category that does not exist:
        // INCONSISTENT_EMODE_CATEGORY
        assertThat(reverts(ALICE, pool, AaveChain.setUserEMode(1))).isEqualTo(aaveError("100", "InvalidDebtInEmode"));
        assertThat(reverts(ALICE, pool, AaveChain.setUserEMode(3)))
                .isEqualTo(aaveError("58", "InconsistentEModeCategory"));
        // a sent transaction that reverts is mined with status 0 and no logs
        AnvilChain.Receipt sent = started.get().send(ALICE, pool, AaveChain.withdraw(weth(), E18, ALICE));
        assertThat(sent.success()).isFalse();
        assertThat(sent.logs()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AaveChain.Version.class)
    void viewsAccrueInterestToTheTimestampTheyAreReadAt(AaveChain.Version version) {
        use(version);
        aliceBorrowsAgainstWeth();
        long later = aave.deployedAt() + 365L * 24 * 3600;
        List<String> now = aave.read(
                List.of(aave.normalizedVariableDebt(usdx()), aave.normalizedIncome(usdx())), aave.deployedAt());
        List<String> afterAYear =
                aave.read(List.of(aave.normalizedVariableDebt(usdx()), aave.normalizedIncome(usdx())), later);
        assertThat(now).containsExactly(RAY.toString(), RAY.toString());
        assertThat(new BigInteger(afterAYear.get(0))).isGreaterThan(new BigInteger(afterAYear.get(1)));
        assertThat(new BigInteger(afterAYear.get(1))).isGreaterThan(RAY);
        // a transaction a year later mints the accrued treasury share and moves lastUpdateTimestamp
        Either<EvmRevert, List<Log>> repaid = aave.send(ALICE, aave.pool(), AaveChain.repay(usdx(), E6, ALICE), later);
        assertThat(repaid.isLeft()).as("%s", repaid).isTrue(); // Alice has no USDX allowance for the Pool yet
        ok(ALICE, usdx(), AaveChain.approve(aave.pool(), MAX));
        assertThat(aave.send(ALICE, aave.pool(), AaveChain.repay(usdx(), E6, ALICE), later)
                        .isRight())
                .isTrue();
        List<Object> reserve = aave.values(aave.reserveData(usdx()), later).get();
        assertThat(reserve.get(6)).isEqualTo(BigInteger.valueOf(later));
        assertThat(reserve.get(3)).hasToString(afterAYear.get(0));
    }
}
