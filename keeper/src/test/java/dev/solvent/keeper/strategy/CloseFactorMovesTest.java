package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ALICE;
import static dev.solvent.keeper.KeeperFixtures.BACKSTOP;
import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.USDC;
import static dev.solvent.keeper.KeeperFixtures.WETH;
import static dev.solvent.keeper.KeeperFixtures.eth;
import static dev.solvent.keeper.KeeperFixtures.usdc;
import static dev.solvent.keeper.strategy.CapitalFixtures.KEEPER;
import static dev.solvent.keeper.strategy.CapitalFixtures.config;
import static dev.solvent.keeper.strategy.CapitalFixtures.keeper;
import static dev.solvent.keeper.strategy.CapitalFixtures.plan;
import static dev.solvent.keeper.strategy.CapitalFixtures.run;
import static dev.solvent.keeper.strategy.CapitalFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Aave v3.3: Alice deposits 10,000 USDC and borrows 4 WETH at 2,000 (liability weight 1.1): margin equity
 * {@code 10,000 - 4.4 p}, liquidatable above 2,272.73. Close factor 0.5, full close at health 0.9 or below, bonus 5%,
 * protocol share 10%. The keeper holds 3 WETH.
 */
class CloseFactorMovesTest {

    final LiquidationPolicy.CloseFactor policy = new LiquidationPolicy.CloseFactor(
            Wad.parse("0.5"), Wad.parse("0.9"), U256.ZERO, Wad.parse("0.05"), Wad.parse("0.1"));

    ProtocolState aliceBorrowedWeth() {
        ProtocolState s = ProtocolState.genesis(config(new PositionReceiver.Backstop(BACKSTOP), policy), T0);
        s = run(
                s,
                T0,
                2_000,
                BOB,
                new Tx.Deposit(BOB, WETH, eth(10).toU256()),
                new Tx.Deposit(KEEPER, WETH, eth(3).toU256()));
        return run(
                s,
                T0,
                2_000,
                ALICE,
                new Tx.Deposit(ALICE, USDC, usdc(10_000).toU256()),
                new Tx.Borrow(ALICE, WETH, eth(4).toU256()));
    }

    @Test
    void repaysHalfTheDebtAndSeizesItsValuePlusTheBonus() {
        // at 2,400 health is 10,000 / 10,560 = 0.947 > 0.9: the keeper repays 2 WETH (4,800 USDC) and is paid
        // 4,800 + the bonus 5% = 240 less the protocol's 10% = 216; it ties up the 2 WETH, worth 4,800
        // gas 200,000 + 40,000 (one debt repaid) = 240,000 = 0.00048 ETH = 1.152 USDC
        Vector<Estimate> send = plan(keeper(5_000), view(aliceBorrowedWeth(), T0 + 12, 2_400));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Liquidate(ALICE),
                        usdc(216),
                        usdc(4_800),
                        240_000,
                        GWEI,
                        I256.of(1_152_000),
                        I256.of(214_848_000)));
    }

    @Test
    void skipsTheRepaymentItsCapitalCannotCover() {
        assertThat(plan(keeper(4_000), view(aliceBorrowedWeth(), T0 + 12, 2_400)))
                .isEmpty();
    }
}
