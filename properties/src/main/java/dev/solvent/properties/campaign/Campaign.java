package dev.solvent.properties.campaign;

import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.arbitrary.PricePath;
import dev.solvent.properties.arbitrary.Standard;
import dev.solvent.properties.invariant.Invariant;
import dev.solvent.properties.invariant.Invariants;
import dev.solvent.properties.invariant.Transition;
import dev.solvent.properties.invariant.Violation;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * A stateful campaign over the margin engine: jqwik action chains in which traders deposit, withdraw, borrow, repay,
 * trade, open, change and close isolated positions, move margin, settle funding, the keeper liquidates, the insurance
 * fund is topped up, and prices move, jump and stall. Every invariant is checked after every step; a broken one
 * throws a {@link CampaignFailure}, jqwik shrinks the chain, and {@link CampaignHook} writes the shrunk chain as replay
 * files. Coverage statistics fail a run in which liquidations, shortfalls or socialized losses happened too rarely to
 * have tested the invariants about them.
 *
 * {@snippet :
 * class MyCampaign {
 *     final Campaign campaign = Campaign.standard();
 *
 *     @Property
 *     @AddLifecycleHook(CampaignHook.class)
 *     void everyInvariantHolds(@ForAll("runs") Campaign.Run run) {
 *         campaign.run(run);
 *     }
 *
 *     @Provide
 *     Arbitrary<Campaign.Run> runs() {
 *         return campaign.runs();
 *     }
 * }
 * }
 */
public final class Campaign {

    /** Tries of the default campaign, enough to catch every mutant of the tests; the module's README says how long. */
    public static final int DEFAULT_TRIES = 500;

    /** Chains of the default campaign are at most this long. */
    public static final int DEFAULT_STEPS = 60;

    /** Chains of the long campaign are at most this long. */
    public static final int LONG_STEPS = 150;

    private final Arbitrary<CampaignSetup> setups;
    private final Engine engine;
    private final Vector<Invariant> invariants;
    private final Arbitrary<PricePath.Move> moves;
    private final int maxSteps;
    private final Coverage coverage;
    private final Option<LiquidationPolicy> mechanism;

    /**
     * The least share of runs, in percent, in which each interesting case must occur.
     *
     * @param liquidations runs with at least one successful liquidation
     * @param shortfalls runs with at least one liquidation that left a shortfall
     * @param socialized runs with at least one socialized loss
     */
    public record Coverage(double liquidations, double shortfalls, double socialized) {

        /** The coverage the default campaign demands. */
        public static final Coverage DEFAULT = new Coverage(40, 30, 5);

        /** No coverage demanded, for campaigns with few tries (such as a mutant search). */
        public static final Coverage NONE = new Coverage(0, 0, 0);
    }

    private Campaign(
            Arbitrary<CampaignSetup> setups,
            Engine engine,
            Vector<Invariant> invariants,
            Arbitrary<PricePath.Move> moves,
            int maxSteps,
            Coverage coverage,
            Option<LiquidationPolicy> mechanism) {
        this.setups = setups;
        this.engine = engine;
        this.invariants = invariants;
        this.moves = moves;
        this.maxSteps = maxSteps;
        this.coverage = coverage;
        this.mechanism = mechanism;
    }

    /**
     * {@return the standard campaign: random setups of the {@link Standard} universe (every shortfall policy, both
     * receivers), the model's engine, every invariant of the catalogue, moves of up to 5% a block with jumps of up to
     * 30% and gaps, chains of up to {@link #DEFAULT_STEPS} steps ({@link #LONG_STEPS} when the system property
     * {@code solvent.campaign} is {@code long}), and the {@link Coverage#DEFAULT} coverage}
     */
    public static Campaign standard() {
        return new Campaign(
                dev.solvent.properties.arbitrary.Factories.setups(),
                Engine.MODEL,
                Invariants.ALL,
                dev.solvent.properties.arbitrary.Factories.pricePaths(Standard.ETH_USD, Standard.BTC_USD)
                        .maxMovePerBlock(500)
                        .withJumps(3_000, 3)
                        .moves(),
                isLong() ? LONG_STEPS : DEFAULT_STEPS,
                Coverage.DEFAULT,
                Option.none());
    }

    /** {@return whether the system property {@code solvent.campaign} asks for the long campaign} */
    public static boolean isLong() {
        return "long".equals(System.getProperty("solvent.campaign"));
    }

