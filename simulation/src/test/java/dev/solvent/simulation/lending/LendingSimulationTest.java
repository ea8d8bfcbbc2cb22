package dev.solvent.simulation.lending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.simulation.output.LendingFiles;
import dev.solvent.simulation.scenario.LendingReader;
import dev.solvent.simulation.scenario.LendingScenario;
import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.scenario.Scenarios;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lending book on the Aave v3.3 mirror, run through the protocol contract: a tiny book worked by hand, the bundled
 * scenario's determinism, and scenario errors that name their field.
 */
class LendingSimulationTest {

    /**
     * Three borrowers, each 5 WETH at 2,000 USD (10,000 USD) against 8,000 USDC (LTV 80%; liquidation threshold 85%,
     * bonus 5%, no protocol fee, no interest). ETH gaps to 1,800 at block 103 and to 1,260 at block 106; the oracle
     * follows in the same block.
     *
     * <p>Block 103: health 5 x 1,800 x 0.85 / 8,000 = 0.95625, at or above 0.95, so half the debt may be covered:
     * 4,000 USDC for 4,000 x 1.05 / 1,800 = 2.333... WETH (worth 4,200: a gain of 200 USD each). Left: 2.666... WETH
     * (4,800 USD) against 4,000 USDC, health 1.02.
     *
     * <p>Block 106: 2.666... x 1,260 = 3,360 USD, health 0.714, below 0.95: the whole debt may be covered, but the
     * collateral pays only 3,360 / 1.05 = 3,200 USDC of it (a gain of 160 USD each); v3.3 writes the 800 USDC left
     * behind no collateral off as the USDC reserve's deficit: 2,400 USDC for the three.
     */
    private static final String TINY = """
            name: tiny-book
            seed: 7
            blocks: 8
            sampleEvery: 1
            protocol: aave-v3.3
            chain: {blockSeconds: 12, firstBlock: 100, startTime: "2024-01-01T00:00:00Z"}
            market:
              reserves:
                WETH:
                  decimals: 18
                  priceKey: ETH/USD
                  ltv: "0.825"
                  liquidationThreshold: "0.85"
                  liquidationBonus: "0.05"
                  protocolFee: "0"
                  reserveFactor: "0"
                  rates: {optimalUsage: "0.8", base: "0", slope1: "0", slope2: "0"}
                USDC:
                  decimals: 6
                  priceKey: USDC/USD
                  ltv: "0.75"
                  liquidationThreshold: "0.8"
                  liquidationBonus: "0.05"
                  protocolFee: "0"
                  reserveFactor: "0"
                  rates: {optimalUsage: "0.8", base: "0", slope1: "0", slope2: "0"}
                  liquidity: "1000000"
            prices:
              ETH/USD:
                constant: "2000"
                shocks:
                  - {type: gap, atBlock: 3, bps: -1000}
                  - {type: gap, atBlock: 6, bps: -3000}
              USDC/USD: {constant: "1"}
            oracle: {deviationBps: 1, heartbeatSeconds: 3600, latencyBlocks: 0}
            traders:
              count: 3
              collateral: WETH
              borrow: USDC
              ltv: {min: "0.8", max: "0.8"}
              size: {median: "10000", spread: "0"}
              behaviour: {actProbability: "0"}
            keepers:
              - {name: keeper-1}
            """;

    @Test
    void aTinyBookIsLiquidatedInTheBlocksAndWithTheDeficitWorkedByHand() {
        LendingScenario sc = LendingReader.parse("tiny-book", TINY, Map.of(), null);
        LendingResult r = LendingSimulation.run(sc, sc.seed());
        LendingSummary s = r.summary();
        assertThat(s.accounts()).isEqualTo(3);
        Vector<String> liquidations = r.events().filter(e -> e.contains("\"type\":\"liquidationCall\""));
        assertThat(liquidations.map(e -> e.substring(0, e.indexOf(",\"what\""))))
                .containsExactly(
                        "{\"block\":103,\"type\":\"liquidationCall\",\"account\":\"trader-1\"",
                        "{\"block\":103,\"type\":\"liquidationCall\",\"account\":\"trader-2\"",
                        "{\"block\":103,\"type\":\"liquidationCall\",\"account\":\"trader-3\"",
                        "{\"block\":106,\"type\":\"liquidationCall\",\"account\":\"trader-1\"",
                        "{\"block\":106,\"type\":\"liquidationCall\",\"account\":\"trader-2\"",
                        "{\"block\":106,\"type\":\"liquidationCall\",\"account\":\"trader-3\"");
        assertThat(r.rows().map(LendingRow::liquidations)).containsExactly(0, 0, 0, 3, 0, 0, 3, 0);
        assertThat(r.rows().map(LendingRow::liquidatable)).containsExactly(0, 0, 0, 3, 0, 0, 3, 0);
        // 800 USDC each, to the base unit
        assertThat(s.quantities().get("deficit USDC").get().amount()).isEqualTo(new java.math.BigInteger("2400000000"));
        assertThat(s.quantities().get("deficit WETH").get().amount()).isZero();
        assertThat(new BigDecimal(s.losses(), 8)).isEqualByComparingTo("2400");
        // 3 x (200 + 160) USD, less rounding of a few base units
        assertThat(new BigDecimal(s.keeperGain(), 8)).isBetween(new BigDecimal("1079.9999"), new BigDecimal("1080"));
        // 3 x (4,000 + 4,000): the second liquidation takes the debt off, 3,200 repaid and 800 written off
        assertThat(new BigDecimal(s.debtRepaid(), 8)).isEqualByComparingTo("24000");
        assertThat(s.maxUnderwater()).isZero();
    }

