package dev.solvent.mirror.maker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.mirror.harness.Throughput;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Maker mirror's rate beside anvil's on the same calls, in one run, on the ETH-A-like ilk of the campaign
 * ({@link DssSpec#ethA()}: {@code DssBenchmark}'s values, and a 2% fee that nothing drips here) with
 * {@code DssBenchmark}'s vaults: 100 vaults of 10 to 109 ETH drawn to 95% of the limit at 2,000, built on dss's
 * bytecode and in the mirror with every call compared, then the price falls to 1,500 and the Spotter is poked, so
 * every vault is unsafe. Timed, on anvil one transaction (or {@code eth_call}) at a time and as one JSON-RPC batch,
 * and on the mirror warm from the same state: {@code dog.bark} of one vault per call, {@code clip.take} of 5 ETH from
 * each of the 100 running auctions 15 minutes after their kick (ten steps of the curve; every take partial), and the
 * abacus's {@code price(top, dur)} view, two hours into an auction as {@code DssBenchmark} reads it. Every timed call
 * succeeds on both sides, and the same barks and takes run once through the campaign's comparison.
 *
 * <p>A measurement, not a test: nothing is asserted about speed. Run it with {@code -Dsolvent.throughput=true}; it
 * writes {@code target/throughput.txt}.
 */
@EnabledIfSystemProperty(named = Throughput.ENABLED, matches = "true")
class DssThroughputTest {

    private static final int VAULTS = 100;
    private static final BigInteger WAD = DssSpec.WAD;
    private static final BigInteger RAY = DssSpec.RAY;

    @Test
    void barksTakesAndPricesOnTheMirrorAndOnAnvil() {
        try (AnvilChain anvil = AnvilChain.start().getOrElseThrow(reason -> new AssertionError(reason))) {
            DssCampaign.Market m = DssCampaign.deploy(anvil, DssSpec.ethA());
            DssChain chain = m.chain();
            String ilk = m.ilk();
            Address keeper = m.actors().get(DssSteps.KEEPER);
            Address d = DssChain.DEPLOYER;
            StringBuilder trace = new StringBuilder();

            // 100 vaults drawn to 95% of the limit at 2,000 (mat 1.45), every call compared on both sides
            long t = m.start();
            DssBlock calm = block(chain, t, m.price());
            List<Address> vaults = new ArrayList<>();
            DssState s = m.mirror();
            for (int i = 0; i < VAULTS; i++) {
                Address owner = Address.ofNumber(0xFA_0000L + i);
                vaults.add(owner);
                BigInteger ink = WAD.multiply(BigInteger.valueOf(10 + i));
                BigInteger art = ink.multiply(BigInteger.valueOf(2_000))
                        .multiply(BigInteger.valueOf(95))
                        .divide(BigInteger.valueOf(145));
                s = DssCampaign.both(m, s, new DssCall.Slip(d, ilk, owner, ink), calm, trace, -1);
                s = DssCampaign.both(
                        m, s, new DssCall.Frob(owner, ilk, owner, owner, owner, ink, art), calm, trace, -1);
            }
            DssCampaign.compareViews(m, s, calm, views(m, s, vaults), trace, -1);

            // the crash: the pip reads 1,500 and the Spotter is poked
            long crashTime = t + 60;
            BigInteger crashPrice = WAD.multiply(BigInteger.valueOf(1_500));
            DssBlock crash = block(chain, crashTime, crashPrice);
            chain.ward(chain.pip(), DssChain.pipPoke(crashPrice), crashTime);
            s = DssCampaign.both(m, s, new DssCall.Poke(keeper, ilk), crash, trace, -1);
            DssState crashed = s;
            DssCampaign.compareViews(m, crashed, crash, views(m, crashed, vaults), trace, -1);
            for (Address v : vaults) {
                assertThat(Dss.unsafe(crashed, ilk, v)).as("%s", v).isTrue();
            }
            String crashedSnapshot = anvil.snapshot();

            // bark, one vault per call
            List<DssCall> barks = vaults.stream()
                    .<DssCall>map(v -> new DssCall.Bark(keeper, ilk, v, keeper))
                    .toList();
            for (DssCall c : barks) {
                assertThat(Dss.execute(crashed, c, crash).isRight()).as("%s", c).isTrue();
            }
            double[] bark = anvilRates(anvil, m, barks, crashTime, crashedSnapshot);
            double barkMirror = Throughput.mirror(VAULTS, i -> Dss.execute(crashed, barks.get(i), crash));
            // the same barks once through the comparison: the auctions the takes buy from
            for (int i = 0; i < VAULTS; i++) {
                s = DssCampaign.both(m, s, barks.get(i), crash, trace, i);
            }
            DssState auctioned = s;
            DssCampaign.compareViews(m, auctioned, crash, views(m, auctioned, vaults), trace, VAULTS);
            String auctionedSnapshot = anvil.snapshot();

            // take of 5 ETH from each auction, 15 minutes after the kicks (DssBenchmark's take)
            long laterTime = crashTime + 900;
            DssBlock later = block(chain, laterTime, crashPrice);
            List<DssCall> takes = new ArrayList<>();
            for (int i = 1; i <= VAULTS; i++) {
                takes.add(new DssCall.Take(
                        keeper,
                        chain.clip(),
                        BigInteger.valueOf(i),
                        WAD.multiply(BigInteger.valueOf(5)),
                        RAY.multiply(BigInteger.valueOf(10_000)),
                        keeper));
            }
            for (DssCall c : takes) {
                var taken = Dss.execute(auctioned, c, later);
                assertThat(taken.isRight()).as("%s", c).isTrue();
                // partial: the auction keeps running
                BigInteger id = ((DssCall.Take) c).id();
                assertThat(taken.get()
                                .state()
                                .clippers()
                                .get(chain.clip())
                                .get()
                                .sale(id)
                                .lot())
                        .as("lot left in auction %s", id)
                        .isPositive();
            }
            double[] take = anvilRates(anvil, m, takes, laterTime, auctionedSnapshot);
            double takeMirror = Throughput.mirror(VAULTS, i -> Dss.execute(auctioned, takes.get(i), later));
            for (int i = 0; i < VAULTS; i++) {
                s = DssCampaign.both(m, s, takes.get(i), later, trace, VAULTS + i);
            }
            DssCampaign.compareViews(m, s, later, views(m, s, vaults), trace, 2 * VAULTS);

            // the abacus's price(top, dur): top 1,800, two hours into an auction (80 steps of 90 s), one second apart
            DssState.Abacus calc = crashed.calcs().get(chain.calc()).get();
            BigInteger top = RAY.multiply(BigInteger.valueOf(1_800));
            List<BigInteger> durations = new ArrayList<>();
            List<String> reads = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < VAULTS; i++) {
                BigInteger dur = BigInteger.valueOf(7_200 + i);
                durations.add(dur);
                reads.add(AbiCodec.encodeCall("price(uint256,uint256)", top, dur));
                expected.add(DssChain.word(Dss.price(calc, top, dur)));
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < VAULTS; i++) {
                assertThat(anvil.call(keeper, chain.calc(), reads.get(i), "latest"))
                        .isEqualTo(Either.right(expected.get(i)));
            }
            double readsOneByOne = Throughput.rate(VAULTS, System.nanoTime() - t0);
            List<AnvilChain.Request> batch = reads.stream()
                    .map(data -> AnvilChain.callRequest(keeper, chain.calc(), data, "latest"))
                    .toList();
            t0 = System.nanoTime();
            var answers = anvil.batch(batch);
            double readsBatched = Throughput.rate(VAULTS, System.nanoTime() - t0);
            for (int i = 0; i < VAULTS; i++) {
                assertThat(AnvilChain.callOutcome(answers.get(i))).isEqualTo(Either.right(expected.get(i)));
            }
            double readsMirror = Throughput.mirror(VAULTS, i -> Dss.price(calc, top, durations.get(i)));

            report("bark", bark[0], bark[1], barkMirror);
            report("take (partial)", take[0], take[1], takeMirror);
            report("abacus price (eth_call)", readsOneByOne, readsBatched, readsMirror);
        }
    }

    /**
     * {@return anvil's rate on {@code calls}, one transaction at a time and as one batch} Each run starts from the
     * snapshot (which this consumes) with the next block at {@code timestamp}, and every transaction must succeed; the
     * chain ends back at the snapshot's state.
     */
    private static double[] anvilRates(
            AnvilChain anvil, DssCampaign.Market m, List<DssCall> calls, long timestamp, String snapshot) {
        List<AnvilChain.Transaction> txs = new ArrayList<>();
        for (DssCall c : calls) {
            Object[] target = DssCampaign.encode(m, c);
            txs.add(new AnvilChain.Transaction(c.sender(), (Address) target[0], (String) target[1]));
        }
        anvil.setNextBlockTimestamp(timestamp);
        long t0 = System.nanoTime();
        for (AnvilChain.Transaction tx : txs) {
            assertThat(anvil.send(tx.from(), tx.to(), tx.data()).success()).isTrue();
        }
        double oneByOne = Throughput.rate(calls.size(), System.nanoTime() - t0);
        anvil.revert(snapshot);
        String before = anvil.snapshot();
        anvil.setNextBlockTimestamp(timestamp);
        t0 = System.nanoTime();
        List<AnvilChain.Receipt> receipts = anvil.sendAll(txs);
        double batched = Throughput.rate(calls.size(), System.nanoTime() - t0);
        assertThat(receipts).allMatch(AnvilChain.Receipt::success);
        anvil.revert(before);
        return new double[] {oneByOne, batched};
    }

    /** The campaign's views, and every vault's urn and every auction's sale and status. */
    private static List<DssView> views(DssCampaign.Market m, DssState s, List<Address> vaults) {
        String ilk = m.chain().ilk();
        List<DssView> v = new ArrayList<>(DssCampaign.views(m, s));
        for (Address a : vaults) {
            v.add(DssView.vatUrns(ilk, a));
            v.add(DssView.vatGem(ilk, a));
            v.add(DssView.vatDai(a));
        }
        long kicks = s.clippers().get(m.chain().clip()).get().kicks().longValue();
        for (long id = 1; id <= kicks; id++) {
            v.add(DssView.clipSales(BigInteger.valueOf(id)));
            v.add(DssView.clipGetStatus(BigInteger.valueOf(id)));
        }
        return v;
    }

    private static DssBlock block(DssChain chain, long time, BigInteger price) {
        return new DssBlock(time, Map.of(chain.pip(), new DssBlock.Peek(price, true)));
    }

    private static void report(String call, double oneByOne, double batched, double mirror) {
        Throughput.report(
                "throughput.txt",
                String.format(
                        Locale.ROOT,
                        "dss %s: anvil %s one at a time, %s in one batch of %d; mirror %s on one thread;"
                                + " mirror / best anvil = %,.0fx",
                        call,
                        Throughput.show(oneByOne),
                        Throughput.show(batched),
                        VAULTS,
                        Throughput.show(mirror),
                        mirror / Math.max(oneByOne, batched)));
    }
}
