package dev.solvent.sweepspark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.sweep.CellResult;
import dev.solvent.simulation.sweep.LocalSweep;
import dev.solvent.simulation.sweep.Sweep;
import dev.solvent.simulation.sweep.SweepFiles;
import dev.solvent.simulation.sweep.SweepReader;
import dev.solvent.simulation.sweep.SweepTable;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sweep on Spark in local mode (two cores, loopback): the same table as the local runner, failed cells, Parquet. */
class SparkSweepTest {

    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .config(SweepCommand.settings(new SparkConf(false).setMaster("local[2]"), "SparkSweepTest"))
                .getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Path resource(String name) {
        try {
            return Path.of(SparkSweepTest.class.getResource("/sweeps/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 7})
    void resultsCsvIsTheLocalSweepsByteForByteWhateverThePartitions(int partitions, @TempDir Path dir)
            throws Exception {
        Sweep sweep = SweepReader.read(resource("small-2x2.yaml"));
        List<CellResult> local = LocalSweep.run(sweep, 2, null, r -> {});
        SweepFiles.write(dir.resolve("local"), sweep, local);

        List<CellResult> onSpark = SparkSweep.run(sc, sweep, partitions);
        SweepFiles.write(dir.resolve("spark"), sweep, onSpark);

        assertThat(onSpark).hasSize(8).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(onSpark).isEqualTo(local);
        byte[] expected = Files.readAllBytes(dir.resolve("local").resolve("results.csv"));
        assertThat(Files.readAllBytes(dir.resolve("spark").resolve("results.csv")))
                .isEqualTo(expected);
        // not a table of blanks: 4 points, each with liquidations, and the small fund lets a loss through
        String csv = Files.readString(dir.resolve("spark").resolve("results.csv"));
        assertThat(csv.lines()).hasSize(5);
        SweepTable table = SweepTable.of(sweep, onSpark);
        int liquidations = table.columns().indexOf("liquidations_mean");
        assertThat(table.rows())
                .allSatisfy(row -> assertThat(row.get(liquidations)).isNotEqualTo("0.00"));
        assertThat(onSpark.stream()
                        .mapToLong(r -> SweepTable.badDebt(r.summary()))
                        .max()
                        .getAsLong())
                .isPositive();
    }

    @Test
    void aRunThatThrowsIsAFailedCellWithItsReasonAndTheRestOfTheSweepRuns(@TempDir Path dir) throws Exception {
        Sweep sweep = SweepReader.read(resource("failing.yaml"));
        List<CellResult> results = SparkSweep.run(sc, sweep, 3);

        // points 1 and 3 have blocks 0: both of their runs threw inside the run, on an executor
        assertThat(results).hasSize(8);
        assertThat(results.stream().filter(r -> !r.ok()).map(r -> r.point() + "/" + r.run()))
                .containsExactly("1/0", "1/1", "3/0", "3/1");
        assertThat(results.stream().filter(r -> !r.ok()))
                .allSatisfy(r -> assertThat(r.error()).contains("blocks: 0 is not valid with a generated price"));
        SweepTable table = SweepTable.of(sweep, results);
        int failed = table.columns().indexOf("failed");
        int firstError = table.columns().indexOf("first_error");
        assertThat(table.rows().stream().map(row -> row.get(failed))).containsExactly("0", "2", "0", "2");
        assertThat(table.rows().get(1).get(firstError)).startsWith("run 0: blocks: 0 is not valid");

        SweepFiles.write(dir.resolve("local"), sweep, LocalSweep.run(sweep, 2, null, r -> {}));
        SweepFiles.write(dir.resolve("spark"), sweep, results);
        assertThat(Files.readAllBytes(dir.resolve("spark").resolve("results.csv")))
                .isEqualTo(Files.readAllBytes(dir.resolve("local").resolve("results.csv")));
    }

    @Test
    void runsParquetHasOneRowPerRunWithEveryRunSummaryField(@TempDir Path dir) throws Exception {
        Sweep sweep = SweepReader.read(resource("failing.yaml"));
        List<CellResult> results = SparkSweep.run(sc, sweep, 2);
        String path = dir.resolve("runs.parquet").toUri().toString();
        RunsParquet.write(spark, results, path);

        Dataset<Row> read = spark.read().parquet(path);
        // Parquet reads every column back as nullable; names and types are what the schema says
        assertThat(Arrays.stream(read.schema().fields()).map(SparkSweepTest::column))
                .containsExactlyElementsOf(Arrays.stream(RunsParquet.SCHEMA.fields())
                        .map(SparkSweepTest::column)
                        .toList());
        assertThat(read.schema().fieldNames())
                .startsWith("point", "run", "seed")
                .endsWith("error");
        for (RecordComponent c : RunSummary.class.getRecordComponents()) {
            assertThat(read.schema().fieldNames())
                    .as("a column for RunSummary.%s", c.getName())
                    .contains(snake(c));
        }
        assertThat(read.count()).isEqualTo(8);
        assertThat(read.select("point", "run").distinct().count()).isEqualTo(8);

        CellResult ok = results.get(1);
        Row row = read.where("point = 0 and run = 1").first();
        RunSummary s = ok.summary();
        assertThat(row.<Long>getAs("seed")).isEqualTo(ok.seed()).isEqualTo(s.seed());
        assertThat(row.<String>getAs("scenario")).isEqualTo(s.scenario());
        assertThat(row.<Integer>getAs("blocks")).isEqualTo(200);
        assertThat(row.<Long>getAs("liquidations")).isEqualTo(s.liquidations());
        assertThat(row.<Long>getAs("bad_debt")).isEqualTo(s.badDebt());
        assertThat(row.<Long>getAs("insurance_fund_min")).isEqualTo(s.insuranceFundMin());
        assertThat(row.<Boolean>getAs("fund_exhausted")).isEqualTo(s.fundExhausted());
        assertThat(row.<Long>getAs("keeper_profit")).isEqualTo(s.keeperProfit());
        List<Row> keepers = row.getList(row.fieldIndex("keepers"));
        assertThat(keepers.stream().map(k -> k.<String>getAs("name")))
                .containsExactlyElementsOf(
                        s.keepers().stream().map(k -> k.name()).toList());
        assertThat(keepers.get(0).<Long>getAs("net_profit"))
                .isEqualTo(s.keepers().get(0).netProfit());
        assertThat(row.isNullAt(row.fieldIndex("error"))).isTrue();

        Row bad = read.where("point = 3 and run = 0").first();
        assertThat(bad.<String>getAs("error")).contains("blocks: 0 is not valid with a generated price");
        assertThat(bad.isNullAt(bad.fieldIndex("liquidations"))).isTrue();
        assertThat(bad.isNullAt(bad.fieldIndex("keepers"))).isTrue();
        assertThat(bad.<Long>getAs("seed")).isEqualTo(Sweep.runSeed(sweep.seed(), 3, 0));
    }

    @Test
    void byDefaultTheRunsGoInAFewTasksPerCoreNotOneTaskPerRun() {
        Sweep sweep = SweepReader.read(resource("small-2x2.yaml"));
        // local[2]: two cores, three tasks each, for eight runs
        assertThat(sc.defaultParallelism()).isEqualTo(2);
        assertThat(SparkSweep.defaultPartitions(sc, sweep)).isEqualTo(6);
        Sweep bigger = new Sweep(
                sweep.source(),
                sweep.scenarioSource(),
                sweep.scenarioYaml(),
                sweep.seed(),
                1_000,
                sweep.fixed(),
                sweep.parameters(),
                sweep.values(),
                sweep.heatmapX(),
                sweep.heatmapY());
        assertThat(SparkSweep.defaultPartitions(sc, bigger)).isEqualTo(6);
    }

    @Test
    void withoutAMasterTheSweepRunsLocallyOnLoopbackWithoutAWebUi() {
        SparkConf local = SweepCommand.settings(new SparkConf(false), "app");
        assertThat(local.get("spark.master")).isEqualTo("local[*]");
        assertThat(local.get("spark.ui.enabled")).isEqualTo("false");
        assertThat(local.get("spark.driver.host")).isEqualTo("127.0.0.1");
        assertThat(local.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");

        SparkConf cluster = SweepCommand.settings(new SparkConf(false).setMaster("spark://master.example:7077"), "app");
        assertThat(cluster.get("spark.master")).isEqualTo("spark://master.example:7077");
        assertThat(cluster.contains("spark.driver.host")).isFalse();
        assertThat(cluster.contains("spark.ui.enabled")).isFalse();
        assertThat(SweepCommand.settings(new SparkConf(false).setMaster("local[2]"), "app")
                        .get("spark.master"))
                .isEqualTo("local[2]");
    }

    private static String column(StructField f) {
        return f.name() + ":" + f.dataType().catalogString();
    }

    private static String snake(RecordComponent c) {
        return c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
