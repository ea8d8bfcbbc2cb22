package dev.solvent.model.protocol;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.BTC_PERP;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.KEEPER;
import static dev.solvent.model.Fixtures.SOL_PERP;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.WETH;
import static dev.solvent.model.Fixtures.u;
import static dev.solvent.model.Fixtures.units;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine behind the protocol contract, on the portfolio of {@code LiquidationLogicTest} (10,000 USDC and 2 WETH
 * against long 5 ETH, short 0.5 BTC and long 100 SOL, opened at 2,000 / 40,000 / 100): the health and moves the
 * contract reports are the engine's own numbers, and the move it offers is the liquidation the engine carries out.
 */
class SolventProtocolTest {

    private final SolventProtocol protocol = new SolventProtocol();

    private static ProtocolState portfolio() {
        ProtocolState s = ProtocolState.genesis(
                Fixtures.config(new ShortfallPolicy.InsuranceThenSocialize(), new PositionReceiver.Liquidator()), T0);
        return Fixtures.run(
                s,
                Fixtures.block(BOB, T0, 2_000, 40_000, 100),
                new Tx.Deposit(ALICE, USDC, u(usdc(10_000))),
                new Tx.Deposit(ALICE, WETH, u(units(2, 1, 18))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))),
                new Tx.Deposit(KEEPER, USDC, u(usdc(10_000))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, units(5, 1, 18), usd8(2_000)),
                new Tx.Trade(BTC_PERP, ALICE, BOB, units(1, 2, 8).negate(), usd8(40_000)),
                new Tx.Trade(SOL_PERP, ALICE, BOB, units(100, 1, 9), usd8(100)));
    }

    /** Whole-dollar prices with 8 decimals under the engine's price keys. */
    private static Block block(long eth, long btc, long sol) {
        return Block.of(0, T0, TreeMap.of("ETH/USD", price(eth), "BTC/USD", price(btc), "SOL/USD", price(sol)));
    }

    private static Block.Price price(long usd) {
        return new Block.Price(BigInteger.valueOf(usd).multiply(BigInteger.valueOf(100_000_000L)), 8, T0);
    }

    @Test
    void aHealthyAccountHasTheEnginesHealthAndNoMoves() {
        // margin equity 11,860 against a maintenance requirement of 2,265 (LiquidationLogicTest's worked numbers)
        Health h =
                protocol.health(portfolio(), "alice", block(2_100, 42_000, 90)).get();
        assertThat(h)
                .isEqualTo(new Health(
                        usdc(11_860).toBigInteger(),
                        usdc(2_265).toBigInteger(),
                        Option.some(BigInteger.valueOf(5_236_203_090_507_726_269L)),
                        false));
        assertThat(protocol.moves(portfolio(), "alice", "keeper", block(2_100, 42_000, 90)))
                .isEmpty();
    }

    @Test
    void anUnderwaterAccountOffersTheAccountWideLiquidationThatTheEngineCarriesOut() {
        Block crash = block(1_500, 49_000, 60);
        ProtocolState s = portfolio();
        // margin equity 1,400 against 1,955: 1,400 / 1,955 = 0.716112531969309462... as a WAD
        Health h = protocol.health(s, "alice", crash).get();
        assertThat(h.ratio()).isEqualTo(Option.some(new BigInteger("716112531969309462")));
        assertThat(h.liquidatable()).isTrue();
        var moves = protocol.moves(s, "alice", "keeper", crash);
        assertThat(moves.map(Move::kind)).containsExactly("liquidate");
        assertThat(moves.head().call()).isEqualTo(new SolventProtocol.Call(KEEPER, new Tx.Liquidate(ALICE)));
        ProtocolState after =
                protocol.execute(s, moves.head().call(), crash).get().state();
        // Alice keeps 582.5 USDC once every position is closed and the penalty paid
        assertThat(after.account(ALICE).get().balances()).isEqualTo(TreeMap.of(USDC, I256.of(582_500_000)));
        assertThat(protocol.health(after, "alice", crash).get().liquidatable()).isFalse();
    }

    @Test
    void aRefusedCallIsTheEnginesRevert() {
        var r = protocol.execute(
                portfolio(), new SolventProtocol.Call(KEEPER, new Tx.Liquidate(ALICE)), block(2_100, 42_000, 90));
        assertThat(r.getLeft().revert()).isEqualTo(new Revert.NotLiquidatable(ALICE, usdc(11_860), usdc(2_265)));
    }

    @Test
    void listsAccountsAndTheirBalancesPerAsset() {
        ProtocolState s = portfolio();
        assertThat(protocol.accounts(s)).containsExactly("alice", "bob", "keeper");
        // 10,000 + 100,000 + 10,000 USDC and 2 WETH deposited, nothing moved yet
        assertThat(protocol.totals(s, block(2_000, 40_000, 100)))
                .isEqualTo(TreeMap.of(
                        "USDC",
                        BigInteger.valueOf(120_000_000_000L),
                        "WETH",
                        BigInteger.TWO.multiply(BigInteger.TEN.pow(18))));
    }

    @Test
    void quantitiesAreTheInsuranceFundAndTheLossLedgerInSettlementUnits() {
        ProtocolState s = portfolio();
        Quantity loss = new Quantity(BigInteger.ZERO, 6, "USDC", Quantity.Kind.LOSS);
        Quantity other = new Quantity(BigInteger.ZERO, 6, "USDC", Quantity.Kind.OTHER);
        assertThat(protocol.quantities(s, block(2_100, 42_000, 90)))
                .isEqualTo(TreeMap.of(
                        "bad debt", loss,
                        "deleveraged", other,
                        "insurance fund", new Quantity(BigInteger.ZERO, 6, "USDC", Quantity.Kind.BUFFER),
                        "shortfall covered", other,
                        "socialized loss", loss));
        Block crash = block(1_500, 49_000, 60);
        ProtocolState after = protocol.execute(
                        s, protocol.moves(s, "alice", "keeper", crash).head().call(), crash)
                .get()
                .state();
        // the liquidation's penalty less the keeper's reward went to the fund; nothing was lost
        assertThat(protocol.quantities(after, crash).get("insurance fund").get())
                .isEqualTo(new Quantity(after.insuranceFund().toBigInteger(), 6, "USDC", Quantity.Kind.BUFFER));
        assertThat(after.insuranceFund().isPositive()).isTrue();
        assertThat(protocol.quantities(after, crash).get("bad debt").get()).isEqualTo(loss);
    }
}
