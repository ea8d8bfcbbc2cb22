package dev.solvent.simulation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.TestScenarios;
import dev.solvent.simulation.output.RunReports;
import dev.solvent.simulation.report.SummaryRow;
import dev.solvent.simulation.scenario.ScenarioException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FundExhaustedTest {

    @Test
    void oneBaseUnitPastAnEmptyFundIsDustAndOneUnitPastTheThresholdIsNot() {
        I256 cent = I256.of(10_000); // 0.01 USDC
        assertThat(Simulation.exhausted(true, I256.ONE, cent)).isFalse();
        assertThat(Simulation.exhausted(true, cent, cent)).isFalse();
        assertThat(Simulation.exhausted(true, I256.of(10_001), cent)).isTrue();
        assertThat(Simulation.exhausted(true, I256.ONE, I256.ZERO)).isTrue();
        assertThat(Simulation.exhausted(false, I256.of(1_000_000_000), I256.ZERO))
                .isFalse();
    }

    @Test
    void aRunWhoseUncoveredLossIsWithinTheDustSaysSoBesideTheLoss() {
        // the small scenario's 50,000 USDC fund runs dry in the 30% gap and losses are socialized
        RunSummary strict = Simulation.run(TestScenarios.small(Map.of()), 3).summary();
        assertThat(strict.dust()).isEqualTo(10_000);
        assertThat(strict.fundRanDry()).isTrue();
        assertThat(strict.uncoveredLoss())
                .isEqualTo(strict.socializedLoss() + strict.deleveraged() + strict.badDebt())
                .isGreaterThan(strict.dust());
        assertThat(strict.fundExhausted()).isTrue();

        String within = BigDecimal.valueOf(strict.uncoveredLoss(), 6).toPlainString();
        RunSummary lenient =
                Simulation.run(TestScenarios.small(Map.of("dust", within)), 3).summary();

        assertThat(lenient.fundRanDry()).isTrue();
        assertThat(lenient.uncoveredLoss()).isEqualTo(strict.uncoveredLoss());
        assertThat(lenient.fundExhausted()).isFalse();
        String plain = BigDecimal.valueOf(strict.uncoveredLoss(), 6)
                .stripTrailingZeros()
                .toPlainString();
        assertThat(RunReports.summary(lenient, "USDC", ""))
                .contains(new SummaryRow(
                        "Insurance fund exhausted",
                        "no: it ran dry, but only " + plain + " USDC left uncovered, within the " + plain
                                + " USDC dust threshold"));
        assertThat(RunReports.summary(strict, "USDC", ""))
                .contains(new SummaryRow("Insurance fund exhausted", "yes (" + plain + " USDC left uncovered)"));
    }

    @Test
    void aNegativeOrTooPreciseDustIsAnInputError() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of("dust", "-1")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly("small.yaml: dust: -1 is out of range; valid: a non-negative amount in whole"
                                + " tokens with at most 6 decimals, such as 0.01"));
        assertThatThrownBy(() -> TestScenarios.small(Map.of("dust", "0.0000001")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly("small.yaml: dust: 0.0000001 has more than 6 decimals; valid: a non-negative"
                                + " amount in whole tokens with at most 6 decimals, such as 0.01"));
    }
}
