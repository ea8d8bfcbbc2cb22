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
import dev.solvent.model.logic.MarginLogic;
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
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the Synthetix v3 perps preset from Synthetix's own test suite ({@code Synthetixio/synthetix-v3}
 * {@code markets/perps-market/test/integration/}): required margins ({@code Account/Margins.test.ts} @ 383d649c),
 * the liquidation cap per window ({@code Liquidation/Liquidation.maxLiquidationAmount.test.ts} @ 0ddd32eb) and the
 * keeper reward's caps ({@code KeeperRewards/KeeperRewards.Caps.test.ts} @ 5cfbb1bb). As in Synthetix, every amount
 * has 18 decimals: snxUSD settles, sizes and prices are 18-decimal.
 */
class SynthetixV3Test {

    static final AssetId SUSD = AssetId.of("sUSD");
    static final AccountId ALICE = AccountId.of("alice");
    static final AccountId BOB = AccountId.of("bob");
    static final AccountId KEEPER = AccountId.of("keeper");
    static final AccountId LP = SynthetixV3.LP_POOL;

    /** {@code n} whole units with 18 decimals; {@code n} may be a decimal string. */
    static I256 e18(String n) {
        return Wad.parse(n).raw();
    }

    static LiquidationPolicy.WindowCapped.Market params(
            String skewScale,
            String imf,
            String minImr,
            String scalar,
            String minPositionMargin,
            String flagRatio,
            String multiplier,
            long window) {
        return new LiquidationPolicy.WindowCapped.Market(
                e18(skewScale).toU256(),
                Wad.parse(imf),
                Wad.parse(minImr),
                Wad.parse(scalar),
                e18(minPositionMargin).toU256(),
                Wad.parse(flagRatio),
                Wad.parse(multiplier),
                window,
                Wad.ZERO,
                Option.none());
    }

    static LiquidationPolicy.WindowCapped guards(
            LiquidationPolicy.WindowCapped.Market market,
            U256 flagCost,
            U256 liquidateCost,
            U256 minReward,
            String minProfit,
            U256 maxReward,
            String scaling) {
        return new LiquidationPolicy.WindowCapped(
                TreeMap.empty(),
                market,
                flagCost,
                liquidateCost,
                minReward,
                Wad.parse(minProfit),
                maxReward,
                Wad.parse(scaling));
    }

    static MarketConfig market(String name, String maker, String taker) {
        return new MarketConfig(
                MarketId.of(name),
                AssetId.of(name),
                Wad.parse("0.02"),
                Wad.parse("0.01"),
                Wad.ZERO,
                U256.parse("1000000000000000000000000000"),
                Wad.parse("0.5"),
                3_600,
                Wad.ZERO,
                Wad.parse(taker),
                Wad.parse(maker));
    }

    static ProtocolState genesis(LiquidationPolicy.WindowCapped policy, MarketConfig... markets) {
        TreeMap<AssetId, AssetConfig> assets =
                TreeMap.of(SUSD, new AssetConfig(SUSD, 18, Option.none(), Wad.ONE, false, Wad.ONE, 3_600));
        TreeMap<MarketId, MarketConfig> byId = TreeMap.empty();
        for (MarketConfig m : markets) {
            AssetId u = m.underlying();
            assets = assets.put(u, new AssetConfig(u, 18, Option.some(u + "/USD"), Wad.ZERO, false, Wad.ONE, 3_600));
            byId = byId.put(m.id(), m);
        }
        ProtocolConfig base = new ProtocolConfig(
                SUSD,
                assets,
                byId,
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);
        return ProtocolState.genesis(
                Presets.SYNTHETIX_V3_PERPS.withLiquidation(policy).applyTo(base), T0);
    }

    @SafeVarargs
    static BlockContext block(AccountId sender, long time, Map.Entry<String, String>... prices) {
        TreeMap<String, OracleAnswer> answers = TreeMap.empty();
        for (Map.Entry<String, String> p : prices) {
            answers = answers.put(p.getKey() + "/USD", new OracleAnswer(e18(p.getValue()), 18, time));
        }
        return new BlockContext(time - T0, time, sender, answers);
    }

