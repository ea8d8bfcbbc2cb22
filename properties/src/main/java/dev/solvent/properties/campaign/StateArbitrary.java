package dev.solvent.properties.campaign;

import dev.solvent.model.state.ProtocolState;
import dev.solvent.properties.invariant.Invariants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Protocol states reachable from genesis: a random setup, then a chain of the standard campaign's actions (price moves
 * and transactions of every kind, the reverted ones leaving no trace), and the state at its end. Every state it gives
 * was reached by valid transactions, so whatever holds for all reachable states can be tested on it.
 *
 * {@snippet :
 * @Property
 * void noReachableStateHasNegativeFund(@ForAll("states") ProtocolState s) {
 *     assertThat(s.insuranceFund().isNegative()).isFalse();
 * }
 *
 * @Provide
 * Arbitrary<ProtocolState> states() {
 *     return SolventArbitraries.states().withSteps(40);
 * }
 * }
 */
public final class StateArbitrary extends ArbitraryDecorator<ProtocolState> {

    private final Campaign campaign;

    StateArbitrary(Campaign campaign) {
        this.campaign = campaign;
    }

    /** {@return states reached by the standard campaign's chains of at most 30 steps, checking no invariant} */
    public static StateArbitrary standard() {
        return new StateArbitrary(Campaign.standard()
                .withInvariants(io.vavr.collection.Vector.empty())
                .withCoverage(Campaign.Coverage.NONE)
                .withMaxSteps(30));
    }

    /** {@return the same arbitrary with chains of at most {@code steps} steps} */
    public StateArbitrary withSteps(int steps) {
        return new StateArbitrary(campaign.withMaxSteps(steps));
    }

    /** {@return the same arbitrary checking every invariant of the catalogue on the way (slower, and stricter)} */
    public StateArbitrary checked() {
        return new StateArbitrary(campaign.withInvariants(Invariants.ALL));
    }

    @Override
    protected Arbitrary<ProtocolState> arbitrary() {
        return campaign.runs().map(run -> campaign.runUnobserved(run).state());
    }
}
