package dev.solvent.properties.campaign;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The campaign's teeth: the default campaign (under the mechanism a mutant breaks, for the mechanisms' mutants), with
 * its default tries, against each {@link Mutant} of the model. Each
 * property passes only if the campaign breaks an invariant, so a campaign weakened until a mutant survives fails the
 * build. Shrinking is off (finding is what counts here) and a failure's seed is never reused, so each run searches
 * afresh.
 */
class TeethProperties {

    /** Turns a campaign failure into success and a campaign that passes into the failure "the mutant survived". */
    static final class MustBeCaught implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            String name = context.targetMethod().getName();
            return switch (result.status()) {
                case SUCCESSFUL ->
                    result.mapToFailed("the mutant of " + name + " survived " + result.countTries()
                            + " tries of the default campaign: the campaign has lost its teeth");
                case FAILED -> {
                    CampaignFailure f =
                            result.throwable().map(CampaignHook::find).orElse(null);
                    if (f == null) {
                        yield result;
                    }
                    context.reporter()
                            .publishValue(
                                    name,
                                    "caught by " + f.invariant().id() + " after " + result.countTries() + " tries");
                    yield result.mapToSuccessful();
                }
                case ABORTED -> result;
            };
        }

        @Override
        public int aroundPropertyProximity() {
            return -100;
        }
    }

    private static Arbitrary<Campaign.Run> chains(Mutant m) {
        return Campaign.standard().withEngine(m).runs();
    }

    private static void run(Mutant m, Campaign.Run chain) {
        Campaign.standard().withEngine(m).runUnobserved(chain);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void penaltyBeforeCap(@ForAll("penaltyBeforeCapChains") Campaign.Run chain) {
        run(Mutant.PENALTY_BEFORE_CAP, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> penaltyBeforeCapChains() {
        return chains(Mutant.PENALTY_BEFORE_CAP);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void roundingInUsersFavour(@ForAll("roundingChains") Campaign.Run chain) {
        run(Mutant.ROUNDING_IN_USERS_FAVOUR, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> roundingChains() {
        return chains(Mutant.ROUNDING_IN_USERS_FAVOUR);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void liquidationForgetsOnePosition(@ForAll("forgetfulChains") Campaign.Run chain) {
        run(Mutant.FORGETS_ONE_POSITION, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> forgetfulChains() {
        return chains(Mutant.FORGETS_ONE_POSITION);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void fundGoesNegative(@ForAll("negativeFundChains") Campaign.Run chain) {
        run(Mutant.FUND_GOES_NEGATIVE, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> negativeFundChains() {
        return chains(Mutant.FUND_GOES_NEGATIVE);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void keeperPaidBeyondPenalty(@ForAll("keeperChains") Campaign.Run chain) {
        run(Mutant.KEEPER_PAID_BEYOND_PENALTY, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> keeperChains() {
        return chains(Mutant.KEEPER_PAID_BEYOND_PENALTY);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void liquidatesBelowInitial(@ForAll("eagerChains") Campaign.Run chain) {
        run(Mutant.LIQUIDATES_BELOW_INITIAL, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> eagerChains() {
        return chains(Mutant.LIQUIDATES_BELOW_INITIAL);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void withdrawalWithoutMarginCheck(@ForAll("withdrawalChains") Campaign.Run chain) {
        run(Mutant.WITHDRAWAL_WITHOUT_MARGIN_CHECK, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> withdrawalChains() {
        return chains(Mutant.WITHDRAWAL_WITHOUT_MARGIN_CHECK);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void isolatedPenaltyFromCross(@ForAll("isolatedChains") Campaign.Run chain) {
        run(Mutant.ISOLATED_PENALTY_FROM_CROSS, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> isolatedChains() {
        return chains(Mutant.ISOLATED_PENALTY_FROM_CROSS);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void socializedEqually(@ForAll("equalChains") Campaign.Run chain) {
        run(Mutant.SOCIALIZED_EQUALLY, chain);
    }

    @Provide
    Arbitrary<Campaign.Run> equalChains() {
        return chains(Mutant.SOCIALIZED_EQUALLY);
    }

    /** {@return the campaign under a mechanism, for its mutants} */
    private static Campaign mechanism(dev.solvent.model.policy.LiquidationPolicy policy) {
        return Mechanisms.campaign(policy, Campaign.Coverage.NONE);
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void auctionOversold(@ForAll("auctionOversoldChains") Campaign.Run chain) {
        mechanism(Mechanisms.DUTCH_AUCTION).withEngine(Mutant.AUCTION_OVERSOLD).runUnobserved(chain);
    }

    @Provide
    Arbitrary<Campaign.Run> auctionOversoldChains() {
        return mechanism(Mechanisms.DUTCH_AUCTION)
                .withEngine(Mutant.AUCTION_OVERSOLD)
                .runs();
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void auctionPriceClimbs(@ForAll("auctionPriceClimbsChains") Campaign.Run chain) {
        mechanism(Mechanisms.DUTCH_AUCTION)
                .withEngine(Mutant.AUCTION_PRICE_CLIMBS)
                .runUnobserved(chain);
    }

    @Provide
    Arbitrary<Campaign.Run> auctionPriceClimbsChains() {
        return mechanism(Mechanisms.DUTCH_AUCTION)
                .withEngine(Mutant.AUCTION_PRICE_CLIMBS)
                .runs();
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void leftoversKept(@ForAll("leftoversKeptChains") Campaign.Run chain) {
        mechanism(Mechanisms.DUTCH_AUCTION).withEngine(Mutant.LEFTOVERS_KEPT).runUnobserved(chain);
    }

    @Provide
    Arbitrary<Campaign.Run> leftoversKeptChains() {
        return mechanism(Mechanisms.DUTCH_AUCTION)
                .withEngine(Mutant.LEFTOVERS_KEPT)
                .runs();
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void absorbsAtFullValue(@ForAll("absorbsAtFullValueChains") Campaign.Run chain) {
        mechanism(Mechanisms.ABSORB).withEngine(Mutant.ABSORBS_AT_FULL_VALUE).runUnobserved(chain);
    }

    @Provide
    Arbitrary<Campaign.Run> absorbsAtFullValueChains() {
        return mechanism(Mechanisms.ABSORB)
                .withEngine(Mutant.ABSORBS_AT_FULL_VALUE)
                .runs();
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void windowForgotten(@ForAll("windowForgottenChains") Campaign.Run chain) {
        mechanism(Mechanisms.WINDOW_CAPPED).withEngine(Mutant.WINDOW_FORGOTTEN).runUnobserved(chain);
    }

    @Provide
    Arbitrary<Campaign.Run> windowForgottenChains() {
        return mechanism(Mechanisms.WINDOW_CAPPED)
                .withEngine(Mutant.WINDOW_FORGOTTEN)
                .runs();
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            shrinking = ShrinkingMode.OFF,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    @AddLifecycleHook(MustBeCaught.class)
    void feeUncapped(@ForAll("feeUncappedChains") Campaign.Run chain) {
        mechanism(Mechanisms.FILLABLE_PRICE).withEngine(Mutant.FEE_UNCAPPED).runUnobserved(chain);
    }

    @Provide
    Arbitrary<Campaign.Run> feeUncappedChains() {
        return mechanism(Mechanisms.FILLABLE_PRICE)
                .withEngine(Mutant.FEE_UNCAPPED)
                .runs();
    }
}
