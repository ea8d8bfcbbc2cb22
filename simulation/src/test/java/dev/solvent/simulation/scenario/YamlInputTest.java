package dev.solvent.simulation.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.simulation.TestScenarios;
import dev.solvent.simulation.sweep.SweepReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario and sweep files as files: their size, their encoding, and the YAML features they may not use (duplicate
 * keys, aliases, scalars past the limit), each refused in one line naming the file and what the limit is.
 */
class YamlInputTest {

    @TempDir
    Path dir;

    private static final String SMALL = TestScenarios.smallYaml();

    /** The small scenario's text, which is a valid scenario file. */
    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** A sweep of the small scenario, which is a valid sweep file. */
    private Path sweep(String name, String extra) throws IOException {
        Path small = write("small.yaml", SMALL);
        return write(name, """
                scenario: %s
                runs: 1
                grid:
                  protocol.insuranceFund: ["1000", "50000"]
                %s""".formatted(small.getFileName(), extra));
    }

    private static List<String> problems(Runnable read) {
        try {
            read.run();
        } catch (ScenarioException e) {
            return e.problems().asJava();
        }
        throw new AssertionError("no problem was reported");
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }

    // ---- size

    @Test
    void aScenarioFileOverTheSizeLimitIsRefusedBeforeItIsParsed() throws IOException {
        // a valid scenario padded with comments to one byte past 4 MiB
        String padding = "# padding\n".repeat((4 << 20) / 10 + 1);
        String text = SMALL + padding.substring(0, (4 << 20) + 1 - SMALL.length());
        Path file = write("padded.yaml", text);
        assertThat(Files.size(file)).isEqualTo((4 << 20) + 1);

        assertThat(problems(() -> ScenarioReader.read(file)))
                .containsExactly(file + ": is 4,194,305 bytes; the limit for a scenario file is 4 MiB");
    }

    @Test
    void aPathTooLongForTheFileSystemIsNamedCutInOneReadableLine() throws IOException {
        // a file name of 3,000 characters: the file system refuses it ("File name too long"), and the exception's
        // own message repeats the whole path; the problem shows the path cut, with its length, and the reason once
        Path sweep = write("sweep.yaml", "scenario: " + "y".repeat(3_000) + "\nruns: 1\ngrid:\n  seed: [1, 2]\n");
        String path = dir.resolve("y".repeat(3_000)).toString();

        List<String> problems = problems(() -> SweepReader.read(sweep));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .startsWith(sweep + ": scenario: \"" + dir)
                .contains("...\" (" + String.format(java.util.Locale.ROOT, "%,d", path.length()) + " characters)")
                .endsWith(": cannot be read: File name too long")
                .hasSizeLessThan(300);
    }

