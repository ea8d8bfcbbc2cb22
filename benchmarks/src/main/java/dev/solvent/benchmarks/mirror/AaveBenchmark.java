package dev.solvent.benchmarks.mirror;

import dev.solvent.mirror.aave.Aave;
import dev.solvent.mirror.aave.AaveBlock;
import dev.solvent.mirror.aave.AaveCall;
import dev.solvent.mirror.aave.AaveReceipt;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveState.EModeCategory;
import dev.solvent.mirror.aave.AaveState.InterestRateData;
import dev.solvent.mirror.aave.AaveState.Reserve;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.aave.AaveViews;
import dev.solvent.mirror.aave.Erc20;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Aave mirror's two calls a keeper lives on, per second on one thread, in each version: {@code liquidationCall}
 * and {@code getUserAccountData}. The market is the differential harness's test market (USDX, WBTC, WETH, and GHO
 * first in v3.3; LTV 82.5%, threshold 86%, bonus 105%, fee 10%), with 100 suppliers of USDX and 100 borrowers of
 * 12,000 USDX against 10 WETH each. A day later WETH has fallen from 1,800 to 1,360 (health factor about 0.975, so
 * the close factor is 50%): each call liquidates, or reads, the next borrower from that one state, and so pays for
 * the day's index updates too. To set beside anvil's transactions per second on the same calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AaveBenchmark {

    static final int SUPPLIERS = 100;
    static final int BORROWERS = 100;
    static final long T0 = 1_700_000_000L;
    static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    static final Address POOL = Address.ofNumber(0x9001);
    static final Address OWNER = Address.ofNumber(0x0A0A);
    static final Address KEEPER = Address.ofNumber(0x4EE9);
    static final List<String> SYMBOLS = List.of("GHO", "USDX", "WBTC", "WETH");

    @Param({"V3_3", "V3_7"})
    public AaveVersion version;

    AaveState funded;
    AaveBlock crash;
    Address[] borrowers;
    AaveCall.LiquidationCall[] liquidations;
    int next;

    @Setup
    public void setUp() {
        boolean v33 = version == AaveVersion.V3_3;
        List<String> symbols = v33 ? SYMBOLS : SYMBOLS.subList(1, 4);
        List<Reserve> reserves = new ArrayList<>();
        List<Erc20> tokens = new ArrayList<>();
        Map<Address, BigInteger> prices = new LinkedHashMap<>();
        for (String s : symbols) {
            int id = symbols.indexOf(s);
            int decimals = s.equals("USDX") ? 6 : s.equals("WBTC") ? 8 : 18;
            BigInteger word = s.equals("GHO")
                    ? configuration(0, 0, 0, 18, false)
                    : configuration(8250, 8600, 10500, decimals, true);
            reserves.add(Reserve.listed(
                    id,
                    asset(s),
                    Address.ofNumber(0x2000 + SYMBOLS.indexOf(s)),
                    Address.ofNumber(0x3000 + SYMBOLS.indexOf(s)),
                    Address.ofNumber(0x9003),
                    Address.ofNumber(0x9004),
                    word,
                    new InterestRateData(4500, 0, 400, 6000),
                    T0));
            Erc20.Kind kind =
                    s.equals("WETH") ? Erc20.Kind.WETH9 : v33 ? Erc20.Kind.TESTNET_OZ3 : Erc20.Kind.TESTNET_OZ5;
            tokens.add(Erc20.create(asset(s), kind, OWNER, decimals));
            prices.put(asset(s), usd(s.equals("WBTC") ? 27_000 : s.equals("WETH") ? 1_800 : 1));
        }
        BigInteger usdxBit = BigInteger.ONE.shiftLeft(symbols.indexOf("USDX"));
        BigInteger wbtcBit = BigInteger.ONE.shiftLeft(symbols.indexOf("WBTC"));
        List<EModeCategory> categories =
                List.of(new EModeCategory(1, 9500, 9600, 10100, usdxBit, wbtcBit, BigInteger.ZERO, false));
        AaveState s = AaveState.create(version, POOL, Address.ofNumber(0x9002), reserves, categories, tokens);
        AaveBlock calm = AaveBlock.of(T0, prices);

        List<AaveCall> setup = new ArrayList<>();
        for (int i = 0; i < SUPPLIERS; i++) {
            Address a = Address.ofNumber(0x10_000 + i);
            setup.addAll(fundAndSupply(a, "USDX", e(100_000, 6)));
        }
        borrowers = new Address[BORROWERS];
        liquidations = new AaveCall.LiquidationCall[BORROWERS];
        for (int i = 0; i < BORROWERS; i++) {
            Address a = Address.ofNumber(0x20_000 + i);
            borrowers[i] = a;
            setup.addAll(fundAndSupply(a, "WETH", e(10, 18)));
            setup.add(new AaveCall.Borrow(a, asset("USDX"), e(12_000, 6), BigInteger.TWO, 0, a));
            liquidations[i] = new AaveCall.LiquidationCall(KEEPER, asset("WETH"), asset("USDX"), a, MAX, false);
        }
        setup.add(new AaveCall.TokenMint(OWNER, asset("USDX"), KEEPER, e(100_000_000, 6)));
        setup.add(new AaveCall.TokenApprove(KEEPER, asset("USDX"), POOL, MAX));
        for (AaveCall c : setup) {
            s = Aave.execute(s, c, calm).map(AaveReceipt::state).getOrElseThrow(r -> failed(c, r));
        }
        funded = s;
        crash = calm.at(T0 + 24 * 3600).withAnswer(asset("WETH"), usd(1_360));
        // every liquidation must succeed, or the benchmark would time reverts
        for (AaveCall.LiquidationCall c : liquidations) {
            Aave.execute(funded, c, crash).getOrElseThrow(r -> failed(c, r));
        }
    }

    /** One {@code liquidationCall} of the next borrower (50% close factor, collateral burnt to the keeper). */
    @Benchmark
    public Object liquidationCall() {
        int i = next;
        next = i + 1 == BORROWERS ? 0 : i + 1;
        Either<EvmRevert, AaveReceipt> r = Aave.execute(funded, liquidations[i], crash);
        return r.isRight() ? r.get().state() : r.getLeft();
    }

    /** One {@code getUserAccountData} of the next borrower (two reserves, both projected a day forward). */
    @Benchmark
    public Object getUserAccountData() {
        int i = next;
        next = i + 1 == BORROWERS ? 0 : i + 1;
        return AaveViews.userAccountData(funded, crash, borrowers[i]).getOrNull();
    }

    private static List<AaveCall> fundAndSupply(Address user, String symbol, BigInteger amount) {
        Address sender = symbol.equals("WETH") ? user : OWNER;
        return List.of(
                new AaveCall.TokenMint(sender, asset(symbol), user, amount),
                new AaveCall.TokenApprove(user, asset(symbol), POOL, MAX),
                new AaveCall.Supply(user, asset(symbol), amount, user, 0));
    }

    private static IllegalStateException failed(AaveCall c, EvmRevert r) {
        return new IllegalStateException(c + " reverted: " + r);
    }

    /** A {@code ReserveConfigurationMap} word: LTV, threshold, bonus, decimals, active, borrowable, 10% factor and fee. */
    private static BigInteger configuration(int ltv, int lt, int bonus, int decimals, boolean virtual) {
        BigInteger w = BigInteger.valueOf(ltv)
                .or(BigInteger.valueOf(lt).shiftLeft(16))
                .or(BigInteger.valueOf(bonus).shiftLeft(32))
                .or(BigInteger.valueOf(decimals).shiftLeft(48))
                .setBit(56)
                .setBit(58)
                .or(BigInteger.valueOf(1000).shiftLeft(64));
        return virtual
                ? w.or(BigInteger.valueOf(1000).shiftLeft(152)).setBit(63).setBit(252)
                : w;
    }

    private static Address asset(String symbol) {
        return Address.ofNumber(0x1000 + SYMBOLS.indexOf(symbol));
    }

    private static BigInteger e(long n, int decimals) {
        return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(decimals));
    }

    private static BigInteger usd(long dollars) {
        return e(dollars, 8);
    }
}
