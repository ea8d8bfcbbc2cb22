package dev.solvent.mirror.comet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.Word;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.mirror.harness.Throughput;
import io.vavr.control.Either;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Comet mirror's rate beside anvil's on the same calls, in one run, on the market {@code CometBenchmark} uses (USDC
 * base, WETH collateral at 2,000 USD; 100 suppliers of 100,000 USDC, 100 borrowers of 15,000 USDC against 10 WETH),
 * built on Comet's bytecode and in the mirror with every call compared. Then WETH falls to 1,500 and every borrower is
 * underwater. Timed, on anvil one transaction (or {@code eth_call}) at a time and as one JSON-RPC batch, and on the
 * mirror warm from the same state: {@code absorb} of one borrower per call, {@code buyCollateral} of 1,000 USDC once
 * all are absorbed, and the health read {@code isLiquidatable}; then {@code CometBenchmark}'s liquidation day of ten
 * actions (nine transactions and one view), repeated from the funded state. Anvil's day leaves the feed update out of
 * its clock (the mirror takes the price from its block), so its batched figure is two batches around the update plus
 * the view. Every timed call succeeds on both sides, and the same calls run once through the campaign's comparison.
 *
 * <p>A measurement, not a test: nothing is asserted about speed. Run it with {@code -Dsolvent.throughput=true}; it
 * writes {@code target/throughput.txt}.
 */
@EnabledIfSystemProperty(named = Throughput.ENABLED, matches = "true")
class CometThroughputTest {

    private static final int ACCOUNTS = 200;
    private static final int CALLS = 100;
    /** Days of {@code CometBenchmark} run on anvil, each from the funded snapshot: 100 actions. */
    private static final int DAYS = 10;

    private static final Address KEEPER = Address.ofNumber(0x4EE9_0001L);

