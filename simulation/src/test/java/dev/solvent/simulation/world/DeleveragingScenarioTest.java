package dev.solvent.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.metrics.KeeperResult;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.output.RunFiles;
import dev.solvent.simulation.output.RunReports;
import dev.solvent.simulation.report.SummaryRow;
import dev.solvent.simulation.scenario.Scenarios;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled {@code october-2025-adl} scenario, cut after the crash (block 2,900 of 5,400 is 21:40 UTC on 10 October
 * 2025; nothing before it depends on the blocks after): vault takeovers of underwater accounts reach the shortfall path,
 * the fund pays first, then auto-deleveraging closes profitable positions, and every output says who, how much and
 * when. Before vault losses were booked as shortfalls, the same run had no shortfall and no deleveraging at all.
 */
class DeleveragingScenarioTest {

    static final RunResult RUN = Simulation.run(Scenarios.load("october-2025-adl", Map.of("blocks", "2900")), 2025);

    @Test
    void underwaterTakeoversEmptyTheFundAndThenDeleverageTheOppositeSide() {
        RunSummary s = RUN.summary();
        Deleveraging adl = s.deleveraging();

        assertThat(s.shortfall()).isPositive();
        assertThat(s.insuranceFundEnd()).isZero();
        assertThat(s.shortfall()).isEqualTo(s.insuranceFundStart() + s.deleveraged());
        assertThat(adl.fills()).isPositive();
        assertThat(adl.accounts()).isPositive().isLessThanOrEqualTo((int) adl.fills());
        assertThat(adl.charged()).isEqualTo(s.deleveraged());
        assertThat(adl.notional()).isGreaterThan(adl.charged());
        // the deleveraging happens in the crash, between 21:00 and 21:30 UTC on 10 October 2025
        assertThat(Instant.ofEpochSecond(adl.firstTimestamp()))
                .isBetween(Instant.parse("2025-10-10T21:00:00Z"), Instant.parse("2025-10-10T21:30:00Z"));
        assertThat(adl.lastBlock()).isGreaterThanOrEqualTo(adl.firstBlock());
        assertThat(adl.hit()).isNotEmpty().isSortedAccordingTo((a, b) -> Long.compare(b.notional(), a.notional()));
        assertThat(s.liquidatedUnderwater()).isPositive();
    }

    @Test
    void theTimeseriesAndEventsAddUpToTheSummary() {
        Deleveraging adl = RUN.summary().deleveraging();
        long fills = 0;
        long notional = 0;
        long charged = 0;
        for (BlockRow r : RUN.rows()) {
            fills += r.adlFills();
            notional += r.adlNotional();
            charged += r.deleveraged();
        }
        assertThat(fills).isEqualTo(adl.fills());
        assertThat(notional).isEqualTo(adl.notional());
        assertThat(charged).isEqualTo(adl.charged());
        assertThat(RUN.events().filter(e -> e.contains("\"event\":\"PositionAutoDeleveraged\"")))
                .hasSize((int) adl.fills())
                .allSatisfy(e -> assertThat(e)
                        .contains("\"receiver\":\"hlp-liquidator\"")
                        .contains("\"notional\":"));
        assertThat(RUN.events().filter(e -> e.contains("\"event\":\"AccountBackstopped\"")))
                .anySatisfy(e -> assertThat(e).doesNotContain("\"shortfall\":\"0\""));
        assertThat(RunFiles.timeseriesCsv(RUN).lines().findFirst().get())
                .endsWith(",adl_fills,adl_notional,deleveraged");
        assertThat(RunFiles.summaryJson(RUN))
                .contains("\"deleveraging\" : {")
                .contains("\"fills\" : " + adl.fills())
                .contains("\"firstTime\" : \"" + Instant.ofEpochSecond(adl.firstTimestamp()) + "\"");
        assertThat(RunReports.summary(RUN.summary(), "USDC", ""))
                .extracting(SummaryRow::label)
                .contains(
                        "Auto-deleveraging", "  deleveraged " + adl.hit().get(0).account());
    }

    @Test
    void everyLiquidationVaultTakeoversIncludedIsSomeKeepersLiquidation() {
        RunSummary s = RUN.summary();
        assertThat(RUN.events().filter(e -> e.contains("\"event\":\"AccountBackstopped\"")))
                .isNotEmpty();
        assertThat(s.keepers().stream().mapToLong(KeeperResult::liquidations).sum())
                .isEqualTo(s.liquidations());
    }
}
