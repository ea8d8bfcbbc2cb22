package dev.solvent.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.TestScenarios;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.output.RunFiles;
import dev.solvent.simulation.output.RunReports;
import dev.solvent.simulation.report.SummaryRow;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Traders the protocol refuses at setup are counted, with the reason, not dropped in silence. */
class SkippedTradersTest {

    static final String CAPPED = "opening trade reverted: OpenInterestCapExceeded";

    @Test
    void tradersPastTheOpenInterestCapAreSkippedAndTheSummaryAndConsoleSayHowManyAndWhy() {
        // 20 ETH of open interest: a few ETH traders fit, the opening trades of the others revert
        Map<String, String> capped = Map.of("protocol.markets.ETH-PERP.maxOpenInterest", "20", "blocks", "120");
        Setup setup = Setup.of(TestScenarios.small(capped), 3);
        long ethTraders = setup.traders().count(t -> t.market().toString().equals("ETH-PERP"));
        RunResult r = Simulation.run(TestScenarios.small(capped), 3);
        RunSummary s = r.summary();

        assertThat(s.skippedTraders()).isPositive().isLessThan((int) ethTraders);
        assertThat(s.accounts() + s.skippedTraders()).isEqualTo(300);
        assertThat(s.skippedReasons()).isEqualTo(Map.of(CAPPED, s.skippedTraders()));
        assertThat(RunReports.summary(s, "USDC", ""))
                .contains(new SummaryRow(
                        "Traders skipped at setup",
                        s.skippedTraders() + " (" + s.skippedTraders() + " " + CAPPED + ")"));
        assertThat(RunFiles.summaryJson(r))
                .contains("\"skippedTraders\" : " + s.skippedTraders())
                .contains("\"" + CAPPED + "\" : " + s.skippedTraders());
    }

    @Test
    void aRunThatSkipsNobodySaysZeroAndPrintsNoLine() {
        RunSummary s =
                Simulation.run(TestScenarios.small(Map.of("blocks", "120")), 3).summary();

        assertThat(s.skippedTraders()).isZero();
        assertThat(s.skippedReasons()).isEmpty();
        assertThat(s.accounts()).isEqualTo(300);
        assertThat(RunReports.summary(s, "USDC", ""))
                .extracting(SummaryRow::label)
                .doesNotContain("Traders skipped at setup");
    }
}
