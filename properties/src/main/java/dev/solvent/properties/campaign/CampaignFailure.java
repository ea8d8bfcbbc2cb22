package dev.solvent.properties.campaign;

import dev.solvent.properties.invariant.Invariant;
import dev.solvent.properties.invariant.Violation;
import io.vavr.collection.Vector;

/**
 * An invariant broken during a campaign: which invariant, its violations, and the world right after the step that
 * broke it, whose log is the transaction list a replay file reproduces. Thrown inside the action chain, so jqwik
 * shrinks the chain as for any failed property.
 */
public final class CampaignFailure extends AssertionError {

    private final transient Invariant invariant;
    private final transient Vector<Violation> violations;
    private final transient CampaignWorld world;

    CampaignFailure(Invariant invariant, Vector<Violation> violations, CampaignWorld world) {
        super(message(invariant, violations, world));
        this.invariant = invariant;
        this.violations = violations;
        this.world = world;
    }

    private static String message(Invariant invariant, Vector<Violation> violations, CampaignWorld world) {
        String step = world.log().lastOption().map(CampaignWorld.Sent::note).getOrElse("genesis");
        return invariant.id() + " (" + invariant.name() + ") broken by \"" + step + "\" after "
                + world.log().size() + " transactions:\n  " + violations.mkString("\n  ") + "\n  spec: "
                + invariant.spec();
    }

    /** {@return the invariant that broke} */
    public Invariant invariant() {
        return invariant;
    }

    /** {@return what broke it, with accounts and amounts} */
    public Vector<Violation> violations() {
        return violations;
    }

    /** {@return the world right after the step that broke it} */
    public CampaignWorld world() {
        return world;
    }
}
