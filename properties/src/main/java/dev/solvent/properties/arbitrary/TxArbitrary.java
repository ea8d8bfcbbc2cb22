package dev.solvent.properties.arbitrary;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Transactions of every kind over a {@link CampaignSetup}'s accounts, assets and markets, drawn without looking at any state:
 * amounts of one base unit to thousands of whole units, sizes both ways, trade prices within a few percent of the
 * setup's first oracle answers. Many revert against a given state, which is the point when testing reverts; the
 * campaign's actions choose state-aware arguments instead.
 *
 * {@snippet :
 * Arbitrary<List<Tx>> sequences = SolventArbitraries.transactions(setup).list().ofMaxSize(50);
 * }
 */
public final class TxArbitrary extends ArbitraryDecorator<Tx> {

    private final CampaignSetup setup;

    TxArbitrary(CampaignSetup setup) {
        this.setup = setup;
    }

    private Arbitrary<AccountId> account() {
        return Arbitraries.of(setup.traders().asJava());
    }

    private Arbitrary<AssetId> asset() {
        return Arbitraries.of(setup.config().assets().keySet().toJavaList());
    }

    private Arbitrary<MarketId> market() {
        return Arbitraries.of(setup.config().markets().keySet().toJavaList());
    }

    private Arbitrary<U256> amount() {
        return Arbitraries.longs()
                .between(1, 5_000_000_000L)
                .edgeCases(e -> e.add(1L))
                .map(U256::of);
    }

    private Arbitrary<I256> size() {
        return Arbitraries.longs()
                .between(-1_000_000_000L, 1_000_000_000L)
                .filter(x -> x != 0)
                .map(x -> I256.of(x).times(I256.pow10(6)));
    }

    private Arbitrary<I256> price(MarketId m) {
        AssetId u = setup.config().markets().get(m).get().underlying();
        String key = setup.config().assets().get(u).get().priceKey().getOrElse("");
        I256 oracle = setup.prices().get(key).map(OracleAnswer::answer).getOrElse(I256.ONE);
        return Arbitraries.integers().between(-300, 300).map(bps -> PricePath.Move.moved(oracle, bps));
    }

    @Override
    protected Arbitrary<Tx> arbitrary() {
        Arbitrary<Tx> deposit =
                Combinators.combine(account(), asset(), amount()).as(Tx.Deposit::new);
        Arbitrary<Tx> withdraw =
                Combinators.combine(account(), asset(), amount()).as(Tx.Withdraw::new);
        Arbitrary<Tx> borrow = Combinators.combine(account(), asset(), amount()).as(Tx.Borrow::new);
        Arbitrary<Tx> repay = Combinators.combine(account(), asset(), amount()).as(Tx.Repay::new);
        Arbitrary<Tx> fund = amount().map(Tx.FundInsurance::new);
        Arbitrary<Tx> trade = market().flatMap(m -> Combinators.combine(account(), account(), size(), price(m))
                .as((t, k, s, p) -> new Tx.Trade(m, t, k, s, p)));
        Arbitrary<Tx> open = market().flatMap(m -> Combinators.combine(account(), account(), size(), price(m), amount())
                .as((a, k, s, p, x) -> new Tx.OpenIsolated(a, m, k, s, p, x)));
        Arbitrary<Tx> modify = market().flatMap(m -> Combinators.combine(account(), account(), size(), price(m))
                .as((a, k, s, p) -> new Tx.ModifyIsolated(a, m, k, s, p)));
        Arbitrary<Tx> close = market().flatMap(m ->
                Combinators.combine(account(), account(), price(m)).as((a, k, p) -> new Tx.CloseIsolated(a, m, k, p)));
        Arbitrary<Tx> add = Combinators.combine(account(), market(), amount()).as(Tx.AddIsolatedMargin::new);
        Arbitrary<Tx> remove =
                Combinators.combine(account(), market(), amount()).as(Tx.RemoveIsolatedMargin::new);
        Arbitrary<Tx> settle = account().map(Tx.SettleFunding::new);
        Arbitrary<Tx> liquidate = account().map(Tx.Liquidate::new);
        Arbitrary<Tx> liquidateIsolated =
                Combinators.combine(account(), market()).as(Tx.LiquidateIsolated::new);
        // the auction and storefront moves of the Absorb and DutchAuction policies; auction ids start at 1
        Arbitrary<Tx> buy = Combinators.combine(account(), asset(), amount())
                .as((b, a, base) -> new Tx.BuyCollateral(b, a, U256.ZERO, base));
        Arbitrary<Long> auction = Arbitraries.longs().between(1, 5);
        Arbitrary<Tx> take =
                Combinators.combine(auction, amount(), size()).as((id, x, max) -> new Tx.Take(id, x, max.abs()));
        Arbitrary<Tx> redo = auction.map(Tx.Redo::new);
        return Arbitraries.oneOf(
                buy,
                take,
                redo,
                deposit,
                withdraw,
                borrow,
                repay,
                fund,
                trade,
                open,
                modify,
                close,
                add,
                remove,
                settle,
                liquidate,
                liquidateIsolated);
    }
}
