package dev.solvent.mirror.aave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.aave.AaveState.EModeCategory;
import dev.solvent.mirror.aave.AaveState.InterestRateData;
import dev.solvent.mirror.aave.AaveState.Reserve;
import dev.solvent.mirror.aave.AaveViews.UserAccountData;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.Word;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Known answers for the Aave v3 mirror, in both versions it follows: v3.3 ({@code aave-dao/aave-v3-origin} tag
 * v3.3.0, commit 5431379f, "@ v3.3" below) and v3.7 (commit fd1fbd91, "@ v3.7"). The math libraries' answers are
 * the ones Aave's own foundry tests assert ({@code tests/protocol/libraries/math/*.t.sol}, {@code
 * tests/misc/rates/RateStrategy.calculateRates.t.sol}); each test names its source. The Pool scenarios follow the
 * shape of Aave's pool tests ({@code tests/protocol/pool/Pool.Liquidations*.t.sol}, {@code Pool.EMode.sol}, ...), but
 * those derive their expectations from helpers at run time rather than writing numbers down, so the numbers here are
 * worked by hand from the Solidity's formulas, and each comment shows the working.
 *
 * <p>The market is the test market of the differential harness ({@code src/test/resources/aave/v3.3/README.md} and
 * v3.7's), built on the mirror: USDX (6 decimals, $1), WBTC (8, $27,000), WETH (18, $1,800) and in v3.3 GHO (18, no
 * virtual accounting) first; LTV 82.50%, liquidation threshold 86%, bonus 105%, liquidation protocol fee 10%, reserve
 * factor 10%, rates optimal 45% / base 0 / slope1 4% / slope2 60%; eMode 1 (95/96/101%) and 2 (96/97/101.5%) with
 * USDX collateral and WBTC borrowable. Prices are the oracle's 8-decimal answers. Every action runs at the
 * deployment's timestamp unless a test moves the clock, so the indexes are one ray and amounts follow from the
 * configuration alone.
 */
class AaveKnownAnswerTest {

    static final BigInteger MAX = Word.UINT256_MAX;
    static final BigInteger RAY = AaveMath.RAY;
    static final BigInteger VARIABLE = BigInteger.TWO;
    static final long YEAR = 365L * 24 * 3600;

    static final Address OWNER = Address.ofNumber(0x0A0A);
    static final Address ALICE = Address.ofNumber(0xA11CE);
    static final Address BOB = Address.ofNumber(0xB0B);
    static final Address CAROL = Address.ofNumber(0xCA201);

    static BigInteger big(String digits) {
        return new BigInteger(digits);
    }

