package dev.solvent.simulation.output;

import dev.solvent.model.protocol.Quantity;
import dev.solvent.simulation.lending.LendingResult;
import dev.solvent.simulation.lending.LendingRow;
import dev.solvent.simulation.lending.LendingSummary;
import dev.solvent.simulation.report.ProtocolSeries;
import dev.solvent.simulation.report.ReportWriter;
import dev.solvent.simulation.report.RunReport;
import dev.solvent.simulation.report.SummaryRow;
import dev.solvent.simulation.world.Setup;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A lending run's files, as an engine run's: {@code summary.json}, {@code timeseries.csv} (one row per block, the
 * protocol's own quantities among the columns), {@code events.jsonl} and {@code report.html} (the same page as an
 * engine run's, its summary naming the protocol's quantities: liquidations, reserve deficits). Values are exact
 * decimals; the same run gives the same bytes.
 */
public final class LendingFiles {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final CsvMapper CSV = CsvMapper.builder().build();
    private static final int V = LendingSummary.VALUE_DECIMALS;

    /** The unit values are shown in. */
    public static final String UNIT = "USD";

    private LendingFiles() {}

    private static String decimal(BigInteger units, int decimals) {
        return new BigDecimal(units, decimals).toPlainString();
    }

    /** {@return the summary as pretty JSON} */
    public static String summaryJson(LendingResult r) {
        LendingSummary s = r.summary();
        ObjectNode n = JSON.createObjectNode();
        n.put("scenario", s.scenario());
        n.put("protocol", s.protocol());
        n.put("valueUnit", s.valueUnit());
        n.put("seed", s.seed());
        n.put("blocks", s.blocks());
        n.put("accounts", s.accounts());
        ObjectNode skipped = n.putObject("skippedTraders");
        s.skipped().forEach(skipped::put);
        n.put("liquidations", s.liquidations());
        n.put("debtRepaid", decimal(s.debtRepaid(), V));
        n.put("keeperGain", decimal(s.keeperGain(), V));
        n.put("maxLiquidatable", s.maxLiquidatable());
        n.put("maxUnderwater", s.maxUnderwater());
        n.put("traderCalls", s.traderCalls());
        n.put("losses", decimal(s.losses(), V));
        n.put("maxLosses", decimal(s.maxLosses(), V));
        ObjectNode q = n.putObject("quantities");
        for (Tuple2<String, Quantity> e : s.quantities()) {
            ObjectNode o = q.putObject(e._1);
            o.put("amount", decimal(e._2.amount(), e._2.decimals()));
            o.put("unit", e._2.unit());
            o.put("kind", e._2.kind().name().toLowerCase(Locale.ROOT));
        }
        ObjectNode totals = n.putObject("totals");
        s.totals().forEach((k, v) -> totals.put(k, v.toString()));
        ArrayNode ks = n.putArray("keepers");
        for (LendingSummary.KeeperLine k : s.keepers()) {
            ObjectNode o = ks.addObject();
            o.put("name", k.name());
            o.put("strategy", k.strategy());
            o.put("liquidations", k.liquidations());
            o.put("reverted", k.reverted());
            o.put("gain", decimal(k.gain(), V));
        }
        ArrayNode corrections = n.putArray("priceCorrections");
        s.priceCorrections().forEach(corrections::add);
        return JSON.writeValueAsString(n) + "\n";
    }

