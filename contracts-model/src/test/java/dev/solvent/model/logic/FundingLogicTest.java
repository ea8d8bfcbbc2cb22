package dev.solvent.model.logic;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.T0;
import static dev.solvent.model.Fixtures.USDC;
import static dev.solvent.model.Fixtures.block;
import static dev.solvent.model.Fixtures.u;
import static dev.solvent.model.Fixtures.units;
import static dev.solvent.model.Fixtures.usd8;
import static dev.solvent.model.Fixtures.usdc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.Fixtures;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import org.junit.jupiter.api.Test;

/**
 * Alice buys 1 ETH from Bob at 2,002 while the oracle says 2,000: a premium of 0.1% a day, so longs pay shorts
 * 0.001 * 2,000 = 2 USDC per ETH per day.
 */
class FundingLogicTest {

    static ProtocolState opened() {
        return Fixtures.run(
                Fixtures.genesis(),
                block(BOB, T0, 2_000, 40_000, 100),
                new Tx.Deposit(ALICE, USDC, u(usdc(10_000))),
                new Tx.Deposit(BOB, USDC, u(usdc(10_000))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, units(1, 1, 18), usd8(2_002)));
    }

    @Test
    void accruesHalfADayOfPremiumFunding() {
        // index moves by 0.001e18 * 43,200 s * 2,000e8 * 1e6 / (1e8 * 86,400) = 1e24
        // Alice owes 1e18 * 1e24 / (1e18 * 1e18) = 1,000,000 units (1 USDC); Bob receives it
        long t = T0 + 43_200;
        ProtocolState s = opened();
        var b = block(BOB, t, 2_000, 40_000, 100);
        // pending funding is part of equity before anyone settles: 10,000 + (2,000 - 2,002) - 1
        assertThat(Views.equity(s, ALICE, b).get()).isEqualTo(usdc(9_997));
        var alice = MarginEngine.execute(s, new Tx.SettleFunding(ALICE), b).get();
        assertThat(alice.events()).containsExactly(new Event.FundingSettled(ALICE, ETH_PERP, false, usdc(1)));
        var bob = MarginEngine.execute(alice.state(), new Tx.SettleFunding(BOB), b)
                .get();
        assertThat(bob.events()).containsExactly(new Event.FundingSettled(BOB, ETH_PERP, false, usdc(-1)));
        ProtocolState after = bob.state();
        assertThat(after.market(ETH_PERP).fundingIndex()).isEqualTo(I256.parse("1000000000000000000000000"));
        assertThat(after.market(ETH_PERP).fundingPool()).isEqualTo(I256.ZERO);
        assertThat(after.account(ALICE).get().position(ETH_PERP).get().quote()).isEqualTo(usdc(-2_003));
        assertThat(after.account(BOB).get().position(ETH_PERP).get().quote()).isEqualTo(usdc(2_003));
        assertThat(Views.equity(after, ALICE, b).get()).isEqualTo(usdc(9_997));
    }

    @Test
    void roundsBothSidesAgainstTheAccountAndKeepsTheDustInThePool() {
        // one second: index += floor(1e15 * 2,000e6 / 86,400) = 23,148,148,148,148,148,148
        // Alice owes ceil(23.148...) = 24 units, Bob receives -ceil(-23.148...) = 23 units; the pool keeps 1
        var b = block(BOB, T0 + 1, 2_000, 40_000, 100);
        ProtocolState s = Fixtures.run(opened(), b, new Tx.SettleFunding(ALICE), new Tx.SettleFunding(BOB));
        assertThat(s.market(ETH_PERP).fundingIndex()).isEqualTo(I256.parse("23148148148148148148"));
        assertThat(s.account(ALICE).get().position(ETH_PERP).get().quote())
                .isEqualTo(usdc(-2_002).minus(I256.of(24)));
        assertThat(s.account(BOB).get().position(ETH_PERP).get().quote())
                .isEqualTo(usdc(2_002).plus(I256.of(23)));
        assertThat(s.market(ETH_PERP).fundingPool()).isEqualTo(I256.ONE);
        assertThat(Fixtures.conservationViolations(s)).isEmpty();
    }

    @Test
    void capsTheRateAtTheMarketMaximum() {
        // a trade at 2,100 over an oracle of 2,000 is a 5% premium, capped at 1% a day: 20 USDC per ETH per day
        ProtocolState s = Fixtures.run(
                Fixtures.genesis(),
                block(BOB, T0, 2_000, 40_000, 100),
                new Tx.Deposit(ALICE, USDC, u(usdc(10_000))),
                new Tx.Deposit(BOB, USDC, u(usdc(10_000))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, units(1, 1, 18), usd8(2_100)));
        var b = block(BOB, T0 + 86_400, 2_000, 40_000, 100);
        var r = MarginEngine.execute(s, new Tx.SettleFunding(ALICE), b).get();
        assertThat(r.events()).containsExactly(new Event.FundingSettled(ALICE, ETH_PERP, false, usdc(20)));
    }
}
