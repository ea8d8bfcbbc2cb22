package dev.solvent.properties.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.properties.invariant.Invariant;
import dev.solvent.properties.invariant.Invariants;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The campaign's teeth: for each {@link Mutant} of the model, the default campaign (under the mechanism the mutant
 * breaks, for the mechanisms' mutants) checking only the invariant the module's README attributes to the mutant must
 * break that invariant within {@link Campaign#DEFAULT_TRIES} tries. The full campaign checks that invariant too, so it
 * catches the mutant as well; a campaign weakened until a mutant survives, or an attribution that is no longer true,
 * fails the build. Tries are drawn afresh each run and nothing shrinks (finding is what counts here).
 *
 * <p>The attribution is read from one place, the README's "Teeth" table, whose rows name each mutant (as its
 * {@code Mutant} constant) and the invariant that catches it.
 */
class TeethProperties {

    /** The README beside the module's POM; Surefire runs in the module's folder. */
    static final Path README = Path.of("README.md");

    private static final Pattern ROW =
            Pattern.compile("^\\|\\s*`([A-Z_]+)`\\s*\\|.*\\|\\s*(INV-[A-Z]+-\\d+)\\s*\\|\\s*$");

    /** {@return the README's Teeth table: each mutant named there, and the ID of the invariant that catches it} */
    static TreeMap<String, String> attribution() throws IOException {
        String text = Files.readString(README);
        String teeth = text.substring(text.indexOf("## Teeth"));
        int next = teeth.indexOf("\n## ", 1);
        TreeMap<String, String> out = TreeMap.empty();
        for (String line : (next < 0 ? teeth : teeth.substring(0, next)).split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                assertThat(out.containsKey(m.group(1)))
                        .as("%s appears twice in the README's Teeth table", m.group(1))
                        .isFalse();
                out = out.put(m.group(1), m.group(2));
            }
        }
        return out;
    }

    /** {@return the campaign a mutant runs in: the standard one, or the one of the mechanism it breaks} */
    static Campaign campaignFor(Mutant mutant) {
        Campaign standard = Campaign.standard();
        Campaign campaign = switch (mutant) {
            case PENALTY_BEFORE_CAP,
                    ROUNDING_IN_USERS_FAVOUR,
                    FORGETS_ONE_POSITION,
                    FUND_GOES_NEGATIVE,
                    KEEPER_PAID_BEYOND_PENALTY,
                    LIQUIDATES_BELOW_INITIAL,
                    WITHDRAWAL_WITHOUT_MARGIN_CHECK,
                    ISOLATED_PENALTY_FROM_CROSS,
                    SOCIALIZED_EQUALLY -> standard;
            case AUCTION_OVERSOLD, AUCTION_PRICE_CLIMBS, LEFTOVERS_KEPT ->
                Mechanisms.campaign(Mechanisms.DUTCH_AUCTION, Campaign.Coverage.NONE);
            case ABSORBS_AT_FULL_VALUE -> Mechanisms.campaign(Mechanisms.ABSORB, Campaign.Coverage.NONE);
            case WINDOW_FORGOTTEN -> Mechanisms.campaign(Mechanisms.WINDOW_CAPPED, Campaign.Coverage.NONE);
            case FEE_UNCAPPED -> Mechanisms.campaign(Mechanisms.FILLABLE_PRICE, Campaign.Coverage.NONE);
            case VAULT_ABSORBS_LOSS -> Mechanisms.campaign(Mechanisms.BACKSTOP_VAULT, Campaign.Coverage.NONE);
        };
        return campaign.withEngine(mutant);
    }

    @Test
    void theReadmeAttributesEveryMutantAndNothingElse() throws IOException {
        TreeMap<String, String> attribution = attribution();

        assertThat(attribution.keySet().toJavaSet())
                .containsExactlyInAnyOrderElementsOf(
                        Vector.of(Mutant.values()).map(Mutant::name).toJavaList());
        assertThat(attribution.values().toJavaList())
                .allSatisfy(id -> assertThat(Invariants.byId(id).isDefined())
                        .as("%s is in the catalogue", id)
                        .isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mutant.class)
    void everyMutantIsCaughtByTheInvariantTheReadmeNames(Mutant mutant) throws IOException {
        String id = attribution()
                .get(mutant.name())
                .getOrElseThrow(() -> new AssertionError(mutant + " is missing from the README's Teeth table"));
        Invariant named = Invariants.byId(id).getOrElseThrow(() -> new AssertionError(id + " is not in the catalogue"));
        Campaign campaign = campaignFor(mutant).withInvariants(Vector.of(named));

        // a session makes this a jqwik thread, on which action chains run outside a property
        JqwikSession.start();
        Optional<CampaignFailure> caught;
        try {
            caught = campaign.runs()
                    .sampleStream()
                    .limit(Campaign.DEFAULT_TRIES)
                    .map(run -> caughtIn(campaign, run))
                    .flatMap(Optional::stream)
                    .findFirst();
        } finally {
            JqwikSession.finish();
        }

        assertThat(caught)
                .as(
                        "%s survived %d tries of the campaign checking %s: the campaign has lost its teeth",
                        mutant, Campaign.DEFAULT_TRIES, id)
                .isPresent();
        assertThat(caught.get().invariant().id()).isEqualTo(id);
    }

    private static Optional<CampaignFailure> caughtIn(Campaign campaign, Campaign.Run run) {
        try {
            campaign.runUnobserved(run);
            return Optional.empty();
        } catch (AssertionError e) {
            // jqwik wraps an invariant's failure in its own error
            CampaignFailure f = CampaignHook.find(e);
            if (f == null) {
                throw e;
            }
            return Optional.of(f);
        }
    }
}
