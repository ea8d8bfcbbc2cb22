package dev.solvent.properties.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.properties.invariant.Invariant;
import dev.solvent.properties.invariant.Violation;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A campaign that fails is shrunk and written as replay files: a user's own invariant ("no account is ever
 * liquidated") breaks, and the hook's files hold the short transaction list that ends with the liquidation.
 */
class CampaignHookProperties {

    static final Invariant NO_LIQUIDATION = Invariant.ofTransition(
            "MY-1",
            "no liquidation",
            "no account is ever liquidated",
            t -> t.events().exists(e -> e instanceof dev.solvent.model.tx.Event.AccountLiquidated)
                    ? Vector.of(Violation.of("MY-1", "an account was liquidated"))
                    : Vector.empty());

    final Campaign campaign = Campaign.standard().withInvariants(Vector.of(NO_LIQUIDATION));

    /** Expects the campaign to fail with replay files written, and checks them. */
    static final class ExpectReplayFiles implements AroundPropertyHook {

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            if (result.status() != PropertyExecutionResult.Status.FAILED) {
                return result.mapToFailed("the campaign should have found a liquidation");
            }
            String message = result.throwable().map(Throwable::getMessage).orElse("");
            assertThat(message).contains("MY-1 (no liquidation) broken by \"liquidate ", "replay it: solvent replay ");
            Path folder = CampaignHook.FOLDER.resolve(
                    "CampaignHookProperties." + context.targetMethod().getName());
            try {
                JsonNode txs = JsonMapper.shared().readTree(Files.readString(folder.resolve("txs.json")));
                JsonNode state = JsonMapper.shared().readTree(Files.readString(folder.resolve("state.json")));
                assertThat(txs.get(txs.size() - 1).at("/tx/type").asString()).isEqualTo("Liquidate");
                // shrunk: a trade and the liquidation are all it takes; shrinking runs to the end (not bounded in
                // time), so a loaded machine cannot leave bystanders in (unshrunk chains are up to 60 steps long)
                assertThat(txs.size()).isLessThanOrEqualTo(15);
                assertThat(state.at("/note").asString()).startsWith("MY-1");
                assertThat(state.at("/balances").size()).isGreaterThanOrEqualTo(5);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return result.mapToSuccessful();
        }

        @Override
        public int aroundPropertyProximity() {
            // outside the campaign hook, to see what it made of the failure
            return -200;
        }
    }

    @Property(
            tries = Campaign.DEFAULT_TRIES,
            afterFailure = AfterFailureMode.RANDOM_SEED,
            shrinking = ShrinkingMode.FULL)
    @AddLifecycleHook(ExpectReplayFiles.class)
    @AddLifecycleHook(CampaignHook.class)
    void aFailureIsShrunkAndWrittenAsReplayFiles(@ForAll("runs") Campaign.Run run) {
        campaign.runUnobserved(run);
    }

    @Provide
    Arbitrary<Campaign.Run> runs() {
        return campaign.runs();
    }
}
