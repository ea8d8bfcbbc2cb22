package dev.solvent.properties.campaign;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The default campaign: every invariant of the catalogue after every step of random chains over random setups, with
 * coverage of liquidations, shortfalls and socialized losses. {@code -Dsolvent.campaign=long} runs ten times the tries
 * with longer chains.
 */
class StandardCampaignProperties {

    final Campaign campaign = Campaign.standard();

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void everyInvariantHoldsAfterEveryStep(@ForAll("runs") Campaign.Run run) {
        campaign.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> runs() {
        return campaign.runs();
    }
}
