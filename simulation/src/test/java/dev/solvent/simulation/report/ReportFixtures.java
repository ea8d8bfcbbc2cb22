package dev.solvent.simulation.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Reports for the tests, shaped like what the simulation produces: a crash with a lagging oracle, a cascade of
 * liquidations, an insurance fund that runs dry and bad debt after it; a sweep with a heatmap and a failed point. Built
 * from a fixed seed, so every test sees the same numbers.
 */
final class ReportFixtures {

    static final long FIRST_BLOCK = 9_650_000;
    static final long FIRST_TIMESTAMP = 1_584_000_000; // 2020-03-12 08:00 UTC
    static final int BLOCKS_PER_SAMPLE = 25;
    static final int BLOCK_SECONDS = 12;

    private ReportFixtures() {}

    /** A 360-sample crash (30 hours at 5-minute samples) in two markets, over 2,000 accounts. */
    static RunReport crash() {
        return crash(360);
    }

    static RunReport crash(int samples) {
        SplittableRandom random = new SplittableRandom(2020_03_12L);
        Timeline timeline = timeline(samples);
        List<Double> eth = path(samples, 195.0, 0.52, random);
        List<Double> btc = path(samples, 7_900.0, 0.40, random);
        List<Double> ethOracle = oracle(eth, 0.01, 12);
        List<Double> btcOracle = oracle(btc, 0.005, 12);

        int accounts = 2_000;
        double[] entryHealth = new double[accounts];
        double[] leverage = new double[accounts];
        double[] notional = new double[accounts];
        for (int a = 0; a < accounts; a++) {
            entryHealth[a] = 1.02 + 1.6 * random.nextDouble();
            leverage[a] = 2 + 8 * random.nextDouble();
            notional[a] = 5_000 + 95_000 * random.nextDouble();
        }
        boolean[] closed = new boolean[accounts];
        int[] underwaterSince = new int[accounts];
        Arrays.fill(underwaterSince, -1);
        HealthBuckets buckets = HealthBuckets.DEFAULT;

        List<Double> fund = new ArrayList<>();
        List<Long> liquidations = new ArrayList<>();
        List<Double> volume = new ArrayList<>();
        List<Double> shortfall = new ArrayList<>();
        List<Double> socialized = new ArrayList<>();
        List<Double> badDebt = new ArrayList<>();
        List<Double> baseFee = new ArrayList<>();
        List<Double> keeperProfit = new ArrayList<>();
        List<List<Integer>> counts = new ArrayList<>();
        double initialFund = 400_000;
        double insurance = initialFund;
        long previousLiquidations = 0;
        double debt = 0;
        double social = 0;
        double profit = 0;
        for (int s = 0; s < samples; s++) {
            // the contract judges accounts on the oracle's answer, the market's price until the first round
            double seen = Double.isNaN(ethOracle.get(s)) ? eth.get(s) : ethOracle.get(s);
            double drop = 1 - seen / eth.getFirst();
            int lag = 2 + (int) (previousLiquidations / 25);
            Integer[] inBucket = new Integer[buckets.size()];
            Arrays.fill(inBucket, 0);
            long liquidated = 0;
            double closedVolume = 0;
            double missing = 0;
            for (int a = 0; a < accounts; a++) {
                if (closed[a]) {
                    continue;
                }
                double health = entryHealth[a] * (1 - leverage[a] * drop / 3);
                if (health < 1.0 && underwaterSince[a] < 0) {
                    underwaterSince[a] = s;
                }
                // keepers reach an account some samples after it crosses, later when blocks are congested; what the
                // account lost below the penalty's cushion by then is shortfall
                if (underwaterSince[a] >= 0 && s - underwaterSince[a] >= lag) {
                    closed[a] = true;
                    liquidated++;
                    closedVolume += notional[a];
                    missing += Math.max(0, 0.97 - health) * notional[a] / leverage[a];
                    continue;
                }
                inBucket[buckets.indexOf(health)]++;
            }
            double covered = Math.min(insurance, missing);
            insurance -= covered;
            double uncovered = missing - covered;
            debt += uncovered;
            social += uncovered * 0.5;
            double fee = 18 + 6.5 * liquidated + 4 * random.nextDouble();
            profit += 0.025 * closedVolume - liquidated * fee * 450_000 * 1e-9 * eth.get(s);
            previousLiquidations = liquidated;
            fund.add(insurance);
            liquidations.add(liquidated);
            volume.add(closedVolume);
            shortfall.add(missing);
            socialized.add(social);
            badDebt.add(debt);
            baseFee.add(fee);
            keeperProfit.add(profit);
            counts.add(List.of(inBucket));
        }
        ProtocolSeries protocol = new ProtocolSeries(
                "USDC", fund, liquidations, volume, shortfall, socialized, badDebt, baseFee, keeperProfit);
        List<SummaryRow> summary = List.of(
                new SummaryRow("Bad debt", String.format(Locale.ROOT, "%,.2f USDC", debt)),
                new SummaryRow(
                        "Insurance fund drawdown",
                        String.format(Locale.ROOT, "%.1f%%", 100 * (1 - insurance / initialFund))),
                new SummaryRow(
                        "Liquidations",
                        Long.toString(
                                liquidations.stream().mapToLong(Long::longValue).sum())),
                new SummaryRow("Maximum cascade depth", "7"),
                new SummaryRow("Keeper profit", String.format(Locale.ROOT, "%,.2f USDC", profit)),
                new SummaryRow("Accounts left underwater", "0"));
        return new RunReport(
                "March 2020 crash",
                "default",
                42,
                summary,
                timeline,
                List.of(new MarketSeries("ETH-USD", eth, ethOracle), new MarketSeries("BTC-USD", btc, btcOracle)),
                protocol,
                new HealthDistribution(buckets.labels(), counts));
    }

