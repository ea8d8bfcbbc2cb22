package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ALICE;
import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.ETH_PERP;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.USDC;
import static dev.solvent.keeper.KeeperFixtures.block;
import static dev.solvent.keeper.KeeperFixtures.eth;
import static dev.solvent.keeper.KeeperFixtures.prices;
import static dev.solvent.keeper.KeeperFixtures.run;
import static dev.solvent.keeper.KeeperFixtures.usd8;
import static dev.solvent.keeper.KeeperFixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperFixtures;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.Submission;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import io.vavr.Tuple0;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Alice has 1,000 USDC in her cross account and an isolated long of 1 ETH opened at 2,000 with 200 USDC of margin.
 * The bucket's gap is {@code 200 + (p - 2,000) - 0.05 p}, zero at {@code p = 1,800 / 0.95 = 1,894.74}: the position is
 * liquidatable at 1,890 and not at 1,900, while her cross account (no position) never is.
 */
class IsolatedTargetTest {

    static final AccountId KEEPER = AccountId.of("keeper");

    static ProtocolState aliceIsolatedLong() {
        ProtocolState s = ProtocolState.genesis(KeeperFixtures.config(), T0);
        return run(
                s,
                block(T0, prices(2_000, 100, T0)).withSender(ALICE),
                new Tx.Deposit(BOB, USDC, usdc(1_000_000).toU256()),
                new Tx.Deposit(ALICE, USDC, usdc(1_200).toU256()),
                new Tx.OpenIsolated(
                        ALICE, ETH_PERP, BOB, eth(1), usd8(2_000), usdc(200).toU256()));
    }

    static KeeperView view(long ethUsd) {
        return new KeeperView(
                KEEPER,
                2,
                T0 + 24,
                GWEI,
                prices(ethUsd, 100, T0 + 24),
                aliceIsolatedLong(),
                Vector.empty(),
                TreeSet.empty());
    }

    @Test
    void bothScannersFindTheIsolatedPositionOnceThePriceCrossesItsLiquidationPrice() {
        Target alice = new Target.Isolated(ALICE, ETH_PERP);
        for (Scanner<?> scanner : Vector.<Scanner<?>>of(new FullScan(), new LiquidationIndex())) {
            assertThat(scan(scanner, view(1_900))).as("%s at 1,900", scanner).isEmpty();
            assertThat(scan(scanner, view(1_890))).as("%s at 1,890", scanner).containsExactly(alice);
        }
    }

    @Test
    void theIndexPlacesTheIsolatedPositionInItsBookNotAmongTheWatched() {
        LiquidationIndex.State st = LiquidationIndex.build(view(2_000));
        // Alice's isolated long and Bob's cross short (he made her fill); Alice's cross side holds no risk
        assertThat(st.indexed()).isEqualTo(2);
        assertThat(st.watched()).isEmpty();
        assertThat(st.entries().get(BOB).get().map(LiquidationIndex.Entry::target))
                .containsExactly(new Target.Cross(BOB));
        LiquidationIndex.Entry e = st.entries().get(ALICE).get().head();
        assertThat(e.target()).isEqualTo(new Target.Isolated(ALICE, ETH_PERP));
        assertThat(e.longSide()).isTrue();
        // the band around 1,894.74 is a few units of the answer's 8 decimals
        assertThat(e.bound()).isBetween(usd8(1_894), usd8(1_895));
        assertThat(e.sure()).isBetween(usd8(1_894), usd8(1_895));
    }

    @Test
    void theLiquidatorSendsLiquidateIsolatedWithOnePositionsGas() {
        Liquidator<Tuple0> keeper = new Liquidator<>(new FullScan(), GWEI);
        KeeperDecision<Tuple0> d = keeper.decide(view(1_890), keeper.start());
        // 200,000 base + 60,000 for the one position; no asset seized
        assertThat(d.send()).containsExactly(new Submission(new Tx.LiquidateIsolated(ALICE, ETH_PERP), 260_000, GWEI));
    }

    @Test
    void theProfitAwareKeeperEarnsTheRewardOfTheIsolatedLiquidation() {
        // at 1,890: notional 1,890, penalty 2% = 37.8; the bucket holds 200 - 110 = 90, so the penalty is paid in full;
        // reward 5 + 20% of 37.8 = 12.56 USDC; gas 260,000 at 1 + 1 gwei (min fee; the bid is 50% of what is left)
        ProfitAware<Tuple0> keeper = new ProfitAware<>(new FullScan(), GasToken.ETHER, GWEI, 0);
        Estimate e = keeper.estimate(view(1_890), new Tx.LiquidateIsolated(ALICE, ETH_PERP))
                .get();
        assertThat(e.gain()).isEqualTo(I256.of(12_560_000));
        assertThat(e.capital()).isEqualTo(I256.ZERO);
        // 260,000 gas * 2 gwei = 0.00052 ETH at 1,890 = 0.9828 USDC
        assertThat(e.cost()).isEqualTo(I256.of(982_800));
        assertThat(e.profit()).isEqualTo(I256.of(12_560_000 - 982_800));
    }

    private static <S> Vector<Target> scan(Scanner<S> scanner, KeeperView view) {
        return scanner.scan(view, scanner.start()).liquidatable();
    }
}
