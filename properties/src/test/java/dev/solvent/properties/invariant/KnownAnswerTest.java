package dev.solvent.properties.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.arbitrary.Standard;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * Numbers worked by hand for the model's helpers the invariants must not trust ({@code MarginLogic.closeSize},
 * {@code notional}, {@code penaltyOwed}) and for the independent computations that replace them in the checks. The
 * closeSize answers belong beside {@code MarginLogic} in contracts-model; they sit here until that module's liquidation
 * code settles.
 */
class KnownAnswerTest {

    static final I256 ONE_ETH = I256.pow10(18);

    @Test
    void closeSizeTakesTheFactorsShareOfALongRoundedDown() {
        // Aave's close factor: 0.5 * 12,345,678 = 6,172,839 exactly
        assertThat(MarginLogic.closeSize(I256.of(12_345_678), Wad.parse("0.5"))).isEqualTo(I256.of(6_172_839));
        // 0.5 * (10^18 + 1) = 500,000,000,000,000,000.5, rounded down
        assertThat(MarginLogic.closeSize(ONE_ETH.plus(I256.ONE), Wad.parse("0.5")))
                .isEqualTo(I256.parse("500000000000000000"));
        // Hyperliquid's partial fraction: 0.2 * 10 ETH = 2 ETH; 0.2 * 1 wei = 0.2, rounded down to nothing
        assertThat(MarginLogic.closeSize(I256.pow10(19), Wad.parse("0.2")))
                .isEqualTo(I256.pow10(18).times(I256.of(2)));
        assertThat(MarginLogic.closeSize(I256.ONE, Wad.parse("0.2"))).isEqualTo(I256.ZERO);
        // 3 * 10^18 * 0.333333333333333333 = 999,999,999,999,999,999 exactly (3 * 333...3 = 999...9)
        assertThat(MarginLogic.closeSize(I256.pow10(18).times(I256.of(3)), Wad.parse("0.333333333333333333")))
                .isEqualTo(I256.parse("999999999999999999"));
        // the whole position under a factor of one, nothing under zero
        assertThat(MarginLogic.closeSize(I256.of(7), Wad.ONE)).isEqualTo(I256.of(7));
        assertThat(MarginLogic.closeSize(I256.of(7), Wad.ZERO)).isEqualTo(I256.ZERO);
    }

    @Test
    void closeSizeRoundsAShortTowardZeroNotPastIt() {
        // -(10^18 + 1) * 0.5 = -500,000,000,000,000,000.5: toward zero is -5 * 10^17, never -5 * 10^17 - 1
        assertThat(MarginLogic.closeSize(ONE_ETH.plus(I256.ONE).negate(), Wad.parse("0.5")))
                .isEqualTo(I256.parse("-500000000000000000"));
        // -3 * 0.5 = -1.5 -> -1; -1 * 0.2 = -0.2 -> 0
        assertThat(MarginLogic.closeSize(I256.of(-3), Wad.parse("0.5"))).isEqualTo(I256.of(-1));
        assertThat(MarginLogic.closeSize(I256.of(-1), Wad.parse("0.2"))).isEqualTo(I256.ZERO);
    }

    @Test
    void thePenaltyDueIsWorkedOutWithoutTheModelsHelpers() {
        // InvariantsTest's setup: a 2% penalty, ETH at 3,000.00000000 (8 decimals), WETH 18 and USDC 6 decimals
        CampaignSetup setup = InvariantsTest.setup();
        I256 price = I256.of(3_000_00000000L);
        // 1 ETH: 10^18 * 3000e8 / 10^20 = 3,000,000,000 units (3,000 USDC); 2% of it = 60,000,000 (60 USDC)
        Event.ClosedPosition oneEth = new Event.ClosedPosition(Standard.ETH_PERP, ONE_ETH, price, I256.ZERO);
        // a short of 1 ETH owes on its absolute notional: 60,000,000 again
        Event.ClosedPosition shortEth = new Event.ClosedPosition(Standard.ETH_PERP, ONE_ETH.negate(), price, I256.ZERO);
        // 1 wei: 3000e8 / 10^20 = 0.000000003 units, rounded up to 1; 2% of 1 = 0.02, rounded up to 1
        Event.ClosedPosition oneWei = new Event.ClosedPosition(Standard.ETH_PERP, I256.ONE, price, I256.ZERO);
        var block = InvariantsTest.block(setup, Standard.KEEPER);

        assertThat(LiquidationInvariants.penaltyDue(setup.config(), Vector.of(oneEth), block))
                .isEqualTo(I256.of(60_000_000));
        assertThat(LiquidationInvariants.penaltyDue(setup.config(), Vector.of(oneEth, shortEth, oneWei), block))
                .isEqualTo(I256.of(120_000_001));
        // and the model's helpers agree with the hand-worked numbers
        Quote q = new Quote("", price, 8);
        assertThat(MarginLogic.penaltyOwed(MarginLogic.notional(I256.ONE, 18, q, 6), Wad.parse("0.02")))
                .isEqualTo(I256.ONE);
        assertThat(MarginLogic.penaltyOwed(MarginLogic.notional(ONE_ETH.negate(), 18, q, 6), Wad.parse("0.02")))
                .isEqualTo(I256.of(60_000_000));
    }

