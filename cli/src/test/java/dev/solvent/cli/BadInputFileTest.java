package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input files that are wrong as files, for every command that reads one: too large, a value too long, a key given
 * twice, a YAML alias, not UTF-8 text. Each is one line naming the file (and the line and field where there is one)
 * and what the limit is; the exit code is 2; there is no stack trace; and nothing is written.
 */
class BadInputFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A file of {@code size} bytes that holds nothing (sparse: it costs no disk and no time to make). */
    private Path sized(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
        return file;
    }

    private static Path binary(Path file) throws IOException {
        return Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0x0d});
    }

    private static String small() throws IOException {
        return Files.readString(RunCommandTest.SMALL);
    }

    /** Runs and checks what every bad input must do; {@return the problem lines, without the count} */
    private List<String> fails(String command, String... args) {
        Path out = dir.resolve("never");
        String[] all = new String[args.length + 3];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        Cli.Run run = Cli.run(all);
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(out).as("nothing is written on bad input").doesNotExist();
        List<String> lines = run.err().lines().toList();
        assertThat(lines.getLast()).matches("solvent " + command + ": \\d+ problems? in the input; nothing was .*");
        return lines.subList(0, lines.size() - 1);
    }

    // ---- scenarios (solvent run)

    @Test
    void aScenarioFileOverItsSizeLimit() throws IOException {
        Path big = sized("big.yaml", 52_428_812L);

        assertThat(fails("run", big.toString()))
                .containsExactly(big + ": is 52,428,812 bytes; the limit for a scenario file is 4 MiB");
    }

    @Test
    void aScenarioWithATwoMegabyteValue() throws IOException {
        Path file = write(
                "long.yaml", small().replaceFirst("description: .*", "description: \"" + "x".repeat(2_000_000) + "\""));

        assertThat(fails("run", file.toString()))
                .containsExactly(
                        file + ":3: description: is 2,000,000 characters long; the limit for a value is 100,000"
                                + " characters");
    }

    @Test
    void aScenarioWithAKeyGivenTwice() throws IOException {
        Path file = write("dup.yaml", small().replace("seed: 7\n", "seed: 7\nseed: 8\n"));

        assertThat(fails("run", file.toString()))
                .containsExactly(file + ":5: seed: duplicate key (first on line 4); valid: each key once in a mapping");
    }

    @Test
    void aScenarioWithAnAlias() throws IOException {
        Path file = write(
                "alias.yaml",
                small().replace("priorityFeeGwei: \"3\"", "priorityFeeGwei: &fee \"3\"")
                        .replace("priorityFeeGwei: \"1\"", "priorityFeeGwei: *fee"));

        assertThat(fails("run", file.toString()))
                .singleElement()
                .asString()
                .startsWith(file + ":")
                .endsWith(": keepers.1.priorityFeeGwei: *fee is an alias; YAML aliases are not supported; valid: the"
                        + " value written out in full");
    }

    @Test
    void aScenarioThatIsABinaryFile() throws IOException {
        Path file = binary(dir.resolve("image.yaml"));

        assertThat(fails("run", file.toString()))
                .containsExactly(file + ": is not UTF-8 text (byte 0x89 at offset 0); valid: a scenario YAML file in"
                        + " UTF-8");
    }

    // ---- sweeps (solvent sweep)

    @Test
    void aSweepFileOverItsSizeLimitAndOneWithAKeyGivenTwice() throws IOException {
        Path big = sized("big-sweep.yaml", (4L << 20) + 1);
        assertThat(fails("sweep", big.toString()))
                .containsExactly(big + ": is 4,194,305 bytes; the limit for a sweep file is 4 MiB");

        Path dup = write("dup-sweep.yaml", """
                scenario: %s
                runs: 1
                grid:
                  protocol.insuranceFund: ["1000"]
                  protocol.insuranceFund: ["2000"]
                """.formatted(
                        RunCommandTest.SMALL.toAbsolutePath().normalize()));
        assertThat(fails("sweep", dup.toString()))
                .containsExactly(dup + ":5: grid.protocol.insuranceFund: duplicate key (first on line 4); valid: each"
                        + " key once in a mapping");
    }

    @Test
    void aSweepWithABillionLaughs() throws IOException {
        StringBuilder b = new StringBuilder("scenario: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            String previous = "*" + (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [");
            b.append(String.join(",", java.util.Collections.nCopies(9, previous)))
                    .append("]\n");
        }
        Path bomb = write("bomb.yaml", b.toString());

        assertThat(fails("sweep", bomb.toString()))
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p).contains(": *").contains(" is an alias; YAML aliases are not supported"))
                .first()
                .asString()
                .startsWith(bomb + ":2: b.0: *a is an alias");
    }

    // ---- replay files (solvent replay)

    @Test
    void aTransactionFileOverItsSizeLimit() throws IOException {
        Path txs = sized("txs.json", 300L << 20);

        assertThat(fails("replay", Cli.EXAMPLE_STATE.toString(), txs.toString()))
                .containsExactly(txs + ": is 314,572,800 bytes; the limit for a transaction file is 256 MiB");
    }

    @Test
    void aStateFileOverItsSizeLimit() throws IOException {
        Path state = sized("state.json", (16L << 20) + 1);

        assertThat(fails("replay", state.toString(), Cli.EXAMPLE_TXS.toString()))
                .containsExactly(state + ": is 16,777,217 bytes; the limit for a state file is 16 MiB");
    }

    @Test
    void aTransactionFileWithATwoMegabyteString() throws IOException {
        Path txs = write("txs.json", """
                [
                  {
                    "note": "%s",
                    "block": { "number": 1, "timestamp": 1700000012, "sender": "alice" },
                    "tx": { "type": "Liquidate", "account": "bob" }
                  }
                ]
                """.formatted("n".repeat(2_000_000)));

        assertThat(fails("replay", Cli.EXAMPLE_STATE.toString(), txs.toString()))
                .containsExactly(txs + ": line 3: [0].note: is 2,000,000 characters long; the limit for a string is"
                        + " 100,000 characters");
    }

    @Test
    void aStateFileThatIsABinaryFile() throws IOException {
        Path state = binary(dir.resolve("state.json"));

        assertThat(fails("replay", state.toString(), Cli.EXAMPLE_TXS.toString()))
                .containsExactly(state + ": is not UTF-8 text (byte 0x89 at offset 0); valid: a JSON file in UTF-8");
    }

    // ---- claims (solvent check)

    @Test
    void aClaimFileOverItsSizeLimitAndAStateFileItNames() throws IOException {
        Path claim = sized("claim.json", (16L << 20) + 1);
        assertThat(fails("check", claim.toString()))
                .containsExactly(claim + ": is 16,777,217 bytes; the limit for a claim file is 16 MiB");

        Path state = sized("big-state.json", (16L << 20) + 1);
        Path named = write(
                "named.json",
                Files.readString(CheckCommandTest.CLAIMS.resolve("no-shortfall-holds.json"))
                        .replace("\"protocol-8pct.json\"", "\"big-state.json\""));
        assertThat(fails("check", named.toString()))
                .singleElement()
                .asString()
                .startsWith(named + ": line ")
                .endsWith(": state: " + state + ": is 16,777,217 bytes; the limit for a state file is 16 MiB");
    }
}
