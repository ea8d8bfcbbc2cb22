package dev.solvent.benchmarks.mirror;

import dev.solvent.mirror.comet.Comet;
import dev.solvent.mirror.comet.CometBlock;
import dev.solvent.mirror.comet.CometCall;
import dev.solvent.mirror.comet.CometConfiguration;
import dev.solvent.mirror.comet.CometReceipt;
import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.comet.CometViews;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.StandardToken;
import io.vavr.collection.HashMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Comet mirror on a realistic sequence: a market of 200 funded accounts, then per invocation ten actions a
 * liquidation day is made of (a supplier adds base, a trader supplies collateral and borrows near the limit, the
 * price falls, a keeper absorbs, buys the collateral, the trader repays, an account accrues, a view of health). The
 * figure is actions per second on one thread, to set beside anvil's transactions per second on the same calls
 * ({@code CometThroughputTest} in the mirrors module prints both, with {@code -Dsolvent.throughput=true}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CometBenchmark {

    static final int ACCOUNTS = 200;
    static final Address COMET = Address.ofNumber(0xC0);
    static final Address USDC = Address.ofNumber(0x10);
    static final Address WETH = Address.ofNumber(0x11);
    static final Address USDC_FEED = Address.ofNumber(0x20);
    static final Address WETH_FEED = Address.ofNumber(0x21);
    static final Address GOVERNOR = Address.ofNumber(0x30);
    static final Address KEEPER = Address.ofNumber(0x40);

    CometState funded;
    CometBlock calm;
    CometBlock crash;
    CometBlock later;
    List<CometCall> day;
    Address trader;

    @Setup
    public void setUp() {
        HashMap<Address, StandardToken> tokens =
                HashMap.of(USDC, StandardToken.create(USDC, 6), WETH, StandardToken.create(WETH, 18));
        CometConfiguration config = new CometConfiguration(
                GOVERNOR,
                GOVERNOR,
                USDC,
                USDC_FEED,
                Address.ofNumber(0x50),
                wad("0.9"),
                wad("0.03"),
                wad("0.4"),
                BigInteger.ZERO,
                wad("0.9"),
                wad("0.035"),
                wad("0.25"),
                wad("0.015"),
                wad("0.6"),
                BigInteger.TEN.pow(15),
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.TEN.pow(12),
                BigInteger.TEN.pow(8),
                BigInteger.TEN.pow(13),
                List.of(new CometConfiguration.AssetConfig(
                        WETH, WETH_FEED, 18, wad("0.825"), wad("0.895"), wad("0.95"), BigInteger.TEN.pow(30))));
        Map<Address, BigInteger> prices = Map.of(USDC_FEED, BigInteger.TEN.pow(8), WETH_FEED, usd(2_000));
        long t = 1_700_000_000L;
        CometState s = Comet.deploy(COMET, config, tokens, feed -> 8, t)
                .getOrElseThrow(r -> new IllegalStateException(r.toString()));
        List<CometCall> setup = new ArrayList<>();
        for (int i = 0; i <= ACCOUNTS; i++) {
            Address a = i == ACCOUNTS ? KEEPER : Address.ofNumber(0x1000 + i);
            for (Address token : List.of(USDC, WETH)) {
                setup.add(new CometCall.TokenAllocate(a, token, a, BigInteger.TEN.pow(30)));
                setup.add(new CometCall.TokenApprove(
                        a, token, COMET, BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
            }
            if (i < ACCOUNTS / 2) {
                setup.add(new CometCall.Supply(a, USDC, BigInteger.valueOf(100_000_000_000L)));
            }
        }
        for (int i = ACCOUNTS / 2; i < ACCOUNTS; i++) {
            // the other half borrow 15,000 USDC against 10 WETH (16,500 of capacity at 2,000 USD)
            Address a = Address.ofNumber(0x1000 + i);
            setup.add(new CometCall.Supply(a, WETH, BigInteger.TEN.pow(19)));
            setup.add(new CometCall.Withdraw(a, USDC, BigInteger.valueOf(15_000_000_000L)));
        }
        calm = new CometBlock(t + 12, BigInteger.ZERO, prices);
        for (CometCall c : setup) {
            s = Comet.execute(s, c, calm)
                    .map(CometReceipt::state)
                    .getOrElseThrow(r -> new IllegalStateException(c + ": " + r));
        }
        funded = s;
        trader = Address.ofNumber(0x1000 + ACCOUNTS / 2);
        crash = new CometBlock(
                t + 3_600, BigInteger.ZERO, Map.of(USDC_FEED, BigInteger.TEN.pow(8), WETH_FEED, usd(1_500)));
        later = crash.at(t + 3_612);
        Address supplier = Address.ofNumber(0x1001);
        day = List.of(
                new CometCall.Supply(supplier, USDC, BigInteger.valueOf(1_000_000_000L)),
                new CometCall.Supply(trader, WETH, BigInteger.TEN.pow(18)),
                new CometCall.Withdraw(trader, USDC, BigInteger.valueOf(2_000_000_000L)),
                new CometCall.Absorb(KEEPER, KEEPER, List.of(trader)),
                new CometCall.BuyCollateral(KEEPER, WETH, BigInteger.ZERO, BigInteger.valueOf(1_000_000_000L), KEEPER),
                new CometCall.Supply(Address.ofNumber(0x1002), USDC, BigInteger.valueOf(2_000_000_000L)),
                new CometCall.AccrueAccount(KEEPER, Address.ofNumber(0x1003)),
                new CometCall.Transfer(supplier, KEEPER, BigInteger.valueOf(10_000_000L)),
                new CometCall.Withdraw(Address.ofNumber(0x1004), USDC, BigInteger.valueOf(1_000_000_000L)));
        checkTheDaySucceeds();
    }

    /** Every transaction of the day must succeed, or the benchmark would time reverts. */
    private void checkTheDaySucceeds() {
        CometState s = funded;
        int n = 0;
        for (CometCall c : day) {
            var r = Comet.execute(s, c, blockOf(n++));
            if (r.isLeft()) {
                throw new IllegalStateException(c + " reverted: " + r.getLeft());
            }
            s = r.get().state();
        }
    }

    private CometBlock blockOf(int n) {
        return n < 3 ? calm : n <= 4 ? crash : later;
    }

    /** Ten actions: nine transactions (the absorb and buy at the crash price) and one health view. */
    @Benchmark
    @OperationsPerInvocation(10)
    public Object liquidationDay() {
        CometState s = funded;
        int n = 0;
        for (CometCall c : day) {
            s = Comet.execute(s, c, blockOf(n)).map(CometReceipt::state).getOrElse(s);
            n++;
        }
        return CometViews.isLiquidatable(s, crash, trader) ? s : funded;
    }

    private static BigInteger wad(String d) {
        return new BigDecimal(d).scaleByPowerOfTen(18).toBigIntegerExact();
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.TEN.pow(8));
    }
}
