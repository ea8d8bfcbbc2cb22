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
import dev.solvent.model.logic.BuyCollateralLogic;
import dev.solvent.model.logic.Quote;
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
import org.junit.jupiter.api.Test;

/**
 * Known answers for the Compound III preset, from Comet's own test suite (compound-finance/comet): {@code
 * test/quote-collateral-test.ts} at commit c3c7ad0d and {@code test/absorb-test.ts} at commit 17a6e7ac, with its
 * default assets (COMP 175 $, WETH 3,000 $, WBTC 41,000 $; {@code test/helpers.ts} {@code defaultAssets}).
 */
class CompoundStyleTest {

    static final AssetId USDC = AssetId.of("USDC");
    static final AssetId COMP = AssetId.of("COMP");
    static final AssetId WETH = AssetId.of("WETH");
    static final AssetId WBTC = AssetId.of("WBTC");
    static final AccountId UNDERWATER = AccountId.of("underwater");
    static final AccountId ABSORBER = AccountId.of("absorber");
    static final AccountId SUPPLIER = AccountId.of("supplier");

    static I256 exp(long n, int decimals) {
        return I256.of(n).times(I256.pow10(decimals));
    }

    static Quote price(long usd) {
        return new Quote("X/USD", Fixtures.usd8(usd), 8);
    }

    static AssetConfig comp() {
        return CompoundStyle.collateral(COMP, 18, "COMP/USD", Wad.parse("0.8"));
    }

    @Test
    void quotesCollateralAtTheStorefrontDiscount() {
        // "Store front discount is 0.5 * (1 - 0.6) = 0.2 = 20%; Discounted COMP price is 200 * 0.8 = 160;
        // 200 USDC should give 200 * (1/160) COMP" = 1.25e18
        assertThat(BuyCollateralLogic.quoteCollateral(
                        comp(), Wad.parse("0.6"), Wad.parse("0.5"), price(200), 6, exp(200, 6)))
                .isEqualTo(I256.of(1_250_000_000_000_000_000L));
        // storeFrontPriceFactor 0: at market price, 200 USDC give 1e18
        assertThat(BuyCollateralLogic.quoteCollateral(comp(), Wad.parse("0.6"), Wad.ZERO, price(200), 6, exp(200, 6)))
                .isEqualTo(exp(1, 18));
        // "810 USDC should give 810 / (0.9 * 9) = 100 COMP" without truncating in between
        assertThat(BuyCollateralLogic.quoteCollateral(
                        comp(), Wad.parse("0.8"), Wad.parse("0.5"), price(9), 6, exp(810, 6)))
                .isEqualTo(exp(100, 18));
        // "1e15 / (0.8 * 200) = 6.25e12 COMP" for a quadrillion USDC
        assertThat(BuyCollateralLogic.quoteCollateral(
                        comp(), Wad.parse("0.75"), Wad.parse("0.8"), price(200), 6, exp(1_000_000_000_000_000L, 6)))
                .isEqualTo(I256.of(625).times(I256.pow10(28)));
    }

    static ProtocolConfig config(LiquidationPolicy.Absorb policy) {
        // absorb-test "absorbs an account with more than enough collateral": liquidateCF 2/3, liquidation factor 1
        Wad liquidateCf = Wad.parse("0.666666666666666666");
        var assets = TreeMap.of(
                USDC, CompoundStyle.base(USDC, 6),
                COMP, CompoundStyle.collateral(COMP, 18, "COMP/USD", liquidateCf),
                WETH, CompoundStyle.collateral(WETH, 18, "ETH/USD", liquidateCf),
                WBTC, CompoundStyle.collateral(WBTC, 8, "BTC/USD", liquidateCf));
        var base = new ProtocolConfig(
                USDC,
                assets,
                TreeMap.empty(),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);
        return Presets.COMPOUND_STYLE.withLiquidation(policy).applyTo(base);
    }

    static BlockContext block(AccountId sender, long comp, long eth, long btc) {
        return new BlockContext(
                1,
                T0,
                sender,
                TreeMap.of(
                        "COMP/USD", new OracleAnswer(Fixtures.usd8(comp), 8, T0),
                        "ETH/USD", new OracleAnswer(Fixtures.usd8(eth), 8, T0),
                        "BTC/USD", new OracleAnswer(Fixtures.usd8(btc), 8, T0)));
    }

    static final I256 STARTING_DEBT = usdc(41_000 + 3_000 + 175).minus(I256.ONE);

    /** 1 COMP, 1 WETH, 1 WBTC against a debt of 44,175 USDC less one unit, borrowed at twice the prices. */
    static ProtocolState underwater(LiquidationPolicy.Absorb policy) {
        ProtocolState s = ProtocolState.genesis(config(policy), T0);
        return Fixtures.run(
                s,
                block(SUPPLIER, 350, 6_000, 82_000),
                new Tx.Deposit(SUPPLIER, USDC, usdc(100_000).toU256()),
                new Tx.Deposit(UNDERWATER, COMP, exp(1, 18).toU256()),
                new Tx.Deposit(UNDERWATER, WETH, exp(1, 18).toU256()),
                new Tx.Deposit(UNDERWATER, WBTC, exp(1, 8).toU256()),
                new Tx.Borrow(UNDERWATER, USDC, STARTING_DEBT.toU256()));
    }

