package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages that said too little, each as a user met it: what is wrong, where (the file, or the option that gave the
 * value) and what would be valid, once, with exit code 2 and nothing written.
 */
class ErrorMessageTest {

    @TempDir
    Path dir;

    private static String small() throws IOException {
        return Files.readString(RunCommandTest.SMALL);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Runs and checks what every bad input must do; {@return the problem lines, without the count} */
    private static List<String> fails(Path out, String... args) {
        Cli.Run run = Cli.run(args);
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        if (out != null) {
            assertThat(out).as("nothing is written on bad input").doesNotExist();
        }
        List<String> lines = run.err().lines().toList();
        assertThat(lines.getLast()).matches("solvent \\w+: \\d+ problems? in the input; nothing was .*");
        return lines.subList(0, lines.size() - 1);
    }

    private List<String> runFails(Path scenario, String... more) {
        Path out = dir.resolve("never");
        String[] args = new String[more.length + 5];
        args[0] = "run";
        args[1] = scenario.toString();
        args[2] = "--out";
        args[3] = out.toString();
        args[4] = "--no-progress";
        System.arraycopy(more, 0, args, 5, more.length);
        return fails(out, args);
    }

    // ---- --out

    @Test
    void anOutputFolderThatCannotBeCreatedFailsBeforeTheRunAndSaysWhy() throws IOException {
        // the shock is past the path: a run that started would fail with that instead
        Path beyond = write("beyond.yaml", small().replace("atBlock: 100,", "atBlock: 100000,"));
        Path file = write("a-file", "");

        assertThat(fails(
                        null,
                        "run",
                        beyond.toString(),
                        "--out",
                        file.resolve("sub").toString(),
                        "--no-progress"))
                .containsExactly("--out: cannot create the folder " + file.resolve("sub") + ": a file is in the way: "
                        + file.toAbsolutePath() + " is not a folder; valid: a folder that can be created and written");
    }

    @Test
    void anOutputFolderUnderProcSaysTheFileSystemRefusesIt() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");

        assertThat(fails(null, "run", RunCommandTest.SMALL.toString(), "--out", "/proc/nope", "--no-progress"))
                .containsExactly("--out: cannot create the folder /proc/nope: the file system refuses new folders in"
                        + " /proc (no such file or directory); valid: a folder that can be created and written");
    }

    @Test
    void aSweepChecksItsOutputFolderBeforeItsRuns() throws IOException {
        Path sweep = write("sweep.yaml", """
                scenario: %s
                runs: 1
                set: {traders.count: "20", blocks: "50"}
                grid:
                  protocol.insuranceFund: ["1000"]
                """.formatted(
                        RunCommandTest.SMALL.toAbsolutePath().normalize()));
        Path file = write("a-file", "");

        assertThat(fails(
                        null,
                        "sweep",
                        sweep.toString(),
                        "--out",
                        file.resolve("sub").toString(),
                        "--no-progress"))
                .singleElement()
                .asString()
                .startsWith("--out: cannot create the folder " + file.resolve("sub") + ": a file is in the way");
    }

    @Test
    void aRunThatFailsWhileSettingUpLeavesNoFolderBehind() throws IOException {
        Path beyond = write("beyond.yaml", small().replace("atBlock: 100,", "atBlock: 100000,"));
        Path out = dir.resolve("new").resolve("folder");

        assertThat(fails(out, "run", beyond.toString(), "--out", out.toString(), "--no-progress"))
                .hasSize(1);
        assertThat(dir.resolve("new")).doesNotExist();
    }

    // ---- --set

    @Test
    void aBadSetValueNamesTheOptionNotTheFile() {
        assertThat(runFails(
                        RunCommandTest.SMALL,
                        "--set",
                        "blocks=abc",
                        "--set",
                        "nosuch.field=1",
                        "--set",
                        "protocol.markets.ETH-PERP.maintenanceMargin=0.07"))
                .containsExactly(
                        "--set nosuch.field: nosuch: unknown field; valid fields here: blocks, chain, description,"
                                + " dust, keepers, name, oracle, prices, protocol, sampleEvery, seed, traders, unwind",
                        "--set blocks: \"abc\" is not valid; valid: a whole number in [0, 50000000]",
                        "--set protocol.markets.ETH-PERP.maintenanceMargin: 0.07 is out of range; valid: 0 <"
                                + " maintenanceMargin < initialMargin (0.05) <= 1");
    }

    @Test
    void aSetPathIntoAListNamesTheOption() {
        assertThat(runFails(RunCommandTest.SMALL, "--set", "keepers.9.name=x"))
                .containsExactly(
                        "--set keepers.9.name: \"9\" is not an element of the list; valid: an index in [0, 1]");
    }

    // ---- scenario files

    @Test
    void aMaintenanceMarginAboveTheInitialNamesTheFieldOnce() throws IOException {
        Path file =
                write("mm.yaml", small().replaceFirst("maintenanceMargin: \"0.03\"", "maintenanceMargin: \"0.07\""));

        assertThat(runFails(file))
                .containsExactly(
                        file + ": protocol.markets.ETH-PERP.maintenanceMargin: 0.07 is out of range; valid: 0 <"
                                + " maintenanceMargin < initialMargin (0.05) <= 1");
    }

