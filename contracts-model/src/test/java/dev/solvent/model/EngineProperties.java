package dev.solvent.model;

import static dev.solvent.model.Fixtures.BTC_PERP;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.SOL_PERP;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.WBTC;
import static dev.solvent.model.Fixtures.WETH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The model's first properties over random transaction sequences (deposits, withdrawals, loans, trades, isolated
 * positions, price moves, funding over time, liquidations): value is conserved after every transaction, a revert
 * changes nothing, and long and short open interest stay equal in every market.
 */
class EngineProperties {

    static final List<AccountId> TRADERS =
            List.of(AccountId.of("a"), AccountId.of("b"), AccountId.of("c"), AccountId.of("d"));
    static final AccountId KEEPER = AccountId.of("keeper");
    static final List<MarketId> MARKETS = List.of(ETH_PERP, BTC_PERP, SOL_PERP);

    /** One step: prices move by per-mille factors, time passes, then a transaction runs. */
    record Step(int ethMove, int btcMove, int solMove, int seconds, int offsetBps, Tx tx) {
        @Override
        public String toString() {
            return "move(" + ethMove + "," + btcMove + "," + solMove + ") +" + seconds + "s " + tx + " @" + offsetBps
                    + "bps";
        }
    }

    /** Prices in whole cents of a dollar, 8-decimal feed answers. */
    record World(ProtocolState state, long time, long eth, long btc, long sol) {
        BlockContext block(AccountId sender) {
            return new BlockContext(
                    time - T0,
                    time,
                    sender,
                    io.vavr.collection.TreeMap.of(
                            "ETH/USD", new dev.solvent.model.tx.OracleAnswer(I256.of(eth * 1_000_000L), 8, time),
                            "BTC/USD", new dev.solvent.model.tx.OracleAnswer(I256.of(btc * 1_000_000L), 8, time),
                            "SOL/USD", new dev.solvent.model.tx.OracleAnswer(I256.of(sol * 1_000_000L), 8, time)));
        }

        long cents(MarketId m) {
            return m.equals(ETH_PERP) ? eth : m.equals(BTC_PERP) ? btc : sol;
        }

        World move(Step s) {
            return new World(
                    state,
                    time + s.seconds(),
                    Math.max(1, eth * (1000 + s.ethMove()) / 1000),
                    Math.max(1, btc * (1000 + s.btcMove()) / 1000),
                    Math.max(1, sol * (1000 + s.solMove()) / 1000));
        }
    }