    @Test
    void liquidationsAndHealthReadsOnTheMirrorAndOnAnvil() {
        try (AnvilChain anvil = AnvilChain.start().getOrElseThrow(reason -> new AssertionError(reason))) {
            CometCampaign.Market m = CometCampaign.deploy(anvil, "CometBenchmark's market", benchmarkMarket());
            CometChain chain = m.chain;
            Address comet = chain.comet();
            Address usdc = chain.baseToken();
            Address weth = chain.collateralTokens().get(0);
            Address wethFeed = chain.collateralFeeds().get(0);
            StringBuilder trace = new StringBuilder();

            // CometBenchmark's funded state, every call compared on both sides
            long t = m.start;
            CometBlock calm = new CometBlock(t, BigInteger.ZERO, m.answers);
            List<Address> accounts = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts.add(Address.ofNumber(0xAC_0000L + i));
            }
            List<Address> suppliers = accounts.subList(0, ACCOUNTS / 2);
            List<Address> borrowers = accounts.subList(ACCOUNTS / 2, ACCOUNTS);
            List<Address> everyone = new ArrayList<>(accounts);
            everyone.add(KEEPER);
            List<CometCall> setup = new ArrayList<>();
            for (Address a : everyone) {
                for (Address token : List.of(usdc, weth)) {
                    setup.add(new CometCall.TokenAllocate(a, token, a, BigInteger.TEN.pow(30)));
                    setup.add(new CometCall.TokenApprove(a, token, comet, Word.UINT256_MAX));
                }
            }
            suppliers.forEach(a -> setup.add(new CometCall.Supply(a, usdc, usdc(100_000))));
            for (Address a : borrowers) {
                setup.add(new CometCall.Supply(a, weth, BigInteger.TEN.pow(19)));
                setup.add(new CometCall.Withdraw(a, usdc, usdc(15_000)));
            }
            CometState s = m.mirror;
            for (CometCall c : setup) {
                s = CometCampaign.both(chain, s, c, calm, trace, -1);
            }
            CometState funded = s;
            List<ViewCall> views = CometCampaign.views(chain, everyone);
            CometCampaign.compareViews(chain, views, funded, calm, trace, -1);
            String fundedSnapshot = anvil.snapshot();

            long crashTime = t + 3_600;
            Map<Address, BigInteger> crashAnswers = new LinkedHashMap<>(m.answers);
            crashAnswers.put(wethFeed, usd(1_500));
            CometBlock crash = new CometBlock(crashTime, BigInteger.ZERO, crashAnswers);
            CometBlock later = crash.at(crashTime + 12);

            // ---- CometBenchmark's liquidation day -------------------------------------------------------------
            Address trader = borrowers.get(0);
            List<CometCall> day = List.of(
                    new CometCall.Supply(suppliers.get(1), usdc, usdc(1_000)),
                    new CometCall.Supply(trader, weth, BigInteger.TEN.pow(18)),
                    new CometCall.Withdraw(trader, usdc, usdc(2_000)),
                    new CometCall.Absorb(KEEPER, KEEPER, List.of(trader)),
                    new CometCall.BuyCollateral(KEEPER, weth, BigInteger.ZERO, usdc(1_000), KEEPER),
                    new CometCall.Supply(suppliers.get(2), usdc, usdc(2_000)),
                    new CometCall.AccrueAccount(KEEPER, suppliers.get(3)),
                    new CometCall.Transfer(suppliers.get(1), KEEPER, usdc(10)),
                    new CometCall.Withdraw(suppliers.get(4), usdc, usdc(1_000)));
            String health = AbiCodec.encodeCall("isLiquidatable(address)", trader);
            // once through the comparison: every transaction succeeds on the mirror and the chain agrees
            CometState d = funded;
            for (int n = 0; n < day.size(); n++) {
                if (n == 3) {
                    chain.setPrice(wethFeed, usd(1_500), crashTime);
                }
                CometBlock block = dayBlock(n, calm, crash, later);
                assertThat(Comet.execute(d, day.get(n), block).isRight())
                        .as("%s", day.get(n))
                        .isTrue();
                d = CometCampaign.both(chain, d, day.get(n), block, trace, n);
            }
            CometCampaign.compareViews(chain, views, d, later, trace, day.size());
            assertThat(anvil.callAt(KEEPER, comet, health, crashTime))
                    .isEqualTo(Either.right(bool(CometViews.isLiquidatable(d, crash, trader))));

            long dayNanos = 0;
            for (int k = 0; k < DAYS; k++) {
                anvil.revert(fundedSnapshot);
                fundedSnapshot = anvil.snapshot();
                anvil.setNextBlockTimestamp(t);
                long t0 = System.nanoTime();
                for (int n = 0; n < 3; n++) {
                    assertThat(sendOne(anvil, chain, day.get(n)).success()).isTrue();
                }
                dayNanos += System.nanoTime() - t0;
                chain.setPrice(wethFeed, usd(1_500), crashTime);
                t0 = System.nanoTime();
                for (int n = 3; n < day.size(); n++) {
                    assertThat(sendOne(anvil, chain, day.get(n)).success()).isTrue();
                }
                assertThat(anvil.call(KEEPER, comet, health, "latest").isRight())
                        .isTrue();
                dayNanos += System.nanoTime() - t0;
            }
            double dayOneByOne = Throughput.rate(DAYS * (day.size() + 1), dayNanos);
            dayNanos = 0;
            for (int k = 0; k < DAYS; k++) {
                anvil.revert(fundedSnapshot);
                fundedSnapshot = anvil.snapshot();
                anvil.setNextBlockTimestamp(t);
                long t0 = System.nanoTime();
                List<AnvilChain.Receipt> first = anvil.sendAll(transactions(chain, day.subList(0, 3)));
                dayNanos += System.nanoTime() - t0;
                assertThat(first).allMatch(AnvilChain.Receipt::success);
                // a supplier sends in both batches: no stale copy of its first transaction may stay in the pool
                anvil.emptyPool();
                chain.setPrice(wethFeed, usd(1_500), crashTime);
                t0 = System.nanoTime();
                List<AnvilChain.Receipt> rest = anvil.sendAll(transactions(chain, day.subList(3, day.size())));
                Either<String, String> view = anvil.call(KEEPER, comet, health, "latest");
                dayNanos += System.nanoTime() - t0;
                assertThat(rest).allMatch(AnvilChain.Receipt::success);
                assertThat(view.isRight()).isTrue();
            }
            double dayBatched = Throughput.rate(DAYS * (day.size() + 1), dayNanos);
            double dayMirror = (day.size() + 1)
                    * Throughput.mirror(1, i -> liquidationDay(funded, day, calm, crash, later, trader));

            // ---- the crash: every borrower underwater ----------------------------------------------------------
            anvil.revert(fundedSnapshot);
            chain.setPrice(wethFeed, usd(1_500), crashTime);
            CometState crashed = funded;
            CometCampaign.compareViews(chain, views, crashed, crash, trace, -1);
            for (Address b : borrowers) {
                assertThat(CometViews.isLiquidatable(crashed, crash, b))
                        .as("%s", b)
                        .isTrue();
            }
            String crashedSnapshot = anvil.snapshot();

            // isLiquidatable, as eth_call on the crashed state at the crash time (the mirror's exact block)
            List<String> reads = borrowers.stream()
                    .map(b -> AbiCodec.encodeCall("isLiquidatable(address)", b))
                    .toList();
            long t0 = System.nanoTime();
            for (String data : reads) {
                assertThat(anvil.callAt(KEEPER, comet, data, crashTime)).isEqualTo(Either.right(bool(true)));
            }
            double readsOneByOne = Throughput.rate(CALLS, System.nanoTime() - t0);
            List<AnvilChain.Request> readBatch = reads.stream()
                    .map(data -> AnvilChain.callAtRequest(KEEPER, comet, data, crashTime))
                    .toList();
            t0 = System.nanoTime();
            var answers = anvil.batch(readBatch);
            double readsBatched = Throughput.rate(CALLS, System.nanoTime() - t0);
            assertThat(answers).allMatch(r -> AnvilChain.callOutcome(r).equals(Either.right(bool(true))));
            double readsMirror =
                    Throughput.mirror(CALLS, i -> CometViews.isLiquidatable(crashed, crash, borrowers.get(i)));

            // absorb, one borrower per call
            List<CometCall> absorbs = borrowers.stream()
                    .<CometCall>map(b -> new CometCall.Absorb(KEEPER, KEEPER, List.of(b)))
                    .toList();
            for (CometCall c : absorbs) {
                assertThat(Comet.execute(crashed, c, crash).isRight())
                        .as("%s", c)
                        .isTrue();
            }
            double[] absorb = anvilRates(anvil, chain, absorbs, crashTime, crashedSnapshot);
            double absorbMirror = Throughput.mirror(CALLS, i -> Comet.execute(crashed, absorbs.get(i), crash));
            // the same absorbs once through the comparison: the state the buys start from
            s = crashed;
            for (int i = 0; i < CALLS; i++) {
                s = CometCampaign.both(chain, s, absorbs.get(i), crash, trace, i);
            }
            CometState absorbed = s;
            CometCampaign.compareViews(chain, views, absorbed, crash, trace, CALLS);
            String absorbedSnapshot = anvil.snapshot();

            // buyCollateral of 1,000 USDC each by the keeper (CometBenchmark's buy)
            List<CometCall> buys = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                buys.add(new CometCall.BuyCollateral(KEEPER, weth, BigInteger.ZERO, usdc(1_000), KEEPER));
            }
            for (CometCall c : buys) {
                assertThat(Comet.execute(absorbed, c, crash).isRight())
                        .as("%s", c)
                        .isTrue();
            }
            double[] buy = anvilRates(anvil, chain, buys, crashTime, absorbedSnapshot);
            double buyMirror = Throughput.mirror(CALLS, i -> Comet.execute(absorbed, buys.get(i), crash));
            s = absorbed;
            for (int i = 0; i < CALLS; i++) {
                s = CometCampaign.both(chain, s, buys.get(i), crash, trace, i);
            }
            CometCampaign.compareViews(chain, views, s, crash, trace, CALLS);

