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
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lending book on the Compound III (Comet) mirror, run through the protocol contract: a tiny book absorbed and its
 * collateral bought back, worked by hand; the bundled scenario's determinism; and Comet parameters that a scenario
 * gets wrong, each named with what would be valid.
 */
class CometLendingTest {

    /**
     * Three borrowers, each 5 WETH at 2,000 USD (10,000 USD) against 8,000 USDC (LTV 80%, under the borrow
     * collateral factor 0.825); liquidate collateral factor 0.85, liquidation factor 0.9, storefront price factor
     * 0.5, no interest. ETH gaps to 1,800 at block 103; the oracle follows in the same block.
     *
     * <p>Block 103: 5 x 1,800 x 0.85 = 7,650 USD against 8,000 USDC: each borrower is liquidatable. {@code absorb}
     * pays the absorber nothing (gain 0), so a best-gain keeper absorbs only because of the buy it opens. Absorbing
     * credits the borrower 5 x 1,800 x 0.9 = 8,100 USD: its 8,000 USDC debt is gone and 100 USDC is left supplied to
     * it; Comet's reserves ({@code balance - totalSupply + totalBorrow}) fall by 8,100 USDC and it holds the 5 WETH.
     * The storefront sells at a discount of 0.5 x (1 - 0.9) = 5%: 1,800 x 0.95 = 1,710 USD a WETH, so the 5 WETH go
     * for 8,550 USDC (a gain of 9,000 - 8,550 = 450 USD to the keeper) and the reserves rise by 8,550 USDC. For the
     * three: 24,000 USDC of debt absorbed, 1,350 USD gained, reserves 3 x (8,550 - 8,100) = +1,350 USDC at the end,
     * no collateral left unsold, and 300 USDC supplied to the absorbed borrowers.
     */
    static final String TINY = """
            name: tiny-comet-book
            seed: 7
            blocks: 6
            sampleEvery: 1
            protocol: comet
            chain: {blockSeconds: 12, firstBlock: 100, startTime: "2024-01-01T00:00:00Z"}
            market:
              base: {asset: USDC, decimals: 6, priceKey: USDC/USD, liquidity: "1000000"}
              rates:
                supplyKink: "0.8"
                supplyPerYearInterestRateSlopeLow: "0"
                supplyPerYearInterestRateSlopeHigh: "0"
                supplyPerYearInterestRateBase: "0"
                borrowKink: "0.8"
                borrowPerYearInterestRateSlopeLow: "0"
                borrowPerYearInterestRateSlopeHigh: "0"
                borrowPerYearInterestRateBase: "0"
              storeFrontPriceFactor: "0.5"
              targetReserves: "1000000"
              baseBorrowMin: "100"
              assets:
                WETH:
                  decimals: 18
                  priceKey: ETH/USD
                  borrowCollateralFactor: "0.825"
                  liquidateCollateralFactor: "0.85"
                  liquidationFactor: "0.9"
                  supplyCap: "100000"
            prices:
              ETH/USD:
                constant: "2000"
                shocks:
                  - {type: gap, atBlock: 3, bps: -1000}
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
    void aTinyBookIsAbsorbedAndItsCollateralBoughtAtTheStorefrontPriceWorkedByHand() {
        LendingScenario sc = LendingReader.parse("tiny-comet-book", TINY, Map.of(), null);
        LendingResult r = LendingSimulation.run(sc, sc.seed());
        LendingSummary s = r.summary();
        assertThat(s.protocol()).isEqualTo("comet");
        assertThat(s.accounts()).isEqualTo(3);
        Vector<String> moves = r.events()
                .filter(e -> e.contains("\"type\":\"absorb\"") || e.contains("\"type\":\"buyCollateral\""))
                .map(e -> e.substring(0, e.indexOf(",\"what\"")));
        assertThat(moves)
                .containsExactly(
                        "{\"block\":103,\"type\":\"absorb\",\"account\":\"trader-1\"",
                        "{\"block\":103,\"type\":\"buyCollateral\",\"account\":\"trader-1\"",
                        "{\"block\":103,\"type\":\"absorb\",\"account\":\"trader-2\"",
                        "{\"block\":103,\"type\":\"buyCollateral\",\"account\":\"trader-2\"",
                        "{\"block\":103,\"type\":\"absorb\",\"account\":\"trader-3\"",
                        "{\"block\":103,\"type\":\"buyCollateral\",\"account\":\"trader-3\"");
        assertThat(r.events().filter(e -> e.contains("\"type\":\"buyCollateral\"")))
                .allSatisfy(e -> assertThat(e)
                        .contains("buyCollateral 5000000000000000000 of ")
                        .contains(" for 8550000000 base")
                        .contains("\"gain\":\"450.00000000\""));
        assertThat(r.rows().map(LendingRow::liquidations)).containsExactly(0, 0, 0, 3, 0, 0);
        assertThat(r.rows().map(LendingRow::liquidatable)).containsExactly(0, 0, 0, 3, 0, 0);
        assertThat(s.liquidations()).isEqualTo(3);
        assertThat(new BigDecimal(s.debtRepaid(), 8)).isEqualByComparingTo("24000");
        assertThat(new BigDecimal(s.keeperGain(), 8)).isEqualByComparingTo("1350");
        // 3 x (8,550 paid in - 8,100 credited), to the base unit
        assertThat(s.quantities().get("reserves").get().amount()).isEqualTo(new BigInteger("1350000000"));
        assertThat(s.quantities().get("collateral reserves WETH").get().amount())
                .isZero();
        assertThat(s.quantities().get("accounts absorbed").get().amount()).isEqualTo(3);
        assertThat(s.keepers().get(0).liquidations()).isEqualTo(3);
        assertThat(s.keepers().get(0).reverted()).isZero();
    }

    @Test
    void aKeeperWithoutBaseToBuyWithAbsorbsNobody() {
        // absorbing pays nothing by itself, and the keeper could buy none of what it would take
        String poor = TINY.replace("- {name: keeper-1}", "- {name: keeper-1, capital: {USDC: \"0\"}}");
        LendingScenario sc = LendingReader.parse("tiny-comet-book", poor, Map.of(), null);
        LendingResult r = LendingSimulation.run(sc, sc.seed());
        assertThat(r.summary().liquidations()).isZero();
        assertThat(r.summary().keepers().get(0).reverted()).isZero();
        assertThat(r.rows().map(LendingRow::liquidatable)).containsExactly(0, 0, 0, 3, 3, 3);
        assertThat(r.summary().quantities().get("reserves").get().amount()).isZero();
    }

    @Test
    void theBundledScenarioGivesTheSameBytesForTheSameSeedAndOthersForAnother() {
        LendingScenario sc =
                Scenarios.loadLending("comet-ftx-2022", Map.of("traders.count", "60", "blocks", "6000"), null);
        Vector<Tuple2<String, String>> first = LendingFiles.files(LendingSimulation.run(sc, 5));
        Vector<Tuple2<String, String>> second = LendingFiles.files(LendingSimulation.run(sc, 5));
        assertThat(first.map(Tuple2::_1))
                .containsExactly("summary.json", "timeseries.csv", "events.jsonl", "report.html");
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i)._2).as(first.get(i)._1).isEqualTo(first.get(i)._2);
        }
        assertThat(first.get(0)._2).contains("\"protocol\" : \"comet\"").contains("collateral reserves WETH");
        // the evening of 8 November (ETH down about 9% in an hour) is in these 20 hours: accounts are absorbed
        assertThat(first.get(2)._2).contains("\"type\":\"absorb\"").contains("\"type\":\"buyCollateral\"");
        assertThat(LendingFiles.summaryJson(LendingSimulation.run(sc, 6))).isNotEqualTo(first.get(0)._2);
    }

    @Test
    void badCometParametersNameEveryFieldAndWhatWouldBeValid() {
        String bad = TINY.replace("borrowCollateralFactor: \"0.825\"", "borrowCollateralFactor: \"0.86\"")
                .replace("liquidationFactor: \"0.9\"", "liquidationFactor: \"0.90005\"")
                .replace("storeFrontPriceFactor: \"0.5\"", "storeFrontPriceFactor: \"1.5\"")
                .replace("    borrowKink: \"0.8\"\n", "")
                .replace("supplyCap: \"100000\"", "supplyCap: \"100000.5\"")
                .replace("base: {asset: USDC, decimals: 6,", "base: {asset: USDC, decimals: 4,")
                .replace("borrow: USDC", "borrow: WETH");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", bad, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "bad.yaml: market.assets.WETH.borrowCollateralFactor: is at or above the"
                                                + " liquidateCollateralFactor; valid: a factor below it (Comet's constructor"
                                                + " reverts BorrowCFTooLarge)",
                                        "bad.yaml: market.rates.borrowKink: missing; valid: a decimal number in [0, 1],"
                                                + " such as 0",
                                        "bad.yaml: market.storeFrontPriceFactor: 1.5 is out of range; valid: a decimal"
                                                + " number in [0, 1], such as 0",
                                        "bad.yaml: market.base.decimals: 4 is out of range; valid: a whole number in [6, 18]",
                                        "bad.yaml: traders.borrow: \"WETH\" is not valid; valid: the base asset USDC (Comet"
                                                + " lends only its base)")
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith(
                                                "bad.yaml: market.assets.WETH.liquidationFactor: 0.90005 is finer than a"
                                                        + " basis point"))
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("bad.yaml: market.assets.WETH.supplyCap: 100000.5 has more than 0"
                                                + " decimals")));
    }

    @Test
    void aCollateralThatIsAlsoTheBaseOrAnUnknownFieldIsNamed() {
        String bad = TINY.replace(
                        "    WETH:\n      decimals: 18", "    USDC: {decimals: 6}\n    WETH:\n      decimals: 18")
                .replace("supplyCap: \"100000\"", "supplyCap: \"100000\"\n      ltv: \"0.8\"")
                .replace("collateral: WETH", "collateral: WBTC");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", bad, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "bad.yaml: market.assets.USDC: is the base asset too; valid: a collateral asset"
                                                + " other than the base USDC",
                                        "bad.yaml: market.assets.WETH.ltv: unknown field; valid fields here:"
                                                + " borrowCollateralFactor, decimals, liquidateCollateralFactor,"
                                                + " liquidationFactor, priceKey, supplyCap")
                                .anySatisfy(p -> assertThat(p)
                                        .startsWith("bad.yaml: traders.collateral: \"WBTC\" is not valid")));
    }

    @Test
    void tradersSupplyEachCollateralOfAListInTurnAndAListIsChecked() {
        LendingScenario sc = LendingReader.parse(
                "tiny-comet-book", TINY.replace("collateral: WETH", "collateral: [WETH]"), Map.of(), null);
        assertThat(sc.traders().collateral()).containsExactly("WETH");
        String bad = TINY.replace("collateral: WETH", "collateral: [WETH, WETH, DOGE]");
        assertThatThrownBy(() -> LendingReader.parse("bad.yaml", bad, Map.of(), null))
                .isInstanceOfSatisfying(
                        ScenarioException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "bad.yaml: traders.collateral.1: \"WETH\" is listed twice; valid: each reserve once",
                                        "bad.yaml: traders.collateral.2: \"DOGE\" is not valid; valid: a reserve of"
                                                + " market.reserves: USDC, WETH"));
    }

    @Test
    void theCometScenarioIsListedAndRecognised() {
        assertThat(Scenarios.isLending("comet-ftx-2022")).isTrue();
        assertThat(Scenarios.list().map(Scenarios.Listed::name)).contains("comet-ftx-2022");
    }
}
