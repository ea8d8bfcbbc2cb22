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
 * A lending book on the Maker mirror (Liquidations 2.0), run through the protocol contract: a tiny book barked and
 * taken, worked by hand; the bundled scenario's determinism; and ilk parameters a scenario gets wrong, each named with
 * what would be valid.
 */
class MakerLendingTest {

    /**
     * Three vaults, each 5 ETH at 2,000 USD (10,000 USD) drawing 6,000 DAI (LTV 60%); mat 150%, chop 110%, tip 100
     * DAI, chip 1%, buf 100%, a stairstep curve of 90% every 12 s (one block), no fee. ETH gaps 15% down to 1,700 at
     * block 103; the oracle follows in the same block.
     *
     * <p>Block 103: at the poked spot 1,700 / 1.5 each vault holds 5 x 1,133.33 = 5,666.67 DAI of collateral against
     * 6,000 DAI: liquidatable. The Vat's spot is still the opening 2,000 / 1.5, so the first keeper move is a {@code
     * poke} (gain 0), which opens the {@code bark} of trader-1; trader-2 and -3 are then barked directly. A bark grabs
     * the vault (6,000 DAI of debt to the Vow's sin), starts a sale of 5 ETH for a tab of 6,000 x 1.1 = 6,600 DAI at a
     * top of 1,700 x 1.0, and pays its keeper tip + chip x tab = 100 + 66 = 166 DAI.
     *
     * <p>Block 104, 12 s later: the price is 1,700 x 0.9 = 1,530. The whole lot would cost 7,650 DAI, more than the
     * tab, so the Clipper sells tab / price = 6,600 / 1,530 = 4.313725490196078431 ETH (rounded down) for 6,600 DAI;
     * at the pip's 1,700 that ETH is worth 7,333.333333333333332700 DAI: a gain of 733.33333333 DAI (8 decimals,
     * rounded down); the other 0.686 ETH go back to the vault's owner. For the three: 18,000 DAI of debt barked, 3 x
     * 166 + 3 x 733.33333333 = 2,697.99999999 DAI gained, auction proceeds 3 x 6,600 = 19,800 DAI in the Vow against
     * its sin of 3 x (6,000 + 166) = 18,498 DAI: nothing uncovered.
     */
    static final String TINY = """
            name: tiny-maker-book
            seed: 7
            blocks: 6
            sampleEvery: 1
            protocol: maker-liq2
            chain: {blockSeconds: 12, firstBlock: 100, startTime: "2024-01-01T00:00:00Z"}
            market:
              ilk: ETH-A
              collateral: {asset: ETH, decimals: 18, priceKey: ETH/USD}
              dai: {asset: DAI, decimals: 18, priceKey: DAI/USD}
              mat: "1.5"
              line: "1000000"
              Line: "10000000"
              dust: "100"
              chop: "1.1"
              hole: "1000000"
              Hole: "1000000"
              buf: "1"
              tail: 3600
              cusp: "0.1"
              chip: "0.01"
              tip: "100"
              calc: {kind: stairstep-exponential, cut: "0.9", step: 12}
            prices:
              ETH/USD:
                constant: "2000"
                shocks:
                  - {type: gap, atBlock: 3, bps: -1500}
              DAI/USD: {constant: "1"}
            oracle: {deviationBps: 1, heartbeatSeconds: 3600, latencyBlocks: 0}
            traders:
              count: 3
              collateral: ETH
              borrow: DAI
              ltv: {min: "0.6", max: "0.6"}
              size: {median: "10000", spread: "0"}
              behaviour: {actProbability: "0"}
            keepers:
              - {name: keeper-1, capital: {DAI: "100000"}}
            """;

