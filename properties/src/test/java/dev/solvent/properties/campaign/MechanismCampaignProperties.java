package dev.solvent.properties.campaign;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The default campaign under each liquidation mechanism other than the account-wide default: every invariant of the
 * catalogue (the mechanisms' own among them) after every step, with the moves each mechanism needs (takes and resets,
 * purchases of absorbed collateral) and coverage of liquidations.
 */
class MechanismCampaignProperties {

    static final Campaign.Coverage LIQUIDATIONS = new Campaign.Coverage(30, 0, 0);

    final Campaign closeFactor = Mechanisms.campaign(Mechanisms.CLOSE_FACTOR, LIQUIDATIONS);
    final Campaign absorb = Mechanisms.campaign(Mechanisms.ABSORB, LIQUIDATIONS);
    final Campaign auction = Mechanisms.campaign(Mechanisms.DUTCH_AUCTION, LIQUIDATIONS);
    final Campaign vault = Mechanisms.campaign(Mechanisms.BACKSTOP_VAULT, LIQUIDATIONS);
    // the size-dependent margins keep positions smaller: fewer runs reach a liquidation
    final Campaign window = Mechanisms.campaign(Mechanisms.WINDOW_CAPPED, new Campaign.Coverage(15, 0, 0));
    final Campaign fillable = Mechanisms.campaign(Mechanisms.FILLABLE_PRICE, LIQUIDATIONS);

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void closeFactor(@ForAll("closeFactorRuns") Campaign.Run run) {
        closeFactor.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> closeFactorRuns() {
        return closeFactor.runs();
    }

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void absorption(@ForAll("absorbRuns") Campaign.Run run) {
        absorb.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> absorbRuns() {
        return absorb.runs();
    }

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void dutchAuction(@ForAll("auctionRuns") Campaign.Run run) {
        auction.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> auctionRuns() {
        return auction.runs();
    }

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void backstopVault(@ForAll("vaultRuns") Campaign.Run run) {
        vault.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> vaultRuns() {
        return vault.runs();
    }

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void windowCapped(@ForAll("windowRuns") Campaign.Run run) {
        window.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> windowRuns() {
        return window.runs();
    }

    @Property(tries = Campaign.DEFAULT_TRIES)
    @AddLifecycleHook(CampaignHook.class)
    void fillablePrice(@ForAll("fillableRuns") Campaign.Run run) {
        fillable.run(run);
    }

    @Provide
    Arbitrary<Campaign.Run> fillableRuns() {
        return fillable.runs();
    }
}
