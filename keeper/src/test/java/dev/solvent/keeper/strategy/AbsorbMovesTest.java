package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ALICE;
import static dev.solvent.keeper.KeeperFixtures.BACKSTOP;
import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.ETH_PERP;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.USDC;
import static dev.solvent.keeper.KeeperFixtures.WETH;
import static dev.solvent.keeper.KeeperFixtures.eth;
import static dev.solvent.keeper.KeeperFixtures.usd8;
import static dev.solvent.keeper.KeeperFixtures.usdc;
import static dev.solvent.keeper.strategy.CapitalFixtures.KEEPER;
import static dev.solvent.keeper.strategy.CapitalFixtures.OTHER;
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
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Compound III: Alice deposits 1 WETH, borrows 1,000 USDC and goes long 1 ETH at 2,000. Her margin equity is
 * {@code 0.8 p - 1,000 + (p - 2,000)} against {@code 0.05 p}: liquidatable below 3,000 / 1.75 = 1,714.29.
 */
class AbsorbMovesTest {

    final LiquidationPolicy.Absorb policy = new LiquidationPolicy.Absorb(
            TreeMap.of(WETH, Wad.parse("0.93")),
            Wad.parse("0.93"),
            Wad.parse("0.5"),
            usdc(1_000_000).toU256());

    ProtocolState aliceBorrowedAndLong() {
        ProtocolState s = ProtocolState.genesis(config(new PositionReceiver.Backstop(BACKSTOP), policy), T0);
        s = run(
                s,
                T0,
                2_000,
                BOB,
                new Tx.Deposit(BOB, USDC, usdc(1_000_000).toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc(5_000).toU256()));
        return run(
                s,
                T0,
                2_000,
                ALICE,
                new Tx.Deposit(ALICE, WETH, eth(1).toU256()),
                new Tx.Borrow(ALICE, USDC, usdc(1_000).toU256()),
                new Tx.Trade(ETH_PERP, ALICE, BOB, eth(1), usd8(2_000)));
    }

    @Test
    void absorbsForTheKeeperRewardOnTheClosedPosition() {
        // at 1,700: the position closes at 1,700 (alice's settlement -1,000 - 300 = -1,300), WETH is absorbed at
        //   1,700 * 0.93 = 1,581 (settlement 281); penalty 2% of 1,700 = 34, reward 5 + 6.8 = 11.8 USDC
        // gas 200,000 + 60,000 (one position) + 40,000 (one asset) = 300,000 at 2 gwei = 0.0006 ETH = 1.02 USDC
        long t = T0 + 12;
        Vector<Estimate> send = plan(keeper(0), view(aliceBorrowedAndLong(), t, 1_700));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Liquidate(ALICE),
                        usdc(11).plus(I256.of(800_000)),
                        I256.ZERO,
                        300_000,
                        GWEI,
                        I256.of(1_020_000),
                        I256.of(10_780_000)));
    }

    @Test
    void buysTheAbsorbedCollateralFromTheStorefrontWithAllItsCapitalAllows() {
        long t = T0 + 12;
        ProtocolState absorbed = run(aliceBorrowedAndLong(), t, 1_700, OTHER, new Tx.Liquidate(ALICE));
        assertThat(absorbed.collateralReserve(WETH)).isEqualTo(eth(1));
        assertThat(absorbed.reserves()).isEqualTo(usdc(-1_581));
        // discount 0.5 * (1 - 0.93) = 3.5%: the storefront sells WETH at 1,700 * 0.965 = 1,640.5
        // all of it: 1,640.5 USDC for exactly 1 WETH worth 1,700: gain 59.5, gas 150,000 (a trade) = 0.51 USDC
        Vector<Estimate> all = plan(keeper(10_000), view(absorbed, t, 1_700));
        assertThat(all)
                .containsExactly(new Estimate(
                        new Tx.BuyCollateral(
                                KEEPER,
                                WETH,
                                eth(1).toU256(),
                                I256.of(1_640_500_000).toU256()),
                        I256.of(59_500_000),
                        I256.of(1_640_500_000),
                        150_000,
                        GWEI,
                        I256.of(510_000),
                        I256.of(58_990_000)));
        // 1,000 USDC of capital: 1,000 / 1,640.5 = 0.609570252971654983 WETH (rounded down twice, as Comet),
        // worth 1,036.269430 at 1,700: gain 36.269430
        Vector<Estimate> some = plan(keeper(1_000), view(absorbed, t, 1_700));
        assertThat(some)
                .containsExactly(new Estimate(
                        new Tx.BuyCollateral(
                                KEEPER,
                                WETH,
                                U256.parse("609570252971654983"),
                                usdc(1_000).toU256()),
                        I256.of(36_269_430),
                        usdc(1_000),
                        150_000,
                        GWEI,
                        I256.of(510_000),
                        I256.of(35_759_430)));
        assertThat(plan(keeper(0), view(absorbed, t, 1_700))).isEmpty();
    }

    @Test
    void buysNothingOnceReservesAreAtTarget() {
        long t = T0 + 12;
        ProtocolState absorbed = run(aliceBorrowedAndLong(), t, 1_700, OTHER, new Tx.Liquidate(ALICE));
        ProtocolState funded = absorbed.withReserves(usdc(1_000_000));
        assertThat(plan(keeper(10_000), view(funded, t, 1_700))).isEmpty();
    }
}
