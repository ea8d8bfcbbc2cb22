package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ALICE;
import static dev.solvent.keeper.KeeperFixtures.BOB;
import static dev.solvent.keeper.KeeperFixtures.ETH_PERP;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.USDC;
import static dev.solvent.keeper.KeeperFixtures.eth;
import static dev.solvent.keeper.KeeperFixtures.usd8;
import static dev.solvent.keeper.KeeperFixtures.usdc;
import static dev.solvent.keeper.strategy.CapitalFixtures.KEEPER;
import static dev.solvent.keeper.strategy.CapitalFixtures.config;
import static dev.solvent.keeper.strategy.CapitalFixtures.keeper;
import static dev.solvent.keeper.strategy.CapitalFixtures.plan;
import static dev.solvent.keeper.strategy.CapitalFixtures.run;
import static dev.solvent.keeper.strategy.CapitalFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * A {@code Liquidator} receiver under the account-wide policy: Alice holds 1,000 USDC and is long 1 ETH at 2,000,
 * liquidatable below 1,052.63; the keeper (1,000 USDC) takes her position over at the oracle price.
 */
class TakeoverMovesTest {

    ProtocolState aliceLong() {
        ProtocolState s = ProtocolState.genesis(
                config(new PositionReceiver.Liquidator(), new LiquidationPolicy.AccountWide()), T0);
        s = run(
                s,
                T0,
                2_000,
                BOB,
                new Tx.Deposit(BOB, USDC, usdc(1_000_000).toU256()),
                new Tx.Deposit(KEEPER, USDC, usdc(1_000).toU256()),
                new Tx.Deposit(ALICE, USDC, usdc(1_000).toU256()));
        return run(s, T0, 2_000, ALICE, new Tx.Trade(ETH_PERP, ALICE, BOB, eth(1), usd8(2_000)));
    }

    @Test
    void takesThePositionOverWhenItsCapitalCoversTheInitialMargin() {
        // at 1,050: reward 5 + 20% of 21 = 9.2; the 1 ETH long at 1,050 needs 10% = 105 of initial margin
        // gas 200,000 + 60,000 = 260,000 = 0.00052 ETH = 0.546 USDC
        Vector<Estimate> send = plan(keeper(200), view(aliceLong(), T0 + 12, 1_050));
        assertThat(send)
                .containsExactly(new Estimate(
                        new Tx.Liquidate(ALICE),
                        I256.of(9_200_000),
                        usdc(105),
                        260_000,
                        GWEI,
                        I256.of(546_000),
                        I256.of(8_654_000)));
    }

    @Test
    void leavesThePositionWhenItsCapitalCannotHoldIt() {
        assertThat(plan(keeper(100), view(aliceLong(), T0 + 12, 1_050))).isEmpty();
    }
}
