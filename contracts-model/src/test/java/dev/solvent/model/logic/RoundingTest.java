package dev.solvent.model.logic;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.block;
import static dev.solvent.model.Fixtures.u;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import org.junit.jupiter.api.Test;

/**
 * One unit at the boundary, both ways. WETH has 18 decimals, the price 8, USDC 6: one wei at 2,000 USD is
 * {@code 1 * 2,000e8 / 1e20 = 2e-9} USDC units, far below one unit, so every conversion's rounding shows.
 */
class RoundingTest {

    static final Quote ETH_2000 = new Quote("ETH/USD", usd8(2_000), 8);

    @Test
    void roundsCollateralDownAndDebtUp() {
        assertThat(MarginLogic.collateralValue(I256.ONE, 18, ETH_2000, 6)).isEqualTo(I256.ZERO);
        assertThat(MarginLogic.debtValue(I256.ONE, 18, ETH_2000, 6)).isEqualTo(I256.ONE);
        // 1e14 wei * 2,000e8 / 1e20 = 200,000 units exactly: no rounding either way
        assertThat(MarginLogic.collateralValue(I256.of(100_000_000_000_000L), 18, ETH_2000, 6))
                .isEqualTo(I256.of(200_000));
        assertThat(MarginLogic.debtValue(I256.of(100_000_000_000_000L), 18, ETH_2000, 6))
                .isEqualTo(I256.of(200_000));
        // one wei more: 200,000.000000002 units
        assertThat(MarginLogic.collateralValue(I256.of(100_000_000_000_001L), 18, ETH_2000, 6))
                .isEqualTo(I256.of(200_000));
        assertThat(MarginLogic.debtValue(I256.of(100_000_000_000_001L), 18, ETH_2000, 6))
                .isEqualTo(I256.of(200_001));
    }

    @Test
    void roundsWeightsAgainstTheAccount() {
        // 1 unit * 0.8 = 0.8: collateral counts 0, debt counts 1; 1 unit * 1.1 = 1.1 -> 2 for a debt
        assertThat(MarginLogic.weighted(I256.ONE, Wad.parse("0.8"))).isEqualTo(I256.ZERO);
        assertThat(MarginLogic.weightedDebt(I256.ONE, Wad.parse("1.1"))).isEqualTo(I256.of(2));
        assertThat(MarginLogic.requirement(I256.ONE, Wad.parse("0.05"))).isEqualTo(I256.ONE);
        assertThat(MarginLogic.requirement(I256.ZERO, Wad.parse("0.05"))).isEqualTo(I256.ZERO);
        assertThat(MarginLogic.penaltyOwed(I256.of(20), Wad.parse("0.05"))).isEqualTo(I256.ONE);
        assertThat(MarginLogic.penaltyOwed(I256.of(21), Wad.parse("0.05"))).isEqualTo(I256.of(2));
    }

    @Test
    void roundsPositionValuesTowardMinusInfinityAndNotionalsUp() {
        assertThat(MarginLogic.positionValue(I256.ONE, 18, ETH_2000, 6)).isEqualTo(I256.ZERO);
        assertThat(MarginLogic.positionValue(I256.of(-1), 18, ETH_2000, 6)).isEqualTo(I256.of(-1));
        assertThat(MarginLogic.notional(I256.ONE, 18, ETH_2000, 6)).isEqualTo(I256.ONE);
        assertThat(MarginLogic.notional(I256.of(-1), 18, ETH_2000, 6)).isEqualTo(I256.ONE);
        assertThat(MarginLogic.notional(I256.ZERO, 18, ETH_2000, 6)).isEqualTo(I256.ZERO);
    }

    @Test
    void chargesATakerOfOneWeiOneUnitAndPaysTheMakerExactlyThat() {
        // buying 1 wei costs ceil(2e-9) = 1 unit; selling 1 wei earns ceil(-2e-9) = 0 units
        assertThat(MarginLogic.fillCost(I256.ONE, usd8(2_000), 18, 8, 6)).isEqualTo(I256.ONE);
        assertThat(MarginLogic.fillCost(I256.of(-1), usd8(2_000), 18, 8, 6)).isEqualTo(I256.ZERO);
        ProtocolState s = Fixtures.run(
                Fixtures.genesis(),
                block(BOB, T0, 2_000, 40_000, 100),
                new Tx.Deposit(ALICE, USDC, u(usdc(10))),
                new Tx.Deposit(BOB, USDC, u(usdc(10))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, I256.ONE, usd8(2_000)));
        assertThat(s.account(ALICE).get().position(ETH_PERP).get().quote()).isEqualTo(I256.of(-1));
        assertThat(s.account(BOB).get().position(ETH_PERP).get().quote()).isEqualTo(I256.ONE);
        assertThat(Fixtures.conservationViolations(s)).isEmpty();
    }

    @Test
    void revertsOnOverflowAndLeavesNothingBehind() {
        ProtocolState s = Fixtures.run(
                Fixtures.genesis(), block(BOB, T0, 2_000, 40_000, 100), new Tx.Deposit(ALICE, USDC, I256.MAX.toU256()));
        var again =
                MarginEngine.execute(s, new Tx.Deposit(ALICE, USDC, u(I256.ONE)), block(BOB, T0, 2_000, 40_000, 100));
        assertThat(again.getLeft()).isEqualTo(new dev.solvent.model.tx.Revert.Panic(0x11));
        // 2^255 does not fit int256: the conversion panics as SafeCast would
        var tooBig = MarginEngine.execute(
                Fixtures.genesis(),
                new Tx.Deposit(
                        BOB,
                        USDC,
                        dev.solvent.model.math.U256.parse(I256.MAX
                                .toBigInteger()
                                .add(java.math.BigInteger.ONE)
                                .toString())),
                block(BOB, T0, 2_000, 40_000, 100));
        assertThat(tooBig.getLeft()).isEqualTo(new dev.solvent.model.tx.Revert.Panic(0x11));
    }
}
