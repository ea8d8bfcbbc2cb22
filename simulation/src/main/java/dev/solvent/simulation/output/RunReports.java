package dev.solvent.simulation.output;

import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.metrics.KeeperResult;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.report.ProtocolSeries;
import dev.solvent.simulation.report.RunReport;
import dev.solvent.simulation.report.SummaryRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a run into the report people read: the summary as rows, and the block series sampled down to at most
 * {@link #MAX_POINTS} points (levels at the sampled block, flows summed since the previous point, the health
 * distribution of the latest snapshot).
 */
public final class RunReports {

    /** The most points a chart gets; more would make the page slow without showing more. */
    public static final int MAX_POINTS = 1_500;

    private RunReports() {}

    /** {@return the report of a run} */
    public static RunReport of(RunResult r, String settlementAsset) {
        RunSummary s = r.summary();
        int d = s.settlementDecimals();
        int n = r.rows().size();
        ReportPoints points = new ReportPoints(n, r.priceKeys().size(), r.samples());
        List<Double> fund = new ArrayList<>();
        List<Long> liquidations = new ArrayList<>();
        List<Double> volume = new ArrayList<>();
        List<Double> shortfall = new ArrayList<>();
        List<Double> socialized = new ArrayList<>();
        List<Double> badDebt = new ArrayList<>();
        List<Double> baseFee = new ArrayList<>();
        List<Double> profit = new ArrayList<>();
        long liq = 0;
        long vol = 0;
        long sf = 0;
        long socializedSoFar = 0;
        int sample = -1;
        for (int i = 0; i < n; i++) {
            BlockRow row = r.rows().get(i);
            liq += row.liquidations();
            vol += row.liquidationVolume();
            sf += row.shortfall();
            socializedSoFar += row.socialized();
            if (!points.reach(i, row.block())) {
                continue;
            }
            points.add(row.block(), row.timestamp(), row.marketPrices(), row.oraclePrices());
            fund.add(money(row.insuranceFund(), d));
            liquidations.add(liq);
            volume.add(money(vol, d));
            shortfall.add(money(sf, d));
            socialized.add(money(socializedSoFar, d));
            badDebt.add(money(row.badDebt(), d));
            baseFee.add(BigDecimal.valueOf(row.baseFee(), 9).doubleValue());
            profit.add(money(row.keeperProfit(), d));
            liq = 0;
            vol = 0;
            sf = 0;
        }
        return new RunReport(
                "Solvent run: " + s.scenario() + ", seed " + s.seed(),
                s.scenario(),
                s.seed(),
                summary(s, settlementAsset, r.stoppedBy()),
                points.timeline(),
                points.markets(r.priceKeys()),
                new ProtocolSeries(
                        settlementAsset, fund, liquidations, volume, shortfall, socialized, badDebt, baseFee, profit),
                points.health());
    }

    /** {@return the summary as the rows a person reads first} */
    public static List<SummaryRow> summary(RunSummary s, String unit, String stoppedBy) {
        List<SummaryRow> rows = new ArrayList<>();
        runRows(rows, s, stoppedBy);
        lossRows(rows, s, unit);
        liquidationRows(rows, s, unit);
        for (KeeperResult k : s.keepers()) {
            rows.add(new SummaryRow(
                    "Keeper " + k.name() + " (" + k.strategy() + ")",
                    k.liquidations() + " liquidations, " + k.reverted() + " reverted, net "
                            + amount(k.netProfit(), s.settlementDecimals(), unit)));
        }
        return rows;
    }

    /** Adds the rows on the run itself: whether it stopped early, its blocks, its price corrections and its traders. */
    private static void runRows(List<SummaryRow> rows, RunSummary s, String stoppedBy) {
        if (!stoppedBy.isEmpty()) {
            rows.add(new SummaryRow("Stopped early", stoppedBy));
        }
        rows.add(new SummaryRow("Blocks", String.format(java.util.Locale.ROOT, "%,d", s.blocks())));
        if (!s.priceCorrections().isEmpty()) {
            rows.add(new SummaryRow(
                    "Bad prints removed",
                    s.priceCorrections().size() + " (" + String.join("; ", s.priceCorrections()) + ")"));
        }
        rows.add(new SummaryRow("Trader accounts", String.format(java.util.Locale.ROOT, "%,d", s.accounts())));
        if (s.skippedTraders() > 0) {
            List<String> why = new ArrayList<>();
            s.skippedReasons().forEach((reason, n) -> why.add(n + " " + reason));
            rows.add(new SummaryRow(
                    "Traders skipped at setup",
                    String.format(java.util.Locale.ROOT, "%,d", s.skippedTraders()) + " (" + String.join("; ", why)
                            + ")"));
        }
    }

