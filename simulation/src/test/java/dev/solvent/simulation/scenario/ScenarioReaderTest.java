package dev.solvent.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.simulation.TestScenarios;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario files: what a good one reads as, and what every bad one says. */
class ScenarioReaderTest {

    @Test
    void readsTheSmallScenario() {
        Scenario s = TestScenarios.small(Map.of());
        assertThat(s.name()).isEqualTo("small");
        assertThat(s.blocks()).isEqualTo(900);
        assertThat(s.traders().count()).isEqualTo(300);
        assertThat(s.prices().keySet()).containsExactly("BTC/USD", "ETH/USD");
        assertThat(s.protocol()
                        .config()
                        .markets()
                        .get(MarketId.of("ETH-PERP"))
                        .get()
                        .maintenanceMargin())
                .isEqualTo(Wad.parse("0.03"));
        assertThat(s.keepers()).hasSize(2);
    }

    @Test
    void overridesAnyFieldByDottedPath() {
        Scenario s = TestScenarios.small(Map.of(
                "protocol.markets.ETH-PERP.maintenanceMargin", "0.04",
                "traders.count", "50",
                "keepers.1.priorityFeeGwei", "7"));
        assertThat(s.protocol()
                        .config()
                        .markets()
                        .get(MarketId.of("ETH-PERP"))
                        .get()
                        .maintenanceMargin())
                .isEqualTo(Wad.parse("0.04"));
        assertThat(s.traders().count()).isEqualTo(50);
        assertThat(s.keepers().get(1).priorityFeeWei()).isEqualTo(7_000_000_000L);
    }

    @Test
    void aPresetReplacesThePoliciesOfTheConfiguration() {
        Scenario s = TestScenarios.small(Map.of("protocol.preset", "HYPERLIQUID"));
        assertThat(s.protocol().preset()).isEqualTo("HYPERLIQUID");
        assertThat(s.protocol().config().liquidation()).isInstanceOf(LiquidationPolicy.BackstopVault.class);
    }

