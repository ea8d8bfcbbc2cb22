package dev.solvent.model.preset;

import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.Position;
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
 * Known answers for the Hyperliquid preset from its documentation: maintenance margin is half of the initial margin
 * at max leverage (1.25% at 40x, 1% at 50x, 16.7% at 3x); positions above 100k USDC are market-liquidated 20% at a
 * time, then for 30 seconds in full; below 2/3 of the maintenance margin the vault takes everything. Alice opens
 * 80 ETH at 2,000 with 10,000 USDC on a 20x market (initial 5%, maintenance 2.5%).
 */
class HyperliquidTest {

    static final AssetId USDC = AssetId.of("USDC");
    static final AssetId ETH = AssetId.of("ETH");
    static final MarketId ETH_PERP = MarketId.of("ETH");
    static final AccountId ALICE = AccountId.of("alice");
    static final AccountId BOB = AccountId.of("bob");
    static final AccountId KEEPER = AccountId.of("keeper");

    @Test
    void maintenanceMarginIsHalfTheInitialMarginAtMaxLeverage() {
        var u = U256.of(1);
        assertThat(Hyperliquid.market(ETH_PERP, ETH, 40, u).maintenanceMargin()).isEqualTo(Wad.parse("0.0125"));
        assertThat(Hyperliquid.market(ETH_PERP, ETH, 50, u).maintenanceMargin()).isEqualTo(Wad.parse("0.01"));
        // 1 / 6 = 16.67%, rounded up in the last WAD digit
        assertThat(Hyperliquid.market(ETH_PERP, ETH, 3, u).maintenanceMargin())
                .isEqualTo(Wad.parse("0.166666666666666667"));
    }

    static ProtocolState opened() {
        var assets = TreeMap.of(
                USDC, new AssetConfig(USDC, 6, Option.none(), Wad.ONE, false, Wad.ONE, 3_600),
                ETH, new AssetConfig(ETH, 18, Option.some("ETH/USD"), Wad.ZERO, false, Wad.ONE, 3_600));
        var m = Hyperliquid.market(ETH_PERP, ETH, 20, U256.parse("1000000000000000000000000"));
        // no funding, so that the arithmetic below is only about liquidation
        var market = new dev.solvent.model.config.MarketConfig(
                m.id(),
                m.underlying(),
                m.initialMargin(),
                m.maintenanceMargin(),
                m.liquidationPenalty(),
                m.maxOpenInterest(),
                m.priceBand(),
                m.maxOracleAge(),
                Wad.ZERO,
                m.takerFee(),
                m.makerFee());
        var base = new ProtocolConfig(
                USDC,
                assets,
                TreeMap.of(ETH_PERP, market),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);
        ProtocolState s = ProtocolState.genesis(Presets.HYPERLIQUID.applyTo(base), T0);
        return Fixtures.run(
                s,
                block(BOB, T0, 2_000),
                new Tx.Deposit(ALICE, USDC, usdc(10_000).toU256()),
                new Tx.Deposit(BOB, USDC, usdc(1_000_000).toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc(1_000_000).toU256()),
                new Tx.Trade(ETH_PERP, ALICE, BOB, eth(80), usd8(2_000)));
    }

    static I256 eth(long n) {
        return I256.of(n).times(I256.pow10(18));
    }

    static BlockContext block(AccountId sender, long time, long eth) {
        return new BlockContext(time - T0, time, sender, TreeMap.of("ETH/USD", new OracleAnswer(usd8(eth), 8, time)));
    }

    static Receipt liquidate(ProtocolState s, BlockContext b) {
        var r = MarginEngine.execute(s, new Tx.Liquidate(ALICE), b);
        assertThat(r.isRight()).as("reverted: %s", r.swap().getOrNull()).isTrue();
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
        return r.get();
    }

    @Test
    void sendsTwentyPercentOfALargePositionToTheMarketThenTheWholeOneInCooldown() {
        // ETH 1,920: equity 10,000 - 6,400 = 3,600 < maintenance 2.5% of 153,600 = 3,840, above 2/3 of it (2,560)
        // 153,600 > 100k: 20% = 16 ETH close at 1,920 into the keeper; Alice realizes 30,720 - 32,000 = -1,280
        Receipt first = liquidate(opened(), block(KEEPER, T0 + 60, 1_920));
        var alice = first.state().account(ALICE).get();
        assertThat(alice.position(ETH_PERP).get()).isEqualTo(new Position(eth(64), usdc(-128_000), I256.ZERO));
        assertThat(alice.balance(USDC)).isEqualTo(usdc(8_720));
        assertThat(first.state().account(KEEPER).get().position(ETH_PERP).get().size())
                .isEqualTo(eth(16));
        // 10 s later at 1,910: equity 8,720 + 122,240 - 128,000 = 2,960 < 2.5% of 122,240 = 3,056; in cooldown, so
        // the whole 64 ETH go (122,240 > 100k notwithstanding) and Alice keeps 2,960: no clearance fee
        Receipt second = liquidate(first.state(), block(KEEPER, T0 + 70, 1_910));
        assertThat(second.state().account(ALICE).get().positions()).isEmpty();
        assertThat(second.state().account(ALICE).get().balances()).isEqualTo(TreeMap.of(USDC, usdc(2_960)));
    }

