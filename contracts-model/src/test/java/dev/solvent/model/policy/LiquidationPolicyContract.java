package dev.solvent.model.policy;

import static dev.solvent.model.Fixtures.ALICE;
import static dev.solvent.model.Fixtures.BOB;
import static dev.solvent.model.Fixtures.BTC_PERP;
import static dev.solvent.model.Fixtures.CAROL;
import static dev.solvent.model.Fixtures.ETH_PERP;
import static dev.solvent.model.Fixtures.KEEPER;
import static dev.solvent.model.Fixtures.SOL_PERP;
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
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * What every liquidation policy promises, run against each by one small implementing class: value is conserved, a
 * healthy account is never touched, the keeper never earns more than the penalty or bonus charged, and the liquidated
 * account ends healthier than it was (or with nothing left at risk). Two accounts are shocked by random price moves:
 * Alice, with USDC and WETH collateral and three perpetual positions, and Carol, who borrowed WETH against WBTC.
 */
public interface LiquidationPolicyContract {

    /** {@return the policy under test} */
    LiquidationPolicy policy();

    /** {@return the configuration the policy runs in: the fixtures' unless a policy needs more (fees, say)} */
    default ProtocolConfig baseConfig() {
        return Fixtures.config();
    }

    /**
     * {@return whether the liquidated account ends healthier: false for a mechanism that seizes the whole margin
     * first (Synthetix's flag), whose defining property says what it promises instead}
     */
    default boolean endsHealthier() {
        return true;
    }

    /**
     * {@return whether it ends strictly healthier: false when a fee may take everything above the bankruptcy price
     * (dYdX's), which leaves the health exactly as it was}
     */
    default boolean strictlyHealthier() {
        return true;
    }

    /** Price moves from the opening prices (ETH 2,000, BTC 40,000, SOL 100), in per-mille. */
    record Shock(int eth, int btc, int sol) {
        BlockContext block() {
            return Fixtures.block(KEEPER, T0, 2 * eth, 40 * btc, sol / 10);
        }
    }

    /** {@return Alice's and Carol's accounts opened at ETH 2,000, BTC 40,000, SOL 100 under the policy} */
    default ProtocolState opened() {
        ProtocolState s = ProtocolState.genesis(
                baseConfig().withLiquidation(policy()).withShortfall(new ShortfallPolicy.InsuranceThenBadDebt()), T0);
        BlockContext open = block(BOB, T0, 2_000, 40_000, 100);
        return Fixtures.run(
                s,
                open,
                new Tx.Deposit(ALICE, USDC, u(usdc(10_000))),
                new Tx.Deposit(ALICE, WETH, u(units(2, 1, 18))),
                new Tx.Deposit(BOB, USDC, u(usdc(100_000))),
                new Tx.Deposit(BOB, WETH, u(units(50, 1, 18))),
                new Tx.Deposit(KEEPER, USDC, u(usdc(1_000_000))),
                new Tx.Deposit(CAROL, WBTC, u(units(1, 1, 8))),
                new Tx.Borrow(CAROL, WETH, u(units(12, 1, 18))),
                new Tx.Trade(ETH_PERP, ALICE, BOB, units(5, 1, 18), usd8(2_000)),
                new Tx.Trade(BTC_PERP, ALICE, BOB, units(1, 2, 8).negate(), usd8(40_000)),
                new Tx.Trade(SOL_PERP, ALICE, BOB, units(100, 1, 9), usd8(100)));
    }

    @Provide
    default Arbitrary<Shock> shocks() {
        // mostly moves near the liquidation boundary, where partial liquidations happen, sometimes crashes
        Arbitrary<Integer> move = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(930, 1_070)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(500, 1_500)));
        return Combinators.combine(move, move, move).as(Shock::new);
    }

    @Property(tries = 300)
    default void keepsEveryPromiseOfALiquidation(@ForAll("shocks") Shock shock) {
        ProtocolState s = opened();
        BlockContext b = shock.block();
        for (AccountId id : java.util.List.of(ALICE, CAROL)) {
            MarginLogic.AccountData before =
                    MarginLogic.cross(s, s.account(id).get(), b).get();
            MarginLogic.Health healthBefore =
                    MarginLogic.health(s, s.account(id).get(), b).get();
            Either<Revert, Receipt> r = MarginEngine.execute(s, new Tx.Liquidate(id), b);
            if (!before.isLiquidatable()) {
                assertThat(r.getLeft()).isInstanceOf(Revert.NotLiquidatable.class);
                Statistics.label("outcome").collect("healthy");
                continue;
            }
            assertThat(r.isRight())
                    .as("liquidation of %s reverted: %s", id, r.swap().getOrNull())
                    .isTrue();
            Receipt receipt = r.get();
            assertThat(Fixtures.conservationViolations(receipt.state())).isEmpty();
            for (Event e : receipt.events()) {
                switch (e) {
                    case Event.AccountLiquidated l ->
                        assertThat(l.keeperReward()).isLessThanOrEqualTo(l.penalty());
                    case Event.LiquidationCalled l ->
                        assertThat(l.keeperReward()).isLessThanOrEqualTo(l.bonus());
                    case Event.AccountAbsorbed l -> assertThat(l.keeperReward()).isLessThanOrEqualTo(l.penalty());
                    default -> {}
                }
            }
            var after = receipt.state().account(id).get();
            MarginLogic.Health healthAfter =
                    MarginLogic.health(receipt.state(), after, b).get();
            if (healthAfter.requirement().isPositive()) {
                // a / b < c / d, compared without division
                I256 lhs = healthBefore
                        .collateral()
                        .times(healthAfter.requirement())
                        .times(FixedPoint.WAD);
                I256 rhs = healthAfter
                        .collateral()
                        .times(healthBefore.requirement())
                        .times(FixedPoint.WAD);
                if (endsHealthier() && strictlyHealthier()) {
                    assertThat(lhs)
                            .as("%s is healthier after the liquidation", id)
                            .isLessThan(rhs);
                } else if (endsHealthier()) {
                    assertThat(lhs)
                            .as("%s is no less healthy after the liquidation", id)
                            .isLessThanOrEqualTo(rhs);
                }
                Statistics.label("outcome").collect("partial");
            } else {
                Statistics.label("outcome").collect("closed");
            }
            checkDefiningProperty(s, receipt, id);
        }
    }

    /** Checks what defines the policy, after a successful liquidation of {@code id}. */
    void checkDefiningProperty(ProtocolState before, Receipt receipt, AccountId id);

    /** {@return zero, for the implementations' arithmetic} */
    static I256 zero() {
        return I256.ZERO;
    }
}
