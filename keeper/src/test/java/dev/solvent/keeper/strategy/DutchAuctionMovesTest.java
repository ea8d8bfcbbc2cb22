package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ALICE;
import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.CAROL;
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

import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.PriceCurve;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Maker Liquidations 2.0: Alice deposits 1 WETH and borrows 1,000 USDC; liquidatable below 1,250. Auctions start
 * at 1.2 times the oracle price and fall linearly to zero over 1,000 s; reset after 10,000 s or below 40% of the
 * start; chop 1.1; the keeper earns 10 USDC plus 1% of the tab for starting or resetting one. The keeper holds 2,000
 * USDC and takes when the price is 5% below the market.
 */
class DutchAuctionMovesTest {

    final LiquidationPolicy.DutchAuction policy = new LiquidationPolicy.DutchAuction(
            Wad.parse("1.2"),
            new PriceCurve.Linear(1_000),
            10_000,
            Wad.parse("0.4"),
            Wad.parse("1.1"),
            usdc(1_000_000).toU256(),
            usdc(1_000_000).toU256(),
            usdc(10).toU256(),
            Wad.parse("0.01"),
            U256.ZERO);

    final long kicked = T0 + 12;

    ProtocolState aliceBorrowed() {
        ProtocolState s = ProtocolState.genesis(config(new PositionReceiver.Liquidator(), policy), T0);
        s = run(
                s,
                T0,
                2_000,
                BOB,
                new Tx.Deposit(BOB, USDC, usdc(1_000_000).toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc(2_000).toU256()));
        return run(
                s,
                T0,
                2_000,
                ALICE,
                new Tx.Deposit(ALICE, WETH, eth(1).toU256()),
                new Tx.Borrow(ALICE, USDC, usdc(1_000).toU256()));
    }

    /** The auction of Alice's WETH, started at 1,200 by another keeper: tab 1,100, lot 1 WETH, top 1,440. */
    ProtocolState inAuction() {
        return run(aliceBorrowed(), kicked, 1_200, OTHER, new Tx.Liquidate(ALICE));
    }

    @Test
    void startsTheAuctionForItsIncentive() {
        // incentive 10 + 1% of the tab 1,100 = 21 USDC; gas 200,000 + 40,000 (one lot) = 240,000 = 0.576 USDC
        Vector<Estimate> send = plan(keeper(0), view(aliceBorrowed(), kicked, 1_200));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Liquidate(ALICE),
                        usdc(21),
                        I256.ZERO,
                        240_000,
                        GWEI,
                        I256.of(576_000),
                        I256.of(20_424_000)));
    }

    @Test
    void waitsWhileTheAuctionPriceIsAboveTheMarketLessItsMargin() {
        // after 200 s the price is 1,440 * 800 / 1,000 = 1,152, above 1,200 * 0.95 = 1,140
        assertThat(plan(keeper(2_000), view(inAuction(), kicked + 200, 1_200))).isEmpty();
    }

    @Test
    void takesTheWholeLotOnceThePriceIsLowEnough() {
        // after 250 s the price is 1,440 * 750 / 1,000 = 1,080: the whole lot costs 1,080 (under the 1,100 tab)
        // and is worth 1,200: gain 120; gas 150,000 = 0.0003 ETH = 0.36 USDC
        Vector<Estimate> send = plan(keeper(2_000), view(inAuction(), kicked + 250, 1_200));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Take(1, eth(1).toU256(), usd8(1_080)),
                        usdc(120),
                        usdc(1_080),
                        150_000,
                        GWEI,
                        I256.of(360_000),
                        I256.of(119_640_000)));
    }

    @Test
    void takesOnlyWhatItsCapitalPaysFor() {
        // 540 USDC buys 540 / 1,080 = 0.5 WETH, worth 600: gain 60
        Vector<Estimate> send = plan(keeper(540), view(inAuction(), kicked + 250, 1_200));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Take(1, I256.of(500_000_000_000_000_000L).toU256(), usd8(1_080)),
                        usdc(60),
                        usdc(540),
                        150_000,
                        GWEI,
                        I256.of(360_000),
                        I256.of(59_640_000)));
    }

    @Test
    void spendsWhatIsLeftOfItsCapitalOnTheNextAuction() {
        // Carol is Alice's twin: two auctions of 1 WETH at 1,080, equally profitable, taken in id order. 1,500 USDC
        // of capital pays the first lot (1,080) and 420 / 1,080 = 0.388888888888888888 WETH of the second, worth
        // 466.666666 at 1,200 (rounded down): gain 46.666666
        ProtocolState twins = run(aliceBorrowed(), T0, 2_000, CAROL, new Tx.Deposit(CAROL, WETH, eth(1).toU256()));
        twins = run(
                twins, T0, 2_000, CAROL, new Tx.Borrow(CAROL, USDC, usdc(1_000).toU256()));
        twins = run(twins, kicked, 1_200, OTHER, new Tx.Liquidate(ALICE), new Tx.Liquidate(CAROL));
        Vector<Estimate> send = plan(keeper(1_500), view(twins, kicked + 250, 1_200));
        assertThat(send)
                .containsExactly(
                        new Estimate(
                                new Tx.Take(1, eth(1).toU256(), usd8(1_080)),
                                usdc(120),
                                usdc(1_080),
                                150_000,
                                GWEI,
                                I256.of(360_000),
                                I256.of(119_640_000)),
                        new Estimate(
                                new Tx.Take(2, U256.parse("388888888888888888"), usd8(1_080)),
                                I256.of(46_666_666),
                                usdc(420),
                                150_000,
                                GWEI,
                                I256.of(360_000),
                                I256.of(46_306_666)));
    }

    @Test
    void doesNotTakeTwiceWhatItAlreadySent() {
        KeeperView v = view(inAuction(), kicked + 250, 1_200);
        KeeperView pending = new KeeperView(
                v.self(),
                v.block(),
                v.timestamp(),
                v.baseFee(),
                v.prices(),
                v.state(),
                Vector.of(new PendingTx(KEEPER, new Tx.Take(1, eth(1).toU256(), usd8(1_080)), 150_000, GWEI, 1)),
                TreeSet.empty());
        assertThat(plan(keeper(2_000), pending)).isEmpty();
    }

    @Test
    void resetsAnAuctionThatFellBelowCuspForItsIncentive() {
        // after 700 s the price is 1,440 * 0.3 = 432, below 40% of 1,440 = 576: redo, for 10 + 11 = 21 USDC;
        // gas 200,000 = 0.00040 ETH = 0.48 USDC
        Vector<Estimate> send = plan(keeper(2_000), view(inAuction(), kicked + 700, 1_200));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Redo(1), usdc(21), I256.ZERO, 200_000, GWEI, I256.of(480_000), I256.of(20_520_000)));
    }
}