    @Test
    void theExactMarginOfAnAccountWithAPositionIsWorkedOutByHand() {
        CampaignSetup setup = InvariantsTest.setup();
        ProtocolState s = setup.genesis();
        BlockContext b = InvariantsTest.block(setup, InvariantsTest.A1);
        // acct-1 buys 1 ETH-PERP from acct-2 at the oracle's 3,000 (no fees)
        Tx tx = new Tx.Trade(
                Standard.ETH_PERP, InvariantsTest.A1, InvariantsTest.A2, ONE_ETH, I256.of(3_000_00000000L));
        ProtocolState after = MarginEngine.execute(s, tx, b).get().state();

        ExactMargin m = ExactMargin.cross(
                        after, after.account(InvariantsTest.A1).get(), b)
                .get();

        // 10,000 USDC + 1 WETH * 3000 * 0.8 + 0.02 WBTC * 60000 * 0.7 = 13,240 USDC, and the position's PnL is
        // 3,000 (value) - 3,000 (quote) = 0
        assertThat(Exact.toUnits(m.equity())).isEqualTo(I256.of(13_240_000_000L));
        // notional 3,000 USDC: 10% initial = 300 USDC, 5% maintenance = 150 USDC
        assertThat(Exact.toUnits(m.initial())).isEqualTo(I256.of(300_000_000));
        assertThat(Exact.toUnits(m.maintenance())).isEqualTo(I256.of(150_000_000));
        assertThat(m.hasRisk()).isTrue();
        // two collateral balances (2 units each) and one position (4 units) of rounding the model may do
        assertThat(Exact.toUnits(m.slack())).isEqualTo(I256.of(8));
        // the model's own figures, rounded in its favour, are here exact
        MarginLogic.AccountData d = MarginLogic.cross(
                        after, after.account(InvariantsTest.A1).get(), b)
                .get();
        assertThat(d.marginEquity()).isEqualTo(I256.of(13_240_000_000L));
        assertThat(d.maintenanceRequirement()).isEqualTo(I256.of(150_000_000));
    }

    @Test
    void exactDivisionsRoundTowardTheirInfinity() {
        // 7 / 2 = 3.5 and -7 / 2 = -3.5
        assertThat(Exact.floorDiv(java.math.BigInteger.valueOf(7), java.math.BigInteger.TWO))
                .isEqualTo(3);
        assertThat(Exact.floorDiv(java.math.BigInteger.valueOf(-7), java.math.BigInteger.TWO))
                .isEqualTo(-4);
        assertThat(Exact.ceilDiv(java.math.BigInteger.valueOf(7), java.math.BigInteger.TWO))
                .isEqualTo(4);
        assertThat(Exact.ceilDiv(java.math.BigInteger.valueOf(-7), java.math.BigInteger.TWO))
                .isEqualTo(-3);
        // 12,345 / 10^2 = 123.45; a negative exponent multiplies: 5 * 10^3
        assertThat(Exact.floorPow10(java.math.BigInteger.valueOf(12_345), 2)).isEqualTo(123);
        assertThat(Exact.ceilPow10(java.math.BigInteger.valueOf(12_345), 2)).isEqualTo(124);
        assertThat(Exact.ceilPow10(java.math.BigInteger.valueOf(5), -3)).isEqualTo(5_000);
    }
}