    @Test
    void absorbsAnAccountWithMoreThanEnoughCollateralToCoverItsDebt() {
        // Comet: finalDebt = 1; startingDebt = 1 - (41,000 + 3,000 + 175) USDC; the account ends with 1 unit and
        // reserves move from -startingDebt to -1, by -(44,175 USDC); the protocol holds the three collaterals
        var policy = new LiquidationPolicy.Absorb(
                TreeMap.empty(), Wad.ONE, CompoundStyle.STORE_FRONT_PRICE_FACTOR, CompoundStyle.TARGET_RESERVES);
        ProtocolState s = underwater(policy);
        var r = MarginEngine.execute(s, new Tx.Liquidate(UNDERWATER), block(ABSORBER, 175, 3_000, 41_000));
        assertThat(r.isRight()).as("reverted: %s", r.swap().getOrNull()).isTrue();
        ProtocolState after = r.get().state();
        assertThat(Fixtures.conservationViolations(after)).isEmpty();
        assertThat(after.account(UNDERWATER).get().balances()).isEqualTo(TreeMap.of(USDC, I256.ONE));
        assertThat(after.reserves().minus(s.reserves())).isEqualTo(usdc(44_175).negate());
        assertThat(after.collateralReserves())
                .isEqualTo(TreeMap.of(COMP, exp(1, 18), WBTC, exp(1, 8), WETH, exp(1, 18)));
        assertThat(r.get().events())
                .containsExactly(
                        new Event.CollateralAbsorbed(UNDERWATER, COMP, exp(1, 18), usdc(175)),
                        new Event.CollateralAbsorbed(UNDERWATER, WBTC, exp(1, 8), usdc(41_000)),
                        new Event.CollateralAbsorbed(UNDERWATER, WETH, exp(1, 18), usdc(3_000)),
                        new Event.AccountAbsorbed(
                                UNDERWATER,
                                ABSORBER,
                                ABSORBER,
                                io.vavr.collection.Vector.empty(),
                                I256.ZERO,
                                I256.ZERO,
                                I256.ZERO,
                                I256.ZERO,
                                I256.ZERO));
    }

    @Test
    void sellsAbsorbedCollateralOnlyWhileReservesAreBelowTarget() {
        // cUSDCv3: liquidation factor of COMP 0.93, storefront 0.5: discount 0.5 * 0.07 = 3.5%
        // 175 * 0.965 = 168.875 $ per COMP; 168.875 USDC buy exactly 1 COMP
        ProtocolState s = underwater(CompoundStyle.absorb());
        BlockContext b = block(ABSORBER, 175, 3_000, 41_000);
        Receipt absorbed =
                MarginEngine.execute(s, new Tx.Liquidate(UNDERWATER), b).get();
        ProtocolState after = absorbed.state();
        // credited 175 * 0.93 + 3,000 * 0.95 + 41,000 * 0.95 = 162.75 + 2,850 + 38,950 = 41,962.75 < the debt,
        // so reserves pay the rest: they fall by the whole debt, 44,174.999999
        assertThat(after.account(UNDERWATER).get().balances()).isEmpty();
        assertThat(after.reserves()).isEqualTo(STARTING_DEBT.negate());
        var buy = new Tx.BuyCollateral(SUPPLIER, COMP, exp(1, 18).toU256(), U256.of(168_875_000L));
        Receipt bought =
                MarginEngine.execute(after, buy, b.withSender(SUPPLIER)).get();
        assertThat(bought.state().collateralReserve(COMP)).isEqualTo(I256.ZERO);
        assertThat(bought.state().account(SUPPLIER).get().balance(COMP)).isEqualTo(exp(1, 18));
        assertThat(bought.state().reserves()).isEqualTo(STARTING_DEBT.negate().plus(I256.of(168_875_000L)));
        assertThat(Fixtures.conservationViolations(bought.state())).isEmpty();
        // at target the storefront is closed
        ProtocolState full = after.withReserves(CompoundStyle.TARGET_RESERVES.toI256());
        assertThat(MarginEngine.execute(full, buy, b.withSender(SUPPLIER)).getLeft())
                .isEqualTo(new Revert.NotForSale(usdc(5_000_000), usdc(5_000_000)));
        // a minimum above the quote reverts, as Comet's TooMuchSlippage
        var greedy = new Tx.BuyCollateral(SUPPLIER, COMP, exp(2, 18).toU256(), U256.of(168_875_000L));
        assertThat(MarginEngine.execute(after, greedy, b.withSender(SUPPLIER)).getLeft())
                .isEqualTo(new Revert.TooMuchSlippage(exp(1, 18), exp(2, 18)));
    }
}