    @Property(tries = 300)
    void conservesValueAndOpenInterestAndRevertsChangeNothing(
            @ForAll("sequences") List<Step> steps,
            @ForAll("policies") ShortfallPolicy policy,
            @ForAll("liquidations") LiquidationPolicy liquidation) {
        ProtocolState genesis = ProtocolState.genesis(
                Fixtures.config(policy, new PositionReceiver.Liquidator()).withLiquidation(liquidation), T0);
        // a prelude so that trades have funded parties: each trader 2,000 USDC, the keeper 1,000,000
        ProtocolState funded = genesis;
        for (AccountId t : TRADERS) {
            funded = Fixtures.run(
                    funded,
                    Fixtures.block(t, T0, 2_000, 40_000, 100),
                    new Tx.Deposit(t, USDC, U256.of(2_000_000_000L)));
        }
        funded = Fixtures.run(
                funded,
                Fixtures.block(KEEPER, T0, 2_000, 40_000, 100),
                new Tx.Deposit(KEEPER, USDC, U256.of(1_000_000_000_000L)));
        // and two leveraged pairs (4x), so that price moves of a few percent make someone liquidatable
        BlockContext open = Fixtures.block(KEEPER, T0, 2_000, 40_000, 100);
        funded = Fixtures.run(
                funded,
                open,
                new Tx.Trade(ETH_PERP, TRADERS.get(0), TRADERS.get(1), Fixtures.units(4, 1, 18), Fixtures.usd8(2_000)),
                new Tx.Trade(
                        BTC_PERP, TRADERS.get(2), TRADERS.get(3), Fixtures.units(-1, 5, 8), Fixtures.usd8(40_000)));
        World w = new World(funded, T0, 200_000L, 4_000_000L, 10_000L);
        int liquidations = 0;
        for (Step step : steps) {
            w = w.move(step);
            Tx tx = priced(step.tx(), w, step.offsetBps());
            BlockContext b = Fixtures.senderFor(tx, w.block(KEEPER));
            ProtocolState before = w.state();
            int hash = before.hashCode();
            Either<Revert, Receipt> r = MarginEngine.execute(before, tx, b);
            assertThat(MarginEngine.execute(before, tx, b)).as("determinism").isEqualTo(r);
            assertThat(before.hashCode()).as("the input state is never mutated").isEqualTo(hash);
            if (r.isRight()) {
                ProtocolState after = r.get().state();
                assertThat(Fixtures.conservationViolations(after))
                        .as("conservation after %s", step)
                        .isEmpty();
                assertOpenInterest(after, step);
                assertThat(after.insuranceFund().isNegative())
                        .as("fund never negative")
                        .isFalse();
                if (tx instanceof Tx.Liquidate || tx instanceof Tx.LiquidateIsolated) {
                    liquidations++;
                }
                w = new World(after, w.time(), w.eth(), w.btc(), w.sol());
            }
        }
        Statistics.label("liquidations").collect(liquidations > 0 ? "some" : "none");
        Statistics.label("liquidations").coverage(c -> c.check("some").percentage(p -> p > 15.0));
    }

    static void assertOpenInterest(ProtocolState s, Step step) {
        for (MarketId m : MARKETS) {
            I256 longs = I256.ZERO;
            I256 shorts = I256.ZERO;
            for (var a : s.accounts().values()) {
                for (var p : a.position(m)) {
                    longs = longs.plus(p.size().max(I256.ZERO));
                    shorts = shorts.minus(p.size().min(I256.ZERO));
                }
                for (var ip : a.isolated().get(m)) {
                    longs = longs.plus(ip.position().size().max(I256.ZERO));
                    shorts = shorts.minus(ip.position().size().min(I256.ZERO));
                }
            }
            var ms = s.market(m);
            assertThat(ms.longOpenInterest())
                    .as("long OI of %s after %s", m, step)
                    .isEqualTo(longs);
            assertThat(ms.shortOpenInterest())
                    .as("short OI of %s after %s", m, step)
                    .isEqualTo(shorts);
            assertThat(longs).as("long = short in %s after %s", m, step).isEqualTo(shorts);
        }
    }

    @Provide
    Arbitrary<PositionReceiver> receivers() {
        return Arbitraries.of(
                new PositionReceiver.Liquidator(), new PositionReceiver.Backstop(AccountId.of("backstop")));
    }

    @Provide
    Arbitrary<ShortfallPolicy> policies() {
        return Arbitraries.of(
                new ShortfallPolicy.InsuranceThenSocialize(),
                new ShortfallPolicy.InsuranceThenAdl(),
                new ShortfallPolicy.InsuranceThenDeleverage(),
                new ShortfallPolicy.InsuranceThenBadDebt());
    }

