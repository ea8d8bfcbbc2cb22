package dev.solvent.simulation.output;

import dev.solvent.simulation.metrics.BlockRow;
import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.metrics.KeeperResult;
import dev.solvent.simulation.metrics.RunResult;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.world.Setup;
import io.vavr.collection.Vector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Renders a run's machine-readable outputs: {@code summary.json}, {@code timeseries.csv} (one row per block) and
 * {@code events.jsonl}. Money is written as exact decimals of the settlement asset, prices with 8 decimals; the same run
 * gives the same bytes.
 */
public final class RunFiles {

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final CsvMapper CSV = CsvMapper.builder().build();

    private RunFiles() {}

    /** {@return {@code units} base units of a token with {@code decimals} decimals, as an exact decimal} */
    public static String decimal(long units, int decimals) {
        return BigDecimal.valueOf(units, decimals).toPlainString();
    }

    /** {@return the summary as pretty JSON} */
    public static String summaryJson(RunResult result) {
        return JSON.writeValueAsString(summaryNode(result.summary(), result.stoppedBy())) + "\n";
    }

    /** {@return the summary as a JSON tree, money as decimals} */
    public static ObjectNode summaryNode(RunSummary s, String stoppedBy) {
        int d = s.settlementDecimals();
        ObjectNode n = JSON.createObjectNode();
        n.put("scenario", s.scenario());
        n.put("seed", s.seed());
        n.put("blocks", s.blocks());
        if (!stoppedBy.isEmpty()) {
            n.put("stoppedBy", stoppedBy);
        }
        n.put("accounts", s.accounts());
        n.put("skippedTraders", s.skippedTraders());
        ObjectNode reasons = n.putObject("skippedReasons");
        s.skippedReasons().forEach(reasons::put);
        n.put("liquidations", s.liquidations());
        n.put("liquidationVolume", decimal(s.liquidationVolume(), d));
        n.put("delayedLiquidations", s.delayedLiquidations());
        n.put("maxLiquidatable", s.maxLiquidatable());
        n.put("maxCascadeDepth", s.maxCascadeDepth());
        n.put("cascadeLiquidations", s.cascadeLiquidations());
        n.put("shortfall", decimal(s.shortfall(), d));
        n.put("insuranceFundStart", decimal(s.insuranceFundStart(), d));
        n.put("insuranceFundMin", decimal(s.insuranceFundMin(), d));
        n.put("insuranceFundEnd", decimal(s.insuranceFundEnd(), d));
        n.put("insuranceFundDrawdown", decimal(s.insuranceFundDrawdown(), d));
        n.put("fundExhausted", s.fundExhausted());
        n.put("fundRanDry", s.fundRanDry());
        n.put("uncoveredLoss", decimal(s.uncoveredLoss(), d));
        n.put("dust", decimal(s.dust(), d));
        n.put("socializedLoss", decimal(s.socializedLoss(), d));
        n.put("deleveraged", decimal(s.deleveraged(), d));
        n.set("deleveraging", deleveragingNode(s.deleveraging(), d));
        n.put("badDebt", decimal(s.badDebt(), d));
        n.put("liquidatedUnderwater", s.liquidatedUnderwater());
        n.put("longestLiquidatableBlocks", s.longestLiquidatableBlocks());
        n.put("maxUnderwater", s.maxUnderwater());
        n.put("underwaterAccountBlocks", s.underwaterAccountBlocks());
        n.put("longestUnderwaterBlocks", s.longestUnderwaterBlocks());
        n.put("keeperProfit", decimal(s.keeperProfit(), d));
        ArrayNode corrections = n.putArray("priceCorrections");
        s.priceCorrections().forEach(corrections::add);
        ArrayNode ks = n.putArray("keepers");
        for (KeeperResult k : s.keepers()) {
            ObjectNode o = ks.addObject();
            o.put("name", k.name());
            o.put("strategy", k.strategy());
            o.put("sent", k.sent());
            o.put("reverted", k.reverted());
            o.put("liquidations", k.liquidations());
            o.put("missed", k.missed());
            o.put("gasSpent", decimal(k.gasSpent(), d));
            o.put("rewards", decimal(k.rewards(), d));
            o.put("netProfit", decimal(k.netProfit(), d));
        }
        return n;
    }

