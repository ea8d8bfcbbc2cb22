package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.ETH_PERP;
import static dev.solvent.keeper.KeeperFixtures.SOL;
import static dev.solvent.keeper.KeeperFixtures.SOL_PERP;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.USDC;
import static dev.solvent.keeper.KeeperFixtures.WETH;
import static dev.solvent.keeper.KeeperFixtures.answer;
import static dev.solvent.keeper.KeeperFixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.keeper.KeeperFixtures;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.chain.Chain;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.Tuple0;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The index finds exactly what the full scan finds, on every block of random runs: accounts long and short, with ETH
 * or SOL collateral or both (several price keys: watched), isolated positions in ETH-PERP and SOL-PERP beside them,
 * prices moving up to 8% a block, stale answers now and then, liquidations (cross and isolated), new trades and
 * isolated margin changes touching accounts between blocks.
 */
public class LiquidationIndexProperties {

    static final AccountId KEEPER = AccountId.of("keeper");

    @Property(tries = 60)
    void findsExactlyTheTargetsTheFullScanFinds(@ForAll long seed) {
        RandomGenerator r = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        long eth = 2_000_00L; // cents
        long sol = 100_00L;
        long t = T0;
        ProtocolState s = open(r, t, eth, sol);
        LiquidationIndex index = new LiquidationIndex();
        LiquidationIndex.State st = index.start();
        FullScan full = new FullScan();
        ProtocolState seen = null;
        int found = 0;
        int isolated = 0;
        for (int b = 1; b <= 25; b++) {
            t += 12;
            eth = Math.max(100, eth * (1000 + r.nextInt(-80, 81)) / 1000);
            sol = Math.max(100, sol * (1000 + r.nextInt(-80, 81)) / 1000);
            TreeMap<String, OracleAnswer> prices = TreeMap.of(
                    "ETH/USD", answer(cents(eth), r.nextInt(10) == 0 ? t - 4_000 : t),
                    "SOL/USD", answer(cents(sol), r.nextInt(10) == 0 ? t - 4_000 : t));
            TreeSet<AccountId> touched = seen == null ? TreeSet.empty() : Chain.touched(seen, s);
            KeeperView view = new KeeperView(KEEPER, b, t, 0, prices, s, Vector.empty(), touched);
            Scanner.Scan<LiquidationIndex.State> fast = index.scan(view, st);
            Scanner.Scan<Tuple0> slow = full.scan(view, full.start());
            assertThat(TreeSet.ofAll(fast.liquidatable()))
                    .as("block %d", b)
                    .isEqualTo(TreeSet.ofAll(slow.liquidatable()));
            assertThat(fast.liquidatable().distinct()).hasSameSizeAs(fast.liquidatable());
            found += slow.liquidatable().size();
            isolated += slow.liquidatable().count(x -> x instanceof Target.Isolated);
            st = fast.next();
            seen = s;
            BlockContext ctx = new BlockContext(b, t, KEEPER, prices);
            for (Target target : slow.liquidatable()) {
                if (r.nextBoolean()) {
                    s = apply(s, target.tx(), ctx);
                }
            }
            for (int k = 0; k < 2; k++) {
                AccountId id = AccountId.of("acct-" + r.nextInt(20));
                I256 size = I256.of(r.nextLong(-20, 21)).times(I256.pow10(17));
                if (!size.isZero()) {
                    s = apply(s, new Tx.Trade(ETH_PERP, id, BOB, size, cents(eth)), ctx.withSender(id));
                }
            }
            AccountId id = AccountId.of("acct-" + r.nextInt(20));
            Tx change = switch (r.nextInt(4)) {
                case 0 ->
                    new Tx.OpenIsolated(
                            id,
                            ETH_PERP,
                            BOB,
                            I256.of(r.nextLong(-20, 21)).times(I256.pow10(17)),
                            cents(eth),
                            usdc(r.nextLong(50, 1_000)).toU256());
                case 1 ->
                    new Tx.ModifyIsolated(
                            id, ETH_PERP, BOB, I256.of(r.nextLong(-10, 11)).times(I256.pow10(17)), cents(eth));
                case 2 ->
                    new Tx.AddIsolatedMargin(
                            id, ETH_PERP, usdc(r.nextLong(1, 200)).toU256());
                default ->
                    new Tx.RemoveIsolatedMargin(
                            id, ETH_PERP, usdc(r.nextLong(1, 200)).toU256());
            };
            s = apply(s, change, ctx.withSender(id));
        }
        Statistics.label("liquidatable target-blocks").collect(found == 0 ? "none" : found < 10 ? "some" : "many");
        Statistics.label("liquidatable isolated positions")
                .collect(isolated == 0 ? "none" : isolated < 5 ? "some" : "many");
        // a run that never reaches a liquidatable target compares two empty sets: most runs must reach some
        Statistics.label("liquidatable target-blocks")
                .coverage(c -> c.check("none").percentage(p -> p < 20));
        Statistics.label("liquidatable isolated positions")
                .coverage(c -> c.check("none").percentage(p -> p < 40));
    }

