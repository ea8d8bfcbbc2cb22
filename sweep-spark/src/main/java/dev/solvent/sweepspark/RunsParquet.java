package dev.solvent.sweepspark;

import dev.solvent.simulation.metrics.Deleveraging;
import dev.solvent.simulation.metrics.KeeperResult;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.sweep.CellResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The per-run summaries of a sweep as a table with an explicit schema, one row per run, for users who analyse runs in
 * Spark or pandas: {@code point}, {@code run}, {@code seed}, every {@link RunSummary} field in snake case (money in
 * settlement base units, {@code settlement_decimals} decimals; {@code keepers} as a list of structs, {@code deleveraging} as a struct), then
 * {@code error}. A failed run has nulls for the summary's fields and its reason in {@code error}; a finished run has a
 * null {@code error}. The summary's own seed is the run's seed, so it appears once.
 */
public final class RunsParquet {

    /** One keeper's ledger, the fields of {@link KeeperResult}. */
    public static final StructType KEEPER = new StructType(new StructField[] {
        field("name", DataTypes.StringType),
        field("strategy", DataTypes.StringType),
        field("sent", DataTypes.LongType),
        field("reverted", DataTypes.LongType),
        field("liquidations", DataTypes.LongType),
        field("missed", DataTypes.LongType),
        field("gas_spent", DataTypes.LongType),
        field("rewards", DataTypes.LongType),
        field("net_profit", DataTypes.LongType)
    });

    /** One account auto-deleveraging hit, the fields of {@link Deleveraging.Hit}. */
    public static final StructType DELEVERAGED_ACCOUNT = new StructType(new StructField[] {
        field("account", DataTypes.StringType),
        field("markets", DataTypes.StringType),
        field("fills", DataTypes.LongType),
        field("notional", DataTypes.LongType),
        field("charged", DataTypes.LongType),
        field("first_block", DataTypes.LongType),
        field("first_timestamp", DataTypes.LongType)
    });

    /** What auto-deleveraging did in a run, the fields of {@link Deleveraging}. */
    public static final StructType DELEVERAGING = new StructType(new StructField[] {
        field("fills", DataTypes.LongType),
        field("notional", DataTypes.LongType),
        field("charged", DataTypes.LongType),
        field("accounts", DataTypes.IntegerType),
        field("first_block", DataTypes.LongType),
        field("first_timestamp", DataTypes.LongType),
        field("last_block", DataTypes.LongType),
        field("last_timestamp", DataTypes.LongType),
        field("hit", DataTypes.createArrayType(DELEVERAGED_ACCOUNT, false))
    });