    /** {@return the same campaign driving another engine} */
    public Campaign withEngine(Engine other) {
        return new Campaign(setups, other, invariants, moves, maxSteps, coverage, mechanism);
    }

    /** {@return the same campaign drawing its setups from {@code other}} */
    public Campaign withSetups(Arbitrary<CampaignSetup> other) {
        return new Campaign(other, engine, invariants, moves, maxSteps, coverage, mechanism);
    }

    /** {@return the same campaign checking these invariants instead} */
    public Campaign withInvariants(Vector<Invariant> other) {
        return new Campaign(setups, engine, other, moves, maxSteps, coverage, mechanism);
    }

    /** {@return the same campaign with price moves drawn from {@code other}} */
    public Campaign withMoves(Arbitrary<PricePath.Move> other) {
        return new Campaign(setups, engine, invariants, other, maxSteps, coverage, mechanism);
    }

    /** {@return the same campaign with chains of at most {@code steps} steps} */
    public Campaign withMaxSteps(int steps) {
        return new Campaign(setups, engine, invariants, moves, steps, coverage, mechanism);
    }

    /**
     * {@return the same campaign with every setup liquidating under {@code policy}, and the moves its mechanism needs:
     * takes and resets for Dutch auctions, purchases of absorbed collateral for absorption}
     *
     * {@snippet :
     * Campaign auctions = Campaign.standard().withLiquidationPolicy(MakerStyle.ethA());
     * }
     */
    public Campaign withLiquidationPolicy(LiquidationPolicy policy) {
        return new Campaign(
                setups.map(s -> s.withConfig(s.config().withLiquidation(policy))),
                engine,
                invariants,
                moves,
                maxSteps,
                coverage,
                Option.some(policy));
    }

    /** {@return the same campaign with every setup absorbing shortfalls by {@code policy}} */
    public Campaign withShortfallPolicy(ShortfallPolicy policy) {
        return new Campaign(
                setups.map(s -> s.withConfig(s.config().withShortfall(policy))),
                engine,
                invariants,
                moves,
                maxSteps,
                coverage,
                mechanism);
    }

    /** {@return the same campaign demanding another coverage} */
    public Campaign withCoverage(Coverage other) {
        return new Campaign(setups, engine, invariants, moves, maxSteps, other, mechanism);
    }

    /**
     * A setup and a chain of steps to run from it: one try of the campaign. The setup is drawn beside the chain rather
     * than the chain from the setup (a {@code flatMap}), so that jqwik shrinks both independently and a shrunk failure
     * is a short transaction list. The chain only draws the steps (each resolves its transaction against the world it
     * meets, so none depends on the setup when drawn); {@link #run(Run)} runs them from the setup as they are drawn.
     *
     * @param setup where the chain starts
     * @param chain the steps
     */
    public record Run(CampaignSetup setup, ActionChain<Steps> chain) {}

    /**
     * The steps a chain of {@link #runs()} has drawn so far, in order; its state, since the world they change is built
     * from the run's setup.
     *
     * @param steps the steps drawn, oldest first
     */
    public record Steps(Vector<Transformer<CampaignWorld>> steps) {

        /** No step drawn yet. */
        public static final Steps NONE = new Steps(Vector.empty());

        Steps then(Transformer<CampaignWorld> step) {
            return new Steps(steps.append(step));
        }

        @Override
        public String toString() {
            return steps.size() + " steps";
        }
    }

    /** {@return the runs: a setup, then weighted actions, one per transaction kind, and price moves} */
    public Arbitrary<Run> runs() {
        ActionChainArbitrary<Steps> chains = ActionChain.startWith(() -> Steps.NONE);
        for (Tuple2<Integer, Action.Independent<CampaignWorld>> a : actions()) {
            chains = chains.withAction(a._1, drawn(a._2));
        }
        return Combinators.combine(setups, chains.withMaxTransformations(maxSteps))
                .as(Run::new);
    }

    /** {@return the action that draws what {@code action} would do, and adds it to the steps} */
    private static Action.Independent<Steps> drawn(Action.Independent<CampaignWorld> action) {
        return () -> action.transformer()
                .map(step -> Transformer.transform(step.transformation(), steps -> steps.then(step)));
    }

    /** {@return the chains from one setup} */
    public ActionChainArbitrary<CampaignWorld> chains(CampaignSetup setup) {
        ActionChainArbitrary<CampaignWorld> chains = ActionChain.startWith(() -> CampaignWorld.genesis(setup, engine));
        for (Tuple2<Integer, Action.Independent<CampaignWorld>> a : actions()) {
            chains = chains.withAction(a._1, a._2);
        }
        return chains.withMaxTransformations(maxSteps);
    }

