package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ALICE;
import static dev.solvent.keeper.KeeperFixtures.CAROL;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.aliceAndCarolLongEth;
import static dev.solvent.keeper.KeeperFixtures.prices;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.KeeperDecision;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.Submission;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.Tx;
import io.vavr.Tuple0;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/** The profit-aware keeper at a 100-gwei base fee, ETH at 1,050: Alice's liquidation does not pay, Carol's does. */
class ProfitAwareTest {

    static final AccountId KEEPER = AccountId.of("keeper");

    static KeeperView view(long baseFee) {
        return new KeeperView(
                KEEPER,
                2,
                T0 + 24,
                baseFee,
                prices(1_050, 100, T0 + 24),
                aliceAndCarolLongEth(),
                Vector.empty(),
                TreeSet.empty());
    }

    @Test
    void skipsExactlyTheLiquidationWhoseRewardDoesNotCoverItsGas() {
        // Alice: penalty 2% of 1,050 = 21, reward 5 + 4.2 = 9.2 USDC = 0.008761904761904761 ETH, which pays
        //   33.7 gwei per gas for 260,000 gas: below the 100-gwei base fee, so it is skipped
        // Carol: penalty 2% of 10,500 = 210, reward 5 + 42 = 47 USDC = 44,761,904,761,904,761 wei
        //   / 260,000 gas = 172,161,172,161 wei per gas; affordable priority fee 72,161,172,161; bid 50%:
        //   72,161,172,161 / 100 * 50 = 36,080,586,050
        //   cost 260,000 * 136,080,586,050 wei = 0.035380952373 ETH = 37.15 USDC (rounded up); profit 9.85 USDC
        ProfitAware<Tuple0> keeper = new ProfitAware<>(new FullScan(), GasToken.ETHER, GWEI, 50);
        KeeperDecision<Tuple0> d = keeper.decide(view(100 * GWEI), keeper.start());

        assertThat(d.send()).containsExactly(new Submission(new Tx.Liquidate(CAROL), 260_000, 36_080_586_050L));
        Estimate carol =
                keeper.estimate(view(100 * GWEI), new Tx.Liquidate(CAROL)).get();
        assertThat(carol.gain()).isEqualTo(I256.of(47_000_000));
        assertThat(carol.cost()).isEqualTo(I256.of(37_150_000));
        assertThat(carol.profit()).isEqualTo(I256.of(9_850_000));
        Estimate alice =
                keeper.estimate(view(100 * GWEI), new Tx.Liquidate(ALICE)).get();
        assertThat(alice.gain()).isEqualTo(I256.of(9_200_000));
        assertThat(alice.profit().isNegative()).isTrue();
    }

    @Test
    void sendsTheMostProfitableFirstWhenBothPay() {
        // at a 1-gwei base fee both pay; Carol's 47 USDC reward beats Alice's 9.2
        ProfitAware<Tuple0> keeper = new ProfitAware<>(new FullScan(), GasToken.ETHER, GWEI, 50);
        KeeperDecision<Tuple0> d = keeper.decide(view(GWEI), keeper.start());
        assertThat(d.send().map(s -> ((Tx.Liquidate) s.tx()).account())).containsExactly(CAROL, ALICE);
    }

    @Test
    void aGasBudgetKeepsTheMostProfitableThatFit() {
        ProfitAware<Tuple0> inner = new ProfitAware<>(new FullScan(), GasToken.ETHER, GWEI, 50);
        GasBudget<Tuple0> keeper = new GasBudget<>(inner, 300_000);
        KeeperDecision<Tuple0> d = keeper.decide(view(GWEI), keeper.start());
        assertThat(d.send().map(s -> ((Tx.Liquidate) s.tx()).account())).containsExactly(CAROL);
    }
}
