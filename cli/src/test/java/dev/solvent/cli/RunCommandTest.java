package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.tx.Event;
import dev.solvent.properties.invariant.Invariant;
import dev.solvent.properties.invariant.Violation;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code solvent run}, {@code solvent scenarios} and {@code solvent sweep} as a user calls them. */
class RunCommandTest {

    /** The simulation's small test scenario, seen from this module's folder. */
    static final Path SMALL = Path.of("..", "simulation", "src", "test", "resources", "scenarios", "small.yaml");

    static String[] small(Path out, String... more) {
        return Stream.concat(
                        Stream.of("run", SMALL.toString(), "--out", out.toString(), "--no-progress"), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void listsTheBundledScenariosOneLineEach() {
        Cli.Run run = Cli.run("scenarios");
        assertThat(run.code()).isZero();
        assertThat(run.out().lines()).hasSize(10);
        assertThat(run.out().lines().findFirst().get()).startsWith("march-2020").endsWith("(default)");
        assertThat(run.out()).contains("luna-2022").contains("jump-stress").contains("aave-may-2021");
        assertThat(run.out()).contains("comet-ftx-2022").contains("maker-march-2020");
    }

    @Test
    void runsALendingScenarioOnTheMakerMirrorWithMakersOwnQuantities(@TempDir Path dir) throws IOException {
        Cli.Run run = Cli.run(
                "run",
                "maker-march-2020",
                "--out",
                dir.toString(),
                "--no-progress",
                "--set",
                "traders.count=20",
                "--set",
                "blocks=100");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("maker-march-2020 (seed 2020)")
                .contains("maker-liq2")
                .contains("Auction proceeds")
                .contains("Vow sin")
                .contains("Uncovered")
                .contains("DAI of debt repaid");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"protocol\" : \"maker-liq2\"");
    }

    @Test
    void aBadMakerFieldIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Cli.Run run =
                Cli.run("run", "maker-march-2020", "--out", dir.resolve("x").toString(), "--set", "market.chop=1.13x");
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("--set market.chop: \"1.13x\" is not valid; valid: a decimal string in [1, 2] with at most 18"
                        + " decimals (a WAD), such as \"1.13\"");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void runsALendingScenarioOnTheCometMirrorWithCometsOwnQuantities(@TempDir Path dir) throws IOException {
        Cli.Run run = Cli.run(
                "run",
                "comet-ftx-2022",
                "--out",
                dir.toString(),
                "--no-progress",
                "--set",
                "traders.count=20",
                "--set",
                "blocks=100");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("comet-ftx-2022 (seed 2022)")
                .contains("comet")
                .contains("Reserves")
                .contains("Collateral reserves WBTC")
                .contains("Collateral reserves WETH");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"protocol\" : \"comet\"");
    }

