package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InputFuzzProperties}' contract for claim files and {@code solvent check}'s options. The search of {@code
 * solvent check} runs jqwik, which cannot start inside a jqwik property, so these inputs come from a seeded generator
 * in a plain test: the same {@value #TRIES} mutated claims and {@value #LINES} option lines on every run.
 */
class ClaimFuzzTest {

    static final int TRIES = 60;
    static final int LINES = 30;

    @TempDir
    Path dir;

    private Path base() throws IOException {
        Files.copy(CheckCommandTest.CLAIMS.resolve("protocol-8pct.json"), dir.resolve("protocol-8pct.json"));
        String claim = Files.readString(CheckCommandTest.CLAIMS.resolve("no-shortfall-holds.json"))
                .replace("\"tries\": 1000", "\"tries\": 3")
                .replace("\"blocks\": 40", "\"blocks\": 8");
        assertThat(claim).contains("\"tries\": 3").contains("\"blocks\": 8");
        return Files.writeString(dir.resolve("claim.json"), claim);
    }

    @Test
    void mutatedClaimFilesKeepTheContract() throws IOException {
        byte[] base = Files.readAllBytes(base());
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(20);
        for (int i = 0; i < TRIES; i++) {
            List<Mutation> mutations = new ArrayList<>();
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                mutations.add(new Mutation(
                        Mutation.Kind.values()[random.nextInt(Mutation.Kind.values().length)],
                        random.nextInt(10_001),
                        random.nextInt(10_001)));
            }
            // beside the base, so that its relative "state" finds the protocol file
            Path file = Files.write(dir.resolve("claim-" + i + ".json"), Mutation.applyAll(mutations, base, false));
            Path out = dir.resolve("out-" + i);

            Cli.Run run = Cli.run("check", file.toString(), "--out", out.toString());

            String as = mutations + ": " + run.err();
            assertThat(run.code()).as(as).isIn(0, 1, 2);
            assertThat(run.out() + run.err()).as(as).doesNotContain("\tat ").doesNotContain("Exception");
            if (run.code() == ExitCodes.BAD_INPUT) {
                assertThat(out).as(as).doesNotExist();
                assertThat(run.out()).as(as).isEmpty();
                List<String> lines = run.err().lines().toList();
                assertThat(lines.getLast())
                        .as(as)
                        .matches("solvent check: \\d+ problems? in the input; nothing was searched");
                assertThat(lines.subList(0, lines.size() - 1))
                        .as(as)
                        .allSatisfy(p -> assertThat(p.startsWith(file + ":")
                                        || p.startsWith(dir.resolve("protocol-8pct.json") + ":"))
                                .as(p)
                                .isTrue())
                        .allSatisfy(p -> assertThat(p.length()).as(p).isLessThan(2_000));
            } else if (Files.exists(out)) {
                try (Stream<Path> files = Files.list(out)) {
                    assertThat(files.map(Path::getFileName).map(Path::toString))
                            .as(as)
                            .containsExactlyInAnyOrder("state.json", "txs.json");
                }
            }
        }
        System.out.println("[fuzz] " + TRIES + " generated claim files ran");
    }

    @Test
    void randomOptionLinesKeepTheContract() throws IOException {
        Path claim = base();
        List<String> tokens = List.of(
                "--tries=0",
                "--tries=1",
                "--tries=-3",
                "--tries=abc",
                "--seed=5",
                "--seed=x",
                "--seed",
                "--out=",
                "--bogus",
                "stray",
                "--help",
                "--version",
                "--");
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(21);
        for (int i = 0; i < LINES; i++) {
            Path out = dir.resolve("options-" + i);
            List<String> line = new ArrayList<>(List.of("check", claim.toString()));
            for (int n = random.nextInt(4); n > 0; n--) {
                line.add(tokens.get(random.nextInt(tokens.size())));
            }
            if (line.stream().noneMatch(a -> a.startsWith("--out"))) {
                line.add("--out=" + out);
            }

            Cli.Run run = Cli.run(line.toArray(String[]::new));

            String as = line + ": " + run.err();
            assertThat(run.code()).as(as).isIn(0, 1, 2);
            assertThat(run.out() + run.err()).as(as).doesNotContain("\tat ").doesNotContain("Exception");
            if (run.code() == ExitCodes.BAD_INPUT) {
                assertThat(out).as(as).doesNotExist();
                assertThat(run.err().lines().count()).as(as).isBetween(1L, 3L);
            }
        }
        assertThat(Path.of("solvent-counterexample"))
                .as("nothing in the working folder")
                .doesNotExist();
        System.out.println("[fuzz] " + LINES + " generated check command lines ran");
    }
}