    @Test
    void theSameBookOnAaveV37IsLiquidatedInTheSameBlocksWithTheSameDeficitToRounding() {
        LendingScenario sc = LendingReader.parse("tiny-book", TINY, Map.of("protocol", "aave-v3.7"), null);
        LendingResult r = LendingSimulation.run(sc, sc.seed());
        assertThat(r.summary().protocol()).isEqualTo("aave-v3.7");
        assertThat(r.rows().map(LendingRow::liquidations)).containsExactly(0, 0, 0, 3, 0, 0, 3, 0);
        // v3.7 rounds by direction (collateral down, debt up): a base unit or so apart from v3.3's 2,400 USDC
        assertThat(new BigDecimal(
                        r.summary().quantities().get("deficit USDC").get().amount(), 6))
                .isBetween(new BigDecimal("2399.99999"), new BigDecimal("2400.00001"));
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        LendingScenario sc = Scenarios.loadLending("aave-may-2021", Map.of("traders.count", "60"), null);
        Vector<Tuple2<String, String>> first = LendingFiles.files(LendingSimulation.run(sc, 5));
        Vector<Tuple2<String, String>> second = LendingFiles.files(LendingSimulation.run(sc, 5));
        assertThat(first.map(Tuple2::_1))
                .containsExactly("summary.json", "timeseries.csv", "events.jsonl", "report.html");
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)._2).as(first.get(i)._1).isEqualTo(first.get(i)._2);
        }
        assertThat(first.get(0)._2).contains("\"protocol\" : \"aave-v3.3\"").contains("deficit USDC");
        assertThat(LendingFiles.summaryJson(LendingSimulation.run(sc, 6))).isNotEqualTo(first.get(0)._2);
    }

    @Test
    void steppingBlockByBlockGivesTheRunsRowsAndAStepLeavesItsWorldAsItWas() {
        LendingScenario sc =
                Scenarios.loadLending("aave-may-2021", Map.of("traders.count", "40", "blocks", "400"), null);
        LendingResult run = LendingSimulation.run(sc, 5);
        LendingWorld<?, ?> world = LendingWorld.start(LendingSetup.of(sc, 5));
        Vector<LendingRow> rows = Vector.empty();
        Vector<String> events = Vector.empty();
        while (world.hasNext()) {
            LendingWorld.Stepped<?, ?> once = world.step();
            LendingWorld.Stepped<?, ?> again = world.step();
            assertThat(again.row()).isEqualTo(once.row());
            assertThat(again.events()).isEqualTo(once.events());
            rows = rows.append(once.row());
            events = events.appendAll(once.events());
            world = once.next();
        }
        assertThat(rows).isEqualTo(run.rows());
        assertThat(events).isEqualTo(run.events());
        assertThat(world.index()).isEqualTo(400);
    }

    @Test
    void badInputNamesEveryFieldAndWhatWouldBeValid() {
        String bad = TINY.replace("protocol: aave-v3.3", "protocol: aave-v9")
                .replace("liquidationThreshold: \"0.85\"", "liquidationThreshold: \"1.5\"")
                .replace("borrow: USDC", "borrow: DAI")
                .replace("priceKey: USDC/USD", "priceKey: USD");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", bad, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(
                                        p -> assertThat(p)
                                                .startsWith(
                                                        "bad.yaml: protocol: \"aave-v9\" is not valid; valid: one of aave-v3.3,"))
                                .anySatisfy(
                                        p -> assertThat(p)
                                                .contains(
                                                        "market.reserves.WETH.liquidationThreshold: 1.5 is out of range; valid:"))
                                .anySatisfy(p -> assertThat(p)
                                        .contains(
                                                "traders.borrow: \"DAI\" is not valid; valid: a reserve of market.reserves:"
                                                        + " USDC, WETH"))
                                .anySatisfy(
                                        p -> assertThat(p)
                                                .contains(
                                                        "market.reserves.USDC.priceKey: \"USD\" is not valid; valid: a price key")));
    }

    @Test
    void aBundledLendingScenarioIsListedAndRecognised() {
        assertThat(Scenarios.isLending("aave-may-2021")).isTrue();
        assertThat(Scenarios.isLending("march-2020")).isFalse();
        assertThat(Scenarios.list().map(Scenarios.Listed::name)).contains("aave-may-2021");
    }
}