    /** The schema of {@code runs.parquet}. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
        new StructField("point", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("run", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("seed", DataTypes.LongType, false, Metadata.empty()),
        field("scenario", DataTypes.StringType),
        field("blocks", DataTypes.IntegerType),
        field("settlement_decimals", DataTypes.IntegerType),
        field("accounts", DataTypes.IntegerType),
        field("liquidations", DataTypes.LongType),
        field("liquidation_volume", DataTypes.LongType),
        field("delayed_liquidations", DataTypes.LongType),
        field("max_liquidatable", DataTypes.IntegerType),
        field("max_cascade_depth", DataTypes.IntegerType),
        field("cascade_liquidations", DataTypes.LongType),
        field("shortfall", DataTypes.LongType),
        field("insurance_fund_start", DataTypes.LongType),
        field("insurance_fund_min", DataTypes.LongType),
        field("insurance_fund_end", DataTypes.LongType),
        field("fund_ran_dry", DataTypes.BooleanType),
        field("fund_exhausted", DataTypes.BooleanType),
        field("uncovered_loss", DataTypes.LongType),
        field("dust", DataTypes.LongType),
        field("socialized_loss", DataTypes.LongType),
        field("deleveraged", DataTypes.LongType),
        field("bad_debt", DataTypes.LongType),
        field("liquidated_underwater", DataTypes.LongType),
        field("longest_liquidatable_blocks", DataTypes.LongType),
        field("max_underwater", DataTypes.IntegerType),
        field("underwater_account_blocks", DataTypes.LongType),
        field("longest_underwater_blocks", DataTypes.LongType),
        field("keepers", DataTypes.createArrayType(KEEPER, false)),
        field("keeper_profit", DataTypes.LongType),
        field("price_corrections", DataTypes.createArrayType(DataTypes.StringType, false)),
        field("skipped_traders", DataTypes.IntegerType),
        field("skipped_reasons", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, false)),
        field("deleveraging", DELEVERAGING),
        field("error", DataTypes.StringType)
    });

    private RunsParquet() {}

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    /** {@return one row of {@link #SCHEMA}} */
    public static Row row(CellResult r) {
        RunSummary s = r.summary();
        if (s == null) {
            Object[] v = new Object[SCHEMA.size()];
            v[0] = r.point();
            v[1] = r.run();
            v[2] = r.seed();
            v[v.length - 1] = r.error();
            return RowFactory.create(v);
        }
        List<Row> keepers = new ArrayList<>();
        for (KeeperResult k : s.keepers()) {
            keepers.add(RowFactory.create(
                    k.name(),
                    k.strategy(),
                    k.sent(),
                    k.reverted(),
                    k.liquidations(),
                    k.missed(),
                    k.gasSpent(),
                    k.rewards(),
                    k.netProfit()));
        }
        return RowFactory.create(
                r.point(),
                r.run(),
                r.seed(),
                s.scenario(),
                s.blocks(),
                s.settlementDecimals(),
                s.accounts(),
                s.liquidations(),
                s.liquidationVolume(),
                s.delayedLiquidations(),
                s.maxLiquidatable(),
                s.maxCascadeDepth(),
                s.cascadeLiquidations(),
                s.shortfall(),
                s.insuranceFundStart(),
                s.insuranceFundMin(),
                s.insuranceFundEnd(),
                s.fundRanDry(),
                s.fundExhausted(),
                s.uncoveredLoss(),
                s.dust(),
                s.socializedLoss(),
                s.deleveraged(),
                s.badDebt(),
                s.liquidatedUnderwater(),
                s.longestLiquidatableBlocks(),
                s.maxUnderwater(),
                s.underwaterAccountBlocks(),
                s.longestUnderwaterBlocks(),
                keepers,
                s.keeperProfit(),
                s.priceCorrections(),
                s.skippedTraders(),
                s.skippedReasons(),
                deleveraging(s.deleveraging()),
                null);
    }

    private static Row deleveraging(Deleveraging d) {
        List<Row> hit = new ArrayList<>();
        for (Deleveraging.Hit h : d.hit()) {
            hit.add(RowFactory.create(
                    h.account(),
                    h.markets(),
                    h.fills(),
                    h.notional(),
                    h.charged(),
                    h.firstBlock(),
                    h.firstTimestamp()));
        }
        return RowFactory.create(
                d.fills(),
                d.notional(),
                d.charged(),
                d.accounts(),
                d.firstBlock(),
                d.firstTimestamp(),
                d.lastBlock(),
                d.lastTimestamp(),
                hit);
    }

    /** {@return the runs as a Dataset of {@link #SCHEMA}, sorted by point and run} */
    public static Dataset<Row> of(SparkSession spark, List<CellResult> results) {
        List<Row> rows = new ArrayList<>();
        results.stream()
                .sorted(Comparator.comparingInt(CellResult::point).thenComparingInt(CellResult::run))
                .forEach(r -> rows.add(row(r)));
        return spark.createDataFrame(rows, SCHEMA);
    }

    /**
     * Writes the runs as Parquet at a path Spark can write (a folder such as {@code out/runs.parquet}, or an
     * {@code hdfs://} or {@code s3a://} URI), replacing what was there.
     */
    public static void write(SparkSession spark, List<CellResult> results, String path) {
        of(spark, results).coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
    }
}