    @Test
    void aBadCometFieldIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Cli.Run run = Cli.run(
                "run",
                "comet-ftx-2022",
                "--out",
                dir.resolve("x").toString(),
                "--set",
                "market.assets.WETH.liquidationFactor=1.2");
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("--set market.assets.WETH.liquidationFactor: 1.2 is out of range; valid: a decimal number in"
                        + " [0, 1]");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void runsALendingScenarioOnTheAaveMirrorIntoTheSameFourFiles(@TempDir Path dir) throws IOException {
        Cli.Run run = Cli.run(
                "run",
                "aave-may-2021",
                "--out",
                dir.toString(),
                "--no-progress",
                "--set",
                "traders.count=20",
                "--set",
                "blocks=100");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("aave-may-2021 (seed 2021)")
                .contains("aave-v3.3")
                .contains("Deficit USDC")
                .contains("Report: ");
        for (String f : java.util.List.of("summary.json", "timeseries.csv", "events.jsonl", "report.html")) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"protocol\" : \"aave-v3.3\"");
    }

    @Test
    void aBadLendingFieldIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Cli.Run run =
                Cli.run("run", "aave-may-2021", "--out", dir.resolve("x").toString(), "--set", "traders.borrow=DAI");
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--set traders.borrow: \"DAI\" is not valid; valid: a reserve of");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void runsAScenarioIntoFourWholeFilesTheSameEachTime(@TempDir Path dir) throws IOException {
        Cli.Run first = Cli.run(small(dir.resolve("a"), "--set", "traders.count=100", "--set", "blocks=300"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("small (seed 7)")
                .contains("Liquidations")
                .contains("Report: ");
        try (Stream<Path> files = Files.list(dir.resolve("a"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("summary.json", "timeseries.csv", "events.jsonl", "report.html");
        }
        Cli.Run second = Cli.run(small(dir.resolve("b"), "--set", "traders.count=100", "--set", "blocks=300"));
        assertThat(second.code()).isZero();
        for (String f : new String[] {"summary.json", "timeseries.csv", "events.jsonl", "report.html"}) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
        Cli.Run other =
                Cli.run(small(dir.resolve("c"), "--set", "traders.count=100", "--set", "blocks=300", "--seed", "8"));
        assertThat(Files.readString(dir.resolve("c").resolve("summary.json")))
                .contains("\"seed\" : 8")
                .isNotEqualTo(Files.readString(dir.resolve("a").resolve("summary.json")));
        assertThat(other.code()).isZero();
    }

    @Test
    void theBundledAdlScenarioShowsTheDeleveragingAndIsTheSameEachTime(@TempDir Path dir) throws IOException {
        // cut at block 2,900 (21:40 UTC), after the crash: the blocks before it do not depend on the ones after
        String[] a = {
            "run", "october-2025-adl", "--out", dir.resolve("a").toString(), "--no-progress", "--set", "blocks=2900"
        };
        Cli.Run first = Cli.run(a);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("october-2025-adl (seed 2025)")
                .containsPattern("Auto-deleveraging +[0-9,]+ fills, [0-9,.]+ USDC notional closed, charged")
                .contains("deleveraged t0");
        assertThat(Files.readString(dir.resolve("a").resolve("events.jsonl"))).contains("PositionAutoDeleveraged");
        String[] b = a.clone();
        b[3] = dir.resolve("b").toString();
        assertThat(Cli.run(b).code()).isZero();
        for (String f : new String[] {"summary.json", "timeseries.csv", "events.jsonl", "report.html"}) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
        }
    }

    @Test
    void aBadScenarioNamesEveryProblemAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("never");
        Cli.Run run = Cli.run(small(out, "--set", "traders.count=0", "--set", "oracle.latencyBlocks=-1"));
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("traders.count: 0 is out of range; valid: a whole number in [1, 2000000]")
                .contains("oracle.latencyBlocks: -1 is out of range")
                .contains("solvent run: 2 problems in the input; nothing was written");
        assertThat(out).doesNotExist();
        Cli.Run unknown = Cli.run("run", "black-thursday", "--out", out.toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err())
                .contains("black-thursday: no bundled scenario of that name; valid: one of march-2020");
    }

    @Test
    void anOutputThatIsAFileIsRefusedBeforeRunning(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        Cli.Run run = Cli.run(small(file));
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--out: " + file + " is a file; valid: a folder");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void theCatalogueHoldsOnTheSmallScenario(@TempDir Path dir) {
        Cli.Run run = Cli.run(small(dir, "--set", "traders.count=60", "--set", "blocks=200", "--check-invariants"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("Invariants: all " + dev.solvent.properties.invariant.Invariants.ALL.size()
                        + " held on every block");
        assertThat(dir.resolve("replay")).doesNotExist();
    }

    @Test
    void anInternalErrorExitsSeventyWithTheStackTraceAndWritesNothing(@TempDir Path dir) {
        // a bug provoked inside the block loop: an invariant whose check throws
        Invariant broken = Invariant.ofState("TEST-BUG", "a bug", "throws", s -> {
            throw new IllegalStateException("provoked internal error");
        });
        CommandLine cl = new CommandLine(new SolventCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof RunCommand r) {
                    r.invariants = Vector.of(broken);
                }
                return made;
            }
        });
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        cl.setErr(new java.io.PrintWriter(err));
        Path out = dir.resolve("run");

        int code = cl.execute(small(out, "--set", "traders.count=20", "--check-invariants"));

        assertThat(code).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(err.toString())
                .contains("java.lang.IllegalStateException: provoked internal error")
                .contains("at dev.solvent.simulation.Simulation.run");
        assertThat(out).doesNotExist();
    }

    @Test
    void aViolationStopsTheRunAndItsReplayReproducesIt(@TempDir Path dir) throws IOException {
        // an invariant the small scenario's crash breaks: "nobody is ever liquidated"
        Invariant never = Invariant.ofTransition(
                "TEST-1",
                "no liquidations",
                "nobody is liquidated",
                t -> t.result().isRight() && t.result().get().events().exists(e -> e instanceof Event.AccountLiquidated)
                        ? Vector.of(Violation.of("TEST-1", "an account was liquidated"))
                        : Vector.empty());
        CommandLine cl = new CommandLine(new SolventCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K made = CommandLine.defaultFactory().create(type);
                if (made instanceof RunCommand r) {
                    r.invariants = Vector.of(never);
                }
                return made;
            }
        });
        java.io.StringWriter out = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        int code = cl.execute(small(dir, "--set", "traders.count=60", "--check-invariants"));
        assertThat(code).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(out.toString())
                .contains("TEST-1 violated: an account was liquidated")
                .contains("Reproduce:");
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"stoppedBy\" : \"TEST-1 violated");
        Path state = dir.resolve("replay").resolve("state.json");
        Path txs = dir.resolve("replay").resolve("txs.json");
        Cli.Run replay = Cli.run("replay", state.toString(), txs.toString());
        assertThat(replay.code()).as(replay.err()).isZero();
        // under a mechanism replay files cannot describe, the run still stops and says why there is no replay
        java.io.StringWriter out2 = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out2));
        int code2 = cl.execute(small(
                dir.resolve("maker"),
                "--set",
                "traders.count=60",
                "--set",
                "protocol.preset=MAKER_STYLE",
                "--check-invariants"));
        assertThat(code2).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(out2.toString())
                .contains("TEST-1 violated")
                .contains("No replay written: replay files are written for the AccountWide liquidation policy only");
        // the last transaction of the replay is the liquidation that broke the invariant
        String json = replay.out();
        int last = json.lastIndexOf("\"index\"");
        assertThat(json.substring(last)).contains("AccountLiquidated");
    }

    @Test
    void sweepsASmallGridAndRefusesBadInput(@TempDir Path dir) throws IOException {
        Path sweep = Files.writeString(
                dir.resolve("sweep.yaml"), """
                scenario: %s
                runs: 2
                set: {traders.count: "60", blocks: "150"}
                grid:
                  protocol.insuranceFund: ["1000", "50000"]
                """.formatted(SMALL.toAbsolutePath().normalize()));
        Path out = dir.resolve("out");
        Cli.Run run = Cli.run("sweep", sweep.toString(), "--out", out.toString(), "--threads", "2", "--no-progress");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 points x 2 runs on 2 threads").contains("bad debt P95");
        assertThat(Files.readString(out.resolve("results.csv")).lines()).hasSize(3);
        assertThat(out.resolve("report.html")).exists();
        Cli.Run threads = Cli.run("sweep", sweep.toString(), "--threads", "0");
        assertThat(threads.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(threads.err()).contains("--threads: 0 is out of range; valid: 1 to 1024");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "scenario: nowhere.yaml\nruns: x\n");
        Cli.Run broken =
                Cli.run("sweep", bad.toString(), "--out", dir.resolve("never").toString());
        assertThat(broken.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(broken.err()).contains("runs: \"x\" is not valid").contains("grid: missing or empty");
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
