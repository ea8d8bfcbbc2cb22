package dev.solvent.model.logic;

import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.BTC_PERP;
import static dev.solvent.model.Fixtures.CAROL;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.KEEPER;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.block;
import static dev.solvent.model.Fixtures.u;
import static dev.solvent.model.Fixtures.units;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import org.junit.jupiter.api.Test;

/** Carol holds a cross BTC position and an isolated ETH position with 250 USDC of margin. */
class IsolatedLogicTest {

    static ProtocolState carol() {
        BlockContext open = block(CAROL, T0, 2_000, 40_000, 100);
        return Fixtures.run(
                Fixtures.genesis(),
                open,
                new Tx.Deposit(CAROL, USDC, u(usdc(10_000))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))),
                new Tx.Deposit(KEEPER, USDC, u(usdc(10_000))),
                new Tx.Trade(BTC_PERP, CAROL, BOB, units(1, 10, 8), usd8(40_000)),
                // IMR 10% of 2,000 = 200 <= 250
                new Tx.OpenIsolated(CAROL, ETH_PERP, BOB, units(1, 1, 18), usd8(2_000), u(usdc(250))));
    }

    @Test
    void liquidatesTheIsolatedPositionAloneAndLeavesTheCrossAccountUntouched() {
        // ETH 1,800: isolated equity 250 - 200 = 50 < MMR 5% of 1,800 = 90
        // penalty 2% of 1,800 = 36; keeper 5 + 20% of 36 = 12.2; insurance 23.8
        // the bucket keeps 250 - 2,000 + 1,800 - 36 = 14
        ProtocolState before = carol();
        BlockContext crash = block(KEEPER, T0, 1_800, 40_000, 100);
        assertThat(Views.isIsolatedLiquidatable(before, CAROL, ETH_PERP, crash).get())
                .isTrue();
        assertThat(Views.isLiquidatable(before, CAROL, crash).get()).isFalse();

        var r = MarginEngine.execute(before, new Tx.LiquidateIsolated(CAROL, ETH_PERP), crash);
        ProtocolState after = r.get().state();
        var carolBefore = before.account(CAROL).get();
        var carolAfter = after.account(CAROL).get();
        assertThat(carolAfter.balances()).isEqualTo(carolBefore.balances());
        assertThat(carolAfter.positions()).isEqualTo(carolBefore.positions());
        assertThat(carolAfter.isolated().get(ETH_PERP).get())
                .isEqualTo(new IsolatedPosition(Position.empty(I256.ZERO), usdc(14)));
        assertThat(after.insuranceFund()).isEqualTo(I256.of(23_800_000));
        assertThat(after.account(KEEPER).get().balance(USDC))
                .isEqualTo(usdc(10_000).plus(I256.of(12_200_000)));
        assertThat(after.account(KEEPER).get().position(ETH_PERP).get())
                .isEqualTo(new Position(units(1, 1, 18), usdc(-1_800), I256.ZERO));
        assertThat(r.get().events())
                .containsExactly(new Event.IsolatedPositionLiquidated(
                        CAROL,
                        KEEPER,
                        KEEPER,
                        new Event.ClosedPosition(ETH_PERP, units(1, 1, 18), usd8(1_800), usdc(1_800)),
                        usdc(1_800),
                        usdc(36),
                        I256.of(12_200_000),
                        I256.of(23_800_000),
                        I256.ZERO));
        assertThat(Fixtures.conservationViolations(after)).isEmpty();

        // closing the flat bucket hands the 14 back to the cross balance
        var closed = MarginEngine.execute(
                after, new Tx.CloseIsolated(CAROL, ETH_PERP, BOB, usd8(1_800)), crash.withSender(CAROL));
        assertThat(closed.get().state().account(CAROL).get().balance(USDC))
                .isEqualTo(carolBefore.balance(USDC).plus(usdc(14)));
        assertThat(closed.get().state().account(CAROL).get().isolated()).isEmpty();
    }

    @Test
    void revertsAnIsolatedLiquidationOfAHealthyPosition() {
        var r = MarginEngine.execute(
                carol(), new Tx.LiquidateIsolated(CAROL, ETH_PERP), block(KEEPER, T0, 1_950, 40_000, 100));
        // equity 250 - 50 = 200, MMR 5% of 1,950 = 97.5
        assertThat(r.getLeft()).isEqualTo(new Revert.NotLiquidatable(CAROL, usdc(200), I256.of(97_500_000)));
    }

    @Test
    void refusesToRemoveMarginBelowTheInitialRequirement() {
        // equity 250, IMR 200: removing 60 would leave 190
        var r = MarginEngine.execute(
                carol(),
                new Tx.RemoveIsolatedMargin(CAROL, ETH_PERP, u(usdc(60))),
                block(CAROL, T0, 2_000, 40_000, 100));
        assertThat(r.getLeft()).isEqualTo(new Revert.InsufficientMargin(CAROL, usdc(200), usdc(190)));
        var ok = MarginEngine.execute(
                carol(),
                new Tx.RemoveIsolatedMargin(CAROL, ETH_PERP, u(usdc(50))),
                block(CAROL, T0, 2_000, 40_000, 100));
        assertThat(ok.get()
                        .state()
                        .account(CAROL)
                        .get()
                        .isolated()
                        .get(ETH_PERP)
                        .get()
                        .margin())
                .isEqualTo(usdc(200));
    }

    @Test
    void closesAProfitablePositionIntoTheCrossBalance() {
        // ETH 2,100: closing 1 ETH long opened at 2,000 returns 250 + 100
        ProtocolState s = carol();
        var r = MarginEngine.execute(
                s, new Tx.CloseIsolated(CAROL, ETH_PERP, BOB, usd8(2_100)), block(CAROL, T0, 2_100, 40_000, 100));
        var carol = r.get().state().account(CAROL).get();
        assertThat(carol.balance(USDC)).isEqualTo(usdc(10_000 - 250 + 350));
        assertThat(carol.isolated()).isEmpty();
        assertThat(r.get().state().market(ETH_PERP).longOpenInterest()).isEqualTo(I256.ZERO);
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
    }
}