    /** A run that recorded no sample at all (stopped before its first). */
    static RunReport empty() {
        return new RunReport(
                "Empty run",
                "empty",
                1,
                List.of(),
                new Timeline(List.of(), List.of()),
                List.of(new MarketSeries("ETH-USD", List.of(), List.of())),
                constant(0, 0.0),
                HealthDistribution.empty(HealthBuckets.DEFAULT));
    }

    /** A run of exactly one sample. */
    static RunReport singleSample() {
        return new RunReport(
                "One sample",
                "single",
                7,
                List.of(new SummaryRow("Bad debt", "0.00 USDC")),
                new Timeline(List.of(FIRST_BLOCK), List.of(FIRST_TIMESTAMP)),
                List.of(new MarketSeries("ETH-USD", List.of(195.0), List.of(194.5))),
                constant(1, 3.0),
                new HealthDistribution(HealthBuckets.DEFAULT.labels(), List.of(List.of(0, 1, 2, 3, 4, 5))));
    }

    /** A quiet run: every protocol series zero, prices flat, and no oracle answer for the first samples (NaN). */
    static RunReport allZero() {
        int samples = 50;
        List<Double> flat = Collections.nCopies(samples, 100.0);
        List<Double> oracle = new ArrayList<>(flat);
        for (int s = 0; s < 5; s++) {
            oracle.set(s, Double.NaN);
        }
        List<List<Integer>> counts = Collections.nCopies(samples, List.of(0, 0, 0, 0, 0, 0));
        return new RunReport(
                "Quiet run",
                "quiet",
                3,
                List.of(new SummaryRow("Bad debt", "0.00 USDC")),
                timeline(samples),
                List.of(new MarketSeries("ETH-USD", flat, oracle)),
                constant(samples, 0.0),
                new HealthDistribution(HealthBuckets.DEFAULT.labels(), counts));
    }