    @Test
    void theVaultTakesEverythingBelowTwoThirdsOfTheMaintenanceMargin() {
        // ETH 1,900: equity 10,000 - 8,000 = 2,000 < 2/3 of 2.5% of 152,000 (2,533.33): backstop
        // the vault takes the 80 ETH at 1,900 and Alice's remaining 2,000 USDC; "the maintenance margin is not
        // returned"
        Receipt r = liquidate(opened(), block(KEEPER, T0 + 60, 1_900));
        assertThat(r.state().account(ALICE).get().isEmpty()).isTrue();
        var vault = r.state().account(Hyperliquid.VAULT).get();
        assertThat(vault.position(ETH_PERP).get()).isEqualTo(new Position(eth(80), usdc(-152_000), I256.ZERO));
        assertThat(vault.balances()).isEqualTo(TreeMap.of(USDC, usdc(2_000)));
        assertThat(r.events().last()).isInstanceOf(Event.AccountBackstopped.class);
        assertThat(((Event.AccountBackstopped) r.events().last()).equity()).isEqualTo(usdc(2_000));
        assertThat(((Event.AccountBackstopped) r.events().last()).shortfall()).isEqualTo(I256.ZERO);
    }

    @Test
    void anUnderwaterTakeoverIsAShortfallThatDeleveragesTheOppositeSide() {
        // ETH gaps to 1,850: Alice's equity 10,000 + 80 * (1,850 - 2,000) = -2,000, below 2/3 of the maintenance
        // requirement: backstop. The vault takes 80 ETH at 1,850 (quote -148,000) and Alice's balance
        // 10,000 - 160,000 + 148,000 = -2,000, and is made whole for it: it ends with no balance at all.
        // The 2,000 are a shortfall; the fund is empty, so auto-deleveraging closes the vault's 80 ETH against Bob's
        // short (profit 80 * 150 = 12,000, the only candidate) at 1,850 + 2,000 / 80 = 1,875: Bob pays
        // 148,000 + 2,000 and realizes 160,000 - 150,000 = 10,000 on his 1,000,000.
        // Before this was booked, the vault kept a balance of -2,000 USDC and Bob kept his 12,000 of profit.
        Receipt r = liquidate(opened(), block(KEEPER, T0 + 60, 1_850));
        var backstopped = (Event.AccountBackstopped)
                r.events().find(Event.AccountBackstopped.class::isInstance).get();
        assertThat(backstopped.keeper()).isEqualTo(KEEPER);
        assertThat(backstopped.equity()).isEqualTo(usdc(-2_000));
        assertThat(backstopped.shortfall()).isEqualTo(usdc(2_000));
        assertThat(r.events().last())
                .isEqualTo(new Event.PositionAutoDeleveraged(
                        BOB, Hyperliquid.VAULT, ETH_PERP, eth(80), usd8(1_850), usdc(2_000)));
        assertThat(r.state().account(ALICE).get().isEmpty()).isTrue();
        assertThat(r.state().accountOrEmpty(Hyperliquid.VAULT).isEmpty()).isTrue();
        var bob = r.state().account(BOB).get();
        assertThat(bob.positions()).isEmpty();
        assertThat(bob.balances()).isEqualTo(TreeMap.of(USDC, usdc(1_010_000)));
        assertThat(r.state().ledger().deleveraged()).isEqualTo(usdc(2_000));
        assertThat(r.state().ledger().badDebt()).isEqualTo(I256.ZERO);
    }

    @Test
    void theInsuranceFundPaysAnUnderwaterTakeoverBeforeDeleveraging() {
        // as above with 500 USDC in the fund: the fund pays 500 of the 2,000, and deleveraging charges Bob the
        // remaining 1,500: he realizes 160,000 - (148,000 + 1,500) = 10,500
        ProtocolState funded = Fixtures.run(
                opened(), block(BOB, T0, 2_000), new Tx.FundInsurance(usdc(500).toU256()));
        Receipt r = liquidate(funded, block(KEEPER, T0 + 60, 1_850));
        assertThat(r.events()).contains(new Event.ShortfallCovered(ALICE, usdc(500)));
        assertThat(r.events().last())
                .isEqualTo(new Event.PositionAutoDeleveraged(
                        BOB, Hyperliquid.VAULT, ETH_PERP, eth(80), usd8(1_850), usdc(1_500)));
        assertThat(r.state().insuranceFund()).isEqualTo(I256.ZERO);
        assertThat(r.state().account(BOB).get().balances()).isEqualTo(TreeMap.of(USDC, usdc(1_010_500)));
        assertThat(r.state().ledger().shortfallCovered()).isEqualTo(usdc(500));
        assertThat(r.state().ledger().deleveraged()).isEqualTo(usdc(1_500));
    }
}