    static Receipt liquidate(ProtocolState s, AccountId account, BlockContext b) {
        var r = MarginEngine.execute(s, new Tx.Liquidate(account), b);
        assertThat(r.isRight()).as("reverted: %s", r.swap().getOrNull()).isTrue();
        assertThat(Fixtures.conservationViolations(r.get().state())).isEmpty();
        return r.get();
    }

    static Event.WindowLiquidation attempt(Receipt r) {
        return r.events()
                .filter(Event.WindowLiquidation.class::isInstance)
                .map(Event.WindowLiquidation.class::cast)
                .single();
    }

    static I256 size(ProtocolState s, AccountId a, String market) {
        return s.accountOrEmpty(a)
                .position(MarketId.of(market))
                .map(p -> p.size())
                .getOrElse(I256.ZERO);
    }

    @Test
    void marginRatiosGrowWithSizeOverTheSkewScale() {
        // Margins.test.ts: BTC skew scale 100, ETH 1,000; initial margin fraction 2, minimum ratio 0.01, scalar 0.5,
        // minimum position margins 1,000 and 500, liquidation (flag) reward ratio 0.05; guards: max reward 10,000,
        // scaling ratio 1; Alice deposits 100,000, shorts 2 BTC at 30,000 and buys 20 ETH at 2,000
        var btc = params("100", "2", "0.01", "0.5", "1000", "0.05", "1", 10);
        var eth = params("1000", "2", "0.01", "0.5", "500", "0.05", "1", 10);
        var policy = guards(
                        btc, U256.ZERO, U256.ZERO, U256.ZERO, "0", e18("10000").toU256(), "1")
                .withMarket(MarketId.of("BTC"), btc)
                .withMarket(MarketId.of("ETH"), eth);
        BlockContext open = block(BOB, T0, Map.entry("BTC", "30000"), Map.entry("ETH", "2000"));
        ProtocolState s = Fixtures.run(
                genesis(policy, market("BTC", "0", "0"), market("ETH", "0", "0")),
                open,
                new Tx.Deposit(ALICE, SUSD, e18("100000").toU256()),
                new Tx.Deposit(BOB, SUSD, e18("10000000").toU256()),
                new Tx.Trade(MarketId.of("BTC"), ALICE, BOB, e18("-2"), e18("30000")),
                new Tx.Trade(MarketId.of("ETH"), ALICE, BOB, e18("20"), e18("2000")));
        var data = MarginLogic.cross(s, s.account(ALICE).get(), open).get();
        // the test's expectation: initial (2 / 100 * 2 + 0.01) * 60,000 + (20 / 1,000 * 2 + 0.01) * 40,000 + 1,500
        // = 6,500 and maintenance half the ratios, 1,500 + 1,000 + 1,500 = 4,000, each plus the liquidation reward:
        // the flag rewards 0.05 * 100,000 = 5,000, within the caps (at most min(100,000 * 1, 10,000))
        assertThat(data.initialRequirement()).isEqualTo(e18("6500").plus(e18("5000")));
        assertThat(data.maintenanceRequirement()).isEqualTo(e18("4000").plus(e18("5000")));
    }