    @Test
    void everyProblemIsReportedWithItsFieldValueAndWhatIsValid() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of(
                        "traders.count", "0",
                        "protocol.markets.ETH-PERP.maintenanceMargin", "abc",
                        "oracle.deviationBps", "20000",
                        "keepers.0.strategy", "magic",
                        "unwind.speed", "3")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactlyInAnyOrder(
                                "small.yaml: traders.count: 0 is out of range; valid: a whole number in [1, 2000000]",
                                "small.yaml: protocol.markets.ETH-PERP.maintenanceMargin: \"abc\" is not valid;"
                                        + " valid: a decimal number in [0.0005, 1], such as 0.0005",
                                "small.yaml: oracle.deviationBps: 20000 is out of range; valid: a whole number in"
                                        + " [1, 10000]",
                                "small.yaml: keepers.0.strategy: \"magic\" is not valid; valid: one of full-scan,"
                                        + " indexed, profit-aware, limited-capital",
                                "small.yaml: unwind.speed: unknown field; valid fields here: delayBlocks,"
                                        + " fractionPerBlock"));
    }

    /** {@return the small scenario with its keepers list replaced by {@code keepers} (YAML)} */
    private static String withKeepers(String keepers) {
        String yaml = TestScenarios.smallYaml();
        int start = yaml.indexOf("keepers:");
        int end = yaml.indexOf("unwind:");
        assertThat(start).isNotNegative().isLessThan(end);
        return yaml.substring(0, start) + "keepers:\n" + keepers + yaml.substring(end);
    }

    @Test
    void aKeeperThatIsNotAMappingIsAnErrorNamingItsIndex() {
        String yaml = withKeepers("""
                  - [1, 2]
                  - {name: keeper-ok, strategy: indexed}
                  - indexed
                  -
                """);

        assertThatThrownBy(() -> ScenarioReader.parse("k.yaml", yaml, Map.of()))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly(
                                "k.yaml: keepers.0: is a list; valid: " + KEEPER,
                                "k.yaml: keepers.2: is the value \"indexed\"; valid: " + KEEPER,
                                "k.yaml: keepers.3: is empty; valid: " + KEEPER));
    }

    private static final String KEEPER = "a mapping with fields auctionMargin, bidPercent, capital, gasPerBlock,"
            + " latePriceBlocks, name, priorityFeeGwei, strategy, such as {name: keeper-1, strategy: indexed}";

    @Test
    void aKeeperOverriddenWithAValueIsAnError() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of("keepers.1", "profit-aware")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("small.yaml: keepers.1: is the value \"profit-aware\"; valid: a mapping");
    }

    @Test
    void aKeeperGivenAsAnEmptyMappingTakesTheDefaults() {
        Scenario s = ScenarioReader.parse("k.yaml", withKeepers("  - {}\n"), Map.of());
        assertThat(s.keepers()).hasSize(1);
        assertThat(s.keepers().get(0).strategy()).isEqualTo(Scenario.Strategy.INDEXED);
    }

    @Test
    void aShockThatIsNotAMappingIsAnErrorNamingItsIndex() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of("prices.ETH/USD.shocks.0", "fall")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems())
                        .containsExactly("small.yaml: prices.ETH/USD.shocks.0: is the value \"fall\"; valid: a"
                                + " mapping with fields atBlock, bps, overBlocks, type, such as {type: fall,"
                                + " atBlock: 100, bps: 3000}"));
    }

    @Test
    void modelRangeChecksComeThroughWithTheField() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of("protocol.markets.ETH-PERP.maintenanceMargin", "0.06")))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("protocol.markets.ETH-PERP")
                .hasMessageContaining("maintenanceMargin");
    }

    @Test
    void unknownPresetNamesTheValidOnes() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of("protocol.preset", "AAVE_V9")))
                .hasMessageContaining("protocol.preset: \"AAVE_V9\" is not valid; valid: one of ")
                .hasMessageContaining("AAVE_STYLE");
    }

    @Test
    void malformedYamlSaysWhere() {
        assertThatThrownBy(() -> ScenarioReader.parse("bad.yaml", "name: x\nprotocol: [unclosed\n", Map.of()))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining("malformed YAML");
        assertThatThrownBy(() -> ScenarioReader.parse("list.yaml", "- 1\n- 2\n", Map.of()))
                .hasMessageContaining("list.yaml: is not a scenario; valid: a YAML mapping");
    }

    @Test
    void anOverrideThroughAValueOrPastAListIsRefused() {
        assertThatThrownBy(() -> TestScenarios.small(Map.of("name.x", "1")))
                .hasMessageContaining("name.x: cannot be overridden; \"name\" is a value");
        assertThatThrownBy(() -> TestScenarios.small(Map.of("keepers.5.name", "k")))
                .hasMessageContaining("keepers.5.name: \"5\" is not an element of the list; valid: an index in [0, 1]");
    }

    @Test
    void anOverrideReachesAKeyThatHoldsADot() {
        tools.jackson.databind.JsonNode tree = ScenarioReader.tree("t.yaml", "a:\n  \"0.05\": {b: 1}\n");
        ScenarioReader.override("t.yaml", tree, "a.0.05.b", "2");
        ScenarioReader.override("t.yaml", tree, "a.c", "3");
        assertThat(tree.get("a").get("0.05").get("b").asString()).isEqualTo("2");
        assertThat(tree.get("a").get("c").asString()).isEqualTo("3");
    }

    @Test
    void unknownScenarioNamesTheBundledOnes() {
        assertThatThrownBy(() -> Scenarios.load("march-2021", Map.of()))
                .hasMessage("march-2021: no bundled scenario of that name; valid: one of march-2020, may-2021,"
                        + " luna-2022, ftx-2022, october-2025, october-2025-adl, jump-stress, aave-may-2021, comet-ftx-2022,"
                        + " maker-march-2020,"
                        + " or a path to a YAML file");
        assertThatThrownBy(() -> Scenarios.load("missing/file.yaml", Map.of()))
                .hasMessageContaining("missing/file.yaml: file not found");
    }

    @Test
    void everyBundledScenarioReadsAndHasItsLine() {
        assertThat(Scenarios.list()).hasSize(10);
        assertThat(Scenarios.list().map(Scenarios.Listed::name))
                .containsExactlyElementsOf(Scenarios.BUNDLED.appendAll(Scenarios.LENDING));
        assertThat(Scenarios.list()).allSatisfy(l -> assertThat(l.description()).isNotBlank());
        assertThat(Scenarios.bundled("march-2020").traders().count()).isEqualTo(10_000);
    }
}
