package dev.solvent.model.logic;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.KEEPER;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.WETH;
import static dev.solvent.model.Fixtures.block;
import static dev.solvent.model.Fixtures.units;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PriceCurve;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Maker Liquidations 2.0: the price curves against makerdao/dss {@code src/test/abaci.t.sol}'s own checks, and bark,
 * take, leftovers and redo on Alice's portfolio with ETH-A-like parameters (buf 1.2, chop 1.13, tip 5, chip 0.1%).
 */
class AuctionLogicTest {

    static final I256 RAY = I256.pow10(27);

    @Test
    void linearDecreaseFallsToZeroAtTau() {
        // abaci LinearDecrease: top * (tau - dur) / tau
        var curve = new PriceCurve.Linear(3_600);
        assertThat(AuctionLogic.price(curve, usd8(1_000), 0)).isEqualTo(usd8(1_000));
        assertThat(AuctionLogic.price(curve, usd8(1_000), 1_800)).isEqualTo(usd8(500));
        assertThat(AuctionLogic.price(curve, usd8(1_000), 3_600)).isEqualTo(I256.ZERO);
        assertThat(AuctionLogic.price(curve, usd8(1_000), 10_000)).isEqualTo(I256.ZERO);
    }

    @Test
    void stairstepDecreaseKeepsTheCutPerStepWithinAbacisTolerance() {
        // abaci.t.sol test_stairstep_exp_decrease: top 50m RAY, 1.1234567890% off every second (and every 5 s),
        // each price within 1e8 (RAY units) of the last one times the cut
        I256 top = I256.of(50_000_000).times(RAY);
        I256 tolerance = I256.of(100_000_000);
        Wad cut = Wad.parse("0.98876543211");
        I256 cutRay = cut.raw().times(I256.pow10(9));
        for (long step : new long[] {1, 5}) {
            var curve = new PriceCurve.StairstepExponential(cut, step);
            I256 last = AuctionLogic.price(curve, top, 0);
            assertThat(last).isEqualTo(top);
            for (long i = 1; i < 600; i++) {
                I256 price = AuctionLogic.price(curve, top, i);
                I256 expected =
                        i % step == 0 ? last.times(cutRay).divide(RAY, dev.solvent.model.math.Rounding.FLOOR) : last;
                assertThat(price.minus(expected).abs())
                        .as("at %s s, step %s", i, step)
                        .isLessThanOrEqualTo(tolerance);
                assertThat(price).isLessThanOrEqualTo(last);
                last = price;
            }
        }
        // the continuous curve is the stairstep with one-second steps
        assertThat(AuctionLogic.price(new PriceCurve.Exponential(cut), top, 123))
                .isEqualTo(AuctionLogic.price(new PriceCurve.StairstepExponential(cut, 1), top, 123));
    }

    @Test
    void rejectsACurveThatWouldRaiseThePriceAndABufferBelowOne() {
        assertThatThrownBy(() -> new PriceCurve.Exponential(Wad.parse("1.01")))
                .hasMessage("liquidation.curve.cut: 1.01 is out of range; valid: 0 < cut <= 1");
        assertThatThrownBy(() -> new LiquidationPolicy.DutchAuction(
                        Wad.parse("0.9"),
                        new PriceCurve.Linear(3_600),
                        7_200,
                        Wad.parse("0.4"),
                        Wad.parse("1.13"),
                        U256.ZERO,
                        U256.ZERO,
                        U256.ZERO,
                        Wad.ZERO,
                        U256.ZERO))
                .hasMessage("liquidation.buf: 0.9 is out of range; valid: buf >= 1");
    }

    static LiquidationPolicy.DutchAuction ethA() {
        return new LiquidationPolicy.DutchAuction(
                Wad.parse("1.2"),
                new PriceCurve.Linear(3_600),
                7_200,
                Wad.parse("0.4"),
                Wad.parse("1.13"),
                U256.of(10_000_000_000_000L),
                U256.of(100_000_000_000_000L),
                U256.of(5_000_000),
                Wad.parse("0.001"),
                U256.of(100_000_000));
    }

    static ProtocolState barked() {
        ProtocolState s = LiquidationLogicTest.portfolio(new ShortfallPolicy.InsuranceThenBadDebt(), 10_000, 0);
        s = new ProtocolState(
                s.config().withLiquidation(ethA()),
                s.accounts(),
                s.markets(),
                s.insuranceFund(),
                s.feePool(),
                s.ledger(),
                s.reserves(),
                s.collateralReserves(),
                s.auctions(),
                s.nextAuctionId(),
                s.lastPartialLiquidation());
        var r = MarginEngine.execute(s, new Tx.Liquidate(ALICE), block(KEEPER, T0, 1_500, 49_000, 60));
        assertThat(r.isRight()).as("bark reverted: %s", r.swap().getOrNull()).isTrue();
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
        return r.get().state();
    }

