package dev.solvent.model.preset;

import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the Aave-style preset (Aave v3.3's constants on Solvent's engine), from the examples of {@code docs/3.3/Aave-v3.3-features.md} (aave-dao/
 * aave-v3-origin at commit 5431379f, section 2.2: "1200 $ collateral A, 900 $ debt B, a health-factor at 0.96") and
 * Aave's formulas in {@code LiquidationLogic._calculateAvailableCollateralToLiquidate} (collateral seized = debt repaid
 * times price ratio times the liquidation bonus; protocol fee = bonus part times the liquidation protocol fee). Reserve
 * A has a liquidation threshold of 0.72 so that the document's health factor holds: 1,200 * 0.72 / 900 = 0.96.
 */
class AaveStyleTest {

    static final AssetId USDC = AssetId.of("USDC");
    static final AssetId A = AssetId.of("A");
    static final AssetId B = AssetId.of("B");
    static final AccountId USER = AccountId.of("user");
    static final AccountId LIQUIDATOR = AccountId.of("liquidator");
    static final AccountId WHALE = AccountId.of("whale");

    static ProtocolConfig config(LiquidationPolicy policy) {
        var assets = TreeMap.of(
                USDC,
                new AssetConfig(USDC, 6, Option.none(), Wad.ONE, false, Wad.ONE, 3_600),
                A,
                AaveStyle.reserve(A, 18, "A/USD", Wad.parse("0.72")),
                B,
                AaveStyle.reserve(B, 18, "B/USD", Wad.parse("0.8")));
        var base = new ProtocolConfig(
                USDC,
                assets,
                TreeMap.empty(),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);
        return Presets.AAVE_STYLE.withLiquidation(policy).applyTo(base);
    }

    static BlockContext block(AccountId sender, long a, long b) {
        return new BlockContext(
                1,
                T0,
                sender,
                TreeMap.of(
                        "A/USD", new OracleAnswer(Fixtures.usd8(a), 8, T0),
                        "B/USD", new OracleAnswer(Fixtures.usd8(b), 8, T0)));
    }

    static I256 whole(long n) {
        return I256.of(n).times(I256.pow10(18));
    }

    /** {@code units} of A supplied, {@code units} of B borrowed at B = 800, then B moved to 900. */
    static ProtocolState position(LiquidationPolicy policy, long units) {
        ProtocolState s = ProtocolState.genesis(config(policy), T0);
        return Fixtures.run(
                s,
                block(WHALE, 1_200, 800),
                new Tx.Deposit(WHALE, B, whole(1_000).toU256()),
                new Tx.Deposit(LIQUIDATOR, B, whole(100).toU256()),
                new Tx.Deposit(LIQUIDATOR, USDC, usdc(100_000).toU256()),
                new Tx.Deposit(USER, A, whole(units).toU256()),
                new Tx.Borrow(USER, B, whole(units).toU256()));
    }

    static Receipt liquidate(ProtocolState s, BlockContext b) {
        var r = MarginEngine.execute(s, new Tx.Liquidate(USER), b.withSender(LIQUIDATOR));
        assertThat(r.isRight()).as("reverted: %s", r.swap().getOrNull()).isTrue();
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
        return r.get();
    }

    @Test
    void healthFactorIsWeightedCollateralOverDebt() {
        // 1,200 * 0.72 / 900 = 0.96
        ProtocolState s = position(AaveStyle.closeFactor(), 1);
        assertThat(Views.health(s, USER, block(USER, 1_200, 900)).get()).isEqualTo(Option.some(Wad.parse("0.96")));
        assertThat(Views.isLiquidatable(s, USER, block(USER, 1_200, 900)).get()).isTrue();
    }