    /** A 5 x 4 sweep over maintenance margin and insurance fund size, 3 seeds a point, one point without results. */
    static SweepReport sweep() {
        List<String> margins = List.of("3%", "4%", "5%", "6%", "8%");
        List<String> funds = List.of("0.5M", "1M", "2M", "4M");
        List<List<Double>> p95 = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (int y = 0; y < funds.size(); y++) {
            List<Double> row = new ArrayList<>();
            for (int x = 0; x < margins.size(); x++) {
                boolean failed = x == 0 && y == 3;
                double value = failed ? Double.NaN : Math.max(0, 2_400_000 / (1 + x * x) - 350_000.0 * y);
                row.add(value);
                rows.add(List.of(
                        margins.get(x),
                        funds.get(y),
                        failed ? "n/a" : String.format(Locale.ROOT, "%,.0f", value * 0.4),
                        failed ? "n/a" : String.format(Locale.ROOT, "%,.0f", value),
                        failed ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 60.0 / (1 + x + y)),
                        failed ? "3 of 3 runs failed" : "0"));
            }
            p95.add(row);
        }
        Heatmap heatmap = new Heatmap(
                Heatmap.BAD_DEBT_P95 + " (USDC)", "maintenance margin", margins, "insurance fund", funds, p95);
        return new SweepReport(
                "Margin and fund size under the March 2020 crash",
                List.of("maintenance margin", "insurance fund"),
                List.of(
                        new SummaryRow("Grid points", "20"),
                        new SummaryRow("Seeds per point", "3"),
                        new SummaryRow("Failed runs", "3")),
                new ResultsTable(
                        List.of(
                                "maintenance margin",
                                "insurance fund",
                                "bad debt P50",
                                "bad debt P95",
                                "P(fund exhausted)",
                                "failures"),
                        rows),
                Optional.of(heatmap));
    }

    static Timeline timeline(int samples) {
        List<Long> blocks = new ArrayList<>(samples);
        List<Long> timestamps = new ArrayList<>(samples);
        for (int s = 0; s < samples; s++) {
            blocks.add(FIRST_BLOCK + (long) s * BLOCKS_PER_SAMPLE);
            timestamps.add(FIRST_TIMESTAMP + (long) s * BLOCKS_PER_SAMPLE * BLOCK_SECONDS);
        }
        return new Timeline(blocks, timestamps);
    }

    static ProtocolSeries constant(int samples, double value) {
        List<Double> values = Collections.nCopies(samples, value);
        return new ProtocolSeries(
                "USDC",
                values,
                Collections.nCopies(samples, (long) value),
                values,
                values,
                values,
                values,
                values,
                values);
    }

    /** Calm, then a fall of {@code depth} over a fifth of the run, then a partial recovery; with noise. */
    private static List<Double> path(int samples, double start, double depth, SplittableRandom random) {
        List<Double> prices = new ArrayList<>(samples);
        double crashStart = samples / 3.0;
        double crashLength = samples / 5.0;
        for (int s = 0; s < samples; s++) {
            double t = Math.min(1, Math.max(0, (s - crashStart) / crashLength));
            double fall = depth * (3 * t * t - 2 * t * t * t);
            double rebound = s > crashStart + crashLength ? 0.25 * depth * (s - crashStart - crashLength) / samples : 0;
            double noise = 0.004 * (random.nextDouble() - 0.5);
            prices.add(start * (1 - fall + rebound + noise));
        }
        return prices;
    }

    /** A push feed: a new answer when the market moved past the deviation or the heartbeat passed; no answer first. */
    private static List<Double> oracle(List<Double> market, double deviation, int heartbeat) {
        List<Double> answers = new ArrayList<>(market.size());
        double answer = Double.NaN;
        int since = 0;
        for (int s = 0; s < market.size(); s++) {
            // the first round lands one sample in, so the chart starts with a gap as a real feed can
            if (s >= 1
                    && (Double.isNaN(answer)
                            || Math.abs(market.get(s - 1) / answer - 1) > deviation
                            || since >= heartbeat)) {
                answer = market.get(s - 1);
                since = 0;
            }
            since++;
            answers.add(answer);
        }
        return answers;
    }
}