    @Test
    void aTinyBookIsBarkedAndTakenWorkedByHand() {
        LendingScenario sc = LendingReader.parse("tiny-maker-book", TINY, Map.of(), null);
        LendingResult r = LendingSimulation.run(sc, sc.seed());
        LendingSummary s = r.summary();
        assertThat(s.protocol()).isEqualTo("maker-liq2");
        assertThat(s.valueUnit()).isEqualTo("DAI, 8 decimals");
        assertThat(s.accounts()).isEqualTo(3);
        assertThat(r.events().map(e -> e.substring(0, e.indexOf(",\"keeper\""))))
                .containsExactly(
                        "{\"block\":103,\"type\":\"poke\",\"account\":\"trader-1\",\"what\":\"poke ETH-A for trader-1\"",
                        "{\"block\":103,\"type\":\"bark\",\"account\":\"trader-1\",\"what\":\"bark trader-1\"",
                        "{\"block\":103,\"type\":\"bark\",\"account\":\"trader-2\",\"what\":\"bark trader-2\"",
                        "{\"block\":103,\"type\":\"bark\",\"account\":\"trader-3\",\"what\":\"bark trader-3\"",
                        "{\"block\":104,\"type\":\"take\",\"account\":\"trader-1\",\"what\":\"take sale 1 of trader-1 at"
                                + " 1530000000000000000000000000000\"",
                        "{\"block\":104,\"type\":\"take\",\"account\":\"trader-2\",\"what\":\"take sale 2 of trader-2 at"
                                + " 1530000000000000000000000000000\"",
                        "{\"block\":104,\"type\":\"take\",\"account\":\"trader-3\",\"what\":\"take sale 3 of trader-3 at"
                                + " 1530000000000000000000000000000\"");
        assertThat(r.events().filter(e -> e.contains("\"type\":\"bark\"")))
                .allSatisfy(e -> assertThat(e).contains("\"debtRepaid\":\"6000.00000000\",\"gain\":\"166.00000000\""));
        assertThat(r.events().filter(e -> e.contains("\"type\":\"take\"")))
                .allSatisfy(e -> assertThat(e).contains("\"debtRepaid\":\"0.00000000\",\"gain\":\"733.33333333\""));
        // a barked vault stays liquidatable while its sale runs: 3 in block 103 and 104, none after the takes
        assertThat(r.rows().map(LendingRow::liquidatable)).containsExactly(0, 0, 0, 3, 3, 0);
        assertThat(r.rows().map(LendingRow::liquidations)).containsExactly(0, 0, 0, 3, 0, 0);
        assertThat(s.liquidations()).isEqualTo(3);
        assertThat(new BigDecimal(s.debtRepaid(), 8)).isEqualByComparingTo("18000");
        assertThat(new BigDecimal(s.keeperGain(), 8)).isEqualByComparingTo("2697.99999999");
        assertThat(dai(s, "auction proceeds")).isEqualByComparingTo("19800");
        assertThat(dai(s, "Vow sin")).isEqualByComparingTo("18498");
        assertThat(dai(s, "Sin")).isEqualByComparingTo("18000");
        assertThat(dai(s, "Dirt")).isZero();
        assertThat(dai(s, "uncovered")).isZero();
        assertThat(s.losses()).isZero();
        assertThat(s.totals().get("ETH-A ink").get()).isZero();
        assertThat(s.keepers().get(0).liquidations()).isEqualTo(3);
        assertThat(s.keepers().get(0).reverted()).isZero();
    }

    @Test
    void aKeeperThatNeverHopedTheClipperBarksButCannotTake() {
        String poor = TINY.replace("capital: {DAI: \"100000\"}", "capital: {DAI: \"0\"}");
        LendingScenario sc = LendingReader.parse("tiny-maker-book", poor, Map.of(), null);
        LendingResult r = LendingSimulation.run(sc, sc.seed());
        assertThat(r.summary().liquidations()).isEqualTo(3);
        // with no DAI brought in, it never hoped the Clipper (the market's receive does that): the bark's incentive is
        // in its hands, but a take would revert Vat/not-allowed, so the protocol offers none and the sales run on
        assertThat(r.events().filter(e -> e.contains("\"type\":\"take\""))).isEmpty();
        assertThat(r.summary().keepers().get(0).reverted()).isZero();
        assertThat(dai(r.summary(), "Dirt")).isPositive();
        assertThat(r.rows().last().liquidatable()).isEqualTo(3);
    }

    private static BigDecimal dai(LendingSummary s, String quantity) {
        return new BigDecimal(s.quantities().get(quantity).get().amount(), 45);
    }