    @Test
    void liquidatesAtMostTheWindowsCapAndTheRestInLaterWindows() {
        // Liquidation.maxLiquidationAmount.test.ts: OP at 10, maker fee 0.007, taker 0.003, skew scale 1,000,
        // multiplier 1, 10-second window: the cap is (0.007 + 0.003) * 1,000 * 1 * 10 = 100 OP per window.
        // Both traders buy 150 OP at the fill prices Synthetix gives them (10.75, then 12.25, from the skew);
        // the price falls to 1
        var op = params("1000", "3", "0", "0.5", "0", "0.05", "1", 10);
        var policy = guards(
                op, U256.ZERO, U256.ZERO, e18("5").toU256(), "0", e18("1000").toU256(), "0");
        long t = T0;
        ProtocolState s = Fixtures.run(
                genesis(policy, market("OP", "0.007", "0.003")),
                block(LP, t, Map.entry("OP", "10")),
                new Tx.Deposit(ALICE, SUSD, e18("1500").toU256()),
                new Tx.Deposit(BOB, SUSD, e18("1600").toU256()),
                new Tx.Deposit(LP, SUSD, e18("1000000").toU256()),
                new Tx.Trade(MarketId.of("OP"), ALICE, LP, e18("150"), e18("10.75")),
                new Tx.Trade(MarketId.of("OP"), BOB, LP, e18("150"), e18("12.25")));
        long liquidation = t + 100;

        Receipt first = liquidate(s, ALICE, block(KEEPER, liquidation, Map.entry("OP", "1")));
        assertThat(size(first.state(), ALICE, "OP"))
                .as("liquidated only 100 OP")
                .isEqualTo(e18("50"));
        assertThat(first.state().account(ALICE).get().balances())
                .as("the flag seized the margin")
                .isEmpty();

        Receipt again = liquidate(first.state(), ALICE, block(KEEPER, liquidation, Map.entry("OP", "1")));
        assertThat(size(again.state(), ALICE, "OP")).as("liquidated nothing").isEqualTo(e18("50"));
        assertThat(attempt(again).keeperReward())
                .as("did not pay a keeper reward")
                .isEqualTo(I256.ZERO);
        assertThat(again.state().accountOrEmpty(KEEPER)).isEqualTo(first.state().accountOrEmpty(KEEPER));

        Receipt six = liquidate(again.state(), ALICE, block(KEEPER, liquidation + 6, Map.entry("OP", "1")));
        assertThat(size(six.state(), ALICE, "OP"))
                .as("after 6 seconds, nothing")
                .isEqualTo(e18("50"));

        Receipt eleven = liquidate(six.state(), ALICE, block(KEEPER, liquidation + 11, Map.entry("OP", "1")));
        assertThat(size(eleven.state(), ALICE, "OP"))
                .as("after 11 seconds, the rest")
                .isEqualTo(I256.ZERO);
        assertThat(attempt(eleven).fullyLiquidated()).isTrue();
        assertThat(eleven.state().isFlagged(ALICE)).isFalse();

        Receipt bob = liquidate(eleven.state(), BOB, block(KEEPER, liquidation + 12, Map.entry("OP", "1")));
        assertThat(size(bob.state(), BOB, "OP"))
                .as("only 50 OP of the second trader")
                .isEqualTo(e18("100"));

        Receipt later = liquidate(bob.state(), BOB, block(KEEPER, liquidation + 23, Map.entry("OP", "1")));
        assertThat(size(later.state(), BOB, "OP"))
                .as("the rest, 10 seconds later")
                .isEqualTo(I256.ZERO);
    }

    /** A flagged account may not trade, deposit or withdraw until its positions are liquidated. */
    @Test
    void aFlaggedAccountMayNotTradeOrMoveMargin() {
        var op = params("1000", "3", "0", "0.5", "0", "0.05", "1", 10);
        var policy = guards(
                op, U256.ZERO, U256.ZERO, e18("5").toU256(), "0", e18("1000").toU256(), "0");
        ProtocolState s = Fixtures.run(
                genesis(policy, market("OP", "0.007", "0.003")),
                block(LP, T0, Map.entry("OP", "10")),
                new Tx.Deposit(ALICE, SUSD, e18("1500").toU256()),
                new Tx.Deposit(LP, SUSD, e18("1000000").toU256()),
                new Tx.Trade(MarketId.of("OP"), ALICE, LP, e18("150"), e18("10.75")));
        ProtocolState flagged = liquidate(s, ALICE, block(KEEPER, T0 + 100, Map.entry("OP", "1")))
                .state();
        BlockContext b = block(ALICE, T0 + 101, Map.entry("OP", "1"));
        assertThat(MarginEngine.execute(flagged, new Tx.Deposit(ALICE, SUSD, e18("1").toU256()), b)
                        .getLeft())
                .isEqualTo(new Revert.FlaggedForLiquidation(ALICE));
        assertThat(MarginEngine.execute(flagged, new Tx.Trade(MarketId.of("OP"), ALICE, LP, e18("-50"), e18("1")), b)
                        .getLeft())
                .isEqualTo(new Revert.FlaggedForLiquidation(ALICE));
    }