    /** {@return what auto-deleveraging did, as JSON: fills, notional, charged, accounts, when, and who} */
    static ObjectNode deleveragingNode(Deleveraging a, int d) {
        ObjectNode n = JSON.createObjectNode();
        n.put("fills", a.fills());
        n.put("notional", decimal(a.notional(), d));
        n.put("charged", decimal(a.charged(), d));
        n.put("accounts", a.accounts());
        if (a.fills() > 0) {
            n.put("firstBlock", a.firstBlock());
            n.put(
                    "firstTime",
                    java.time.Instant.ofEpochSecond(a.firstTimestamp()).toString());
            n.put("lastBlock", a.lastBlock());
            n.put("lastTime", java.time.Instant.ofEpochSecond(a.lastTimestamp()).toString());
        }
        ArrayNode hit = n.putArray("largest");
        for (Deleveraging.Hit h : a.hit()) {
            ObjectNode o = hit.addObject();
            o.put("account", h.account());
            o.put("markets", h.markets());
            o.put("fills", h.fills());
            o.put("notional", decimal(h.notional(), d));
            o.put("charged", decimal(h.charged(), d));
            o.put("firstBlock", h.firstBlock());
            o.put(
                    "firstTime",
                    java.time.Instant.ofEpochSecond(h.firstTimestamp()).toString());
        }
        return n;
    }

    /** {@return one CSV row per block} */
    public static String timeseriesCsv(RunResult result) {
        int d = result.summary().settlementDecimals();
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        List<String> header = new ArrayList<>(List.of("block", "timestamp"));
        for (String k : result.priceKeys()) {
            header.add("market " + k);
            header.add("oracle " + k);
        }
        header.addAll(List.of(
                "liquidatable",
                "liquidations",
                "liquidation_volume",
                "insurance_fund",
                "shortfall",
                "socialized",
                "bad_debt",
                "base_fee_gwei",
                "gas_used",
                "keeper_profit",
                "pending_liquidations",
                "trader_txs",
                "adl_fills",
                "adl_notional",
                "deleveraged"));
        header.forEach(schema::addColumn);
        List<List<String>> rows = new ArrayList<>();
        for (BlockRow r : result.rows()) {
            List<String> row = new ArrayList<>();
            row.add(Long.toString(r.block()));
            row.add(Long.toString(r.timestamp()));
            for (int k = 0; k < result.priceKeys().size(); k++) {
                row.add(decimal(r.marketPrices().get(k), Setup.PRICE_DECIMALS));
                row.add(decimal(r.oraclePrices().get(k), Setup.PRICE_DECIMALS));
            }
            row.add(Integer.toString(r.liquidatable()));
            row.add(Integer.toString(r.liquidations()));
            row.add(decimal(r.liquidationVolume(), d));
            row.add(decimal(r.insuranceFund(), d));
            row.add(decimal(r.shortfall(), d));
            row.add(decimal(r.socialized(), d));
            row.add(decimal(r.badDebt(), d));
            row.add(decimal(r.baseFee(), 9));
            row.add(Long.toString(r.gasUsed()));
            row.add(decimal(r.keeperProfit(), d));
            row.add(Integer.toString(r.pendingLiquidations()));
            row.add(Integer.toString(r.traderTransactions()));
            row.add(Integer.toString(r.adlFills()));
            row.add(decimal(r.adlNotional(), d));
            row.add(decimal(r.deleveraged(), d));
            rows.add(row);
        }
        return CSV.writer(schema.build()).writeValueAsString(rows);
    }

    /** {@return the events, one JSON object per line} */
    public static String eventsJsonl(RunResult result) {
        StringBuilder b = new StringBuilder();
        for (String e : result.events()) {
            b.append(e).append('\n');
        }
        return b.toString();
    }

    /** {@return the names and texts of a run's four files} */
    public static Vector<io.vavr.Tuple2<String, String>> files(RunResult result, String settlementAsset) {
        return Vector.of(
                new io.vavr.Tuple2<>("summary.json", summaryJson(result)),
                new io.vavr.Tuple2<>("timeseries.csv", timeseriesCsv(result)),
                new io.vavr.Tuple2<>("events.jsonl", eventsJsonl(result)),
                new io.vavr.Tuple2<>(
                        "report.html",
                        dev.solvent.simulation.report.ReportWriter.render(RunReports.of(result, settlementAsset))));
    }

    /** Writes a run's four files into a folder, none of them half-written. */
    public static void write(java.nio.file.Path folder, RunResult result, String settlementAsset) {
        OutputFolder.write(folder, files(result, settlementAsset));
    }
}