    /** Adds the rows on losses: bad debt, socialized, deleveraged (with the accounts hit most) and the fund's. */
    private static void lossRows(List<SummaryRow> rows, RunSummary s, String unit) {
        int d = s.settlementDecimals();
        rows.add(new SummaryRow("Bad debt", amount(s.badDebt(), d, unit)));
        rows.add(new SummaryRow("Socialized loss", amount(s.socializedLoss(), d, unit)));
        rows.add(new SummaryRow("Auto-deleveraging", deleveraging(s.deleveraging(), d, unit)));
        for (Deleveraging.Hit h : s.deleveraging()
                .hit()
                .subList(0, Math.min(HIT_ROWS, s.deleveraging().hit().size()))) {
            rows.add(new SummaryRow(
                    "  deleveraged " + h.account(),
                    h.markets() + ": " + h.fills() + (h.fills() == 1 ? " fill, " : " fills, ")
                            + amount(h.notional(), d, unit) + " notional, charged " + amount(h.charged(), d, unit)
                            + ", from " + time(h.firstTimestamp()) + " (block " + h.firstBlock() + ")"));
        }
        rows.add(new SummaryRow("Shortfall (before the fund)", amount(s.shortfall(), d, unit)));
        rows.add(new SummaryRow(
                "Insurance fund",
                amount(s.insuranceFundStart(), d, unit) + " -> " + amount(s.insuranceFundEnd(), d, unit) + " (lowest "
                        + amount(s.insuranceFundMin(), d, unit) + ")"));
        rows.add(new SummaryRow("Insurance fund exhausted", exhausted(s, d, unit)));
    }

    /** Adds the rows on liquidations: how many, how delayed, how deep the cascades, how many at once and how late. */
    private static void liquidationRows(List<SummaryRow> rows, RunSummary s, String unit) {
        int d = s.settlementDecimals();
        rows.add(new SummaryRow(
                "Liquidations",
                String.format(java.util.Locale.ROOT, "%,d", s.liquidations()) + " ("
                        + amount(s.liquidationVolume(), d, unit) + " notional)"));
        rows.add(new SummaryRow(
                "Delayed by congestion", String.format(java.util.Locale.ROOT, "%,d", s.delayedLiquidations())));
        rows.add(new SummaryRow(
                "Max cascade depth",
                s.maxCascadeDepth() + " (" + s.cascadeLiquidations()
                        + " liquidations caused by earlier ones' impact)"));
        rows.add(new SummaryRow("Most accounts liquidatable at once", Integer.toString(s.maxLiquidatable())));
        rows.add(new SummaryRow(
                "Accounts underwater",
                String.format(java.util.Locale.ROOT, "%,d", s.liquidatedUnderwater())
                        + " liquidated with a shortfall; at most " + s.maxUnderwater() + " at a health check"));
        rows.add(new SummaryRow(
                "Longest wait to be liquidated",
                s.longestLiquidatableBlocks() + " blocks liquidatable before a keeper's transaction landed"));
    }

    /** How many deleveraged accounts the summary lists by name; {@code summary.json} lists more. */
    static final int HIT_ROWS = 5;

    /** {@return none, or the fills, notional, what they were charged, how many accounts and when} */
    private static String deleveraging(Deleveraging a, int d, String unit) {
        if (a.fills() == 0) {
            return "none";
        }
        return String.format(java.util.Locale.ROOT, "%,d", a.fills()) + " fills, " + amount(a.notional(), d, unit)
                + " notional closed, charged " + amount(a.charged(), d, unit) + ", "
                + String.format(java.util.Locale.ROOT, "%,d", a.accounts())
                + (a.accounts() == 1 ? " account" : " accounts")
                + ", " + time(a.firstTimestamp()) + " to " + time(a.lastTimestamp()) + " (blocks " + a.firstBlock()
                + " to " + a.lastBlock() + ")";
    }

    private static String time(long unix) {
        return java.time.Instant.ofEpochSecond(unix).toString();
    }

    /** {@return yes or no, and when the fund ran dry the losses it left uncovered beside the dust threshold} */
    private static String exhausted(RunSummary s, int d, String unit) {
        if (!s.fundRanDry()) {
            return "no";
        }
        String left = exact(s.uncoveredLoss(), d, unit) + " left uncovered";
        return s.fundExhausted()
                ? "yes (" + left + ")"
                : "no: it ran dry, but only " + left + ", within the " + exact(s.dust(), d, unit) + " dust threshold";
    }

    private static String exact(long units, int decimals, String unit) {
        return BigDecimal.valueOf(units, decimals).stripTrailingZeros().toPlainString() + " " + unit;
    }

    private static String amount(long units, int decimals, String unit) {
        BigDecimal v = BigDecimal.valueOf(units, decimals).setScale(2, java.math.RoundingMode.HALF_EVEN);
        return String.format(java.util.Locale.ROOT, "%,.2f", v) + " " + unit;
    }

    private static double money(long units, int decimals) {
        return BigDecimal.valueOf(units, decimals).doubleValue();
    }
}