    @Test
    void barksTheCollateralForTheDebtTimesChop() {
        // ETH 1,500, BTC 49,000, SOL 60: the positions close at 10,000 - 2,500 - 4,500 - 4,000 = -1,000
        // tab 1,000 * 1.13 = 1,130 for the 2 WETH; top 1,500 * 1.2 = 1,800; keeper 5 + 0.1% of 1,130 = 6.13
        ProtocolState s = barked();
        assertThat(s.auctions().get(1L).get())
                .isEqualTo(new dev.solvent.model.state.Auction(
                        ALICE, WETH, usdc(1_130), units(2, 1, 18), T0, usd8(1_800), 8));
        assertThat(s.account(ALICE).get().balances()).isEmpty();
        assertThat(s.reserves()).isEqualTo(usdc(-1_000).minus(I256.of(6_130_000)));
        assertThat(s.account(KEEPER).get().balance(USDC)).isEqualTo(usdc(10_000).plus(I256.of(6_130_000)));
    }

    @Test
    void aTakeRaisesTheTabAndReturnsTheLeftoverToTheOwner() {
        // at the start the price is 1,800: 2 WETH would raise 3,600 > 1,130, so the keeper pays the tab and gets
        // 1,130 / 1,800 = 0.627777777777777777 WETH (rounded down); Alice gets back 1.372222222222222223 WETH
        ProtocolState s = barked();
        Receipt r = MarginEngine.execute(
                        s, new Tx.Take(1, units(2, 1, 18).toU256(), usd8(1_800)), block(KEEPER, T0, 1_500, 49_000, 60))
                .get();
        I256 slice = I256.of(627_777_777_777_777_777L);
        assertThat(r.state().account(KEEPER).get().balance(WETH)).isEqualTo(slice);
        assertThat(r.state().account(ALICE).get().balances())
                .isEqualTo(TreeMap.of(WETH, units(2, 1, 18).minus(slice)));
        assertThat(r.state().auctions()).isEmpty();
        // reserves: -1,006.13 + 1,130 = 123.87, the penalty less the keeper's incentive
        assertThat(r.state().reserves()).isEqualTo(I256.of(123_870_000));
        assertThat(r.events().last())
                .isEqualTo(new Event.AuctionEnded(1, ALICE, units(2, 1, 18).minus(slice), I256.ZERO));
        assertThat(Fixtures.conservationViolations(r.state())).isEmpty();
    }

    @Test
    void anAuctionThatFellTooFarMustBeResetBeforeATake() {
        // linear over 3,600 s: after 2,200 s the price is 1,800 * 1,400 / 3,600 = 700 < 0.4 * 1,800 = 720
        ProtocolState s = barked();
        var later = block(KEEPER, T0 + 2_200, 1_500, 49_000, 60);
        var take = new Tx.Take(1, units(2, 1, 18).toU256(), usd8(1_800));
        assertThat(MarginEngine.execute(s, take, later).getLeft()).isEqualTo(new Revert.AuctionNeedsReset(1));
        // at 1,000 s (price 1,300) there is nothing to reset
        assertThat(MarginEngine.execute(s, new Tx.Redo(1), block(KEEPER, T0 + 1_000, 1_500, 49_000, 60))
                        .getLeft())
                .isEqualTo(new Revert.AuctionCannotReset(1));
        Receipt redo = MarginEngine.execute(s, new Tx.Redo(1), later).get();
        assertThat(redo.state().auctions().get(1L).get().top()).isEqualTo(usd8(1_800));
        assertThat(redo.state().auctions().get(1L).get().tic()).isEqualTo(T0 + 2_200);
        assertThat(redo.events().last())
                .isEqualTo(new Event.AuctionKicked(
                        1, ALICE, WETH, usdc(1_130), units(2, 1, 18), usd8(1_800), KEEPER, I256.of(6_130_000), true));
        assertThat(Fixtures.conservationViolations(redo.state())).isEmpty();
        // a maximum price below the current one reverts
        assertThat(MarginEngine.execute(redo.state(), new Tx.Take(1, U256.ONE, usd8(1_700)), later)
                        .getLeft())
                .isEqualTo(new Revert.AuctionTooExpensive(1, usd8(1_800), usd8(1_700)));
    }
}
