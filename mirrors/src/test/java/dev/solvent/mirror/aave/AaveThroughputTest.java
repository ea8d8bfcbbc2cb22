package dev.solvent.mirror.aave;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.mirror.harness.Throughput;
import io.vavr.collection.HashMap;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Aave mirror's rate beside anvil's on the same calls, in one run: {@code liquidationCall} and
 * {@code getUserAccountData} on the test market of each version with the position {@code AaveBenchmark} times (100
 * borrowers of 12,000 USDX against 10 WETH, a day later WETH at 1,360: health factor about 0.975, close factor 50%).
 * Anvil is timed both one transaction at a time ({@code eth_sendTransactionSync}, one round trip each) and as one
 * JSON-RPC batch of all of them; the ratio is to the faster of the two. A measurement, not a test: run it with
 * {@code -Dsolvent.throughput=true}; it writes {@code target/throughput.txt}.
 */
@EnabledIfSystemProperty(named = Throughput.ENABLED, matches = "true")
class AaveThroughputTest {

    private static final int BORROWERS = 100;
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final Address SUPPLIER = Address.ofNumber(0x5EED_0001L);
    private static final Address KEEPER = Address.ofNumber(0x4EE9_0001L);

    @ParameterizedTest
    @EnumSource(AaveChain.Version.class)
    void liquidationsAndAccountReadsOnTheMirrorAndOnAnvil(AaveChain.Version version) {
        try (AnvilChain anvil = AnvilChain.start().getOrElseThrow(reason -> new AssertionError(reason))) {
            AaveChain chain = AaveChain.load(anvil, version);
            AaveState s = AaveFixture.state(chain);
            long t = chain.deployedAt() + 1;
            AaveBlock calm = new AaveBlock(t, HashMap.ofAll(AaveFixture.answers(chain)));
            Address usdx = chain.reserve("USDX").underlying();
            Address weth = chain.reserve("WETH").underlying();
            Address pool = chain.pool();
            StringBuilder trace = new StringBuilder();

            s = mint(chain, s, usdx, SUPPLIER, e(10_000_000, 6), calm);
            s = AaveCampaign.both(chain, s, new AaveCall.TokenApprove(SUPPLIER, usdx, pool, MAX), calm, trace, 0);
            s = AaveCampaign.both(
                    chain, s, new AaveCall.Supply(SUPPLIER, usdx, e(10_000_000, 6), SUPPLIER, 0), calm, trace, 0);
            Address[] borrowers = new Address[BORROWERS];
            for (int i = 0; i < BORROWERS; i++) {
                Address b = Address.ofNumber(0xB0_0000L + i);
                borrowers[i] = b;
                s = mint(chain, s, weth, b, e(10, 18), calm);
                s = AaveCampaign.both(chain, s, new AaveCall.TokenApprove(b, weth, pool, MAX), calm, trace, 0);
                s = AaveCampaign.both(chain, s, new AaveCall.Supply(b, weth, e(10, 18), b, 0), calm, trace, 0);
                s = AaveCampaign.both(
                        chain, s, new AaveCall.Borrow(b, usdx, e(12_000, 6), BigInteger.TWO, 0, b), calm, trace, 0);
            }
            s = mint(chain, s, usdx, KEEPER, e(100_000_000, 6), calm);
            s = AaveCampaign.both(chain, s, new AaveCall.TokenApprove(KEEPER, usdx, pool, MAX), calm, trace, 0);
            AaveState funded = s;
            long crashTime = t + 24 * 3600;
            AaveBlock crash = calm.at(crashTime).withAnswer(weth, e(1_360, 8));
            chain.setPrice(weth, e(1_360, 8));

            List<AnvilChain.Transaction> liquidations = new ArrayList<>();
            List<AaveCall.LiquidationCall> calls = new ArrayList<>();
            List<String> reads = new ArrayList<>();
            for (Address b : borrowers) {
                calls.add(new AaveCall.LiquidationCall(KEEPER, weth, usdx, b, MAX, false));
                liquidations.add(
                        new AnvilChain.Transaction(KEEPER, pool, AaveChain.liquidationCall(weth, usdx, b, MAX, false)));
                reads.add(AbiCodec.encodeCall("getUserAccountData(address)", b));
            }
            // every liquidation succeeds on the mirror from the one funded state, as the benchmark needs
            for (AaveCall.LiquidationCall c : calls) {
                assertThat(Aave.execute(funded, c, crash).isRight()).as("%s", c).isTrue();
            }

            anvil.setNextBlockTimestamp(crashTime);
            String before = anvil.snapshot();
            long t0 = System.nanoTime();
            for (AnvilChain.Transaction tx : liquidations) {
                assertThat(anvil.send(tx.from(), tx.to(), tx.data()).success()).isTrue();
            }
            double oneByOne = Throughput.rate(BORROWERS, System.nanoTime() - t0);
            anvil.revert(before);
            anvil.setNextBlockTimestamp(crashTime);
            t0 = System.nanoTime();
            List<AnvilChain.Receipt> receipts = anvil.sendAll(liquidations);
            double batched = Throughput.rate(BORROWERS, System.nanoTime() - t0);
            assertThat(receipts).allMatch(AnvilChain.Receipt::success);

            t0 = System.nanoTime();
            for (String data : reads) {
                assertThat(anvil.call(KEEPER, pool, data, "latest").isRight()).isTrue();
            }
            double readsOneByOne = Throughput.rate(BORROWERS, System.nanoTime() - t0);
            t0 = System.nanoTime();
            List<AnvilChain.Request> batch = reads.stream()
                    .map(data -> AnvilChain.callRequest(KEEPER, pool, data, "latest"))
                    .toList();
            assertThat(anvil.batch(batch))
                    .allMatch(r -> AnvilChain.callOutcome(r).isRight());
            double readsBatched = Throughput.rate(BORROWERS, System.nanoTime() - t0);

            double mirror = Throughput.mirror(BORROWERS, i -> Aave.execute(funded, calls.get(i), crash));
            double mirrorReads =
                    Throughput.mirror(BORROWERS, i -> AaveViews.userAccountData(funded, crash, borrowers[i]));
            report(version, "liquidationCall", oneByOne, batched, mirror);
            report(version, "getUserAccountData", readsOneByOne, readsBatched, mirrorReads);
        }
    }

    private static void report(AaveChain.Version v, String call, double oneByOne, double batched, double mirror) {
        Throughput.report(
                "throughput.txt",
                String.format(
                        java.util.Locale.ROOT,
                        "aave %s %s: anvil %s one at a time, %s in one batch of %d; mirror %s on one thread;"
                                + " mirror / best anvil = %,.0fx",
                        v,
                        call,
                        Throughput.show(oneByOne),
                        Throughput.show(batched),
                        BORROWERS,
                        Throughput.show(mirror),
                        mirror / Math.max(oneByOne, batched)));
    }

    private static AaveState mint(
            AaveChain chain, AaveState s, Address token, Address to, BigInteger amount, AaveBlock block) {
        Erc20 erc20 = s.tokens().get(token).get();
        Address minter = erc20.kind() == Erc20.Kind.WETH9 ? to : chain.poolAdmin();
        chain.mint(token, to, amount, block.timestamp());
        return Aave.execute(s, new AaveCall.TokenMint(minter, token, to, amount), block)
                .getOrElseThrow(r -> new AssertionError("the mirror refused to mint: " + r))
                .state();
    }

    private static BigInteger e(long n, int decimals) {
        return BigInteger.valueOf(n).multiply(BigInteger.TEN.pow(decimals));
    }
}