    public static I256 cents(long c) {
        return I256.of(c).times(I256.of(1_000_000));
    }

    static ProtocolState apply(ProtocolState s, Tx tx, BlockContext ctx) {
        Either<Revert, Receipt> r = MarginEngine.execute(s, tx, ctx);
        return r.isRight() ? r.get().state() : s;
    }

    public static ProtocolState open(RandomGenerator r, long t, long eth, long sol) {
        ProtocolState s = ProtocolState.genesis(KeeperFixtures.config(), T0);
        BlockContext ctx =
                KeeperFixtures.block(t, TreeMap.of("ETH/USD", answer(cents(eth), t), "SOL/USD", answer(cents(sol), t)));
        s = apply(s, new Tx.Deposit(BOB, USDC, usdc(100_000_000).toU256()), ctx);
        for (int i = 0; i < 20; i++) {
            AccountId id = AccountId.of("acct-" + i);
            s = apply(s, new Tx.Deposit(id, USDC, usdc(r.nextLong(50, 5_000)).toU256()), ctx);
            int kind = r.nextInt(4);
            if (kind == 1) {
                s = apply(
                        s,
                        new Tx.Deposit(
                                id,
                                WETH,
                                I256.of(r.nextLong(1, 30)).times(I256.pow10(17)).toU256()),
                        ctx);
            } else if (kind == 2) {
                s = apply(
                        s,
                        new Tx.Deposit(
                                id,
                                SOL,
                                I256.of(r.nextLong(1, 50)).times(I256.pow10(9)).toU256()),
                        ctx);
            }
            // up to 10x leverage on ETH, long or short, in tenths of an ETH
            I256 size = I256.of(r.nextLong(-25, 26)).times(I256.pow10(17));
            if (!size.isZero()) {
                s = apply(s, new Tx.Trade(ETH_PERP, id, BOB, size, cents(eth)), ctx);
            }
            if (r.nextInt(5) == 0) {
                I256 solSize = I256.of(r.nextLong(-50, 51)).times(I256.pow10(9));
                if (!solSize.isZero()) {
                    s = apply(s, new Tx.Trade(SOL_PERP, id, BOB, solSize, cents(sol)), ctx);
                }
            }
            // isolated positions beside the cross ones: up to 10x in ETH-PERP, up to 5x in SOL-PERP, long or short
            if (r.nextInt(2) == 0) {
                I256 isoSize = I256.of(r.nextLong(-25, 26)).times(I256.pow10(17));
                if (!isoSize.isZero()) {
                    s = apply(
                            s,
                            new Tx.OpenIsolated(
                                    id,
                                    ETH_PERP,
                                    BOB,
                                    isoSize,
                                    cents(eth),
                                    usdc(r.nextLong(100, 1_500)).toU256()),
                            ctx.withSender(id));
                }
            }
            if (r.nextInt(4) == 0) {
                I256 isoSize = I256.of(r.nextLong(-50, 51)).times(I256.pow10(9));
                if (!isoSize.isZero()) {
                    s = apply(
                            s,
                            new Tx.OpenIsolated(
                                    id,
                                    SOL_PERP,
                                    BOB,
                                    isoSize,
                                    cents(sol),
                                    usdc(r.nextLong(20, 500)).toU256()),
                            ctx.withSender(id));
                }
            }
        }
        return s;
    }
}