    @Test
    void anInfiniteValueIsOneProblemNotTwo() throws IOException {
        Path leverage = write("leverage.yaml", small().replace("max: \"12\"", "max: .inf"));
        assertThat(runFails(leverage))
                .containsExactly(leverage + ": traders.leverage.max: \"Infinity\" is not valid; valid: a decimal number"
                        + " in [1, 1000], such as 10");

        Path margin = write("margin.yaml", small().replaceFirst("initialMargin: \"0.05\"", "initialMargin: .inf"));
        assertThat(runFails(margin))
                .containsExactly(margin + ": protocol.markets.ETH-PERP.initialMargin: \"Infinity\" is not valid; valid:"
                        + " a decimal number in [0.001, 1], such as 0.001");
    }

    @Test
    void problemsFoundWhileSettingUpTheRunNameTheScenarioFile() throws IOException {
        Path beyond = write("beyond.yaml", small().replace("atBlock: 100,", "atBlock: 100000,"));
        assertThat(runFails(beyond))
                .singleElement()
                .asString()
                .startsWith(beyond + ": prices.ETH/USD.shocks.0.atBlock: ");

        Path history = write(
                "history.yaml",
                small().replaceFirst(
                                "generator: \\{type: jump-diffusion, start: \"2000\"[^\n]*", "historical: nope.csv"));
        assertThat(runFails(history))
                .singleElement()
                .asString()
                .startsWith(history + ": prices.ETH/USD.historical: nope.csv is neither a bundled price file nor a"
                        + " readable file");
    }

    // ---- sweep files

    @Test
    void aBadGridIsNotHiddenBehindTheHeatmapsAxes() throws IOException {
        Path sweep = write("sweep.yaml", """
                scenario: %s
                runs: 1
                grid:
                  protocol.insuranceFund: "1000"
                heatmap: {x: protocol.insuranceFund, y: blocks}
                """.formatted(
                        RunCommandTest.SMALL.toAbsolutePath().normalize()));

        assertThat(fails(
                        dir.resolve("never"),
                        "sweep",
                        sweep.toString(),
                        "--out",
                        dir.resolve("never").toString()))
                .containsExactly(sweep + ": grid.protocol.insuranceFund: \"1000\" is not valid; valid: a non-empty list"
                        + " of values, such as [\"0.03\", \"0.05\"]");
    }

    @Test
    void aSweepOnOneThreadSaysThread() throws IOException {
        Path sweep = write("sweep.yaml", """
                scenario: %s
                runs: 1
                set: {traders.count: "20", blocks: "50"}
                grid:
                  protocol.insuranceFund: ["1000"]
                """.formatted(
                        RunCommandTest.SMALL.toAbsolutePath().normalize()));

        Cli.Run run = Cli.run(
                "sweep", sweep.toString(), "--out", dir.resolve("out").toString(), "--threads", "1", "--no-progress");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).startsWith(sweep + ": 1 point x 1 run on 1 thread in ");
    }

    // ---- claims and replay states

    @Test
    void aMovePerBlockBetweenTwoBasisPointsSaysSo() throws IOException {
        Path claim = write(
                "claim.json",
                Files.readString(CheckCommandTest.CLAIMS.resolve("no-shortfall-holds.json"))
                        .replace("\"maxMovePerBlock\": \"0.03\"", "\"maxMovePerBlock\": \"0.02345\"")
                        .replace(
                                "\"protocol-8pct.json\"",
                                "\""
                                        + CheckCommandTest.CLAIMS
                                                .resolve("protocol-8pct.json")
                                                .toAbsolutePath()
                                                .normalize()
                                        + "\""));

        assertThat(fails(null, "check", claim.toString()))
                .singleElement()
                .asString()
                .startsWith(claim + ": line ")
                .endsWith(": prices.maxMovePerBlock: \"0.02345\" is not a whole number of basis points; valid: a"
                        + " fraction of the price in whole basis points (0.0001 each), such as 0.0234 or 0.0235");
    }

    @Test
    void aGenesisBalanceThatOverflowsSaysWhichDepositOverflowedWhat() throws IOException {
        String max = "115792089237316195423570985008687907853269984665640564039457584007913129639935"; // 2^256-1
        String text = Files.readString(Cli.EXAMPLE_STATE)
                .replace("\"carol\": { \"USDC\": \"6500_000000\" }", "\"carol\": { \"USDC\": \"" + max + "\" }");
        Path state = write("state.json", text);

        assertThat(fails(
                        dir.resolve("out.json"),
                        "replay",
                        "--out",
                        dir.resolve("out.json").toString(),
                        state.toString(),
                        Cli.EXAMPLE_TXS.toString()))
                .singleElement()
                .asString()
                .endsWith(": balances.carol.USDC: the genesis Deposit reverted: an arithmetic overflow (Panic 0x11):"
                        + " the deposit of " + max + " USDC base units is more than a balance can hold, the int256"
                        + " maximum 2^255-1 (57896044618658097711785492504343953926634992332820282019728792003956564819967);"
                        + " valid: a balance such that every balance and the sum of all USDC balances stay at most"
                        + " 2^255-1 base units");
    }
}