    @Test
    void closesTheWholeDebtOfAPositionBelowTheDustThreshold() {
        // the document's example: threshold 1,000 $; debt 900 $ < 1,000 $ so 100% of debt B, although HF 0.96 > 0.95
        // repaid 1 B = 900; bonus 5% = 45, of which the protocol 10% = 4.5, the liquidator 40.5
        // collateral seized: 900 * 1.05 / 1,200 = 0.7875 A; the user keeps 0.2125 A (Aave: the same 0.7875 A leave
        // the user, 0.7875 - 0.7875 / 1.05 = 0.0375 A of bonus, 10% of it, 0.00375 A, to the treasury)
        var policy = new LiquidationPolicy.CloseFactor(
                AaveStyle.CLOSE_FACTOR,
                AaveStyle.FULL_CLOSE_HEALTH,
                U256.of(1_000_000_000L),
                AaveStyle.BONUS,
                AaveStyle.PROTOCOL_FEE);
        Receipt r = liquidate(position(policy, 1), block(LIQUIDATOR, 1_200, 900));
        var user = r.state().account(USER).get();
        assertThat(user.balances()).isEqualTo(TreeMap.of(A, I256.of(212_500_000_000_000_000L)));
        assertThat(r.state().insuranceFund()).isEqualTo(I256.of(4_500_000));
        var liquidator = r.state().account(LIQUIDATOR).get();
        // 100 B - 1 repaid; 0.7875 A bought; 100,000 + 900 + 40.5 - 945 = 99,995.5 USDC
        assertThat(liquidator.balances())
                .isEqualTo(TreeMap.of(
                        A, I256.of(787_500_000_000_000_000L),
                        B, whole(99),
                        USDC, I256.of(99_995_500_000L)));
        assertThat(r.events().last())
                .isEqualTo(new Event.LiquidationCalled(
                        USER,
                        LIQUIDATOR,
                        LIQUIDATOR,
                        Wad.ONE,
                        Vector.empty(),
                        Vector.of(new Event.DebtRepaid(B, whole(1), usdc(900))),
                        I256.ZERO,
                        usdc(45),
                        I256.of(40_500_000),
                        I256.of(4_500_000),
                        I256.ZERO));
    }

    @Test
    void closesHalfTheDebtAboveTheThresholds() {
        // ten times the document's position: 12,000 $ of A, 9,000 $ of B, HF 0.96 > 0.95, both above 2,000 $
        // close factor 50%: repaid 5 B = 4,500; bonus 225 (protocol 22.5); seized 4,725 / 1,200 = 3.9375 A
        // after: 6.0625 A (7,275 $) against 5 B (4,500 $): HF = 7,275 * 0.72 / 4,500 = 1.164
        Receipt r = liquidate(position(AaveStyle.closeFactor(), 10), block(LIQUIDATOR, 1_200, 900));
        var user = r.state().account(USER).get();
        assertThat(user.balances()).isEqualTo(TreeMap.of(A, I256.of(6_062_500_000_000_000_000L), B, whole(5).negate()));
        assertThat(Views.health(r.state(), USER, block(USER, 1_200, 900)).get())
                .isEqualTo(Option.some(Wad.parse("1.164")));
        assertThat(r.state().insuranceFund()).isEqualTo(I256.of(22_500_000));
        var called = (Event.LiquidationCalled) r.events().last();
        assertThat(called.factor()).isEqualTo(Wad.parse("0.5"));
        assertThat(called.repaid()).containsExactly(new Event.DebtRepaid(B, whole(5), usdc(4_500)));
    }

    @Test
    void closesEverythingAtOrBelowTheHealthThreshold() {
        // A at 1,175: HF = 11,750 * 0.72 / 9,000 = 0.94 <= 0.95 (the document's section 2.3 health): 100% of the debt
        // repaid 10 B = 9,000, bonus 450; seized 9,450 / 1,175 = 8.042553191489361702|1 A, rounded up
        ProtocolState s = position(AaveStyle.closeFactor(), 10);
        assertThat(Views.health(s, USER, block(USER, 1_175, 900)).get()).isEqualTo(Option.some(Wad.parse("0.94")));
        Receipt r = liquidate(s, block(LIQUIDATOR, 1_175, 900));
        var called = (Event.LiquidationCalled) r.events().last();
        assertThat(called.factor()).isEqualTo(Wad.ONE);
        assertThat(r.state().account(USER).get().balances())
                .isEqualTo(TreeMap.of(A, whole(10).minus(I256.of(8_042_553_191_489_361_703L))));
    }
}
