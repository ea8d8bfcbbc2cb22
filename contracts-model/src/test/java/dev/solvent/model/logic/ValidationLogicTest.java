package dev.solvent.model.logic;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.WBTC;
import static dev.solvent.model.Fixtures.WETH;
import static dev.solvent.model.Fixtures.block;
import static dev.solvent.model.Fixtures.u;
import static dev.solvent.model.Fixtures.units;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/** Each bad transaction reverts with the reason that names it, and leaves the state as it was. */
class ValidationLogicTest {

    static final BlockContext B = block(BOB, T0, 2_000, 40_000, 100);

    static ProtocolState funded() {
        return Fixtures.run(
                Fixtures.genesis(),
                B,
                new Tx.Deposit(ALICE, USDC, u(usdc(1_000))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))));
    }

    static Revert revert(ProtocolState s, Tx tx, BlockContext b) {
        var r = MarginEngine.execute(s, tx, b);
        assertThat(r.isLeft()).as("expected a revert from %s", tx).isTrue();
        return r.getLeft();
    }

    @Test
    void rejectsZeroAmounts() {
        assertThat(revert(funded(), new Tx.Deposit(ALICE, USDC, U256.ZERO), B))
                .isEqualTo(new Revert.InvalidAmount("amount", I256.ZERO));
        assertThat(revert(funded(), new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ZERO, usd8(2_000)), B))
                .isEqualTo(new Revert.InvalidAmount("size", I256.ZERO));
    }

    @Test
    void rejectsUnknownAssetsMarketsAndAccounts() {
        assertThat(revert(funded(), new Tx.Deposit(ALICE, AssetId.of("DOGE"), U256.ONE), B))
                .isEqualTo(new Revert.UnknownAsset(AssetId.of("DOGE")));
        assertThat(revert(funded(), new Tx.Trade(MarketId.of("DOGE-PERP"), ALICE, BOB, I256.ONE, usd8(1)), B))
                .isEqualTo(new Revert.UnknownMarket(MarketId.of("DOGE-PERP")));
        assertThat(revert(funded(), new Tx.Liquidate(Fixtures.CAROL), B))
                .isEqualTo(new Revert.UnknownAccount(Fixtures.CAROL));
    }

    @Test
    void letsOnlyTheOwnerWithdraw() {
        assertThat(revert(funded(), new Tx.Withdraw(ALICE, USDC, U256.ONE), B.withSender(BOB)))
                .isEqualTo(new Revert.Unauthorized(ALICE, BOB));
    }

    @Test
    void refusesAWithdrawalThatLeavesTheAccountBelowInitialMargin() {
        // long 1 ETH at 2,000: IMR 200; equity 1,000; withdrawing 801 leaves 199
        ProtocolState s = Fixtures.run(funded(), B, new Tx.Trade(ETH_PERP, ALICE, BOB, units(1, 1, 18), usd8(2_000)));
        assertThat(revert(s, new Tx.Withdraw(ALICE, USDC, u(usdc(801))), B.withSender(ALICE)))
                .isEqualTo(new Revert.InsufficientMargin(ALICE, usdc(200), usdc(199)));
        assertThat(MarginEngine.execute(s, new Tx.Withdraw(ALICE, USDC, u(usdc(800))), B.withSender(ALICE))
                        .isRight())
                .isTrue();
        assertThat(revert(funded(), new Tx.Withdraw(ALICE, USDC, u(usdc(1_001))), B.withSender(ALICE)))
                .isEqualTo(new Revert.InsufficientBalance(ALICE, USDC, usdc(1_000), usdc(1_001)));
    }

    @Test
    void refusesATradeThatLeavesATakerBelowInitialMargin() {
        // 5 ETH at 2,000: IMR 1,000 = equity 1,000 passes; 5.000000005 ETH is 10,000.00001 notional,
        // IMR 1,000.000001 > 1,000: fails
        ProtocolState s = funded();
        assertThat(MarginEngine.execute(s, new Tx.Trade(ETH_PERP, ALICE, BOB, units(5, 1, 18), usd8(2_000)), B)
                        .isRight())
                .isTrue();
        assertThat(revert(
                        s,
                        new Tx.Trade(ETH_PERP, ALICE, BOB, units(5, 1, 18).plus(I256.of(5_000_000_000L)), usd8(2_000)),
                        B))
                .isEqualTo(new Revert.InsufficientMargin(ALICE, I256.of(1_000_000_001), usdc(1_000)));
    }

    @Test
    void rejectsPricesOutsideTheBandStaleMissingOrNonPositive() {
        ProtocolState s = funded();
        // band 5% around 2,000: 2,100 is inside, 2,100.00000001 is not
        assertThat(MarginEngine.execute(s, new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ONE, usd8(2_100)), B)
                        .isRight())
                .isTrue();
        assertThat(revert(
                        s,
                        new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ONE, usd8(2_100).plus(I256.ONE)),
                        B))
                .isEqualTo(new Revert.PriceOutsideBand(
                        ETH_PERP, usd8(2_100).plus(I256.ONE), usd8(2_000), Wad.parse("0.05")));
        BlockContext stale = new BlockContext(1, T0 + 3_601, BOB, TreeMap.of("ETH/USD", Fixtures.answer(2_000, T0)));
        assertThat(revert(s, new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ONE, usd8(2_000)), stale))
                .isEqualTo(new Revert.StalePrice("ETH/USD", T0, T0 + 3_601, 3_600));
        BlockContext missing = new BlockContext(1, T0, BOB, TreeMap.empty());
        assertThat(revert(s, new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ONE, usd8(2_000)), missing))
                .isEqualTo(new Revert.MissingPrice("ETH/USD"));
        BlockContext zero = new BlockContext(1, T0, BOB, TreeMap.of("ETH/USD", new OracleAnswer(I256.ZERO, 8, T0)));
        assertThat(revert(s, new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ONE, usd8(2_000)), zero))
                .isEqualTo(new Revert.InvalidPrice("ETH/USD", I256.ZERO));
    }

    @Test
    void rejectsSelfTradesAndOpenInterestAboveTheCap() {
        assertThat(revert(funded(), new Tx.Trade(ETH_PERP, ALICE, ALICE, I256.ONE, usd8(2_000)), B))
                .isEqualTo(new Revert.SelfTrade(ALICE));
        var config = Fixtures.config();
        var capped = new dev.solvent.model.config.MarketConfig(
                ETH_PERP,
                WETH,
                Wad.parse("0.1"),
                Wad.parse("0.05"),
                Wad.parse("0.02"),
                U256.of(1_000),
                Wad.parse("0.05"),
                3600,
                Wad.parse("0.01"),
                Wad.ZERO,
                Wad.ZERO);
        var cappedConfig = new dev.solvent.model.config.ProtocolConfig(
                config.settlementAsset(),
                config.assets(),
                config.markets().put(ETH_PERP, capped),
                config.keeperReward(),
                config.receiver(),
                config.shortfall(),
                config.gas());
        ProtocolState s = Fixtures.run(
                ProtocolState.genesis(cappedConfig, T0),
                B,
                new Tx.Deposit(ALICE, USDC, u(usdc(1_000))),
                new Tx.Deposit(BOB, USDC, u(usdc(1_000))));
        assertThat(revert(s, new Tx.Trade(ETH_PERP, ALICE, BOB, I256.of(1_001), usd8(2_000)), B))
                .isEqualTo(new Revert.OpenInterestCapExceeded(ETH_PERP, I256.of(1_001), I256.of(1_000)));
    }

    @Test
    void borrowsOnlyBorrowableAssetsWithinMargin() {
        ProtocolState s = Fixtures.run(funded(), B, new Tx.Deposit(BOB, WETH, u(units(10, 1, 18))));
        assertThat(revert(s, new Tx.Borrow(ALICE, WBTC, U256.ONE), B.withSender(ALICE)))
                .isEqualTo(new Revert.AssetNotBorrowable(WBTC));
        // 1,000 USDC of margin; 0.45 WETH = 900 USDC of debt, weighted 1.1 = 990 <= 1,000
        var ok = MarginEngine.execute(s, new Tx.Borrow(ALICE, WETH, u(units(45, 100, 18))), B.withSender(ALICE));
        assertThat(ok.get().state().account(ALICE).get().balance(WETH))
                .isEqualTo(units(45, 100, 18).negate());
        // 0.46 WETH = 920, weighted 1,012 > 1,000
        assertThat(revert(s, new Tx.Borrow(ALICE, WETH, u(units(46, 100, 18))), B.withSender(ALICE)))
                .isEqualTo(new Revert.InsufficientMargin(ALICE, I256.ZERO, usdc(-12)));
        assertThat(revert(ok.get().state(), new Tx.Repay(ALICE, WETH, u(units(46, 100, 18))), B))
                .isEqualTo(new Revert.RepayExceedsDebt(ALICE, WETH, units(45, 100, 18), units(46, 100, 18)));
        assertThat(revert(s, new Tx.Borrow(ALICE, WETH, u(units(11, 1, 18))), B.withSender(ALICE)))
                .isEqualTo(new Revert.InsufficientLiquidity(WETH, units(10, 1, 18), units(11, 1, 18)));
    }
}