    /**
     * KeeperRewards.Caps.test.ts: flag cost 3,333 and liquidation cost 5,555 (wei), a 100 ETH long flagged and
     * liquidated at once; the reward is {@code min(max(minCap, rewards + costs), maxCap)}. Each case: the guards
     * (lower cap, higher cap, with the flag reward ratio 0.05 or not) and the reward the test expects in
     * {@code AccountLiquidationAttempt}.
     */
    @Test
    void capsTheKeeperRewardAsSynthetixDoes() {
        String[][] cases = {
            // withRatio, lowerCap (wei), higherCap (wei), expected (wei)
            {"false", "1", "10000000000000000000", "8932"}, // trunc(8,888 * 1.005)
            {"false", "10000", "100000", "18888"}, // 10,000 + 8,888
            {"false", "1", "100", "100"},
            {"true", "1", "10000000000000000000", "5000000000000008888"}, // 100 * 1 * 0.05 + 8,888
            {"true", "8000000000000000000", "10000000000000000000", "8000000000000008888"},
            {"true", "1", "3000000000000000000", "3000000000000000000"},
        };
        for (String[] c : cases) {
            boolean withRatio = Boolean.parseBoolean(c[0]);
            var eth = withRatio
                    ? params("100000", "0", "0", "0", "0", "0.05", "1", 10)
                    : params("100000", "2", "0.01", "0.5", "0", "0", "1", 10);
            var policy =
                    guards(eth, U256.of(3_333), U256.of(5_555), U256.parse(c[1]), "0.005", U256.parse(c[2]), "0.005");
            ProtocolState s = Fixtures.run(
                    genesis(policy, market("ETH", "0.0002", "0.0005")),
                    block(LP, T0, Map.entry("ETH", "1000")),
                    new Tx.Deposit(ALICE, SUSD, e18("10000").toU256()),
                    new Tx.Deposit(LP, SUSD, e18("1000000").toU256()),
                    new Tx.Trade(MarketId.of("ETH"), ALICE, LP, e18("100"), e18("1000")));
            Receipt r = liquidate(s, ALICE, block(KEEPER, T0 + 60, Map.entry("ETH", "1")));
            var a = attempt(r);
            assertThat(a.closed().single().size())
                    .as("PositionLiquidated(2, 25, 100, 0)")
                    .isEqualTo(e18("100"));
            assertThat(a.fullyLiquidated()).isTrue();
            assertThat(a.keeperReward()).as("case %s", (Object) c).isEqualTo(I256.parse(c[3]));
            assertThat(r.state().accountOrEmpty(KEEPER).balance(SUSD)).isEqualTo(I256.parse(c[3]));
        }
    }

    @Test
    void thePresetCarriesEthsParametersOnBase() {
        var w = (LiquidationPolicy.WindowCapped) Presets.SYNTHETIX_V3_PERPS.liquidation();
        var eth = w.market(MarketId.of("ETH"));
        assertThat(eth.skewScale()).isEqualTo(SynthetixV3.ETH_SKEW_SCALE);
        assertThat(eth.initialMarginFraction()).isEqualTo(Wad.parse("8.92"));
        assertThat(eth.minimumInitialMarginRatio()).isEqualTo(Wad.parse("0.02"));
        assertThat(eth.maintenanceMarginScalar()).isEqualTo(Wad.parse("0.28"));
        assertThat(eth.minimumPositionMargin()).isEqualTo(U256.of(50_000_000));
        assertThat(eth.maxSecondsInLiquidationWindow()).isEqualTo(30);
        assertThat(w.maxKeeperReward()).isEqualTo(U256.of(30_000_000));
        assertThat(Presets.SYNTHETIX_V3_PERPS.receiver()).isEqualTo(new PositionReceiver.Backstop(LP));
    }
}
