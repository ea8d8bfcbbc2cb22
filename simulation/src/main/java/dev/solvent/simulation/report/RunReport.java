package dev.solvent.simulation.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The report of one simulated run: a summary table, then charts of sampled series over the run's {@link Timeline}
 * (market against oracle price per market, insurance fund, liquidations, health distribution, losses, keepers).
 *
 * <p>Every series has exactly one value per sample of the timeline; the constructor checks it, so a report that exists
 * can be drawn.
 *
 * @param title the page's heading, e.g. {@code "March 2020 crash"}
 * @param scenario the scenario's name, e.g. {@code "default"} or a file name
 * @param seed the seed of the run, so that a reader can reproduce it
 * @param summary the headline numbers, shown first
 * @param timeline the sampled blocks
 * @param markets one price pair per market, in the order they are drawn; market names distinct
 * @param protocol the protocol-wide series
 * @param health the distribution of account health at each sample
 */
public record RunReport(
        String title,
        String scenario,
        long seed,
        List<SummaryRow> summary,
        Timeline timeline,
        List<MarketSeries> markets,
        ProtocolSeries protocol,
        HealthDistribution health)
        implements Report {

    /** Rejects nulls, duplicate market names and any series whose length is not the timeline's. */
    public RunReport {
        RecordArguments.text("title", title);
        RecordArguments.text("scenario", scenario);
        summary = RecordArguments.list("summary", summary);
        if (timeline == null || protocol == null || health == null) {
            throw new IllegalArgumentException("timeline, protocol and health: must not be null");
        }
        markets = RecordArguments.list("markets", markets);
        int samples = timeline.size();
        Set<String> names = new HashSet<>();
        for (MarketSeries market : markets) {
            if (!names.add(market.market())) {
                throw new IllegalArgumentException(
                        "markets: " + market.market() + " appears twice; valid: one series per market");
            }
            RecordArguments.sameLength(market.market() + ".marketPrice", market.marketPrice(), samples);
        }
        RecordArguments.sameLength("protocol", protocol.insuranceFund(), samples);
        RecordArguments.sameLength("health.counts", health.counts(), samples);
    }
}