    @Provide
    Arbitrary<LiquidationPolicy> liquidations() {
        return Arbitraries.of(
                new LiquidationPolicy.AccountWide(),
                new LiquidationPolicy.CloseFactor(
                        Wad.parse("0.5"),
                        Wad.parse("0.95"),
                        U256.of(2_000_000_000L),
                        Wad.parse("0.05"),
                        Wad.parse("0.1")),
                new LiquidationPolicy.Absorb(
                        io.vavr.collection.TreeMap.empty(),
                        Wad.parse("0.93"),
                        Wad.parse("0.5"),
                        U256.of(5_000_000_000_000L)),
                new LiquidationPolicy.DutchAuction(
                        Wad.parse("1.2"),
                        new dev.solvent.model.policy.PriceCurve.StairstepExponential(Wad.parse("0.99"), 90),
                        7_200,
                        Wad.parse("0.4"),
                        Wad.parse("1.13"),
                        U256.of(10_000_000_000_000L),
                        U256.of(100_000_000_000_000L),
                        U256.of(5_000_000),
                        Wad.parse("0.001"),
                        U256.of(100_000_000)),
                new LiquidationPolicy.BackstopVault(
                        AccountId.of("vault"),
                        Wad.parse("0.666666666666666667"),
                        U256.of(1_000_000_000L),
                        Wad.parse("0.2"),
                        30));
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Integer> move = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(-60, 60)),
                Tuple.of(2, Arbitraries.integers().between(-300, 300)));
        Arbitrary<Integer> seconds = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 3_000)));
        return Combinators.combine(move, move, move, seconds, offset(), txs())
                .as(Step::new)
                .list()
                .ofMinSize(10)
                .ofMaxSize(80);
    }

    static Arbitrary<AccountId> trader() {
        return Arbitraries.of(TRADERS);
    }

    static Arbitrary<AssetId> asset() {
        return Arbitraries.of(USDC, USDC, WETH, WBTC);
    }

    static Arbitrary<MarketId> market() {
        return Arbitraries.of(MARKETS);
    }

    /** Amounts worth about 10 to 5,000 dollars, sometimes one base unit. */
    static Arbitrary<U256> amount(AssetId asset) {
        // USDC: 10..5,000 whole; WETH: 0.005..2.5 (steps of 0.001); WBTC: 0.0003..0.125 (steps of 0.00001)
        Arbitrary<U256> typical = asset.equals(USDC)
                ? Arbitraries.longs().between(10, 5_000).map(n -> U256.of(n * 1_000_000L))
                : asset.equals(WETH)
                        ? Arbitraries.longs()
                                .between(5, 2_500)
                                .map(n -> U256.of(n).times(I256.pow10(15).toU256()))
                        : Arbitraries.longs().between(30, 12_500).map(n -> U256.of(n * 1_000L));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(U256.ONE)), Tuple.of(8, typical));
    }

    /** A signed size of up to 5 whole units (0.01 steps), sometimes one base unit. */
    static Arbitrary<I256> size(MarketId m) {
        int decimals = m.equals(ETH_PERP) ? 18 : m.equals(BTC_PERP) ? 8 : 9;
        I256 hundredth = I256.pow10(decimals - 2);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(I256.ONE, I256.of(-1))),
                Tuple.of(8, Arbitraries.integers().between(-500, 500).map(k -> hundredth.times(I256.of(k)))));
    }

    /** A price offset in basis points from the oracle, mostly inside the 5% band. */
    static Arbitrary<Integer> offset() {
        return Arbitraries.integers().between(-600, 600);
    }

    static Arbitrary<Tx> txs() {
        Arbitrary<Tx> deposit =
                asset().flatMap(a -> Combinators.combine(trader(), amount(a)).as((t, x) -> new Tx.Deposit(t, a, x)));
        Arbitrary<Tx> withdraw =
                asset().flatMap(a -> Combinators.combine(trader(), amount(a)).as((t, x) -> new Tx.Withdraw(t, a, x)));
        Arbitrary<Tx> borrow = Combinators.combine(trader(), amount(WETH))
                .as((t, x) -> new Tx.Borrow(
                        t, WETH, x.divide(U256.of(100), Rounding.FLOOR).max(U256.ONE)));
        Arbitrary<Tx> repay = Combinators.combine(trader(), amount(WETH))
                .as((t, x) -> new Tx.Repay(
                        t, WETH, x.divide(U256.of(100), Rounding.FLOOR).max(U256.ONE)));
        Arbitrary<Tx> keeperDeposit = amount(USDC).map(x -> new Tx.Deposit(KEEPER, USDC, x.times(U256.of(100))));
        Arbitrary<Tx> fund = amount(USDC).map(Tx.FundInsurance::new);
        Arbitrary<Tx> trade = market().flatMap(m -> Combinators.combine(trader(), trader(), size(m))
                .as((t, k, s) -> (Tx) new Tx.Trade(m, t, k, s, I256.ZERO)));
        Arbitrary<Tx> open = market().flatMap(m -> Combinators.combine(trader(), trader(), size(m), amount(USDC))
                .as((t, k, s, margin) -> (Tx) new Tx.OpenIsolated(
                        t,
                        m,
                        k,
                        s,
                        I256.ZERO,
                        margin.divide(U256.of(10), Rounding.FLOOR).max(U256.ONE))));
        Arbitrary<Tx> modify = market().flatMap(m -> Combinators.combine(trader(), trader(), size(m))
                .as((t, k, s) -> (Tx) new Tx.ModifyIsolated(t, m, k, s, I256.ZERO)));
        Arbitrary<Tx> close = market().flatMap(m ->
                Combinators.combine(trader(), trader()).as((t, k) -> (Tx) new Tx.CloseIsolated(t, m, k, I256.ZERO)));
        Arbitrary<Tx> margin = market().flatMap(m -> Combinators.combine(
                        trader(), amount(USDC), Arbitraries.of(true, false))
                .as((t, x, add) -> add ? new Tx.AddIsolatedMargin(t, m, x) : new Tx.RemoveIsolatedMargin(t, m, x)));
        Arbitrary<Tx> settle = trader().map(Tx.SettleFunding::new);
        Arbitrary<Tx> liquidate = trader().map(Tx.Liquidate::new);
        Arbitrary<Tx> buy = Combinators.combine(trader(), Arbitraries.of(WETH, WBTC), amount(USDC))
                .as((t, a, x) -> new Tx.BuyCollateral(t, a, U256.ZERO, x));
        Arbitrary<Tx> take = Combinators.combine(Arbitraries.longs().between(1, 4), amount(WETH))
                .as((id, x) -> new Tx.Take(id, x, I256.of(1_000_000_000_000_000L)));
        Arbitrary<Tx> redo = Arbitraries.longs().between(1, 4).map(Tx.Redo::new);
        Arbitrary<Tx> liquidateIsolated =
                Combinators.combine(trader(), market()).as(Tx.LiquidateIsolated::new);
        return Arbitraries.frequencyOf(
                Tuple.of(12, deposit),
                Tuple.of(3, keeperDeposit),
                Tuple.of(2, fund),
                Tuple.of(4, withdraw),
                Tuple.of(2, borrow),
                Tuple.of(1, repay),
                Tuple.of(20, trade),
                Tuple.of(5, open),
                Tuple.of(3, modify),
                Tuple.of(2, close),
                Tuple.of(2, margin),
                Tuple.of(2, settle),
                Tuple.of(16, liquidate),
                Tuple.of(6, liquidateIsolated),
                Tuple.of(3, buy),
                Tuple.of(4, take),
                Tuple.of(1, redo));
    }

    /** {@return the transaction, generated with a zero price, priced {@code offsetBps} from the oracle price as it runs} */
    static Tx priced(Tx tx, World w, int offsetBps) {
        java.util.function.Function<MarketId, I256> price =
                m -> I256.of(Math.max(1, w.cents(m) * (10_000 + offsetBps) / 10_000) * 1_000_000L);
        return switch (tx) {
            case Tx.Trade t -> new Tx.Trade(t.market(), t.taker(), t.maker(), t.size(), price.apply(t.market()));
            case Tx.OpenIsolated t ->
                new Tx.OpenIsolated(t.account(), t.market(), t.maker(), t.size(), price.apply(t.market()), t.margin());
            case Tx.ModifyIsolated t ->
                new Tx.ModifyIsolated(t.account(), t.market(), t.maker(), t.sizeDelta(), price.apply(t.market()));
            case Tx.CloseIsolated t ->
                new Tx.CloseIsolated(t.account(), t.market(), t.maker(), price.apply(t.market()));
            default -> tx;
        };
    }
}
