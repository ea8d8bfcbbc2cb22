package dev.solvent.simulation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportModelTest {

    @Test
    void defaultHealthBucketsAreFineNearTheLiquidationThreshold() {
        assertThat(HealthBuckets.DEFAULT.labels())
                .containsExactly("<1.0", "1.0-1.1", "1.1-1.25", "1.25-1.5", "1.5-2.0", ">=2.0");
        assertThat(HealthBuckets.DEFAULT.size()).isEqualTo(6);
    }

    @Test
    void aBucketHoldsItsLowerEdge() {
        HealthBuckets buckets = HealthBuckets.DEFAULT;

        assertThat(buckets.indexOf(0.999)).isZero();
        assertThat(buckets.indexOf(-3.0)).isZero();
        assertThat(buckets.indexOf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(buckets.indexOf(1.0)).isEqualTo(1);
        assertThat(buckets.indexOf(1.0999)).isEqualTo(1);
        assertThat(buckets.indexOf(1.1)).isEqualTo(2);
        assertThat(buckets.indexOf(1.9)).isEqualTo(4);
        assertThat(buckets.indexOf(2.0)).isEqualTo(5);
        assertThat(buckets.indexOf(Double.POSITIVE_INFINITY)).isEqualTo(5);
        assertThatThrownBy(() -> buckets.indexOf(Double.NaN)).hasMessageContaining("health: NaN");
    }

    @Test
    void bucketEdgesMustIncrease() {
        assertThatThrownBy(() -> new HealthBuckets(List.of(1.0, 1.0)))
                .hasMessage("edges[1]: 1.0; valid: finite and strictly increasing");
        assertThatThrownBy(() -> new HealthBuckets(List.of())).hasMessageStartingWith("edges: empty");
        assertThat(new HealthBuckets(List.of(1.0)).labels()).containsExactly("<1.0", ">=1.0");
    }

    @Test
    void timelineBlocksIncreaseAndTimeNeverGoesBack() {
        assertThatThrownBy(() -> new Timeline(List.of(10L, 10L), List.of(1L, 2L)))
                .hasMessage("blocks[1]: 10 after 10; valid: strictly increasing block numbers");
        assertThatThrownBy(() -> new Timeline(List.of(10L, 11L), List.of(5L, 4L)))
                .hasMessage("timestamps[1]: 4 after 5; valid: never decreasing");
        assertThatThrownBy(() -> new Timeline(List.of(10L), List.of()))
                .hasMessage("timestamps: has 0 values; valid: 1, one per sampled block");
        // two blocks in the same second happen on fast chains
        assertThat(new Timeline(List.of(10L, 11L), List.of(5L, 5L)).size()).isEqualTo(2);
    }

    @Test
    void aSeriesOfTheWrongLengthIsNamed() {
        RunReport good = ReportFixtures.singleSample();

        assertThatThrownBy(() -> new RunReport(
                        good.title(),
                        good.scenario(),
                        good.seed(),
                        good.summary(),
                        good.timeline(),
                        List.of(new MarketSeries("ETH-USD", List.of(1.0, 2.0), List.of(1.0, 2.0))),
                        good.protocol(),
                        good.health()))
                .hasMessage("ETH-USD.marketPrice: has 2 values; valid: 1, one per sample of the timeline");
        assertThatThrownBy(() -> new MarketSeries("ETH-USD", List.of(1.0, 2.0), List.of(1.0)))
                .hasMessage("ETH-USD.oraclePrice: has 1 values; valid: 2, one per sample of the timeline");
        assertThatThrownBy(() -> new RunReport(
                        good.title(),
                        good.scenario(),
                        good.seed(),
                        good.summary(),
                        good.timeline(),
                        good.markets(),
                        ReportFixtures.constant(2, 0.0),
                        good.health()))
                .hasMessage("protocol: has 2 values; valid: 1, one per sample of the timeline");
    }

    @Test
    void infinitiesAreRefusedAndNaNIsAGap() {
        List<Double> infinite = List.of(1.0, Double.POSITIVE_INFINITY);

        assertThatThrownBy(() -> new MarketSeries("BTC-USD", infinite, List.of(1.0, 1.0)))
                .hasMessageStartingWith("BTC-USD.marketPrice[1]: Infinity is not a number a chart can draw");
        assertThat(new MarketSeries("BTC-USD", List.of(1.0, 2.0), List.of(Double.NaN, 2.0)).oraclePrice())
                .first()
                .isEqualTo(Double.NaN);
    }

    @Test
    void nullsAreRefusedWithTheirPlace() {
        List<Double> withNull = new ArrayList<>(List.of(1.0));
        withNull.add(null);

        assertThatThrownBy(() -> new MarketSeries("ETH-USD", withNull, List.of(1.0, 1.0)))
                .hasMessage("ETH-USD.marketPrice[1]: must not be null");
        assertThatThrownBy(() -> new SummaryRow("Bad debt", null)).hasMessage("value: must not be null");
    }

    @Test
    void liquidationCountsCannotBeNegative() {
        ProtocolSeries zero = ReportFixtures.constant(1, 0.0);

        assertThatThrownBy(() -> new ProtocolSeries(
                        "USDC",
                        zero.insuranceFund(),
                        List.of(-1L),
                        zero.liquidationVolume(),
                        zero.shortfall(),
                        zero.socializedLoss(),
                        zero.badDebt(),
                        zero.baseFeeGwei(),
                        zero.keeperProfit()))
                .hasMessage("liquidations[0]: -1; valid: a count, 0 or more");
    }

    @Test
    void marketNamesAreDistinct() {
        RunReport good = ReportFixtures.singleSample();
        MarketSeries eth = good.markets().getFirst();

        assertThatThrownBy(() -> new RunReport(
                        good.title(),
                        good.scenario(),
                        good.seed(),
                        good.summary(),
                        good.timeline(),
                        List.of(eth, eth),
                        good.protocol(),
                        good.health()))
                .hasMessage("markets: ETH-USD appears twice; valid: one series per market");
    }

    @Test
    void healthRowsHaveOneCountPerBucket() {
        assertThatThrownBy(() -> new HealthDistribution(List.of("<1.0", ">=1.0"), List.of(List.of(1))))
                .hasMessage("counts[0]: has 1 values; valid: 2, one per bucket");
        assertThatThrownBy(() -> new HealthDistribution(List.of("<1.0", ">=1.0"), List.of(List.of(1, -2))))
                .hasMessage("counts[0][1]: -2; valid: a count, 0 or more");
    }

    @Test
    void theModelKeepsItsOwnCopies() {
        List<Long> blocks = new ArrayList<>(List.of(1L, 2L));
        Timeline timeline = new Timeline(blocks, List.of(10L, 20L));

        blocks.set(0, 99L);

        assertThat(timeline.blocks()).containsExactly(1L, 2L);
        assertThatThrownBy(() -> timeline.blocks().add(3L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ReportFixtures.crash()).isEqualTo(ReportFixtures.crash());
    }

    @Test
    void aHeatmapIsOneRowPerYValueAndOneCellPerXValue() {
        assertThatThrownBy(() -> new Heatmap("m", "x", List.of("1", "2"), "y", List.of("a"), List.of(List.of(1.0))))
                .hasMessage("values[0]: has 1 values; valid: 2, one per x value");
        assertThatThrownBy(() -> new Heatmap("m", "x", List.of("1"), "y", List.of("a", "b"), List.of(List.of(1.0))))
                .hasMessage("values: has 1 rows; valid: 2, one per y value");
        assertThatThrownBy(() -> new Heatmap("m", "x", List.of(), "y", List.of("a"), List.of(List.of())))
                .hasMessageStartingWith("xValues and yValues: 0 x 1 values");
    }

    @Test
    void aHeatmapIsDrawnOverSweptParameters() {
        Heatmap heatmap = new Heatmap("m", "margin", List.of("1"), "fund", List.of("a"), List.of(List.of(1.0)));
        ResultsTable table = new ResultsTable(List.of("margin"), List.of(List.of("1")));

        assertThatThrownBy(() -> new SweepReport("t", List.of("margin"), List.of(), table, Optional.of(heatmap)))
                .hasMessage("heatmap: fund is not a swept parameter; valid: one of [margin]");
    }

    @Test
    void resultRowsMatchTheColumns() {
        assertThatThrownBy(() -> new ResultsTable(List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))))
                .hasMessage("rows[1]: has 1 values; valid: 2, one per column");
    }
}