            report("absorb", absorb[0], absorb[1], "in one batch of " + CALLS, absorbMirror);
            report("buyCollateral", buy[0], buy[1], "in one batch of " + CALLS, buyMirror);
            report("isLiquidatable (eth_call)", readsOneByOne, readsBatched, "in one batch of " + CALLS, readsMirror);
            report(
                    "liquidation day (10 actions, per action)",
                    dayOneByOne,
                    dayBatched,
                    "in two batches and a call per day (" + DAYS + " days)",
                    dayMirror);
        }
    }

    /**
     * {@return anvil's rate on {@code calls}, one transaction at a time and as one batch} Each run starts from the
     * snapshot (which this consumes) with the next block at {@code timestamp}, and every transaction must succeed; the
     * chain ends back at the snapshot's state.
     */
    private static double[] anvilRates(
            AnvilChain anvil, CometChain chain, List<CometCall> calls, long timestamp, String snapshot) {
        String before = snapshot;
        anvil.setNextBlockTimestamp(timestamp);
        long t0 = System.nanoTime();
        for (CometCall c : calls) {
            assertThat(sendOne(anvil, chain, c).success()).as("%s", c).isTrue();
        }
        double oneByOne = Throughput.rate(calls.size(), System.nanoTime() - t0);
        anvil.revert(before);
        before = anvil.snapshot();
        anvil.setNextBlockTimestamp(timestamp);
        List<AnvilChain.Transaction> txs = transactions(chain, calls);
        t0 = System.nanoTime();
        List<AnvilChain.Receipt> receipts = anvil.sendAll(txs);
        double batched = Throughput.rate(calls.size(), System.nanoTime() - t0);
        assertThat(receipts).allMatch(AnvilChain.Receipt::success);
        anvil.revert(before);
        return new double[] {oneByOne, batched};
    }

    private static AnvilChain.Receipt sendOne(AnvilChain anvil, CometChain chain, CometCall c) {
        return anvil.send(c.sender(), chain.target(c), CometChain.encode(c));
    }

    private static List<AnvilChain.Transaction> transactions(CometChain chain, List<CometCall> calls) {
        return calls.stream()
                .map(c -> new AnvilChain.Transaction(c.sender(), chain.target(c), CometChain.encode(c)))
                .toList();
    }

    private static CometBlock dayBlock(int n, CometBlock calm, CometBlock crash, CometBlock later) {
        return n < 3 ? calm : n <= 4 ? crash : later;
    }

    /** {@code CometBenchmark.liquidationDay}: nine transactions and one health view. */
    private static Object liquidationDay(
            CometState funded,
            List<CometCall> day,
            CometBlock calm,
            CometBlock crash,
            CometBlock later,
            Address trader) {
        CometState s = funded;
        for (int n = 0; n < day.size(); n++) {
            CometState before = s;
            s = Comet.execute(s, day.get(n), dayBlock(n, calm, crash, later))
                    .map(CometReceipt::state)
                    .getOrElse(before);
        }
        return CometViews.isLiquidatable(s, crash, trader) ? s : funded;
    }

    private static void report(String call, double oneByOne, double batched, String batch, double mirror) {
        Throughput.report(
                "throughput.txt",
                String.format(
                        Locale.ROOT,
                        "comet %s: anvil %s one at a time, %s %s; mirror %s on one thread;"
                                + " mirror / best anvil = %,.0fx",
                        call,
                        Throughput.show(oneByOne),
                        Throughput.show(batched),
                        batch,
                        Throughput.show(mirror),
                        mirror / Math.max(oneByOne, batched)));
    }

    /** {@code CometBenchmark}'s market: USDC-like base, one WETH-like collateral, its rate curve and reserves. */
    private static CometMarketSpec benchmarkMarket() {
        return new CometMarketSpec(
                6,
                usd(1),
                List.of(new CometMarketSpec.Collateral(
                        18, usd(2_000), wad("0.825"), wad("0.895"), wad("0.95"), BigInteger.TEN.pow(30))),
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
                BigInteger.TEN.pow(13));
    }

    /** {@return a bool as {@code eth_call} returns it: one 32-byte word} */
    private static String bool(boolean b) {
        return "0x" + "0".repeat(63) + (b ? "1" : "0");
    }

    private static BigInteger usdc(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.TEN.pow(6));
    }

    private static BigInteger usd(long dollars) {
        return BigInteger.valueOf(dollars).multiply(BigInteger.TEN.pow(8));
    }

    private static BigInteger wad(String d) {
        return new BigDecimal(d).scaleByPowerOfTen(18).toBigIntegerExact();
    }
}