    @Test
    void theBundledScenarioGivesTheSameBytesForTheSameSeedAndOthersForAnother() {
        LendingScenario sc =
                Scenarios.loadLending("maker-march-2020", Map.of("traders.count", "60", "blocks", "7200"), null);
        Vector<Tuple2<String, String>> first = LendingFiles.files(LendingSimulation.run(sc, 5));
        Vector<Tuple2<String, String>> second = LendingFiles.files(LendingSimulation.run(sc, 5));
        assertThat(first.map(Tuple2::_1))
                .containsExactly("summary.json", "timeseries.csv", "events.jsonl", "report.html");
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)._2).as(first.get(i)._1).isEqualTo(first.get(i)._2);
        }
        assertThat(first.get(0)._2)
                .contains("\"protocol\" : \"maker-liq2\"")
                .contains("auction proceeds")
                .contains("Vow sin")
                .contains("uncovered");
        // 12 March, ETH from about 194 to about 110: vaults are barked and their collateral taken
        assertThat(first.get(2)._2).contains("\"type\":\"bark\"").contains("\"type\":\"take\"");
        assertThat(LendingFiles.summaryJson(LendingSimulation.run(sc, 6))).isNotEqualTo(first.get(0)._2);
        assertThat(Scenarios.isLending("maker-march-2020")).isTrue();
        assertThat(Scenarios.list().map(Scenarios.Listed::name)).contains("maker-march-2020");
    }

    @Test
    void badIlkParametersNameEveryFieldAndWhatWouldBeValid() {
        String bad = TINY.replace("chop: \"1.1\"", "chop: \"0.9\"")
                .replace("mat: \"1.5\"", "mat: \"1.5000000000000000000000000001\"")
                .replace("buf: \"1\"", "buf: \"lots\"")
                .replace("cusp: \"0.1\"", "cusp: \"0\"")
                .replace("tip: \"100\"", "tip: \"-1\"")
                .replace("  tail: 3600\n", "")
                .replace("hole: \"1000000\"", "hole: \"1000000.0000000000000000000000000000000000000000000001\"")
                .replace(
                        "calc: {kind: stairstep-exponential, cut: \"0.9\", step: 12}",
                        "calc: {kind: stairstep, cut: \"1.1\"}")
                .replace("borrow: DAI", "borrow: ETH");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", bad, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "bad.yaml: market.chop: 0.9 is out of range; valid: a decimal string in [1, 2]"
                                                + " with at most 18 decimals (a WAD), such as \"1.13\"",
                                        "bad.yaml: market.mat: 1.5000000000000000000000000001 has more than 27 decimals;"
                                                + " valid: a decimal string in [1, 100] with at most 27 decimals (a RAY),"
                                                + " such as \"1.45\"",
                                        "bad.yaml: market.buf: \"lots\" is not valid; valid: a decimal string in [1, 10]"
                                                + " with at most 27 decimals (a RAY), such as \"1.3\"",
                                        "bad.yaml: market.cusp: 0 is out of range; valid: a decimal string in"
                                                + " [0.000000000000000000000000001, 1] with at most 27 decimals (a RAY), such"
                                                + " as \"0.4\"",
                                        "bad.yaml: market.tip: -1 is out of range; valid: a decimal string in [0, 1000000]"
                                                + " with at most 45 decimals (a RAD), such as \"300\"",
                                        "bad.yaml: market.tail: missing; valid: a whole number in [1, 31536000]",
                                        "bad.yaml: market.hole: 1000000.0000000000000000000000000000000000000000000001 has"
                                                + " more than 45 decimals; valid: a decimal string in [1, 1000000000000] with"
                                                + " at most 45 decimals (a RAD), such as \"40000000\"",
                                        "bad.yaml: market.calc.kind: \"stairstep\" is not valid; valid: one of"
                                                + " exponential, linear, stairstep-exponential",
                                        "bad.yaml: traders.borrow: \"ETH\" is not valid; valid: DAI (a vault draws only"
                                                + " DAI)"));
        String badCurve = TINY.replace(
                "calc: {kind: stairstep-exponential, cut: \"0.9\", step: 12}",
                "calc: {kind: stairstep-exponential, cut: \"1.1\", tau: 60}");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", badCurve, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "bad.yaml: market.calc.tau: is not a field of a stairstep-exponential curve;"
                                                + " valid: leave it out",
                                        "bad.yaml: market.calc.cut: 1.1 is out of range; valid: a decimal string in"
                                                + " [0.000000000000000000000000001, 1] with at most 27 decimals (a RAY), such"
                                                + " as \"0.99\"",
                                        "bad.yaml: market.calc.step: missing; valid: a whole number in [1, 31536000]"));
        String unknown = TINY.replace("  tail: 3600", "  tail: 3600\n  chost: \"5\"");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", unknown, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems().head())
                                .startsWith(
                                        "bad.yaml: market.chost: unknown field; valid fields here: Hole, Line, buf,"));
    }
}
