package dev.solvent.model.logic;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.BTC_PERP;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.KEEPER;
import static dev.solvent.model.Fixtures.SOL_PERP;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.WETH;
import static dev.solvent.model.Fixtures.block;
import static dev.solvent.model.Fixtures.u;
import static dev.solvent.model.Fixtures.units;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Known answers for Alice's portfolio: 10,000 USDC and 2 WETH (weight 0.8) as collateral; long 5 ETH at 2,000, short
 * 0.5 BTC at 40,000 and long 100 SOL at 100, all bought from Bob. The arithmetic is in each test's comment.
 */
class LiquidationLogicTest {

    static final I256 FIVE_ETH = units(5, 1, 18);
    static final I256 HALF_BTC = units(1, 2, 8);
    static final I256 HUNDRED_SOL = units(100, 1, 9);

    static ProtocolState portfolio(ShortfallPolicy policy, long keeperDeposit, long fund) {
        ProtocolState s = ProtocolState.genesis(Fixtures.config(policy, new PositionReceiver.Liquidator()), T0);
        BlockContext open = block(BOB, T0, 2_000, 40_000, 100);
        s = Fixtures.run(
                s,
                open,
                new Tx.Deposit(ALICE, USDC, u(usdc(10_000))),
                new Tx.Deposit(ALICE, WETH, u(units(2, 1, 18))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))),
                new Tx.Deposit(KEEPER, USDC, u(usdc(keeperDeposit))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, FIVE_ETH, usd8(2_000)),
                new Tx.Trade(BTC_PERP, ALICE, BOB, HALF_BTC.negate(), usd8(40_000)),
                new Tx.Trade(SOL_PERP, ALICE, BOB, HUNDRED_SOL, usd8(100)));
        if (fund > 0) {
            s = Fixtures.run(s, open, new Tx.FundInsurance(u(usdc(fund))));
        }
        return s;
    }

    static Receipt liquidate(ProtocolState s, BlockContext b) {
        var r = MarginEngine.execute(s, new Tx.Liquidate(ALICE), b);
        assertThat(r.isRight())
                .as("liquidation reverted: %s", r.swap().getOrNull())
                .isTrue();
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
        return r.get();
    }

    @Test
    void measuresEquityAndRequirementsOfTwoCollateralsAndThreePositions() {
        // prices ETH 2,100, BTC 42,000, SOL 90
        // collateral: 10,000 USDC + 2 WETH * 2,100 = 4,200 (weighted 0.8: 3,360)
        // PnL: ETH 5*2,100 - 10,000 = +500; BTC -0.5*42,000 + 20,000 = -1,000; SOL 100*90 - 10,000 = -1,000
        // equity 10,000 + 4,200 - 1,500 = 12,700; margin equity 10,000 + 3,360 - 1,500 = 11,860
        // notionals 10,500 / 21,000 / 9,000; IMR 1,050 + 1,680 + 1,800 = 4,530; MMR 525 + 840 + 900 = 2,265
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenSocialize(), 10_000, 0);
        BlockContext b = block(KEEPER, T0, 2_100, 42_000, 90);
        var data = Views.accountData(s, ALICE, b).get();
        assertThat(data)
                .isEqualTo(new MarginLogic.AccountData(usdc(12_700), usdc(11_860), usdc(4_530), usdc(2_265), true));
        // 11,860 / 2,265 = 5.236203090507726269... as a WAD rounded down
        assertThat(Views.health(s, ALICE, b).get()).isEqualTo(Option.some(Wad.ofRaw(5_236_203_090_507_726_269L)));
        assertThat(Views.freeCollateral(s, ALICE, b).get()).isEqualTo(usdc(7_330));
        assertThat(Views.isLiquidatable(s, ALICE, b).get()).isFalse();
    }

    @Test
    void revertsWhenTheAccountIsHealthy() {
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenSocialize(), 10_000, 0);
        var r = MarginEngine.execute(s, new Tx.Liquidate(ALICE), block(KEEPER, T0, 2_100, 42_000, 90));
        assertThat(r.getLeft()).isEqualTo(new Revert.NotLiquidatable(ALICE, usdc(11_860), usdc(2_265)));
    }

    @Test
    void closesEveryCrossPositionAtOnceAndSplitsThePenalty() {
        // prices ETH 1,500, BTC 49,000, SOL 60
        // margin equity: 10,000 + 2*1,500*0.8 (2,400) + (-2,500 - 4,500 - 4,000) = 1,400
        // MMR: 5% of 7,500 + 4% of 24,500 + 10% of 6,000 = 375 + 980 + 600 = 1,955 > 1,400: liquidatable
        // closing at the oracle: 10,000 - 2,500 - 4,500 - 4,000 = -1,000; WETH seized at 2,400 -> 1,400 left
        // penalty: 2% of 7,500 + 1.5% of 24,500 + 5% of 6,000 = 150 + 367.5 + 300 = 817.5 (<= 1,400, not capped)
        // keeper: 5 + 20% of 817.5 = 168.5; insurance: 817.5 - 168.5 = 649; Alice keeps 1,400 - 817.5 = 582.5
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenSocialize(), 10_000, 0);
        Receipt r = liquidate(s, block(KEEPER, T0, 1_500, 49_000, 60));
        ProtocolState after = r.state();

        assertThat(after.account(ALICE).get().balances()).isEqualTo(TreeMap.of(USDC, I256.of(582_500_000)));
        assertThat(after.account(ALICE).get().positions()).isEmpty();
        assertThat(after.insuranceFund()).isEqualTo(usdc(649));
        var keeper = after.account(KEEPER).get();
        // keeper: 10,000 - 2,400 paid for the WETH + 168.5 reward
        assertThat(keeper.balances()).isEqualTo(TreeMap.of(USDC, I256.of(7_768_500_000L), WETH, units(2, 1, 18)));
        assertThat(keeper.positions())
                .isEqualTo(TreeMap.of(
                        BTC_PERP, new Position(HALF_BTC.negate(), usdc(24_500), I256.ZERO),
                        ETH_PERP, new Position(FIVE_ETH, usdc(-7_500), I256.ZERO),
                        SOL_PERP, new Position(HUNDRED_SOL, usdc(-6_000), I256.ZERO)));
        assertThat(r.events())
                .containsExactly(
                        new Event.CollateralSeized(ALICE, KEEPER, WETH, units(2, 1, 18), usdc(2_400)),
                        new Event.AccountLiquidated(
                                ALICE,
                                KEEPER,
                                KEEPER,
                                Vector.of(
                                        new Event.ClosedPosition(
                                                BTC_PERP, HALF_BTC.negate(), usd8(49_000), usdc(-24_500)),
                                        new Event.ClosedPosition(ETH_PERP, FIVE_ETH, usd8(1_500), usdc(7_500)),
                                        new Event.ClosedPosition(SOL_PERP, HUNDRED_SOL, usd8(60), usdc(6_000))),
                                usdc(38_000),
                                I256.of(817_500_000),
                                I256.of(168_500_000),
                                usdc(649),
                                I256.ZERO));
        // open interest is unchanged: the keeper holds what Alice held
        assertThat(after.market(ETH_PERP).longOpenInterest()).isEqualTo(FIVE_ETH);
        assertThat(after.market(ETH_PERP).shortOpenInterest()).isEqualTo(FIVE_ETH);
        assertThat(r.gasUsed()).isEqualTo(200_000 + 3 * 60_000 + 40_000);
    }

    @Test
    void coversAShortfallFromTheInsuranceFund() {
        // prices ETH 1,200, BTC 50,000, SOL 60: closing leaves 10,000 - 4,000 - 5,000 - 4,000 = -3,000
        // WETH seized at 2*1,200*0.8 = 1,920 -> -1,080: no penalty can be charged, shortfall 1,080
        // the fund (5,000) pays 1,080 and keeps 3,920
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenSocialize(), 10_000, 5_000);
        Receipt r = liquidate(s, block(KEEPER, T0, 1_200, 50_000, 60));
        ProtocolState after = r.state();
        assertThat(after.account(ALICE).get().isEmpty()).isTrue();
        assertThat(after.insuranceFund()).isEqualTo(usdc(3_920));
        assertThat(after.ledger().shortfallCovered()).isEqualTo(usdc(1_080));
        assertThat(after.ledger().socializedLoss()).isEqualTo(I256.ZERO);
        assertThat(after.account(KEEPER).get().balance(USDC)).isEqualTo(usdc(10_000 - 1_920));
        assertThat(r.events().last()).isEqualTo(new Event.ShortfallCovered(ALICE, usdc(1_080)));
        var liquidated = (Event.AccountLiquidated) r.events().get(1);
        assertThat(liquidated.penalty()).isEqualTo(I256.ZERO);
        assertThat(liquidated.keeperReward()).isEqualTo(I256.ZERO);
        assertThat(liquidated.shortfall()).isEqualTo(usdc(1_080));
    }

    @Test
    void socializesWhatTheFundCannotCoverProRata() {
        // shortfall 1,080 as above; the fund pays 500, 580 is left
        // base: Bob 100,000 and the keeper 21,920 - 1,920 = 20,000 (total 120,000)
        // Bob 580 * 100/120 = 483.333333|33 -> 483,333,333 units; keeper 96.666666|67 -> 96,666,666 units
        // one unit is left by flooring; the keeper has the larger remainder and pays it: 96,666,667
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenSocialize(), 21_920, 500);
        Receipt r = liquidate(s, block(KEEPER, T0, 1_200, 50_000, 60));
        ProtocolState after = r.state();
        assertThat(after.insuranceFund()).isEqualTo(I256.ZERO);
        assertThat(after.account(BOB).get().balance(USDC))
                .isEqualTo(usdc(100_000).minus(I256.of(483_333_333)));
        assertThat(after.account(KEEPER).get().balance(USDC))
                .isEqualTo(usdc(20_000).minus(I256.of(96_666_667)));
        assertThat(r.events().takeRight(3))
                .containsExactly(
                        new Event.ShortfallCovered(ALICE, usdc(500)),
                        new Event.LossSocialized(BOB, I256.of(483_333_333)),
                        new Event.LossSocialized(KEEPER, I256.of(96_666_667)));
        assertThat(after.ledger().shortfallCovered()).isEqualTo(usdc(500));
        assertThat(after.ledger().socializedLoss()).isEqualTo(usdc(580));
        assertThat(after.ledger().badDebt()).isEqualTo(I256.ZERO);
    }

    @Test
    void deleveragesTheMostProfitableOppositePositionFirst() {
        // Bob holds the opposite side: short 5 ETH (+4,000 at 1,200), long 0.5 BTC (+5,000 at 50,000),
        // short 100 SOL (+4,000 at 60); the 580 the fund cannot pay comes from BTC, his most profitable
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenAdl(), 21_920, 500);
        Receipt r = liquidate(s, block(KEEPER, T0, 1_200, 50_000, 60));
        ProtocolState after = r.state();
        assertThat(after.account(BOB).get().position(BTC_PERP).get().quote()).isEqualTo(usdc(-20_580));
        assertThat(after.account(BOB).get().balance(USDC)).isEqualTo(usdc(100_000));
        assertThat(r.events().last()).isEqualTo(new Event.PositionDeleveraged(BOB, BTC_PERP, usdc(580)));
        assertThat(after.ledger().deleveraged()).isEqualTo(usdc(580));
    }

    @Test
    void autoDeleveragesOppositePositionsAtTheBankruptcyPrice() {
        // shortfall 1,080, the fund pays 500: 580 to deleverage, split by the closed notional at 1,200 / 50,000 / 60:
        // ETH 6,000, BTC 25,000, SOL 6,000 of 37,000 -> ETH 580 * 6/37 = 94.054054|05 -> 94,054,054 units,
        // BTC 580 * 25/37 = 391.891891|89 -> 391,891,891, SOL the rest 94,054,055
        // Bob, the only opposite holder, closes each position against the keeper (the receiver) at the oracle price
        // less that charge: ETH quote 10,000 - 6,000 - 94.054054, BTC -20,000 + 25,000 - 391.891891,
        // SOL 10,000 - 6,000 - 94.054055; he ends with 100,000 + 13,000 - 580 = 112,420 USDC and no position
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenDeleverage(), 21_920, 500);
        Receipt r = liquidate(s, block(KEEPER, T0, 1_200, 50_000, 60));
        ProtocolState after = r.state();
        assertThat(after.account(BOB).get().balances()).isEqualTo(TreeMap.of(USDC, usdc(112_420)));
        assertThat(after.account(BOB).get().positions()).isEmpty();
        // the keeper handed back at the oracle price what it took over at the oracle price
        assertThat(after.account(KEEPER).get().positions()).isEmpty();
        assertThat(after.account(KEEPER).get().balances())
                .isEqualTo(TreeMap.of(USDC, usdc(20_000), WETH, units(2, 1, 18)));
        assertThat(r.events().takeRight(3))
                .containsExactly(
                        new Event.PositionAutoDeleveraged(
                                BOB, KEEPER, BTC_PERP, HALF_BTC.negate(), usd8(50_000), I256.of(391_891_891)),
                        new Event.PositionAutoDeleveraged(
                                BOB, KEEPER, ETH_PERP, FIVE_ETH, usd8(1_200), I256.of(94_054_054)),
                        new Event.PositionAutoDeleveraged(
                                BOB, KEEPER, SOL_PERP, HUNDRED_SOL, usd8(60), I256.of(94_054_055)));
        assertThat(after.ledger().deleveraged()).isEqualTo(usdc(580));
        assertThat(after.ledger().badDebt()).isEqualTo(I256.ZERO);
        assertThat(after.market(ETH_PERP).longOpenInterest()).isEqualTo(I256.ZERO);
    }

    @Test
    void deleveragesTheHighestPnlPercentTimesLeverageFirst() {
        // Alice (1,500 USDC) buys 5 ETH at 2,000: 3 from Bob (100,000 USDC), 2 from Carol (1,000 USDC)
        // at 1,600 Alice has 1,500 - 2,000 = -500: a shortfall of 500 and an empty fund
        // both shorts made 20% (400 a unit on 2,000); Carol's leverage 3,200 / 1,800 beats Bob's 4,800 / 101,200,
        // so Carol goes first: 2 of the 5 units, 500 * 2 / 5 = 200; Bob pays the rest, 300
        ProtocolState s = ProtocolState.genesis(
                Fixtures.config(new ShortfallPolicy.InsuranceThenDeleverage(), new PositionReceiver.Liquidator()), T0);
        BlockContext open = block(BOB, T0, 2_000, 40_000, 100);
        s = Fixtures.run(
                s,
                open,
                new Tx.Deposit(ALICE, USDC, u(usdc(1_500))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))),
                new Tx.Deposit(Fixtures.CAROL, USDC, u(usdc(1_000))),
                new Tx.Deposit(KEEPER, USDC, u(usdc(10_000))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, units(3, 1, 18), usd8(2_000)),
                new Tx.Trade(ETH_PERP, ALICE, Fixtures.CAROL, units(2, 1, 18), usd8(2_000)));
        Receipt r = liquidate(s, block(KEEPER, T0, 1_600, 40_000, 100));
        assertThat(r.events().takeRight(2))
                .containsExactly(
                        new Event.PositionAutoDeleveraged(
                                Fixtures.CAROL, KEEPER, ETH_PERP, units(2, 1, 18), usd8(1_600), usdc(200)),
                        new Event.PositionAutoDeleveraged(
                                BOB, KEEPER, ETH_PERP, units(3, 1, 18), usd8(1_600), usdc(300)));
        // Carol: 1,000 + 800 profit - 200; Bob: 100,000 + 1,200 - 300
        assertThat(r.state().account(Fixtures.CAROL).get().balances()).isEqualTo(TreeMap.of(USDC, usdc(1_600)));
        assertThat(r.state().account(BOB).get().balances()).isEqualTo(TreeMap.of(USDC, usdc(100_900)));
    }

    @Test
    void recordsBadDebtPastTheFundWhenConfigured() {
        ProtocolState s = portfolio(new ShortfallPolicy.InsuranceThenBadDebt(), 21_920, 500);
        Receipt r = liquidate(s, block(KEEPER, T0, 1_200, 50_000, 60));
        assertThat(r.state().ledger().badDebt()).isEqualTo(usdc(580));
        assertThat(r.state().account(BOB).get().balance(USDC)).isEqualTo(usdc(100_000));
        assertThat(r.events().last()).isEqualTo(new Event.BadDebtRecorded(ALICE, usdc(580)));
    }

    @Test
    void sendsPositionsToTheBackstopWithoutAMarginCheck() {
        ProtocolState s = ProtocolState.genesis(
                Fixtures.config(
                        new ShortfallPolicy.InsuranceThenSocialize(), new PositionReceiver.Backstop(Fixtures.BACKSTOP)),
                T0);
        BlockContext open = block(BOB, T0, 2_000, 40_000, 100);
        s = Fixtures.run(
                s,
                open,
                new Tx.Deposit(ALICE, USDC, u(usdc(10_000))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, units(40, 1, 18), usd8(2_000)));
        // ETH 1,800: Alice 10,000 - 8,000 = 2,000 < MMR 5% of 72,000 = 3,600
        Receipt r = liquidate(s, block(KEEPER, T0, 1_800, 40_000, 100));
        var backstop = r.state().account(Fixtures.BACKSTOP).get();
        assertThat(backstop.position(ETH_PERP).get().size()).isEqualTo(units(40, 1, 18));
        // penalty 2% of 72,000 = 1,440, capped at Alice's 2,000; keeper 5 + 288 = 293
        assertThat(r.state().account(KEEPER).get().balance(USDC)).isEqualTo(usdc(293));
        assertThat(r.state().account(ALICE).get().balance(USDC)).isEqualTo(usdc(560));
    }
}
