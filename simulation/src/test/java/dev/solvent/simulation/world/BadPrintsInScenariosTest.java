package dev.solvent.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.simulation.TestScenarios;
import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.scenario.ScenarioReader;
import dev.solvent.simulation.scenario.Scenarios;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default scenario replays its perp candles without the bad print the data README lists. */
class BadPrintsInScenariosTest {

    /** One trader: the price paths are what is checked, not the population. */
    static final Map<String, String> ONE_TRADER = Map.of("traders.count", "1");

    /** {@return the highest exogenous ETH price, 8 decimals, over the hour that opens at {@code hour}} */
    static long highestEthIn(Setup setup, String hour) {
        long from = Instant.parse(hour).getEpochSecond();
        long[] eth = setup.exogenous().get(setup.keyIndex("ETH/USD"));
        long max = 0;
        for (int i = 0; i < setup.blocks(); i++) {
            long t = setup.clock().timestamp(i);
            if (t >= from && t < from + 3600) {
                max = Math.max(max, eth[i]);
            }
        }
        return max;
    }

    @Test
    void theDefaultScenarioNeverReplaysTheEthPerpHighOf323AboveTheSpotHighOfThatHour() {
        String yaml = Scenarios.text("march-2020");
        String raw = yaml.replaceAll("(?m)^ {4}badPrints: .*\\n", "");
        assertThat(raw).isNotEqualTo(yaml);

        Setup unfiltered = Setup.of(ScenarioReader.parse("march-2020.yaml", raw, ONE_TRADER), 2020);
        Setup filtered = Setup.of(Scenarios.load("march-2020", ONE_TRADER), 2020);

        // the source file: the 02:35Z candle walks the market up to 323
        assertThat(highestEthIn(unfiltered, "2020-03-13T02:00:00Z")).isEqualTo(323_00000000L);
        assertThat(unfiltered.priceCorrections()).isEmpty();
        // filtered: no higher than Binance spot's high of that hour, 120.2
        assertThat(highestEthIn(filtered, "2020-03-13T02:00:00Z")).isLessThanOrEqualTo(120_20000000L);
        assertThat(filtered.priceCorrections())
                .containsExactly("ETH/USD 2020-03-13T02:35:00Z high 323 -> 119.61 (reference high 119.61)");
        // and nothing else moved: every other hour replays the same prices
        long[] a = unfiltered.exogenous().get(unfiltered.keyIndex("ETH/USD"));
        long[] b = filtered.exogenous().get(filtered.keyIndex("ETH/USD"));
        long badFrom = Instant.parse("2020-03-13T02:35:00Z").getEpochSecond();
        for (int i = 0; i < filtered.blocks(); i++) {
            long t = filtered.clock().timestamp(i);
            if (t < badFrom || t >= badFrom + 300) {
                assertThat(b[i]).as("block %d", i).isEqualTo(a[i]);
            }
        }
        assertThat(filtered.exogenous().get(filtered.keyIndex("BTC/USD")))
                .isEqualTo(unfiltered.exogenous().get(unfiltered.keyIndex("BTC/USD")));
    }

    @Test
    void aFilterOnAGeneratedPriceOrWithABadBoundIsAnInputErrorNamingTheField() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of(
                        "prices.ETH/USD.badPrints.reference", "eth-usd-2020-03-11_2020-03-14-5m.csv",
                        "prices.ETH/USD.badPrints.maxDeviationBps", "1000")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly("small.yaml: prices.ETH/USD.badPrints: applies only to a historical source;"
                                + " valid: remove it, or use historical: FILE"));
        assertThatThrownBy(() -> Scenarios.load(
                        "march-2020", Map.of("prices.ETH/USD.badPrints.maxDeviationBps", "0", "traders.count", "1")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly("march-2020: prices.ETH/USD.badPrints.maxDeviationBps: 0 is out of range;"
                                + " valid: a whole number in [1, 10000]"));
    }

    @Test
    void aReferenceThatDoesNotCoverTheWindowIsRefusedAtSetupWithBothWindows() {
        Scenario sc = Scenarios.load(
                "march-2020",
                Map.of(
                        "prices.ETH/USD.badPrints.reference",
                        "eth-usd-2021-05-18_2021-05-20-1h.csv",
                        "traders.count",
                        "1"));
        assertThatThrownBy(() -> Setup.of(sc, 1))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly("prices.ETH/USD.badPrints.reference: the reference"
                                + " eth-usd-2021-05-18_2021-05-20-1h.csv covers 2021-05-18T00:00:00Z to"
                                + " 2021-05-21T00:00:00Z; valid: a reference covering the whole window of"
                                + " eth-usd-perp-2020-03-11_2020-03-14-5m.csv, 2020-03-11T00:00:00Z to"
                                + " 2020-03-15T00:00:00Z"));
    }
}
