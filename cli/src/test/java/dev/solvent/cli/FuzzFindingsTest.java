package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * What {@link InputFuzzProperties} found, each kept as an example: inputs that ended in a stack trace (exit 70), wrote
 * into the working folder, printed key material, or gave a problem that was not one readable line.
 */
class FuzzFindingsTest {

    @TempDir
    Path dir;

    private static String small() throws IOException {
        return Files.readString(RunCommandTest.SMALL);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** {@return the problem lines of a run that must fail with bad input, after checking the contract} */
    private static List<String> badInput(String... args) {
        Cli.Run run = Cli.run(args);
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        List<String> lines = run.err().lines().toList();
        return lines.getLast().startsWith("solvent ") && lines.getLast().contains(" in the input")
                ? lines.subList(0, lines.size() - 1)
                : lines;
    }

    private List<String> runFails(Path scenario) {
        Path out = dir.resolve("never");
        List<String> problems = badInput("run", scenario.toString(), "--out", out.toString(), "--no-progress");
        assertThat(out).doesNotExist();
        return problems;
    }

    @Test
    void aBlankSettlementAssetIsAProblemNotACrash() throws IOException {
        Path file = write("blank.yaml", small().replace("settlement: {asset: USDC", "settlement: {asset: \"\""));

        assertThat(runFails(file))
                .contains(
                        file + ": protocol.settlement.asset: \"\" is not valid; valid: a name that is not blank and has"
                                + " no spaces around it, such as USDC");
    }

    @Test
    void aBlankKeeperNameIsAProblemNotACrash() throws IOException {
        Path file = write("keeper.yaml", small().replace("name: keeper-fast", "name: \" \""));

        assertThat(runFails(file))
                .containsExactly(
                        file + ": keepers.0.name: \" \" is not valid; valid: a name that is not blank and has no"
                                + " spaces around it, such as USDC");
    }

    @Test
    void aGeneratedPriceTooLargeOrNotANumberIsOneProblemNotACrash() throws IOException {
        Path huge = write("huge.yaml", small().replace("start: \"2000\"", "start: \"99999999999999999999\""));
        assertThat(runFails(huge))
                .containsExactly(huge + ": prices.ETH/USD.generator.start: is too large; valid: a price of at most"
                        + " 92233720368.54775807 (2^63-1 units of 10^-8)");

        Path minusInf = write("minus-inf.yaml", small().replace("start: \"2000\"", "start: -.inf"));
        assertThat(runFails(minusInf))
                .singleElement()
                .asString()
                .startsWith(minusInf + ": prices.ETH/USD.generator.start: \"-Infinity\" is not valid");
    }

    @Test
    void aValueWithALineBreakOrOfNinetyThousandCharactersIsShownOnOneShortLine() throws IOException {
        Path broken = write("broken.yaml", small().replace("seed: 7", "seed: \"line one\\nline two\""));
        assertThat(runFails(broken))
                .containsExactly(broken + ": seed: \"line one\\nline two\" is not valid; valid: a whole number in"
                        + " [-9223372036854775808, 9223372036854775807]");

        Path longValue = write("long.yaml", small().replace("seed: 7", "seed: \"" + "y".repeat(90_000) + "\""));
        assertThat(runFails(longValue))
                .containsExactly(longValue + ": seed: \"" + "y".repeat(60) + "...\" (90,000 characters) is not valid;"
                        + " valid: a whole number in [-9223372036854775808, 9223372036854775807]");
    }

    @Test
    void aSweepWithAListWhereAValueBelongsIsAProblemNotACrash() throws IOException {
        Path sweep = write("sweep.yaml", """
                scenario: [%s]
                runs: [1]
                grid:
                  protocol.insuranceFund: [["1000"], "2000"]
                heatmap: {x: [a], y: protocol.insuranceFund}
                """.formatted(
                        RunCommandTest.SMALL.toAbsolutePath().normalize()));

        assertThat(badInput(
                        "sweep", sweep.toString(), "--out", dir.resolve("never").toString()))
                .containsExactly(
                        sweep
                                + ": scenario: a list is not valid; valid: a bundled scenario name or a path to a scenario"
                                + " file",
                        sweep + ": runs: a list is not valid; valid: a whole number",
                        sweep + ": grid.protocol.insuranceFund.0: a list is not valid; valid: one value, such as"
                                + " \"0.03\"",
                        sweep + ": heatmap.x: a list is not valid; valid: one field of the grid");
    }

    @Test
    void aSweepScenarioPathWithANulCharacterIsAProblemNotACrash() throws IOException {
        Path sweep = write("sweep.yaml", """
                scenario: "a\\0b.yaml"
                runs: 1
                grid:
                  protocol.insuranceFund: ["1000"]
                """);

        assertThat(badInput(
                        "sweep", sweep.toString(), "--out", dir.resolve("never").toString()))
                .containsExactly(sweep + ": scenario: \"a\\u0000b.yaml\" is not valid; valid: a bundled scenario name"
                        + " or a path to a scenario file, without control characters");
    }

    @Test
    void aSweepScenarioPathWithALineBreakIsShownOnOneLine() throws IOException {
        Path sweep = write("sweep.yaml", """
                scenario: "line one\\nline two"
                runs: 1
                grid:
                  protocol.insuranceFund: ["1000"]
                """);

        assertThat(badInput(
                        "sweep", sweep.toString(), "--out", dir.resolve("never").toString()))
                .containsExactly(sweep + ": scenario: \"line one\\nline two\" is not valid; valid: a bundled scenario"
                        + " name or a path to a scenario file, without control characters");
    }

    @Test
    void anEmptyOutIsRefusedRatherThanTheWorkingFolderWritten() {
        assertThat(badInput("run", RunCommandTest.SMALL.toString(), "--out=", "--no-progress"))
                .containsExactly("--out: is empty; valid: a folder (created if missing)");
        assertThat(badInput(
                        "check",
                        CheckCommandTest.CLAIMS
                                .resolve("no-shortfall-holds.json")
                                .toString(),
                        "--out="))
                .containsExactly("--out: is empty; valid: a folder for the counterexample (created if missing)");
        assertThat(badInput("replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString(), "--out="))
                .containsExactly("solvent replay: --out: is empty; valid: the path of a file to write");
        assertThat(Path.of("summary.json")).doesNotExist();
    }

    @Test
    void aReplayIntoAMissingFolderFailsBeforeReplaying() {
        Path out = dir.resolve("missing").resolve("out.json");

        assertThat(badInput(
                        "replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString(), "--out", out.toString()))
                .containsExactly("solvent replay: --out " + out + ": the folder "
                        + out.getParent().toAbsolutePath() + " does not exist; valid: a file in an existing folder");
    }

    @Test
    void anUnknownOptionHoldingAKeyIsNotEchoed() {
        Credentials key = TestKeys.fromSeed(3);

        Cli.Run run = Cli.run("run", RunCommandTest.SMALL.toString(), "--key-env=" + TestKeys.hex(key));

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(TestKeys.leaks(run.out() + run.err(), key)).as(run.err()).isFalse();
        assertThat(run.err().lines().findFirst().orElseThrow())
                .isEqualTo("solvent run: Unknown option: '--key-env=(not shown: it looks like key material)'");
    }
}
