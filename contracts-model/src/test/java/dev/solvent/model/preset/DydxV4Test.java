package dev.solvent.model.preset;

import static dev.solvent.model.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.FillableLogic;
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
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the dYdX v4 preset from dYdX's own test suite, {@code dydxprotocol/v4-chain}
 * {@code protocol/x/clob/keeper/liquidations_test.go} at commit {@code 56b4b49d3ceaa2930d5ac9d602808beb379bdecd}
 * ({@code TestGetFillablePrice}, {@code TestGetBankruptcyPriceInQuoteQuantums},
 * {@code TestGetLiquidationInsuranceFundDelta}), on its perpetuals {@code BtcUsd_20PercentInitial_10PercentMaintenance}
 * and {@code EthUsd_20PercentInitial_10PercentMaintenance} (BTC at 50,000, ETH at 3,000) with
 * {@code LiquidationsConfig_Default} (bankruptcy adjustment 1, spread ratio 0.1, fee cap 0.5%) unless a case says
 * otherwise. dYdX's subaccounts hold USDC and positions; the model's accounts open their positions by trades at a
 * higher price, so that the same USDC balance results (a 0.1 BTC long bought at 60,000 with 1,499 USDC deposited is
 * dYdX's 0.1 BTC with -4,501 USDC).
 */
class DydxV4Test {

    static final AssetId USDC = AssetId.of("USDC");
    static final AssetId BTC = AssetId.of("BTC");
    static final AssetId ETH = AssetId.of("ETH");
    static final MarketId BTC_USD = MarketId.of("BTC-USD");
    static final MarketId ETH_USD = MarketId.of("ETH-USD");
    static final AccountId ALICE = AccountId.of("alice");
    static final AccountId BOB = AccountId.of("bob");
    static final AccountId KEEPER = AccountId.of("keeper");

    static final LiquidationPolicy.FillablePrice DEFAULT =
            new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.parse("0.1"), Wad.parse("0.005"));

    /** dYdX's test tier: 20% initial, half of it maintenance. */
    static final DydxV4.LiquidityTier TWENTY_TEN = new DydxV4.LiquidityTier(200_000, 500_000);

    static I256 usdc(String n) {
        return Wad.parse(n).raw().divide(I256.pow10(12), dev.solvent.model.math.Rounding.FLOOR);
    }

    static I256 units(String n, int decimals) {
        return Wad.parse(n).raw().divide(I256.pow10(18 - decimals), dev.solvent.model.math.Rounding.FLOOR);
    }

    static MarketConfig market(MarketId id, AssetId underlying) {
        return new MarketConfig(
                id,
                underlying,
                TWENTY_TEN.initialMargin(),
                TWENTY_TEN.maintenanceMargin(),
                Wad.ZERO,
                U256.parse("1000000000000000000000000000"),
                Wad.parse("0.5"),
                3_600,
                Wad.ZERO,
                Wad.ZERO,
                Wad.ZERO);
    }

    static ProtocolState genesis(LiquidationPolicy.FillablePrice policy) {
        var assets = TreeMap.of(
                USDC, new AssetConfig(USDC, 6, Option.none(), Wad.ONE, false, Wad.ONE, 3_600),
                BTC, new AssetConfig(BTC, 8, Option.some("BTC/USD"), Wad.ZERO, false, Wad.ONE, 3_600),
                ETH, new AssetConfig(ETH, 9, Option.some("ETH/USD"), Wad.ZERO, false, Wad.ONE, 3_600));
        var base = new ProtocolConfig(
                USDC,
                assets,
                TreeMap.of(BTC_USD, market(BTC_USD, BTC), ETH_USD, market(ETH_USD, ETH)),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);
        return ProtocolState.genesis(Presets.DYDX_V4.withLiquidation(policy).applyTo(base), T0);
    }

    static BlockContext block(AccountId sender, long time, String btc, String eth) {
        return new BlockContext(
                time - T0,
                time,
                sender,
                TreeMap.of(
                        "BTC/USD", new OracleAnswer(units(btc, 8), 8, time),
                        "ETH/USD", new OracleAnswer(units(eth, 8), 8, time)));
    }

    /** Alice holds {@code btc} BTC bought (or sold) at {@code price} with {@code deposit} USDC; the fund has 1,000. */
    static ProtocolState btcPosition(LiquidationPolicy.FillablePrice policy, String deposit, String btc, String price) {
        return Fixtures.run(
                genesis(policy),
                block(BOB, T0, price, "3000"),
                new Tx.Deposit(ALICE, USDC, usdc(deposit).toU256()),
                new Tx.Deposit(BOB, USDC, usdc("1000000").toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc("1000000").toU256()),
                new Tx.FundInsurance(usdc("1000").toU256()),
                new Tx.Trade(BTC_USD, ALICE, BOB, units(btc, 8), units(price, 8)));
    }

    static Receipt liquidate(ProtocolState s) {
        var r = MarginEngine.execute(s, new Tx.Liquidate(ALICE), block(KEEPER, T0 + 60, "50000", "3000"));
        assertThat(r.isRight()).as("reverted: %s", r.swap().getOrNull()).isTrue();
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
        return r.get();
    }

    static Event.FillableLiquidation fill(Receipt r) {
        return r.events()
                .filter(Event.FillableLiquidation.class::isInstance)
                .map(Event.FillableLiquidation.class::cast)
                .single();
    }

    @Test
    void theGenesisTiersSetInitialAndMaintenanceMargins() {
        assertThat(DydxV4.LiquidityTier.LARGE_CAP.initialMargin()).isEqualTo(Wad.parse("0.05"));
        assertThat(DydxV4.LiquidityTier.LARGE_CAP.maintenanceMargin()).isEqualTo(Wad.parse("0.03"));
        assertThat(DydxV4.LiquidityTier.MID_CAP.maintenanceMargin()).isEqualTo(Wad.parse("0.05"));
        assertThat(DydxV4.LiquidityTier.LONG_TAIL.maintenanceMargin()).isEqualTo(Wad.parse("0.1"));
        assertThat(TWENTY_TEN.maintenanceMargin()).isEqualTo(Wad.parse("0.1"));
    }

    @Test
    void closesALongSlightlyBelowMaintenanceAtTheFillablePrice() {
        // 0.1 BTC long, -4,501 USDC: TNC 499, TMMR 500; the fillable price is 49,999, so the 0.1 BTC sells for
        // 4,999.9; the bankruptcy price in quote quantums is 4,501,000,000; the fee is min(0.5% of 4,999.9,
        // 4,999.9 - 4,501) = 24.9995
        Receipt r = liquidate(btcPosition(DEFAULT, "1499", "0.1", "60000"));
        var f = fill(r);
        assertThat(f.closed().value()).isEqualTo(usdc("4999.9"));
        assertThat(f.bankruptcyValue()).isEqualTo(I256.of(4_501_000_000L));
        assertThat(f.fee()).isEqualTo(usdc("24.9995"));
        assertThat(f.shortfall()).isEqualTo(I256.ZERO);
        var alice = r.state().account(ALICE).get();
        assertThat(alice.positions()).isEmpty();
        assertThat(alice.balance(USDC))
                .isEqualTo(usdc("1499").minus(usdc("6000")).plus(usdc("4999.9")).minus(usdc("24.9995")));
        var keeper = r.state().account(KEEPER).get().position(BTC_USD).get();
        assertThat(keeper.size()).isEqualTo(units("0.1", 8));
        assertThat(keeper.quote()).isEqualTo(usdc("-4999.9"));
        assertThat(r.state().insuranceFund()).isEqualTo(usdc("1024.9995"));
    }

    @Test
    void theBankruptcyAdjustmentAndTheSpreadRatioWidenTheSpread() {
        var s2 = new LiquidationPolicy.FillablePrice(Wad.parse("2"), Wad.parse("0.1"), Wad.parse("0.005"));
        assertThat(fill(liquidate(btcPosition(s2, "1499", "0.1", "60000")))
                        .closed()
                        .value())
                .as("bankruptcyAdjustmentPpm 2,000,000: 49,998")
                .isEqualTo(usdc("4999.8"));
        var smmr2 = new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.parse("0.2"), Wad.parse("0.005"));
        assertThat(fill(liquidate(btcPosition(smmr2, "1499", "0.1", "60000")))
                        .closed()
                        .value())
                .as("spreadToMaintenanceMarginRatioPpm 200,000: 49,998")
                .isEqualTo(usdc("4999.8"));
        var smmr1ppm = new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.parse("0.000001"), Wad.parse("0.005"));
        assertThat(fill(liquidate(btcPosition(smmr1ppm, "1499", "0.1", "60000")))
                        .closed()
                        .value())
                .as("spreadToMaintenanceMarginRatioPpm 1: 4,999,999,999 / 10,000,000")
                .isEqualTo(usdc("4999.999999"));
        var smmr1 = new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.ONE, Wad.parse("0.005"));
        assertThat(fill(liquidate(btcPosition(smmr1, "1499", "0.1", "60000")))
                        .closed()
                        .value())
                .as("spreadToMaintenanceMarginRatioPpm one million: 49,990")
                .isEqualTo(usdc("4999"));
    }

    @Test
    void closesAShortSlightlyBelowMaintenanceAtTheFillablePrice() {
        // 0.1 BTC short, 5,499 USDC: the fillable price is 50,001; bankruptcy -5,499,000,000
        Receipt r = liquidate(btcPosition(DEFAULT, "1499", "-0.1", "40000"));
        var f = fill(r);
        assertThat(f.closed().value()).isEqualTo(usdc("-5000.1"));
        assertThat(f.bankruptcyValue()).isEqualTo(I256.of(-5_499_000_000L));
    }

    @Test
    void atTheBankruptcyPriceTheInsuranceFundCoversTheSpread() {
        // 0.1 BTC long, -5,000 USDC: TNC 0, the fillable price 49,500 (ABR 1), the bankruptcy price 50,000: the
        // fill brings 50 less than bankruptcy, which the insurance fund pays
        Receipt r = liquidate(btcPosition(DEFAULT, "1250", "0.1", "62500"));
        var f = fill(r);
        assertThat(f.closed().value()).isEqualTo(usdc("4950"));
        assertThat(f.bankruptcyValue()).isEqualTo(usdc("5000"));
        assertThat(f.shortfall()).isEqualTo(usdc("50"));
        assertThat(r.events()).contains(new Event.ShortfallCovered(ALICE, usdc("50")));
        assertThat(r.state().insuranceFund()).isEqualTo(usdc("950"));
        assertThat(r.state().account(ALICE).get().isEmpty()).isTrue();
    }

    @Test
    void belowTheBankruptcyPriceTheFillIsTheWholeSpreadAway() {
        // 0.1 BTC long, -5,500 USDC: ABR is clamped at 1, the fillable price 49,500; bankruptcy 5,500
        Receipt r = liquidate(btcPosition(DEFAULT, "1375", "0.1", "68750"));
        var f = fill(r);
        assertThat(f.closed().value()).isEqualTo(usdc("4950"));
        assertThat(f.bankruptcyValue()).isEqualTo(usdc("5500"));
        assertThat(f.shortfall()).isEqualTo(usdc("550"));
    }

    @Test
    void withSeveralPositionsTheSpreadFollowsTheAccountsRating() {
        // 0.004 BTC and 0.1 ETH long, -490 USDC: TNC 10, TMMR 50; ETH's fillable price is 2,976 (372 / 125
        // subticks), so 0.1 ETH sells for 297.6; its bankruptcy amount 294,000,000; the fee min(1.488, 3.6)
        ProtocolState s = Fixtures.run(
                genesis(DEFAULT),
                block(BOB, T0, "62500", "3750"),
                new Tx.Deposit(ALICE, USDC, usdc("135").toU256()),
                new Tx.Deposit(BOB, USDC, usdc("1000000").toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc("1000000").toU256()),
                new Tx.Trade(BTC_USD, ALICE, BOB, units("0.004", 8), units("62500", 8)),
                new Tx.Trade(ETH_USD, ALICE, BOB, units("0.1", 9), units("3750", 8)));
        Receipt r = liquidate(s);
        var f = fill(r);
        assertThat(f.closed().market()).isEqualTo(ETH_USD);
        assertThat(f.closed().value()).isEqualTo(usdc("297.6"));
        assertThat(f.bankruptcyValue()).isEqualTo(I256.of(294_000_000));
        assertThat(f.fee()).isEqualTo(usdc("1.488"));
        assertThat(r.state().account(ALICE).get().positions().keySet()).containsExactly(BTC_USD);
    }

    @Test
    void theInsuranceFundDeltaIsTheFeeCappedAtTheRoomAboveBankruptcyOrTheLossBelowIt() {
        // TestGetLiquidationInsuranceFundDelta, quote quantums (fill, bankruptcy, fee cap ppm) -> delta
        Object[][] cases = {
            {5_610_000_000L, 5_100_000_000L, "0.005", 28_050_000L},
            {5_610_000_000L, 5_100_000_000L, "0.025", 140_250_000L},
            {5_610_000_000L, 5_100_000_000L, "1", 510_000_000L},
            {-4_410_000_000L, -4_900_000_000L, "0.005", 22_050_000L},
            {-4_410_000_000L, -4_900_000_000L, "0.025", 110_250_000L},
            {-4_410_000_000L, -4_900_000_000L, "1", 490_000_000L},
            {5_105_100_000L, 5_100_000_000L, "0.005", 5_100_000L},
            {-4_895_100_000L, -4_900_000_000L, "0.005", 4_900_000L},
            {5_100_000_000L, 5_100_000_000L, "0.005", 0L},
            {-4_900_000_000L, -4_900_000_000L, "0.005", 0L},
            {5_049_000_000L, 5_100_000_000L, "0.005", -51_000_000L},
        };
        for (Object[] c : cases) {
            var policy = new LiquidationPolicy.FillablePrice(Wad.ONE, Wad.parse("0.1"), Wad.parse((String) c[2]));
            assertThat(FillableLogic.insuranceFundDelta(policy, I256.of((Long) c[0]), I256.of((Long) c[1])))
                    .as("fill %s, bankruptcy %s, cap %s", c[0], c[1], c[2])
                    .isEqualTo(I256.of((Long) c[3]));
        }
    }

    @Test
    void thePresetHasTheGenesisParameters() {
        var f = (LiquidationPolicy.FillablePrice) Presets.DYDX_V4.liquidation();
        assertThat(f.maxLiquidationFee()).isEqualTo(Wad.parse("0.015"));
        assertThat(f.bankruptcyAdjustment()).isEqualTo(Wad.ONE);
        assertThat(f.spreadToMaintenanceMarginRatio()).isEqualTo(Wad.parse("1.5"));
        assertThat(Presets.DYDX_V4.shortfall()).isEqualTo(new ShortfallPolicy.InsuranceThenDeleverage());
        // the first case under the genesis: spread 1/500 * 1.5 * 500 = 1.5, fee 1.5% of 4,998.5 = 74.9775
        var r = liquidate(btcPosition(f, "1499", "0.1", "60000"));
        assertThat(fill(r).closed().value()).isEqualTo(usdc("4998.5"));
        assertThat(fill(r).fee()).isEqualTo(usdc("74.9775"));
    }

    @Test
    void pastTheInsuranceFundOffsettingPositionsAreDeleveraged() {
        // TNC 0 as above, but an empty fund: Bob's offsetting short closes against the keeper's new long at the
        // bankruptcy price, giving up the 50 USDC the fill fell short
        ProtocolState s = Fixtures.run(
                genesis(DEFAULT)
                        .withConfig(
                                genesis(DEFAULT).config().withShortfall(new ShortfallPolicy.InsuranceThenDeleverage())),
                block(BOB, T0, "62500", "3000"),
                new Tx.Deposit(ALICE, USDC, usdc("1250").toU256()),
                new Tx.Deposit(BOB, USDC, usdc("1000000").toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc("1000000").toU256()),
                new Tx.Trade(BTC_USD, ALICE, BOB, units("0.1", 8), units("62500", 8)));
        Receipt r = liquidate(s);
        var deleveraged = r.events()
                .filter(Event.PositionAutoDeleveraged.class::isInstance)
                .map(Event.PositionAutoDeleveraged.class::cast)
                .single();
        assertThat(deleveraged.account()).isEqualTo(BOB);
        assertThat(deleveraged.charge()).isEqualTo(usdc("50"));
        assertThat(r.state().ledger().deleveraged()).isEqualTo(usdc("50"));
        assertThat(r.state().account(BOB).get().positions()).isEmpty();
    }
}