    /** {@return one CSV row per block} */
    public static String timeseriesCsv(LendingResult r) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        List<String> header = new ArrayList<>(List.of("block", "timestamp"));
        for (String k : r.priceKeys()) {
            header.add("market " + k);
            header.add("oracle " + k);
        }
        header.addAll(List.of(
                "liquidatable",
                "liquidations",
                "debt_repaid",
                "keeper_gain",
                "underwater",
                "trader_calls",
                "trader_reverts",
                "losses",
                "buffers"));
        for (String q : r.quantityNames()) {
            header.add(q + " (" + r.quantityUnits().get(q).get().unit() + ")");
        }
        for (String t : r.totalNames()) {
            header.add("total " + t);
        }
        header.forEach(schema::addColumn);
        List<List<String>> rows = new ArrayList<>();
        for (LendingRow row : r.rows()) {
            List<String> out = new ArrayList<>();
            out.add(Long.toString(row.block()));
            out.add(Long.toString(row.timestamp()));
            for (int k = 0; k < r.priceKeys().size(); k++) {
                out.add(RunFiles.decimal(row.marketPrices().get(k), Setup.PRICE_DECIMALS));
                out.add(RunFiles.decimal(row.oraclePrices().get(k), Setup.PRICE_DECIMALS));
            }
            out.add(Integer.toString(row.liquidatable()));
            out.add(Integer.toString(row.liquidations()));
            out.add(decimal(row.debtRepaid(), V));
            out.add(decimal(row.keeperGain(), V));
            out.add(Integer.toString(row.underwater()));
            out.add(Integer.toString(row.traderCalls()));
            out.add(Integer.toString(row.traderReverts()));
            out.add(decimal(row.losses(), V));
            out.add(row.buffers().map(b -> decimal(b, V)).getOrElse(""));
            for (int q = 0; q < r.quantityNames().size(); q++) {
                int d = r.quantityUnits().get(r.quantityNames().get(q)).get().decimals();
                out.add(decimal(row.quantities().get(q), d));
            }
            for (BigInteger t : row.totals()) {
                out.add(t.toString());
            }
            rows.add(out);
        }
        return CSV.writer(schema.build()).writeValueAsString(rows);
    }

    /** {@return the events, one JSON object per line} */
    public static String eventsJsonl(LendingResult r) {
        StringBuilder b = new StringBuilder();
        for (String e : r.events()) {
            b.append(e).append('\n');
        }
        return b.toString();
    }

    /** {@return the summary as the rows a person reads first, on the console and atop the report} */
    public static List<SummaryRow> summary(LendingSummary s) {
        List<SummaryRow> rows = new ArrayList<>();
        rows.add(new SummaryRow("Protocol", s.protocol()));
        rows.add(new SummaryRow("Blocks", String.format(Locale.ROOT, "%,d", s.blocks())));
        if (!s.priceCorrections().isEmpty()) {
            rows.add(new SummaryRow(
                    "Bad prints removed",
                    s.priceCorrections().size() + " (" + String.join("; ", s.priceCorrections()) + ")"));
        }
        rows.add(new SummaryRow("Borrowers", String.format(Locale.ROOT, "%,d", s.accounts())));
        if (!s.skipped().isEmpty()) {
            List<String> why = new ArrayList<>();
            s.skipped().forEach((reason, n) -> why.add(n + " " + reason));
            rows.add(new SummaryRow("Traders skipped at setup", String.join("; ", why)));
        }
        rows.add(new SummaryRow(
                "Liquidations",
                String.format(Locale.ROOT, "%,d", s.liquidations()) + " (" + money(s.debtRepaid(), unit(s))
                        + " of debt repaid)"));
        rows.add(new SummaryRow("Keeper gain", money(s.keeperGain(), unit(s))));
        rows.add(new SummaryRow("Most accounts liquidatable at once", Integer.toString(s.maxLiquidatable())));
        rows.add(new SummaryRow(
                "Accounts underwater", "at most " + s.maxUnderwater() + " with debt and no collateral at once"));
        rows.add(new SummaryRow(
                "Losses (reserve deficits, bad debt)",
                money(s.losses()) + " at the end (most " + money(s.maxLosses()) + ")"));
        for (Tuple2<String, Quantity> q : s.quantities()) {
            rows.add(new SummaryRow(
                    capitalized(q._1),
                    new BigDecimal(q._2.amount(), q._2.decimals())
                                    .stripTrailingZeros()
                                    .toPlainString() + " " + q._2.unit()));
        }
        rows.add(new SummaryRow(
                "Trader calls (top-ups, repayments)", String.format(Locale.ROOT, "%,d", s.traderCalls())));
        for (LendingSummary.KeeperLine k : s.keepers()) {
            rows.add(new SummaryRow(
                    "Keeper " + k.name() + " (" + k.strategy() + ")",
                    k.liquidations() + " liquidations, " + k.reverted() + " reverted, gain "
                            + money(k.gain(), unit(s))));
        }
        return rows;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String money(BigInteger v) {
        return money(v, UNIT);
    }

    private static String money(BigInteger v, String unit) {
        BigDecimal d = new BigDecimal(v, V).setScale(2, RoundingMode.HALF_EVEN);
        return String.format(Locale.ROOT, "%,.2f", d) + " " + unit;
    }

    /**
     * {@return the currency of the protocol's values (debt repaid, keeper gains): the first word of its value unit,
     * USD for Aave and Comet, DAI for Maker} Losses are valued at the block's prices, in {@link #UNIT}.
     */
    private static String unit(LendingSummary s) {
        int comma = s.valueUnit().indexOf(',');
        return comma > 0 ? s.valueUnit().substring(0, comma) : UNIT;
    }

    /**
     * {@return the report: the engine's page, its series sampled as {@link RunReports} samples them} The fund chart
     * shows the protocol's buffers (none for Aave: empty), the loss chart its losses (Aave's reserve deficits) as bad
     * debt and their growth per sample as shortfall, the keeper chart the keepers' gain, the volume the debt repaid.
     */
    public static RunReport report(LendingResult r) {
        LendingSummary s = r.summary();
        int n = r.rows().size();
        ReportPoints points = new ReportPoints(n, r.priceKeys().size(), r.samples());
        List<Double> buffers = new ArrayList<>();
        List<Long> liquidations = new ArrayList<>();
        List<Double> volume = new ArrayList<>();
        List<Double> newLosses = new ArrayList<>();
        List<Double> zero = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Double> gain = new ArrayList<>();
        long liq = 0;
        BigInteger vol = BigInteger.ZERO;
        BigInteger gainSoFar = BigInteger.ZERO;
        BigInteger lossAtLastPoint = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            LendingRow row = r.rows().get(i);
            liq += row.liquidations();
            vol = vol.add(row.debtRepaid());
            gainSoFar = gainSoFar.add(row.keeperGain());
            if (!points.reach(i, row.block())) {
                continue;
            }
            points.add(row.block(), row.timestamp(), row.marketPrices(), row.oraclePrices());
            buffers.add(row.buffers().map(LendingFiles::value).getOrElse(Double.NaN));
            liquidations.add(liq);
            volume.add(value(vol));
            newLosses.add(value(row.losses().subtract(lossAtLastPoint).max(BigInteger.ZERO)));
            lossAtLastPoint = row.losses();
            zero.add(0.0);
            losses.add(value(row.losses()));
            gain.add(value(gainSoFar));
            liq = 0;
            vol = BigInteger.ZERO;
        }
        return new RunReport(
                "Solvent lending run on " + s.protocol() + ": " + s.scenario() + ", seed " + s.seed(),
                s.scenario(),
                s.seed(),
                summary(s),
                points.timeline(),
                points.markets(r.priceKeys()),
                new ProtocolSeries(UNIT, buffers, liquidations, volume, newLosses, zero, losses, zero, gain),
                points.health());
    }

    private static double value(BigInteger v) {
        return new BigDecimal(v, V).doubleValue();
    }

    /** {@return the names and texts of a run's four files} */
    public static Vector<Tuple2<String, String>> files(LendingResult r) {
        return Vector.of(
                new Tuple2<>("summary.json", summaryJson(r)),
                new Tuple2<>("timeseries.csv", timeseriesCsv(r)),
                new Tuple2<>("events.jsonl", eventsJsonl(r)),
                new Tuple2<>("report.html", ReportWriter.render(report(r))));
    }

    /** Writes a run's four files into a folder, none of them half-written. */
    public static void write(java.nio.file.Path folder, LendingResult r) {
        OutputFolder.write(folder, files(r));
    }
}