    /** {@return the actions and their weights, in the order jqwik is given them} */
    private Vector<Tuple2<Integer, Action.Independent<CampaignWorld>>> actions() {
        Actions actions = new Actions();
        Vector<Tuple2<Integer, Action.Independent<CampaignWorld>>> all = Vector.of(
                Tuple.of(20, Actions.movePrices(moves)),
                Tuple.of(22, actions.trade()),
                Tuple.of(12, actions.liquidate()),
                Tuple.of(8, actions.liquidateIsolated()),
                Tuple.of(5, actions.deposit()),
                Tuple.of(5, actions.withdraw()),
                Tuple.of(2, actions.borrow()),
                Tuple.of(1, actions.repay()),
                Tuple.of(1, actions.fundInsurance()),
                Tuple.of(8, actions.openIsolated()),
                Tuple.of(2, actions.modifyIsolated()),
                Tuple.of(2, actions.closeIsolated()),
                Tuple.of(1, actions.addIsolatedMargin()),
                Tuple.of(2, actions.removeIsolatedMargin()),
                Tuple.of(1, actions.settleFunding()));
        if (mechanism.exists(LiquidationPolicy.DutchAuction.class::isInstance)) {
            all = all.append(Tuple.of(10, actions.take())).append(Tuple.of(3, actions.redo()));
        }
        if (mechanism.exists(LiquidationPolicy.Absorb.class::isInstance)) {
            all = all.append(Tuple.of(6, actions.buyCollateral()));
        }
        return all;
    }

    /**
     * Runs one try with every invariant checked after every step, and records the coverage statistics (call it from
     * inside a property, once per try).
     *
     * @return the final world
     * @throws CampaignFailure when an invariant breaks
     */
    public CampaignWorld run(Run run) {
        return observe(runUnobserved(run));
    }

    /**
     * {@return the final world of one try, every invariant checked after every step, without statistics} Each step
     * runs as the chain draws it, so that a broken invariant stops the chain at the step that broke it and jqwik
     * shrinks from there.
     */
    public CampaignWorld runUnobserved(Run run) {
        AtomicReference<CampaignWorld> world = new AtomicReference<>(CampaignWorld.genesis(run.setup(), engine));
        ActionChain<Steps> chain = run.chain()
                .peek(drawn -> drawn.steps().lastOption().forEach(step -> world.set(step.apply(world.get()))));
        for (Invariant invariant : invariants) {
            chain = chain.withInvariant(invariant.id(), drawn -> check(invariant, world.get()));
        }
        chain.run();
        return world.get();
    }

    /** Runs a chain of {@link #chains(CampaignSetup)} as {@link #run(Run)} does. */
    public CampaignWorld run(ActionChain<CampaignWorld> chain) {
        return observe(runUnobserved(chain));
    }

    private CampaignWorld observe(CampaignWorld end) {
        Statistics.label("liquidation").collect(end.tally().liquidations() > 0);
        Statistics.label("shortfall").collect(end.tally().shortfalls() > 0);
        Statistics.label("socialized loss").collect(end.tally().socialized() > 0);
        Statistics.label("transactions").collect(end.tally().transactions() / 10 * 10);
        Statistics.label("liquidation").coverage(c -> c.check(true).percentage(p -> p >= coverage.liquidations()));
        Statistics.label("shortfall").coverage(c -> c.check(true).percentage(p -> p >= coverage.shortfalls()));
        Statistics.label("socialized loss").coverage(c -> c.check(true).percentage(p -> p >= coverage.socialized()));
        return end;
    }

    /** {@return the final world of a chain run with every invariant checked after every step, without statistics} */
    public CampaignWorld runUnobserved(ActionChain<CampaignWorld> chain) {
        ActionChain<CampaignWorld> checked = chain;
        for (Invariant invariant : invariants) {
            checked = checked.withInvariant(invariant.id(), w -> check(invariant, w));
        }
        return checked.run();
    }

    private static void check(Invariant invariant, CampaignWorld w) {
        if (w.last().isEmpty()) {
            return;
        }
        Transition t = w.last().get();
        Vector<Violation> found = invariant.check(t);
        if (!found.isEmpty()) {
            throw new CampaignFailure(invariant, found, w);
        }
    }
}