    static BigInteger e(long n, int decimals) {
        return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(decimals));
    }

    /** Base-currency units (8 decimals) of {@code usd} dollars. */
    static BigInteger usd(long usd) {
        return e(usd, 8);
    }

    /** {@return the revert of an Aave error as {@code version} spells it} */
    static EvmRevert aaveError(AaveVersion version, String v33Code, String v37Name) {
        return version == AaveVersion.V3_3 ? new EvmRevert.ErrorString(v33Code) : new EvmRevert.CustomError(v37Name);
    }

    /** {@return what {@code math} reverts with} (fails when it returns) */
    static EvmRevert revertOf(Supplier<BigInteger> math) {
        try {
            BigInteger value = math.get();
            throw new AssertionError("returned " + value + " instead of reverting");
        } catch (RevertException e) {
            return e.revert();
        }
    }

    static UserAccountData accountData(
            BigInteger collateral, BigInteger debt, BigInteger available, long lt, long ltv, BigInteger hf) {
        return new UserAccountData(collateral, debt, available, BigInteger.valueOf(lt), BigInteger.valueOf(ltv), hf);
    }

    /**
     * A {@code ReserveConfigurationMap} word, laid out as {@code ReserveConfiguration} reads it: LTV bits 0-15,
     * liquidation threshold 16-31, bonus 32-47, decimals 48-55, active 56, borrowing enabled 58, flash loans 63,
     * reserve factor 64-79, liquidation protocol fee 152-167, virtual accounting 252.
     */
    static BigInteger configuration(
            int ltv, int lt, int bonus, int decimals, int reserveFactor, int fee, boolean flashLoans, boolean virtual) {
        BigInteger w = BigInteger.valueOf(ltv)
                .or(BigInteger.valueOf(lt).shiftLeft(16))
                .or(BigInteger.valueOf(bonus).shiftLeft(32))
                .or(BigInteger.valueOf(decimals).shiftLeft(48))
                .setBit(56)
                .setBit(58)
                .or(BigInteger.valueOf(reserveFactor).shiftLeft(64))
                .or(BigInteger.valueOf(fee).shiftLeft(152));
        w = flashLoans ? w.setBit(63) : w;
        return virtual ? w.setBit(252) : w;
    }

    /** The test market's default interest rate strategy data: optimal 45%, base 0, slope1 4%, slope2 60%. */
    static final InterestRateData MARKET_RATES = new InterestRateData(4500, 0, 400, 6000);

    /**
     * The test market on the mirror, and the calls of one test against it: {@link #ok} keeps the next state,
     * {@link #reverts} checks the call reverts and keeps the state.
     */
    static final class Market {
        static final long T0 = 1_700_000_000L;
        static final Address POOL = Address.ofNumber(0x9001);
        static final Address ORACLE = Address.ofNumber(0x9002);
        static final Address STRATEGY = Address.ofNumber(0x9003);
        static final Address TREASURY = Address.ofNumber(0x9004);
        static final List<String> ALL = List.of("GHO", "USDX", "WBTC", "WETH");

        final AaveVersion version;
        final List<String> symbols;
        AaveState state;
        AaveBlock block;

        Market(AaveVersion version) {
            this(version, MARKET_RATES);
        }

        /** The market, with {@code wethRates} as WETH's interest rate data. */
        Market(AaveVersion version, InterestRateData wethRates) {
            this.version = version;
            boolean v33 = version == AaveVersion.V3_3;
            // v3.3's listing initialises GHO first; v3.7's market has no GHO
            this.symbols = v33 ? ALL : ALL.subList(1, 4);
            List<Reserve> reserves = new ArrayList<>();
            List<Erc20> tokens = new ArrayList<>();
            Map<Address, BigInteger> answers = new LinkedHashMap<>();
            for (String s : symbols) {
                int id = id(s);
                int decimals = decimals(s);
                BigInteger word = s.equals("GHO")
                        ? configuration(0, 0, 0, 18, 1000, 0, false, false)
                        : configuration(8250, 8600, 10500, decimals, 1000, 1000, true, true);
                reserves.add(Reserve.listed(
                        id,
                        asset(s),
                        aToken(s),
                        debtToken(s),
                        STRATEGY,
                        TREASURY,
                        word,
                        s.equals("WETH") ? wethRates : MARKET_RATES,
                        T0));
                Erc20.Kind kind =
                        s.equals("WETH") ? Erc20.Kind.WETH9 : (v33 ? Erc20.Kind.TESTNET_OZ3 : Erc20.Kind.TESTNET_OZ5);
                tokens.add(Erc20.create(asset(s), kind, OWNER, decimals));
                answers.put(asset(s), price(s));
            }
            BigInteger usdxBit = BigInteger.ONE.shiftLeft(id("USDX"));
            BigInteger wbtcBit = BigInteger.ONE.shiftLeft(id("WBTC"));
            List<EModeCategory> categories = List.of(
                    new EModeCategory(1, 9500, 9600, 10100, usdxBit, wbtcBit, BigInteger.ZERO, false),
                    new EModeCategory(2, 9600, 9700, 10150, usdxBit, wbtcBit, BigInteger.ZERO, false));
            this.state = AaveState.create(version, POOL, ORACLE, reserves, categories, tokens);
            this.block = AaveBlock.of(T0, answers);
        }

        static int index(String symbol) {
            int i = ALL.indexOf(symbol);
            if (i < 0) {
                throw new IllegalArgumentException(symbol);
            }
            return i;
        }

        static Address asset(String symbol) {
            return Address.ofNumber(0x1000 + index(symbol));
        }

        static Address aToken(String symbol) {
            return Address.ofNumber(0x2000 + index(symbol));
        }

        static Address debtToken(String symbol) {
            return Address.ofNumber(0x3000 + index(symbol));
        }

        static int decimals(String symbol) {
            return switch (symbol) {
                case "USDX" -> 6;
                case "WBTC" -> 8;
                default -> 18;
            };
        }

        static BigInteger price(String symbol) {
            return switch (symbol) {
                case "WBTC" -> usd(27_000);
                case "WETH" -> usd(1_800);
                default -> usd(1);
            };
        }

        /** {@return the reserve id of {@code symbol} in this version's market} */
        int id(String symbol) {
            return symbols.indexOf(symbol);
        }

        boolean v33() {
            return version == AaveVersion.V3_3;
        }

        EvmRevert error(String v33Code, String v37Name) {
            return aaveError(version, v33Code, v37Name);
        }

        AaveReceipt ok(AaveCall call) {
            Either<EvmRevert, AaveReceipt> r = Aave.execute(state, call, block);
            assertThat(r.isRight()).as("%s reverted with %s", call, r).isTrue();
            state = r.get().state();
            return r.get();
        }

        EvmRevert reverts(AaveCall call) {
            AaveState before = state;
            Either<EvmRevert, AaveReceipt> r = Aave.execute(state, call, block);
            assertThat(r.isLeft()).as("%s did not revert: %s", call, r).isTrue();
            assertThat(state).isSameAs(before);
            return r.getLeft();
        }

        void setPrice(String symbol, BigInteger answer) {
            block = block.withAnswer(asset(symbol), answer);
        }

        void warp(long seconds) {
            block = block.at(block.timestamp() + seconds);
        }

        /** Mints {@code amount} to {@code to}: {@code mint} from the owner, or WETH9's {@code deposit()} by {@code to}. */
        void mint(String symbol, Address to, BigInteger amount) {
            Address sender = symbol.equals("WETH") ? to : OWNER;
            ok(new AaveCall.TokenMint(sender, asset(symbol), to, amount));
        }

        void approvePool(Address user, String symbol) {
            ok(new AaveCall.TokenApprove(user, asset(symbol), POOL, MAX));
        }

        /** Mints, approves the Pool and supplies {@code amount}. */
        void supply(Address user, String symbol, BigInteger amount) {
            mint(symbol, user, amount);
            approvePool(user, symbol);
            ok(new AaveCall.Supply(user, asset(symbol), amount, user, 0));
        }

        void borrow(Address user, String symbol, BigInteger amount) {
            ok(borrowCall(user, symbol, amount));
        }

        static AaveCall.Borrow borrowCall(Address user, String symbol, BigInteger amount) {
            return new AaveCall.Borrow(user, asset(symbol), amount, VARIABLE, 0, user);
        }

        /** A liquidator funded with {@code amount} of the debt asset and the Pool approved. */
        void fundLiquidator(Address liquidator, String symbol, BigInteger amount) {
            mint(symbol, liquidator, amount);
            approvePool(liquidator, symbol);
        }

        static AaveCall.LiquidationCall liquidation(
                Address liquidator,
                String collateral,
                String debt,
                Address user,
                BigInteger debtToCover,
                boolean receiveAToken) {
            return new AaveCall.LiquidationCall(
                    liquidator, asset(collateral), asset(debt), user, debtToCover, receiveAToken);
        }

        UserAccountData account(Address user) {
            return AaveViews.userAccountData(state, block, user).get();
        }

        BigInteger view(Address target, String signature, Object... args) {
            Either<EvmRevert, List<Object>> r = AaveViews.call(state, block, target, signature, List.of(args));
            assertThat(r.isRight()).as("%s reverted: %s", signature, r).isTrue();
            return (BigInteger) r.get().get(0);
        }

        BigInteger aBalance(String symbol, Address user) {
            return view(aToken(symbol), "balanceOf(address)", user);
        }

        BigInteger aScaled(String symbol, Address user) {
            return view(aToken(symbol), "scaledBalanceOf(address)", user);
        }

        BigInteger debtBalance(String symbol, Address user) {
            return view(debtToken(symbol), "balanceOf(address)", user);
        }

        BigInteger tokenBalance(String symbol, Address user) {
            return view(asset(symbol), "balanceOf(address)", user);
        }

        BigInteger deficit(String symbol) {
            return view(POOL, "getReserveDeficit(address)", asset(symbol));
        }

        Reserve reserve(String symbol) {
            return state.reserve(asset(symbol)).get();
        }

        boolean isCollateral(Address user, String symbol) {
            return state.userConfigOf(user).testBit(2 * id(symbol) + 1);
        }

        boolean isBorrowing(Address user, String symbol) {
            return state.userConfigOf(user).testBit(2 * id(symbol));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** The market the tests build is the deployed one: its configuration words are the chain's. */
    @Test
    void theBuiltConfigurationWordsAreTheDeployedMarketsBitmaps() {
        // deployment.json (v3.3 and v3.7 alike), "configurationBitmap" of each reserve, read back from the chain
        assertThat(new Market(AaveVersion.V3_3).reserve("GHO").configuration())
                .isEqualTo(big("18447109428229322047488"));
        for (AaveVersion v : AaveVersion.values()) {
            Market m = new Market(v);
            assertThat(m.reserve("USDX").configuration())
                    .isEqualTo(big("7237005577332262213973186568751985011653213565835679148720409013689733619770"));
            assertThat(m.reserve("WBTC").configuration())
                    .isEqualTo(big("7237005577332262213973186568751985011653213565835679148720409576639687041082"));
            assertThat(m.reserve("WETH").configuration())
                    .isEqualTo(big("7237005577332262213973186568751985011653213565835679148720412391389454147642"));
        }
    }

    @Nested
    class WadRayMathTSol {

        // WadRayMath.t.sol, test_rayMul @ v3.3 and v3.7
        @Test
        void rayMulRoundsHalfUp() {
            assertThat(AaveMath.rayMul(big("2500000000000000000000000000"), big("500000000000000000000000000")))
                    .isEqualTo(big("1250000000000000000000000000"));
            assertThat(AaveMath.rayMul(big("412200000000000000000000000000"), RAY))
                    .isEqualTo(big("412200000000000000000000000000"));
            assertThat(AaveMath.rayMul(e(6, 27), e(2, 27))).isEqualTo(e(12, 27));
            // by hand: 1 * 0.5e27 / 1e27 = 0.5 rounds up to 1; 1 * (0.5e27 - 1) / 1e27 rounds down to 0
            assertThat(AaveMath.rayMul(BigInteger.ONE, RAY.shiftRight(1))).isEqualTo(BigInteger.ONE);
            assertThat(AaveMath.rayMul(BigInteger.ONE, RAY.shiftRight(1).subtract(BigInteger.ONE)))
                    .isZero();
        }

        // WadRayMath.t.sol, test_rayDiv and test_wadDiv @ v3.3 and v3.7
        @Test
        void rayDivAndWadDivRoundHalfUp() {
            assertThat(AaveMath.rayDiv(big("2500000000000000000000000000"), big("500000000000000000000000000")))
                    .isEqualTo(e(5, 27));
            assertThat(AaveMath.rayDiv(big("412200000000000000000000000000"), RAY))
                    .isEqualTo(big("412200000000000000000000000000"));
            // 8.745 / 0.67 = 13.0522388059701492537313432835..., the 28th digit rounds up
            assertThat(AaveMath.rayDiv(big("8745000000000000000000000000"), big("670000000000000000000000000")))
                    .isEqualTo(big("13052238805970149253731343284"));
            assertThat(AaveMath.rayDiv(e(6, 27), e(2, 27))).isEqualTo(e(3, 27));
            assertThat(AaveMath.wadDiv(big("2500000000000000000"), big("500000000000000000")))
                    .isEqualTo(e(5, 18));
            assertThat(AaveMath.wadDiv(big("8745000000000000000"), big("670000000000000000")))
                    .isEqualTo(big("13052238805970149254"));
            assertThat(AaveMath.wadDiv(e(6, 18), e(2, 18))).isEqualTo(e(3, 18));
        }

        // WadRayMath.t.sol, test_wadToRay @ v3.3 and v3.7
        @Test
        void wadToRayScalesByOneBillion() {
            assertThat(AaveMath.wadToRay(e(1, 18))).isEqualTo(RAY);
            assertThat(AaveMath.wadToRay(big("412200000000000000000")))
                    .isEqualTo(big("412200000000000000000000000000"));
            assertThat(AaveMath.wadToRay(BigInteger.ZERO)).isZero();
        }

        // WadRayMath.t.sol @ v3.7: testRayMulFloor_Exact, _Truncation, _Zero; testRayMulCeil_Exact, _WithCeil, _Zero
        @Test
        void rayMulFloorAndCeilRoundByDirection() {
            assertThat(AaveMath.rayMulFloor(RAY, e(5, 27))).isEqualTo(e(5, 27));
            assertThat(AaveMath.rayMulFloor(BigInteger.valueOf(3), BigInteger.valueOf(5)))
                    .isZero(); // 15 / RAY
            assertThat(AaveMath.rayMulFloor(BigInteger.ZERO, BigInteger.valueOf(123)))
                    .isZero();
            assertThat(AaveMath.rayMulFloor(BigInteger.valueOf(123), BigInteger.ZERO))
                    .isZero();
            assertThat(AaveMath.rayMulCeil(RAY, e(5, 27))).isEqualTo(e(5, 27));
            assertThat(AaveMath.rayMulCeil(BigInteger.valueOf(3), BigInteger.valueOf(5)))
                    .isEqualTo(BigInteger.ONE); // 15 / RAY, up
            assertThat(AaveMath.rayMulCeil(BigInteger.ZERO, BigInteger.valueOf(123)))
                    .isZero();
            assertThat(AaveMath.rayMulCeil(BigInteger.valueOf(123), BigInteger.ZERO))
                    .isZero();
        }

        // WadRayMath.t.sol @ v3.7: testRayDivCeil_Exact, _WithCeil, _ZeroNumerator; testRayDivFloor_Exact,
        // _Truncation, _ZeroNumerator
        @Test
        void rayDivFloorAndCeilRoundByDirection() {
            assertThat(AaveMath.rayDivCeil(RAY, RAY)).isEqualTo(RAY);
            assertThat(AaveMath.rayDivCeil(BigInteger.valueOf(5), BigInteger.valueOf(3)))
                    .isEqualTo(big("1666666666666666666666666667"));
            assertThat(AaveMath.rayDivCeil(BigInteger.ZERO, BigInteger.valueOf(123)))
                    .isZero();
            assertThat(AaveMath.rayDivFloor(RAY, RAY)).isEqualTo(RAY);
            assertThat(AaveMath.rayDivFloor(BigInteger.valueOf(5), BigInteger.valueOf(3)))
                    .isEqualTo(big("1666666666666666666666666666"));
            assertThat(AaveMath.rayDivFloor(BigInteger.ZERO, BigInteger.valueOf(123)))
                    .isZero();
            // and the half-up rayDiv of the same: 1.666...6.67 rounds up at the half
            assertThat(AaveMath.rayDiv(BigInteger.valueOf(5), BigInteger.valueOf(3)))
                    .isEqualTo(big("1666666666666666666666666667"));
        }

        // WadRayMath.t.sol @ v3.7: test_rayMul_revertOnOverflow, test_rayDiv_revertOnDivByZero,
        // test_rayDiv_revertOnOverflow, test_wadDiv_revertOnDivByZero, test_wadDiv_revertOnOverflow,
        // test_wadToRay_revertOnOverflow, testRayMulFloor/Ceil_RevertOnOverflow, testRayDivCeil/Floor_RevertOnDivByZero
        // and _RevertOnOverflow. The guards are assembly revert(0, 0): an empty revert, not a Panic.
        @Test
        void overflowAndDivisionByZeroAreEmptyReverts() {
            BigInteger two = BigInteger.TWO;
            EvmRevert empty = new EvmRevert.Empty();
            assertThat(revertOf(() -> AaveMath.rayMul(MAX, two))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayDiv(RAY, BigInteger.ZERO))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayDiv(MAX, BigInteger.ONE))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.wadDiv(e(1, 18), BigInteger.ZERO)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.wadDiv(MAX, BigInteger.ONE))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.wadToRay(MAX))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayMulFloor(MAX, two))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayMulCeil(MAX, two))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayDivCeil(BigInteger.valueOf(100), BigInteger.ZERO)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayDivCeil(MAX, BigInteger.ONE))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayDivFloor(BigInteger.valueOf(100), BigInteger.ZERO)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.rayDivFloor(MAX, BigInteger.ONE)))
                    .isEqualTo(empty);
        }

        // WadRayMath.t.sol, test_wadDiv_fuzzing @ v3.3: reverts iff b == 0 or a > (max - b/2) / WAD; the guard's
        // edge by hand: a = (max - b/2) / WAD passes, a + 1 reverts (with b = 3, b/2 = 1)
        @Test
        void theHalfUpGuardSitsExactlyWhereTheFuzzTestPutsIt() {
            BigInteger b = BigInteger.valueOf(3);
            BigInteger edge = MAX.subtract(BigInteger.ONE).divide(AaveMath.WAD);
            assertThat(AaveMath.wadDiv(edge, b))
                    .isEqualTo(edge.multiply(AaveMath.WAD).add(BigInteger.ONE).divide(b));
            assertThat(revertOf(() -> AaveMath.wadDiv(edge.add(BigInteger.ONE), b)))
                    .isEqualTo(new EvmRevert.Empty());
            // rayMul's: a <= (max - HALF_RAY) / b; the floor variant allows up to max / b, past the half-up edge
            BigInteger halfUpEdge = MAX.subtract(RAY.shiftRight(1)).divide(BigInteger.TEN);
            assertThat(AaveMath.rayMul(halfUpEdge, BigInteger.TEN))
                    .isEqualTo(halfUpEdge
                            .multiply(BigInteger.TEN)
                            .add(RAY.shiftRight(1))
                            .divide(RAY));
            assertThat(revertOf(() -> AaveMath.rayMul(halfUpEdge.add(BigInteger.ONE), BigInteger.TEN)))
                    .isEqualTo(new EvmRevert.Empty());
            assertThat(AaveMath.rayMulFloor(halfUpEdge.add(BigInteger.ONE), BigInteger.TEN))
                    .isEqualTo(halfUpEdge
                            .add(BigInteger.ONE)
                            .multiply(BigInteger.TEN)
                            .divide(RAY));
        }
    }

    @Nested
    class PercentageMathTSol {

        // PercentageMath.t.sol, test_percentMul and test_percentDiv @ v3.3 and v3.7
        @Test
        void percentMulAndPercentDivRoundHalfUp() {
            assertThat(AaveMath.percentMul(e(1, 18), BigInteger.valueOf(50_00))).isEqualTo(big("500000000000000000"));
            assertThat(AaveMath.percentMul(big("14251500000000000000"), BigInteger.valueOf(74_42)))
                    .isEqualTo(big("10605966300000000000"));
            assertThat(AaveMath.percentMul(big("9087312000000000000000000000000000"), BigInteger.valueOf(13_33)))
                    .isEqualTo(big("1211338689600000000000000000000000"));
            assertThat(AaveMath.percentDiv(e(1, 18), BigInteger.valueOf(50_00))).isEqualTo(e(2, 18));
            assertThat(AaveMath.percentDiv(big("14251500000000000000"), BigInteger.valueOf(74_42)))
                    .isEqualTo(big("19150094060736361193"));
            assertThat(AaveMath.percentDiv(big("9087312000000000000000000000000000"), BigInteger.valueOf(13_33)))
                    .isEqualTo(big("68171882970742685671417854463615904"));
            // by hand: 1 * 5000 / 10000 = 0.5 rounds up, 1 * 4999 / 10000 down
            assertThat(AaveMath.percentMul(BigInteger.ONE, BigInteger.valueOf(5000)))
                    .isEqualTo(BigInteger.ONE);
            assertThat(AaveMath.percentMul(BigInteger.ONE, BigInteger.valueOf(4999)))
                    .isZero();
        }

        // PercentageMath.t.sol @ v3.7: testPercentMulCeil_Exact, _WithRoundingUp, _ZeroValueOrPercent;
        // testPercentMulFloor_Exact, _WithTruncation, _ZeroInputs; testPercentDivFloor_Exact, _WithTruncation;
        // testPercentDivCeil_Exact, _WithCeilNeeded
        @Test
        void floorAndCeilVariantsRoundByDirection() {
            BigInteger hundred = e(100, 18);
            BigInteger full = AaveMath.PERCENTAGE_FACTOR;
            BigInteger one = BigInteger.ONE;
            assertThat(AaveMath.percentMulCeil(hundred, full)).isEqualTo(hundred);
            assertThat(AaveMath.percentMulCeil(one, one)).isEqualTo(one);
            assertThat(AaveMath.percentMulCeil(BigInteger.ZERO, BigInteger.valueOf(100)))
                    .isZero();
            assertThat(AaveMath.percentMulCeil(BigInteger.valueOf(100), BigInteger.ZERO))
                    .isZero();
            assertThat(AaveMath.percentMulFloor(hundred, full)).isEqualTo(hundred);
            assertThat(AaveMath.percentMulFloor(one, one)).isZero();
            assertThat(AaveMath.percentMulFloor(BigInteger.ZERO, BigInteger.valueOf(1234)))
                    .isZero();
            assertThat(AaveMath.percentMulFloor(BigInteger.valueOf(1234), BigInteger.ZERO))
                    .isZero();
            assertThat(AaveMath.percentDivFloor(hundred, full)).isEqualTo(hundred);
            assertThat(AaveMath.percentDivFloor(BigInteger.valueOf(5), BigInteger.valueOf(3)))
                    .isEqualTo(BigInteger.valueOf(16666));
            assertThat(AaveMath.percentDivCeil(hundred, full)).isEqualTo(hundred);
            assertThat(AaveMath.percentDivCeil(BigInteger.valueOf(5), BigInteger.valueOf(3)))
                    .isEqualTo(BigInteger.valueOf(16667));
            // the half-up percentDiv of the same: 16666.67 rounds up
            assertThat(AaveMath.percentDiv(BigInteger.valueOf(5), BigInteger.valueOf(3)))
                    .isEqualTo(BigInteger.valueOf(16667));
        }

        // PercentageMath.t.sol @ v3.7: test_percentMul_revertOnOverflow, test_percentDiv_revertOnDivByZero,
        // test_percentDiv_revertOnOverflow, testPercentMulCeil/Floor_RevertOnOverflow,
        // testPercentDivFloor/Ceil_RevertOnDivByZero and _RevertOnOverflow: all assembly revert(0, 0)
        @Test
        void overflowAndDivisionByZeroAreEmptyReverts() {
            BigInteger two = BigInteger.TWO;
            EvmRevert empty = new EvmRevert.Empty();
            assertThat(revertOf(() -> AaveMath.percentMul(MAX, two))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentDiv(e(1, 18), BigInteger.ZERO)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentDiv(MAX, BigInteger.ONE))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentMulCeil(MAX, two))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentMulFloor(MAX, two))).isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentDivFloor(BigInteger.valueOf(1234), BigInteger.ZERO)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentDivFloor(MAX, BigInteger.ONE)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentDivCeil(BigInteger.valueOf(1234), BigInteger.ZERO)))
                    .isEqualTo(empty);
            assertThat(revertOf(() -> AaveMath.percentDivCeil(MAX, BigInteger.ONE)))
                    .isEqualTo(empty);
        }
    }

    @Nested
    class MathUtilsTSol {

        // MathUtils.t.sol @ v3.7: testMulDivCeil_WithRemainder, _NoRemainder, _ZeroAOrB, _RevertOnDivByZero,
        // _RevertOnOverflow
        @Test
        void mulDivCeil() {
            BigInteger five = BigInteger.valueOf(5);
            BigInteger ten = BigInteger.TEN;
            assertThat(AaveMath.mulDivCeil(five, five, BigInteger.valueOf(3))).isEqualTo(BigInteger.valueOf(9));
            assertThat(AaveMath.mulDivCeil(BigInteger.valueOf(12), BigInteger.valueOf(6), BigInteger.valueOf(4)))
                    .isEqualTo(BigInteger.valueOf(18));
            assertThat(AaveMath.mulDivCeil(BigInteger.ZERO, ten, five)).isZero();
            assertThat(AaveMath.mulDivCeil(ten, BigInteger.ZERO, five)).isZero();
            assertThat(revertOf(() -> AaveMath.mulDivCeil(ten, ten, BigInteger.ZERO)))
                    .isEqualTo(new EvmRevert.Empty());
            assertThat(revertOf(() -> AaveMath.mulDivCeil(MAX, BigInteger.TWO, BigInteger.ONE)))
                    .isEqualTo(new EvmRevert.Empty());
        }

        // MathUtils.t.sol, test_calculateLinearInterest @ v3.3 (100.05% for half a year: 1 + 1.0005 / 2) and @ v3.7
        // (8% for 7 years: 1 + 0.56)
        @Test
        void linearInterest() {
            assertThat(AaveMath.linearInterest(big("1000500000000000000000000000"), 0, YEAR / 2))
                    .isEqualTo(big("1500250000000000000000000000"));
            assertThat(AaveMath.linearInterest(big("80000000000000000000000000"), 0, 7 * YEAR))
                    .isEqualTo(big("1560000000000000000000000000"));
        }

        // MathUtils.t.sol, test_calculateCompoundInterest_1/_2 @ v3.3: 100.05% for half a year gives exactly
        // 1.646239361880034706419516 (the three-term binomial in seconds). v3.7's 1 + x + x^2/2 + x^3/6 with
        // x = 1.0005 * 15,768,000 / 31,536,000 = 0.50025 (by hand: x/6 = 0.083375, x * x/6 = 0.04170834375,
        // x/2 + that = 0.29183334375, x * that = 0.1459896302109375) gives 1.6462396302109375.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void compoundedInterestForHalfAYearAtOneHundredPercent(AaveVersion v) {
            BigInteger expected =
                    v == AaveVersion.V3_3 ? big("1646239361880034706419516000") : big("1646239630210937500000000000");
            assertThat(AaveMath.compoundedInterest(v, big("1000500000000000000000000000"), 0, YEAR / 2))
                    .isEqualTo(expected);
        }

        // MathUtils.t.sol, test_calculateCompoundInterest_1/_2 @ v3.7 (8% for 7 years, within 0.3% of
        // e^0.56 = 1.7506725...): exactly, x = 0.56, x/6 = 0.0933...3 (27 digits, down), rayMul(x, x/6) =
        // 0.052266...6 (half up), + x/2 = 0.332266...6, rayMul(x, that) = 0.186069333...3 (half up at ...2.96),
        // 1 + 0.56 + that = 1.746069333333333333333333333. v3.3's binomial gives 1.745486836363624056433536 for the
        // same rate and time (0.29% under e^0.56 too, further than v3.7's 0.26%).
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void compoundedInterestForSevenYearsAtEightPercent(AaveVersion v) {
            BigInteger expected =
                    v == AaveVersion.V3_3 ? big("1745486836363624056433536000") : big("1746069333333333333333333333");
            assertThat(AaveMath.compoundedInterest(v, big("80000000000000000000000000"), 0, 7 * YEAR))
                    .isEqualTo(expected);
        }

        // MathUtils.t.sol, test_calculateCompoundInterest_shouldNotOverflow @ v3.7: 100,000% for 10,000 years in the
        // unchecked block gives 166666716666676666667666666666666600000000000000; and _edge: no time, one ray
        @Test
        void compoundedInterestV37DoesNotOverflowAndIsOneRayWithoutTime() {
            assertThat(AaveMath.compoundedInterest(AaveVersion.V3_7, e(1000, 27), 0, 10_000 * YEAR))
                    .isEqualTo(big("166666716666676666667666666666666600000000000000"));
            for (AaveVersion v : AaveVersion.values()) {
                assertThat(AaveMath.compoundedInterest(v, big("80000000000000000000000000"), 7 * YEAR, 7 * YEAR))
                        .isEqualTo(RAY);
            }
        }
    }

    @Nested
    class InterestRateStrategy {

        // The market's strategy at 12% usage (AaveChainIT's position: Alice borrows 12,000 of Bob's 100,000 USDX):
        // below the optimal 45%, borrow rate = slope1 * usage / optimal = 4% * 0.12 / 0.45 = 1.0666...67% (rayDiv
        // half up); liquidity rate = borrow rate * usage * (1 - 10% reserve factor) = 0.1152%.
        // DefaultReserveInterestRateStrategyV2.calculateInterestRates, the formula of the docs' "Interest Rate Model"
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void belowTheOptimalUsageTheBorrowRateRisesAlongSlopeOne(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WETH", e(10, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(12_000, 6));
            assertThat(m.reserve("USDX").currentVariableBorrowRate()).isEqualTo(big("10666666666666666666666667"));
            assertThat(m.reserve("USDX").currentLiquidityRate()).isEqualTo(big("1152000000000000000000000"));
            assertThat(m.reserve("USDX").virtualUnderlyingBalance()).isEqualTo(e(88_000, 6));
            // WETH is supplied, not borrowed: no debt, base rate 0 and no liquidity rate
            assertThat(m.reserve("WETH").currentVariableBorrowRate()).isZero();
            assertThat(m.reserve("WETH").currentLiquidityRate()).isZero();
        }

        // At the optimal usage (45,000 of 100,000): borrow rate = slope1 = 4%, liquidity rate = 4% * 0.45 * 0.9 =
        // 1.62%; at 90%: excess = (0.9 - 0.45) / 0.55 = 0.8181...82 (half up), borrow rate = 4% + 60% * excess =
        // 53.0909...091%, liquidity rate = that * 0.9 * 0.9 = 43.0036...364%.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void atAndAboveTheOptimalUsage(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WETH", e(70, 18)); // $126,000, LTV room $103,950
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(45_000, 6));
            assertThat(m.reserve("USDX").currentVariableBorrowRate()).isEqualTo(big("40000000000000000000000000"));
            assertThat(m.reserve("USDX").currentLiquidityRate()).isEqualTo(big("16200000000000000000000000"));
            m.borrow(ALICE, "USDX", e(45_000, 6));
            assertThat(m.reserve("USDX").currentVariableBorrowRate()).isEqualTo(big("530909090909090909090909091"));
            assertThat(m.reserve("USDX").currentLiquidityRate()).isEqualTo(big("430036363636363636363636364"));
        }

        // RateStrategy.calculateRates.t.sol, test_calculate_rates_80_percent_usage and
        // test_calculate_rates_100_percent_usage @ v3.3 and v3.7: optimal 80%, base 1%, slope1 4%, slope2 60%; total
        // debt 0.8e18 against 0.2e18 of virtual balance gives base + slope1 = 5% and a liquidity rate of
        // 5% .percentMul(80%) .percentMul(90%) = 3.6%; the whole supply borrowed gives 1 + 4 + 60 = 65% and
        // 65% .percentMul(90%) = 58.5%. Here the same inputs come from a borrow on WETH (18 decimals).
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void theAaveTestsEightyAndHundredPercentUsage(AaveVersion v) {
            Market m = new Market(v, new InterestRateData(8000, 100, 400, 6000));
            m.supply(BOB, "WETH", e(1, 18));
            m.supply(ALICE, "USDX", e(100_000, 6));
            m.borrow(ALICE, "WETH", big("800000000000000000"));
            assertThat(m.reserve("WETH").virtualUnderlyingBalance()).isEqualTo(big("200000000000000000"));
            assertThat(m.reserve("WETH").currentVariableBorrowRate()).isEqualTo(big("50000000000000000000000000"));
            assertThat(m.reserve("WETH").currentLiquidityRate()).isEqualTo(big("36000000000000000000000000"));
            m.borrow(ALICE, "WETH", big("200000000000000000"));
            assertThat(m.reserve("WETH").virtualUnderlyingBalance()).isZero();
            assertThat(m.reserve("WETH").currentVariableBorrowRate()).isEqualTo(big("650000000000000000000000000"));
            assertThat(m.reserve("WETH").currentLiquidityRate()).isEqualTo(big("585000000000000000000000000"));
        }
    }

    @Nested
    class IndexAccrual {

        // A year idle at 45% usage (borrow rate 4%, liquidity rate 1.62%), ReserveLogic.getNormalizedIncome /
        // getNormalizedDebt / updateState / _accrueToTreasury:
        //   income index = 1 + 1.62% (linear)                                              = 1.0162
        //   debt index   = v3.3 three-term binomial of 4% over 31,536,000 s                = 1.040810454360354976037888
        //                  v3.7 1 + 0.04 + 0.04 * (0.02 + 0.04 * 0.04/6)                   = 1.040810666...667
        //   Alice's debt = 45,000 * debt index: v3.3 half up 46,836.470446, v3.7 up 46,836.480001
        //   Bob's aUSDX  = 100,000 * 1.0162 = 101,620
        //   treasury     = 10% of the debt accrued (v3.3 45,000 * (index - 1) as the difference of two half-up
        //                  rayMuls: 1,836.470446; v3.7 rayMulFloor of the index difference: 1,836.48), half up:
        //                  183.647045 / 183.648; scaled by the income index, v3.3 half up 180.719391, v3.7 down
        //                  180.720330
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void aYearIdleAccruesTheIndexesAndTheTreasurysShare(AaveVersion v) {
            Market m = new Market(v);
            boolean v33 = v == AaveVersion.V3_3;
            m.supply(ALICE, "WETH", e(40, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(45_000, 6));
            m.warp(YEAR);
            BigInteger income = big("1016200000000000000000000000");
            BigInteger debtIndex = v33 ? big("1040810454360354976037888000") : big("1040810666666666666666666667");
            assertThat(m.view(Market.POOL, "getReserveNormalizedIncome(address)", Market.asset("USDX")))
                    .isEqualTo(income);
            assertThat(m.view(Market.POOL, "getReserveNormalizedVariableDebt(address)", Market.asset("USDX")))
                    .isEqualTo(debtIndex);
            assertThat(m.debtBalance("USDX", ALICE)).isEqualTo(v33 ? big("46836470446") : big("46836480001"));
            assertThat(m.aBalance("USDX", BOB)).isEqualTo(e(101_620, 6));
            // the stored indexes move only when a transaction touches the reserve
            assertThat(m.reserve("USDX").liquidityIndex()).isEqualTo(RAY);
            assertThat(m.reserve("USDX").lastUpdateTimestamp()).isEqualTo(Market.T0);

            m.supply(BOB, "USDX", e(1, 6));
            Reserve usdx = m.reserve("USDX");
            assertThat(usdx.liquidityIndex()).isEqualTo(income);
            assertThat(usdx.variableBorrowIndex()).isEqualTo(debtIndex);
            assertThat(usdx.lastUpdateTimestamp()).isEqualTo(Market.T0 + YEAR);
            assertThat(usdx.accruedToTreasury()).isEqualTo(v33 ? big("180719391") : big("180720330"));
        }
    }

    @Nested
    class UserAccountDataOfGetUserAccountData {

        // Supply then borrow (the position AaveChainIT checks on the real Pool): 10 WETH at 1,800 = $18,000 of
        // collateral, $12,000 of debt, available 18,000 * 82.5% - 12,000 = $2,850, HF = 18,000 * 86% / 12,000 =
        // 1.29. After WETH falls to 1,300: HF = 11,180 / 12,000 = 0.931666...; v3.3 takes
        // percentMul(collateral, LT).wadDiv(debt), half up: ...667; v3.7 wadDiv(sum of collateral x LT, debt), half
        // up, then / 100_00, down: ...666.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void supplyThenBorrow(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WETH", e(10, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(usd(18_000), BigInteger.ZERO, usd(14_850), 8600, 8250, MAX));
            m.borrow(ALICE, "USDX", e(12_000, 6));
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(usd(18_000), usd(12_000), usd(2_850), 8600, 8250, e(129, 16)));
            assertThat(m.isCollateral(ALICE, "WETH")).isTrue();
            assertThat(m.isBorrowing(ALICE, "USDX")).isTrue();
            assertThat(m.tokenBalance("USDX", ALICE)).isEqualTo(e(12_000, 6));

            m.setPrice("WETH", usd(1_300));
            BigInteger hf = v == AaveVersion.V3_3 ? big("931666666666666667") : big("931666666666666666");
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(usd(13_000), usd(12_000), BigInteger.ZERO, 8600, 8250, hf));
        }

        // Pool.EMode.sol, test_getUserAccountData_shouldReflectEmodeParams and
        // test_getUserAccountData_shouldReflectMixedCollateral @ v3.3 (the same idea @ v3.7): an eMode asset alone
        // shows the category's LTV and LT; beside $27,000 of WBTC (not an eMode collateral), $1 of USDX moves the
        // weighted averages by less than a basis point: LT (1 * 9600 + 27,000 * 8600) / 27,001 = 8600.04 and LTV
        // (1 * 9500 + 27,000 * 8250) / 27,001 = 8250.05, both rounded down to 8600 and 8250.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void eModeParametersAndMixedCollateral(AaveVersion v) {
            Market m = new Market(v);
            m.ok(new AaveCall.SetUserEMode(ALICE, 1));
            m.supply(ALICE, "USDX", BigInteger.ONE);
            // 1e-6 USDX at $1 = 100 base units (8 decimals); available 100 * 95% = 95
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(
                            BigInteger.valueOf(100), BigInteger.ZERO, BigInteger.valueOf(95), 9600, 9500, MAX));
            m.ok(new AaveCall.SetUserEMode(ALICE, 0));
            assertThat(m.account(ALICE).currentLiquidationThreshold()).isEqualTo(BigInteger.valueOf(8600));
            assertThat(m.account(ALICE).ltv()).isEqualTo(BigInteger.valueOf(8250));

            Market mixed = new Market(v);
            mixed.ok(new AaveCall.SetUserEMode(ALICE, 1));
            mixed.supply(ALICE, "USDX", e(1, 6));
            mixed.supply(ALICE, "WBTC", e(1, 8));
            // available: 27,001 * 82.50% = 22,275.825
            assertThat(mixed.account(ALICE))
                    .isEqualTo(accountData(usd(27_001), BigInteger.ZERO, big("2227582500000"), 8600, 8250, MAX));
        }

        // v3.3 rounds the average liquidation threshold to whole basis points before the health factor; v3.7 takes
        // the health factor from the unrounded weighted sum. Alice in eMode 1: $1,000 of USDX at the category's 96%
        // and 1 WETH ($1,800) at the reserve's 86%, debt 0.08 WBTC:
        //   sum = 1,000 * 9600 + 1,800 * 8600 = 25,080,000 ($ x bps); LT = 25,080,000 / 2,800 = 8957.14 -> 8957
        //   LTV = (1,000 * 9500 + 1,800 * 8250) / 2,800 = 8696.43 -> 8696; available 2,800 * 86.96% - 2,160 = 274.88
        //   at WBTC 27,000 (debt $2,160): v3.3 HF = (2,800 * 89.57% = 2,507.96) / 2,160 = 1.161092592592592593;
        //                                 v3.7 HF = 25,080,000 / 2,160 / 10,000 = 1.161111111111111111
        //   at WBTC 31,350 (debt $2,508): v3.3 HF = 2,507.96 / 2,508 = 0.999984051036682616, liquidatable;
        //                                 v3.7 HF = 2,508 / 2,508 = exactly 1, not liquidatable
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void v33RoundsTheAverageLiquidationThresholdAndV37DoesNot(AaveVersion v) {
            Market m = new Market(v);
            boolean v33 = v == AaveVersion.V3_3;
            m.ok(new AaveCall.SetUserEMode(ALICE, 1));
            m.supply(ALICE, "USDX", e(1_000, 6));
            m.supply(ALICE, "WETH", e(1, 18));
            m.supply(BOB, "WBTC", e(1, 8));
            m.borrow(ALICE, "WBTC", e(8, 6));
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(
                            usd(2_800),
                            usd(2_160),
                            big("27488000000"),
                            8957,
                            8696,
                            v33 ? big("1161092592592592593") : big("1161111111111111111")));

            m.setPrice("WBTC", usd(31_350));
            assertThat(m.account(ALICE).healthFactor()).isEqualTo(v33 ? big("999984051036682616") : e(1, 18));
            m.fundLiquidator(CAROL, "WBTC", e(1, 8));
            AaveCall.LiquidationCall liquidation = Market.liquidation(CAROL, "WETH", "WBTC", ALICE, e(1, 6), false);
            if (!v33) {
                assertThat(m.reverts(liquidation))
                        .isEqualTo(new EvmRevert.CustomError("HealthFactorNotBelowThreshold"));
                return;
            }
            // v3.3 liquidates 0.01 WBTC ($313.50) against WETH at the reserve's 5% bonus (WETH is no eMode collateral):
            // base 313.5 / 1,800 = 0.174166666666666666 WETH, x 105% = 0.182875 (half up); bonus part 0.182875 -
            // 0.182875 / 1.05 = 0.008708333333333333, the protocol's 10%: 0.000870833333333333
            m.ok(liquidation);
            assertThat(m.tokenBalance("WETH", CAROL)).isEqualTo(big("182004166666666666"));
            assertThat(m.aBalance("WETH", Market.TREASURY)).isEqualTo(big("870833333333333"));
            assertThat(m.debtBalance("WBTC", ALICE)).isEqualTo(e(7, 6));
        }
    }

    @Nested
    class Liquidations {

        // Close factor 50%: HF in (0.95, 1) with the collateral ($13,600) and the debt ($12,000) both at least
        // MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD ($2,000), as in Pool.Liquidations.CloseFactor.t.sol,
        // test_hf_gt_095_supply_gt_threshold_closeFactorShouldBe50 @ v3.3 and v3.7. 10 WETH at 1,360 against 12,000
        // USDX: HF = 13,600 * 86% / 12,000 = 0.974666... A liquidator asking for everything (uint256 max) gets 50%:
        //   max debt = 12,000 * 50% = $6,000 -> 6,000 USDX
        //   collateral = 6,000 / 1,360 = 4.411764705882352941 WETH (down), x 105% = 4.632352941176470588
        //   bonus part = 4.632352941176470588 - 4.632352941176470588 / 1.05 = 0.220588235294117647 (v3.3: percentDiv
        //   half up 4.411764705882352941; v3.7: percentDivFloor, the same here), protocol fee 10% of it =
        //   0.022058823529411765 (half up / up), in aWETH to the treasury; the liquidator gets 4.610294117647058823
        // WETH
        // After: 5.367647058823529412 WETH = $7,300 against $6,000: HF 7,300 * 86% / 6,000 = 1.046333...
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void closeFactorFiftyPercentAboveTheThresholds(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WETH", e(10, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(12_000, 6));
            m.setPrice("WETH", usd(1_360));
            assertThat(m.account(ALICE).healthFactor())
                    .isEqualTo(v == AaveVersion.V3_3 ? big("974666666666666667") : big("974666666666666666"));
            m.fundLiquidator(CAROL, "USDX", e(20_000, 6));

            m.ok(Market.liquidation(CAROL, "WETH", "USDX", ALICE, MAX, false));

            assertThat(m.tokenBalance("USDX", CAROL)).isEqualTo(e(14_000, 6));
            assertThat(m.debtBalance("USDX", ALICE)).isEqualTo(e(6_000, 6));
            assertThat(m.tokenBalance("WETH", CAROL)).isEqualTo(big("4610294117647058823"));
            assertThat(m.aBalance("WETH", Market.TREASURY)).isEqualTo(big("22058823529411765"));
            assertThat(m.aScaled("WETH", Market.TREASURY)).isEqualTo(big("22058823529411765"));
            assertThat(m.aBalance("WETH", ALICE)).isEqualTo(big("5367647058823529412"));
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(
                            usd(7_300), usd(6_000), big("2250000000"), 8600, 8250, big("1046333333333333333")));
            assertThat(m.deficit("USDX")).isZero();
        }

        // Close factor 100% below HF 0.95 with positions above $2,000 (CloseFactor.t.sol,
        // test_hf_lte_095_supply_gt_threshold_closeFactorShouldBe100): WETH at 1,300, HF 0.9316...; the whole 12,000
        // USDX: 12,000 / 1,300 = 9.230769230769230769 WETH, x 105% = 9.692307692307692307 (half up at ...07.45);
        // bonus part 0.461538461538461538 (v3.3 percentDiv half up 9.230769230769230769; v3.7 floor, the same), fee
        // 0.046153846153846154 (half up / up), liquidator 9.646153846153846153. Alice keeps 0.307692307692307693 WETH
        // and no debt. With receiveAToken the liquidator takes the same amount as aWETH (scaled, the index is 1);
        // v3.3 turns it on as the liquidator's collateral (a first aWETH balance, LiquidationLogic._liquidateATokens),
        // v3.7 does not (transferOnLiquidation without finalizeTransfer).
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void closeFactorHundredPercentBelowNinetyFiveAndReceiveATokenBothWays(AaveVersion v) {
            for (boolean receiveAToken : new boolean[] {false, true}) {
                Market m = new Market(v);
                m.supply(ALICE, "WETH", e(10, 18));
                m.supply(BOB, "USDX", e(100_000, 6));
                m.borrow(ALICE, "USDX", e(12_000, 6));
                m.setPrice("WETH", usd(1_300));
                m.fundLiquidator(CAROL, "USDX", e(20_000, 6));

                m.ok(Market.liquidation(CAROL, "WETH", "USDX", ALICE, MAX, receiveAToken));

                BigInteger toCarol = big("9646153846153846153");
                assertThat(m.tokenBalance("USDX", CAROL)).isEqualTo(e(8_000, 6));
                assertThat(m.debtBalance("USDX", ALICE)).isZero();
                assertThat(m.isBorrowing(ALICE, "USDX")).isFalse();
                assertThat(m.aBalance("WETH", ALICE)).isEqualTo(big("307692307692307693"));
                assertThat(m.aBalance("WETH", Market.TREASURY)).isEqualTo(big("46153846153846154"));
                if (receiveAToken) {
                    assertThat(m.tokenBalance("WETH", CAROL)).isZero();
                    assertThat(m.aBalance("WETH", CAROL)).isEqualTo(toCarol);
                    assertThat(m.aScaled("WETH", CAROL)).isEqualTo(toCarol);
                    assertThat(m.isCollateral(CAROL, "WETH")).isEqualTo(v == AaveVersion.V3_3);
                    // the WETH stays in the aToken: 10 supplied, none paid out
                    assertThat(m.tokenBalance("WETH", Market.aToken("WETH"))).isEqualTo(e(10, 18));
                } else {
                    assertThat(m.tokenBalance("WETH", CAROL)).isEqualTo(toCarol);
                    assertThat(m.aBalance("WETH", CAROL)).isZero();
                    assertThat(m.isCollateral(CAROL, "WETH")).isFalse();
                    assertThat(m.tokenBalance("WETH", Market.aToken("WETH")))
                            .isEqualTo(e(10, 18).subtract(toCarol));
                }
            }
        }

        // Close factor 100% for a small position with HF above 0.95 (CloseFactor.t.sol,
        // test_hf_gt_095_supply_lt_threshold_closeFactorShouldBe100): 1 WETH at 1,360 ($1,360 < $2,000) against
        // 1,200 USDX, HF 0.9746... The whole debt: 1,200 / 1,360 = 0.882352941176470588 WETH, x 105% =
        // 0.926470588235294117; bonus part 0.044117647058823529, fee 0.004411764705882353, liquidator
        // 0.922058823529411764; Alice keeps 0.073529411764705883 WETH.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void closeFactorHundredPercentForASmallPosition(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WETH", e(1, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(1_200, 6));
            m.setPrice("WETH", usd(1_360));
            assertThat(m.account(ALICE).healthFactor()).isGreaterThan(big("950000000000000000"));
            m.fundLiquidator(CAROL, "USDX", e(2_000, 6));

            m.ok(Market.liquidation(CAROL, "WETH", "USDX", ALICE, MAX, false));

            assertThat(m.tokenBalance("USDX", CAROL)).isEqualTo(e(800, 6));
            assertThat(m.debtBalance("USDX", ALICE)).isZero();
            assertThat(m.tokenBalance("WETH", CAROL)).isEqualTo(big("922058823529411764"));
            assertThat(m.aBalance("WETH", Market.TREASURY)).isEqualTo(big("4411764705882353"));
            assertThat(m.aBalance("WETH", ALICE)).isEqualTo(big("73529411764705883"));
        }

        // MUST_NOT_LEAVE_DUST (v3.3 Errors.MUST_NOT_LEAVE_DUST = "103", v3.7 Errors.MustNotLeaveDust()), as
        // CloseFactor.t.sol test_shouldRevertIfCloseFactorIs100ButCollateralIsBelowThreshold asserts it: the same
        // small position, a liquidator covering 500 of the 1,200 USDX would leave $700 of debt, under
        // MIN_LEFTOVER_BASE ($1,000), and neither the whole debt nor the whole collateral goes. Covering all of it
        // passes (the test above).
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void aPartialLiquidationThatLeavesDustReverts(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WETH", e(1, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(1_200, 6));
            m.setPrice("WETH", usd(1_360));
            m.fundLiquidator(CAROL, "USDX", e(2_000, 6));
            assertThat(m.reverts(Market.liquidation(CAROL, "WETH", "USDX", ALICE, e(500, 6), false)))
                    .isEqualTo(m.error("103", "MustNotLeaveDust"));
        }

        // Bad debt becomes a reserve deficit (Pool.Liquidations.t.sol, test_liquidate_borrow_bad_debt and
        // test_deficit_increased_after_liquidate_bad_debt @ v3.3 and v3.7; LiquidationLogic._burnDebtTokens): 1 WETH
        // against 1,400 USDX, WETH falls to 1,000. The whole debt would need 1.47 WETH with the bonus; the user has 1:
        //   debt repaid = $1,000 / 105%: v3.3 percentDiv half up 952.380952, v3.7 percentDivCeil 952.380953
        //   fee = 10% of (1 - 1 / 1.05) WETH = 0.004761904761904762 (half up / up); liquidator 0.995238095238095238
        //   the collateral is gone, so the rest of the debt is burnt into the deficit: 447.619048 / 447.619047
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void badDebtBecomesAReserveDeficitAndTheLiquidatorRepaysOnlyWhatTheCollateralCovers(AaveVersion v) {
            Market m = new Market(v);
            boolean v33 = v == AaveVersion.V3_3;
            m.supply(ALICE, "WETH", e(1, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(1_400, 6));
            m.setPrice("WETH", usd(1_000));
            m.fundLiquidator(CAROL, "USDX", e(2_000, 6));

            m.ok(Market.liquidation(CAROL, "WETH", "USDX", ALICE, MAX, false));

            BigInteger repaid = v33 ? big("952380952") : big("952380953");
            assertThat(m.tokenBalance("USDX", CAROL)).isEqualTo(e(2_000, 6).subtract(repaid));
            assertThat(m.deficit("USDX")).isEqualTo(e(1_400, 6).subtract(repaid));
            assertThat(m.deficit("USDX")).isEqualTo(v33 ? big("447619048") : big("447619047"));
            assertThat(m.tokenBalance("WETH", CAROL)).isEqualTo(big("995238095238095238"));
            assertThat(m.aBalance("WETH", Market.TREASURY)).isEqualTo(big("4761904761904762"));
            assertThat(m.aBalance("WETH", ALICE)).isZero();
            assertThat(m.debtBalance("USDX", ALICE)).isZero();
            assertThat(m.state.userConfigOf(ALICE)).isZero();
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0, 0, MAX));
        }

        // The Umbrella covers the deficit with its aTokens (Pool.Deficit.sol, test_eliminateReserveDeficit_surplus
        // @ v3.3 and v3.7: asked for more than the deficit, it burns exactly the deficit, and its collateral stays
        // enabled; then test_reverts_eliminateReserveDeficit_reserve_not_in_deficit / _ReserveNotInDeficit). After
        // the bad debt above (deficit 447.619048 / 447.619047 USDX), Dave, the Umbrella, holds 1,000 aUSDX and keeps
        // 1,000 - deficit; v3.7's eliminateReserveDeficit returns the amount covered, v3.3's returns nothing.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void theUmbrellaEliminatesTheDeficitWithItsATokens(AaveVersion v) {
            Market m = new Market(v);
            boolean v33 = v == AaveVersion.V3_3;
            Address dave = Address.ofNumber(0xDA7E);
            m.supply(ALICE, "WETH", e(1, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(1_400, 6));
            m.setPrice("WETH", usd(1_000));
            m.fundLiquidator(CAROL, "USDX", e(2_000, 6));
            m.ok(Market.liquidation(CAROL, "WETH", "USDX", ALICE, MAX, false));
            BigInteger deficit = v33 ? big("447619048") : big("447619047");
            assertThat(m.deficit("USDX")).isEqualTo(deficit);
            m.supply(dave, "USDX", e(1_000, 6));
            AaveCall cover = new AaveCall.EliminateReserveDeficit(dave, Market.asset("USDX"), e(1_000, 6));
            assertThat(m.reverts(cover)).isEqualTo(m.error("101", "CallerNotUmbrella"));
            m.state = m.state.withUmbrella(dave);

            AaveReceipt covered = m.ok(cover);

            assertThat(covered.returns()).isEqualTo(v33 ? List.of() : List.of(deficit));
            assertThat(m.deficit("USDX")).isZero();
            assertThat(m.aBalance("USDX", dave)).isEqualTo(e(1_000, 6).subtract(deficit));
            assertThat(m.isCollateral(dave, "USDX")).isTrue();
            // the burnt aTokens' underlying stays in the aToken, backing the written-off debt
            assertThat(m.tokenBalance("USDX", Market.aToken("USDX")))
                    .isEqualTo(e(100_000 - 1_400 + 1_000, 6).add(v33 ? big("952380952") : big("952380953")));
            assertThat(m.reverts(cover)).isEqualTo(m.error("102", "ReserveNotInDeficit"));
        }

        // eMode liquidation with the category's bonus (Pool.EMode.sol,
        // test_liquidations_shouldApplyEModeLBForEmodeAssets
        // @ v3.3 and v3.7, with this market's category 1: LTV 95%, LT 96%, bonus 101%): 10,000 USDX in eMode 1,
        // 0.35 WBTC borrowed at 27,000 ($9,450); WBTC rises to 28,000: debt $9,800, HF = 9,600 / 9,800 = 0.9795...,
        // both sides above $2,000: close factor 50% -> $4,900 = 0.175 WBTC; collateral 4,900 x 101% = 4,949 USDX,
        // bonus part 49, fee 4.9 to the treasury, liquidator 4,944.1 USDX.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void eModeLiquidationTakesTheCategorysBonus(AaveVersion v) {
            Market m = new Market(v);
            m.ok(new AaveCall.SetUserEMode(ALICE, 1));
            m.supply(ALICE, "USDX", e(10_000, 6));
            m.supply(BOB, "WBTC", e(1, 8));
            m.borrow(ALICE, "WBTC", big("35000000"));
            m.setPrice("WBTC", usd(28_000));
            assertThat(m.account(ALICE))
                    .isEqualTo(accountData(
                            usd(10_000),
                            usd(9_800),
                            BigInteger.ZERO,
                            9600,
                            9500,
                            v == AaveVersion.V3_3 ? big("979591836734693878") : big("979591836734693877")));
            m.fundLiquidator(CAROL, "WBTC", e(1, 8));

            m.ok(Market.liquidation(CAROL, "USDX", "WBTC", ALICE, MAX, false));

            assertThat(m.tokenBalance("WBTC", CAROL)).isEqualTo(big("82500000"));
            assertThat(m.debtBalance("WBTC", ALICE)).isEqualTo(big("17500000"));
            assertThat(m.tokenBalance("USDX", CAROL)).isEqualTo(big("4944100000"));
            assertThat(m.aBalance("USDX", Market.TREASURY)).isEqualTo(big("4900000"));
            assertThat(m.aBalance("USDX", ALICE)).isEqualTo(e(5_051, 6));
        }

        // Self-liquidation: v3.3 allows it and keeps the collateral enabled (Pool.Liquidations.t.sol,
        // test_self_liquidate_position_shoulKeepCollateralEnabled @ v3.3); v3.7 reverts SelfLiquidation
        // (test_self_liquidate_position_shouldRevert @ v3.7). 0.5 WBTC, 11,000 USDX borrowed, WBTC 40% down to
        // 16,200: collateral $8,100, all of it seized: debt repaid 8,100 / 1.05 = 7,714.285714 (half up), the rest
        // 3,285.714286 becomes deficit; fee 10% of (0.5 - 0.5 / 1.05) WBTC = 0.00238095, Alice keeps 0.49761905 aWBTC.
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void selfLiquidation(AaveVersion v) {
            Market m = new Market(v);
            m.supply(ALICE, "WBTC", big("50000000"));
            m.supply(BOB, "USDX", e(100_000, 6));
            m.borrow(ALICE, "USDX", e(11_000, 6));
            m.setPrice("WBTC", usd(16_200));
            m.approvePool(ALICE, "USDX");
            AaveCall.LiquidationCall self = Market.liquidation(ALICE, "WBTC", "USDX", ALICE, MAX, true);
            if (v == AaveVersion.V3_7) {
                assertThat(m.reverts(self)).isEqualTo(new EvmRevert.CustomError("SelfLiquidation"));
                assertThat(m.isCollateral(ALICE, "WBTC")).isTrue();
                return;
            }
            m.ok(self);
            assertThat(m.isCollateral(ALICE, "WBTC")).isTrue();
            assertThat(m.aBalance("WBTC", ALICE)).isEqualTo(big("49761905"));
            assertThat(m.aBalance("WBTC", Market.TREASURY)).isEqualTo(big("238095"));
            assertThat(m.tokenBalance("USDX", ALICE)).isEqualTo(e(11_000, 6).subtract(big("7714285714")));
            assertThat(m.deficit("USDX")).isEqualTo(big("3285714286"));
            assertThat(m.debtBalance("USDX", ALICE)).isZero();
        }
    }

    @Nested
    class Reverts {

        // Errors.sol @ v3.3 (numeric strings) and @ v3.7 (custom errors), each from the check that raises it:
        // SupplyLogic/ValidationLogic.validateSupply (INVALID_AMOUNT 26), validateBorrow / validateHFAndLtv
        // (COLLATERAL_CANNOT_COVER_NEW_BORROW 36, HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD 35,
        // INVALID_INTEREST_RATE_MODE_SELECTED 33), validateWithdraw (NOT_ENOUGH_AVAILABLE_USER_BALANCE 32),
        // validateRepay (NO_DEBT_OF_SELECTED_TYPE 39), validateLiquidationCall (HEALTH_FACTOR_NOT_BELOW_THRESHOLD 45,
        // COLLATERAL_CANNOT_BE_LIQUIDATED 46, SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER 47), validateSetUserEMode
        // (INCONSISTENT_EMODE_CATEGORY 58; a borrowed asset not borrowable in the category: NOT_BORROWABLE_IN_EMODE
        // 100, v3.7 InvalidDebtInEmode), Pool.onlyUmbrella (CALLER_NOT_UMBRELLA 101).
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void revertsAsTheVersionSpellsThem(AaveVersion v) {
            Market m = new Market(v);
            assertThat(m.reverts(new AaveCall.Supply(ALICE, Market.asset("WETH"), BigInteger.ZERO, ALICE, 0)))
                    .isEqualTo(m.error("26", "InvalidAmount"));
            m.supply(ALICE, "WETH", e(10, 18));
            m.supply(BOB, "USDX", e(100_000, 6));
            assertThat(m.reverts(new AaveCall.Repay(ALICE, Market.asset("USDX"), e(1, 6), VARIABLE, ALICE)))
                    .isEqualTo(m.error("39", "NoDebtOfSelectedType"));
            assertThat(m.reverts(new AaveCall.Borrow(ALICE, Market.asset("USDX"), e(1, 6), BigInteger.ONE, 0, ALICE)))
                    .isEqualTo(m.error("33", "InvalidInterestRateModeSelected"));
            m.borrow(ALICE, "USDX", e(12_000, 6));
            // 18,000 * 82.5% = 14,850: 2,850 more is the limit, 2,851 too much
            assertThat(m.reverts(Market.borrowCall(ALICE, "USDX", e(2_851, 6))))
                    .isEqualTo(m.error("36", "CollateralCannotCoverNewBorrow"));
            assertThat(m.reverts(new AaveCall.Withdraw(ALICE, Market.asset("WETH"), e(11, 18), ALICE)))
                    .isEqualTo(m.error("32", "NotEnoughAvailableUserBalance"));
            m.fundLiquidator(CAROL, "USDX", e(20_000, 6));
            assertThat(m.reverts(Market.liquidation(CAROL, "WETH", "USDX", ALICE, e(6_000, 6), false)))
                    .isEqualTo(m.error("45", "HealthFactorNotBelowThreshold"));

            m.setPrice("WETH", usd(1_300));
            assertThat(m.reverts(new AaveCall.Withdraw(ALICE, Market.asset("WETH"), e(1, 18), ALICE)))
                    .isEqualTo(m.error("35", "HealthFactorLowerThanLiquidationThreshold"));
            assertThat(m.reverts(Market.borrowCall(ALICE, "USDX", e(1, 6))))
                    .isEqualTo(m.error("35", "HealthFactorLowerThanLiquidationThreshold"));
            // USDX is not Alice's collateral; WBTC is not her debt
            assertThat(m.reverts(Market.liquidation(CAROL, "USDX", "USDX", ALICE, e(6_000, 6), false)))
                    .isEqualTo(m.error("46", "CollateralCannotBeLiquidated"));
            assertThat(m.reverts(Market.liquidation(CAROL, "WETH", "WBTC", ALICE, e(1, 8), false)))
                    .isEqualTo(m.error("47", "SpecifiedCurrencyNotBorrowedByUser"));
            assertThat(m.reverts(new AaveCall.SetUserEMode(ALICE, 3)))
                    .isEqualTo(m.error("58", "InconsistentEModeCategory"));
            assertThat(m.reverts(new AaveCall.SetUserEMode(ALICE, 1))).isEqualTo(m.error("100", "InvalidDebtInEmode"));
            assertThat(m.reverts(new AaveCall.EliminateReserveDeficit(BOB, Market.asset("USDX"), e(1, 6))))
                    .isEqualTo(m.error("101", "CallerNotUmbrella"));
        }

        // A borrow without collateral: v3.3 validateBorrow checks the collateral first (COLLATERAL_BALANCE_IS_ZERO
        // "34"); v3.7 mints the debt, then validateHFAndLtv finds an LTV of 0 (LtvValidationFailed).
        @ParameterizedTest
        @EnumSource(AaveVersion.class)
        void aBorrowWithoutCollateral(AaveVersion v) {
            Market m = new Market(v);
            m.supply(BOB, "USDX", e(100_000, 6));
            assertThat(m.reverts(Market.borrowCall(CAROL, "USDX", e(1, 6))))
                    .isEqualTo(
                            m.v33()
                                    ? new EvmRevert.ErrorString("34")
                                    : new EvmRevert.CustomError("LtvValidationFailed"));
        }
    }
}
