package dev.solvent.properties.campaign;

import java.nio.file.Path;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A jqwik hook for campaign properties: it sizes the campaign (the default tries, or ten times as many when the system
 * property {@code solvent.campaign} is {@code long}) and, when the campaign fails, writes the shrunk chain as the two
 * replay files into {@code target/solvent-counterexamples/<class>.<property>/} and adds their paths to the failure.
 *
 * {@snippet :
 * @Property
 * @AddLifecycleHook(CampaignHook.class)
 * void everyInvariantHolds(@ForAll("runs") Campaign.Run run) {
 *     campaign.run(run);
 * }
 * }
 */
public final class CampaignHook implements AroundPropertyHook {

    /** The folder counterexamples are written to, below the working directory. */
    public static final Path FOLDER = Path.of("target", "solvent-counterexamples");

    /** Creates the hook; jqwik does, for {@code @AddLifecycleHook}. */
    public CampaignHook() {}

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (Campaign.isLong()) {
            int tries = context.attributes().tries().orElse(1000);
            context.attributes().setTries(tries * 10);
        }
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED
                || result.throwable().isEmpty()) {
            return result;
        }
        CampaignFailure failure = find(result.throwable().get());
        if (failure == null) {
            return result;
        }
        String name = context.containerClass().getSimpleName() + "."
                + context.targetMethod().getName();
        ReplayFiles.Written files;
        try {
            files = ReplayFiles.write(
                    failure.world().setup(),
                    failure.world().log(),
                    FOLDER.resolve(name),
                    failure.invariant() + "; broken by the last transaction");
        } catch (IllegalArgumentException unsupported) {
            // a configuration replay files cannot describe: the failure still reads as a transaction list
            return result.mapToFailed(new AssertionError(
                    failure.getMessage() + "\n(no replay files: " + unsupported.getMessage() + ")", failure));
        }
        return result.mapToFailed(new AssertionError(
                failure.getMessage() + "\nreplay it: solvent replay " + files.state() + " " + files.txs(), failure));
    }

    /** {@return the campaign failure in a throwable's cause chain, or null} */
    static CampaignFailure find(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            if (x instanceof CampaignFailure f) {
                return f;
            }
        }
        return null;
    }

    @Override
    public int aroundPropertyProximity() {
        // outside jqwik's own hooks, so that the result seen here is the final, shrunk one
        return -100;
    }
}