    @Test
    void aHugeFileIsRefusedByItsSizeAlone() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(52_428_812L); // sparse: nothing to read, and nothing is read
        }

        List<String> problems = problems(() -> ScenarioReader.read(file));

        assertThat(problems).containsExactly(file + ": is 52,428,812 bytes; the limit for a scenario file is 4 MiB");
    }

    @Test
    void aSweepFileOverTheSizeLimitIsRefusedNamingASweepFile() throws IOException {
        Path file = sweep("big-sweep.yaml", "# padding\n".repeat((4 << 20) / 10 + 1));

        assertThat(problems(() -> SweepReader.read(file)))
                .singleElement()
                .asString()
                .matches(java.util.regex.Pattern.quote(file.toString())
                        + ": is 4,19\\d,\\d{3} bytes; the limit for a sweep file is 4 MiB");
    }

    @Test
    void aFileAtTheSizeLimitIsRead() throws IOException {
        String padding = "# padding\n".repeat((4 << 20) / 10 + 1);
        Path file = write("full.yaml", SMALL + padding.substring(0, (4 << 20) - SMALL.length()));

        assertThat(ScenarioReader.read(file).name()).isEqualTo("small");
    }

    // ---- long scalars

    @Test
    void aTwoMegabyteScalarIsRefusedWithTheScalarLimit() throws IOException {
        String text = SMALL.replaceFirst("description: .*", "description: \"" + "x".repeat(2_000_000) + "\"");
        Path file = write("long.yaml", text);

        List<String> problems = problems(() -> ScenarioReader.read(file));

        assertThat(problems)
                .containsExactly(file + ":" + lineOf(SMALL, "description:")
                        + ": description: is 2,000,000 characters long; the limit for a value is 100,000 characters");
    }

    @Test
    void longScalarsOfEveryStyleAreRefusedQuickly() {
        String x = "x".repeat(1_000_000);
        for (String value :
                List.of(x, "'" + x + "'", "\"" + x + "\"", "|\n" + ("  " + "y".repeat(98) + "\n").repeat(10_000))) {
            String text = "name: " + value + "\n";
            List<String> problems = problems(() -> ScenarioReader.parse("s.yaml", text, Map.of()));
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("s.yaml:1: name: is ")
                    .endsWith(" characters long; the limit for a value is 100,000 characters");
        }
    }

    @Test
    void aLongScalarInASweepFileIsRefused() throws IOException {
        Path file = sweep("long-sweep.yaml", "set: {description: " + "y".repeat(300_000) + "}\n");

        List<String> problems = problems(() -> SweepReader.read(file));

        assertThat(problems)
                .containsExactly(file + ":5: set.description: is 300,000 characters long; the limit for a value is"
                        + " 100,000 characters");
    }

    @Test
    void aScalarAtTheLimitAndTextsAroundTheReadersBufferAreRead() {
        String head = "name: small\ndescription: ";
        String tail = "\n" + SMALL.substring(SMALL.indexOf("seed:"));
        assertThat(ScenarioReader.parse("s.yaml", head + "d".repeat(100_000) + tail, Map.of())
                        .description())
                .hasSize(100_000);
        // the parser reads texts of up to 64 Ki characters in one go, longer ones through a buffer of their length
        for (int length : new int[] {65_535, 65_536, 65_537, 131_072}) {
            String comment = "# " + "c".repeat(length - head.length() - 1_000 - tail.length() - 3) + "\n";
            String text = head + "d".repeat(1_000) + "\n" + comment + tail.substring(1);
            assertThat(text).hasSize(length);
            assertThat(ScenarioReader.parse("s.yaml", text, Map.of()).name()).isEqualTo("small");
        }
    }

    // ---- duplicate keys

    @Test
    void aDuplicateKeyIsRefusedWithItsLineAndTheFirstOne() throws IOException {
        String text = SMALL.replace(
                "  insuranceFund: \"50000\"\n", "  insuranceFund: \"50000\"\n  insuranceFund: \"5000000\"\n");
        Path file = write("dup.yaml", text);
        int first = lineOf(text, "insuranceFund");

        assertThat(problems(() -> ScenarioReader.read(file)))
                .containsExactly(file + ":" + (first + 1) + ": protocol.insuranceFund: duplicate key (first on line "
                        + first + "); valid: each key once in a mapping");
    }

    @Test
    void duplicateKeysInFlowMappingsAndAtTheTopAreAllReported() {
        String text =
                SMALL.replace("{asset: USDC, decimals: 6}", "{asset: USDC, decimals: 6, asset: USDT}") + "seed: 8\n";
        int settlement = lineOf(text, "settlement:");
        int seed = lineOf(text, "seed: 7");

        assertThat(problems(() -> ScenarioReader.parse("dup.yaml", text, Map.of())))
                .containsExactly(
                        "dup.yaml:" + settlement + ": protocol.settlement.asset: duplicate key (first on line "
                                + settlement + "); valid: each key once in a mapping",
                        "dup.yaml:" + text.lines().count() + ": seed: duplicate key (first on line " + seed
                                + "); valid: each key once in a mapping");
    }

    @Test
    void aDuplicateKeyInASweepFileIsRefused() throws IOException {
        Path file = sweep("dup-sweep.yaml", "runs: 2\n");

        assertThat(problems(() -> SweepReader.read(file)))
                .containsExactly(file + ":5: runs: duplicate key (first on line 2); valid: each key once in a mapping");
    }

    // ---- aliases

    @Test
    void anAliasIsRefusedSayingAliasesAreNotSupported() {
        String text = SMALL.replace("priorityFeeGwei: \"3\"", "priorityFeeGwei: &fee \"3\"")
                .replace("priorityFeeGwei: \"1\"", "priorityFeeGwei: *fee");

        assertThat(problems(() -> ScenarioReader.parse("alias.yaml", text, Map.of())))
                .containsExactly("alias.yaml:" + lineOf(text, "*fee")
                        + ": keepers.1.priorityFeeGwei: *fee is an alias; YAML aliases are not supported; valid: the"
                        + " value written out in full");
    }

    @Test
    void aBillionLaughsIsRefusedQuicklyAtItsFirstAliases() {
        StringBuilder b =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            String prev = "*" + (char) (c - 1);
            b.append(c)
                    .append(": &")
                    .append(c)
                    .append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev)))
                    .append("]\n");
        }
        String bomb = b.toString();

        List<String> problems = problems(() -> ScenarioReader.parse("bomb.yaml", bomb, Map.of()));

        assertThat(problems)
                .hasSizeLessThanOrEqualTo(20)
                .allSatisfy(p -> assertThat(p).contains("is an alias; YAML aliases are not supported"))
                .first()
                .isEqualTo("bomb.yaml:2: b.0: *a is an alias; YAML aliases are not supported; valid: the value written"
                        + " out in full");
        // the same in a sweep file
        List<String> sweep = problems(() -> SweepReader.parse("bomb-sweep.yaml", bomb, dir));
        assertThat(sweep).first().asString().startsWith("bomb-sweep.yaml:2: b.0: *a is an alias");
    }

    @Test
    void aMergeKeyIsAnAliasToo() {
        String text = "base: &base {decimals: 18}\nname:\n  <<: *base\n";

        assertThat(problems(() -> ScenarioReader.parse("merge.yaml", text, Map.of())))
                .containsExactly("merge.yaml:3: name.<<: *base is an alias; YAML aliases are not supported; valid:"
                        + " the value written out in full");
    }

    // ---- malformed text

    @Test
    void aMalformedFileOrANumberPastJacksonsLimitIsOneLineWithItsLine() {
        assertThat(problems(() -> ScenarioReader.parse("m.yaml", "name: x\ndescription: \"open\n", Map.of())))
                .containsExactly("m.yaml:2: malformed YAML: while scanning a quoted scalar; found unexpected end of"
                        + " stream");
        assertThat(problems(
                        () -> ScenarioReader.parse("n.yaml", "name: x\nseed: " + "7".repeat(2_000) + "\n", Map.of())))
                .containsExactly("n.yaml:2: Number value length (2000) exceeds the maximum allowed (1000)");
    }

    // ---- encoding

    @Test
    void aFileThatIsNotUtf8SaysSo() throws IOException {
        Path latin1 =
                Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Path binary = Files.write(
                dir.resolve("binary.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});

        assertThat(problems(() -> ScenarioReader.read(latin1)))
                .containsExactly(latin1 + ": is not UTF-8 text (byte 0xE9 at offset 9); valid: a scenario YAML file"
                        + " in UTF-8");
        assertThat(problems(() -> ScenarioReader.read(binary)))
                .containsExactly(binary + ": is not UTF-8 text (byte 0x89 at offset 0); valid: a scenario YAML file"
                        + " in UTF-8");
        Path sweepFile = Files.write(dir.resolve("sweep.yaml"), new byte[] {'r', 'u', 'n', 's', ':', ' ', (byte) 0xff});
        assertThat(problems(() -> SweepReader.read(sweepFile)))
                .containsExactly(sweepFile + ": is not UTF-8 text (byte 0xFF at offset 6); valid: a sweep YAML file in"
                        + " UTF-8");
    }
}
