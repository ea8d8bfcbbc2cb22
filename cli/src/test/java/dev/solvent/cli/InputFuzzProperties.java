package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.web3j.crypto.Credentials;

/**
 * Malformed inputs for every file the command line reads, and for the commands' options, made by mutating the bundled
 * examples (see {@link Mutation}): whatever the input, {@code solvent} keeps its contract.
 *
 * <ul>
 *   <li>the exit code is one its command documents (0, 1 where it finds problems, 2 for bad input), never 70;
 *   <li>no stack trace reaches the output;
 *   <li>on exit 2, every problem line names the input file it is about (or the option), the last line counts them,
 *       nothing is printed on standard output, and {@code --out} is not written;
 *   <li>on exit 0 or 1, the files written are complete: no temporary file is left;
 *   <li>no output shows any 16 hexadecimal digits of the keeper's key;
 *   <li>nothing is written into the working folder.
 * </ul>
 *
 * The commands run in this JVM, as {@link Cli} runs them. The base files are small (a scenario of 10 traders and 30
 * blocks, a sweep of two such runs, a claim of 3 tries), so that an input a mutation leaves valid runs in milliseconds;
 * no mutation makes a value that would make a valid run long. How many inputs ran is printed at the end.
 */
class InputFuzzProperties {

    private static final Credentials KEY = TestKeys.fromSeed(20);
    private static final String FEED = "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419";
    private static final String PROTOCOL = "0x1111111111111111111111111111111111111111";
    /** A loopback port nothing listens on: a node call fails at once. */
    private static final String NO_NODE = "http://127.0.0.1:9";

    private static final Map<String, AtomicInteger> TRIED = new TreeMap<>();

    private static Path work;
    private static Path scenario;
    private static Path sweep;
    private static Path claim;
    private static Path state;
    private static Path txs;
    private static Path keyFile;
    private static byte[] scenarioBytes;
    private static byte[] sweepBytes;
    private static byte[] claimBytes;
    private static byte[] stateBytes;
    private static byte[] txsBytes;
    private static byte[] keyBytes;
    private static Set<Path> workingFolder;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeContainer
    static void writeTheBaseFiles() throws IOException {
        workingFolder = listing(Path.of(""));
        work = Files.createTempDirectory("solvent-fuzz-");
        String small = Files.readString(RunCommandTest.SMALL)
                .replace("blocks: 900", "blocks: 30")
                .replace("sampleEvery: 100", "sampleEvery: 10")
                .replace("count: 300", "count: 10")
                .replace("atBlock: 100", "atBlock: 10");
        scenario = Files.writeString(work.resolve("scenario.yaml"), small);
        sweep = Files.writeString(work.resolve("sweep.yaml"), """
                scenario: %s
                seed: 3
                runs: 1
                set:
                  traders.count: "8"
                grid:
                  protocol.insuranceFund: ["1000", "5000"]
                heatmap:
                  x: protocol.insuranceFund
                  y: protocol.insuranceFund
                """.formatted(scenario));
        state = Files.copy(Cli.EXAMPLE_STATE, work.resolve("state.json"));
        txs = Files.copy(Cli.EXAMPLE_TXS, work.resolve("txs.json"));
        Path protocol =
                Files.copy(CheckCommandTest.CLAIMS.resolve("protocol-8pct.json"), work.resolve("protocol-8pct.json"));
        claim = Files.writeString(
                work.resolve("claim.json"),
                Files.readString(CheckCommandTest.CLAIMS.resolve("no-shortfall-holds.json"))
                        .replace("\"tries\": 1000", "\"tries\": 3")
                        .replace("\"blocks\": 40", "\"blocks\": 8"));
        assertThat(Files.readString(claim))
                .contains("\"tries\": 3")
                .contains(protocol.getFileName().toString());
        keyFile = TestKeys.file(work, KEY);
        scenarioBytes = Files.readAllBytes(scenario);
        sweepBytes = Files.readAllBytes(sweep);
        claimBytes = Files.readAllBytes(claim);
        stateBytes = Files.readAllBytes(state);
        txsBytes = Files.readAllBytes(txs);
        keyBytes = Files.readAllBytes(keyFile);
    }

    @AfterContainer
    static void reportAndCleanUp() throws IOException {
        int total = TRIED.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("[fuzz] " + total + " generated inputs ran: " + TRIED);
        try (Stream<Path> all = Files.walk(work)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        assertThat(listing(Path.of("")))
                .as("nothing written into the working folder")
                .isEqualTo(workingFolder);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }

    // ---- files

    @Property(tries = 100)
    void scenarioFiles(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        Path file = input("scenario.yaml", Mutation.applyAll(mutations, scenarioBytes, true));
        Path out = fresh("out");

        Cli.Run run = count("scenario", Cli.run("run", file.toString(), "--out", out.toString(), "--no-progress"));

        keepsTheContract(run, "run", Set.of(0, 2), out, file.toString());
        if (run.code() == 0) {
            assertThat(out.resolve("summary.json")).isRegularFile();
            assertThat(out.resolve("report.html")).isRegularFile();
        }
    }

    @Property(tries = 60)
    void sweepFiles(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        Path file = input("sweep.yaml", Mutation.applyAll(mutations, sweepBytes, true));
        Path out = fresh("out");

        Cli.Run run = count(
                "sweep", Cli.run("sweep", file.toString(), "--out", out.toString(), "--threads", "1", "--no-progress"));

        keepsTheContract(run, "sweep", Set.of(0, 2), out, file.toString());
        if (run.code() == 0) {
            assertThat(out.resolve("results.csv")).isRegularFile();
        }
    }

    @Property(tries = 120)
    void replayFiles(@ForAll("mutations") List<Mutation> mutations, @ForAll boolean mutateTheState) throws IOException {
        Path s = mutateTheState ? input("state.json", Mutation.applyAll(mutations, stateBytes, false)) : state;
        Path t = mutateTheState ? txs : input("txs.json", Mutation.applyAll(mutations, txsBytes, false));
        Path out = fresh("replayed.json");

        Cli.Run run = count(
                mutateTheState ? "state" : "transactions",
                Cli.run("replay", s.toString(), t.toString(), "--out", out.toString()));

        keepsTheContract(run, "replay", Set.of(0, 2), out, s.toString(), t.toString());
        if (run.code() == 0) {
            assertThat(out).isRegularFile();
        }
    }

    @Property(tries = 40)
    void keyFiles(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        Path file = input("keeper.key", Mutation.applyAll(mutations, keyBytes, false));

        Cli.Run run = count("key", Cli.run(keeper("--key-file=" + file).toArray(String[]::new)));

        // no node answers: a key that reads well still ends in a bad input; either way, told without the key
        keepsTheContract(run, "keeper", Set.of(2), null);
    }

    // ---- options

    @Provide
    Arbitrary<List<String>> commandLines() {
        // not check: its search runs jqwik, which cannot start inside a property (ClaimFuzzTest covers it)
        return Arbitraries.of("run", "sweep", "replay", "scenarios", "price", "keeper")
                .flatMap(command -> Arbitraries.of(TOKENS).list().ofMaxSize(4).map(tokens -> {
                    List<String> line = new ArrayList<>(base(command));
                    line.addAll(tokens);
                    return line;
                }));
    }

    /** Options, values and stray words, right and wrong; none makes a valid run long. */
    private static final List<String> TOKENS = List.of(
            "--help",
            "--version",
            "--bogus",
            "",
            "-",
            "--",
            "stray",
            "--seed",
            "--seed=1",
            "--seed=abc",
            "--seed=99999999999999999999",
            "--out=",
            "--set",
            "--set=blocks=5",
            "--set=blocks",
            "--set==",
            "--set=traders.count=0",
            "--set=keepers.7.name=x",
            "--set=protocol.insuranceFund=.inf",
            "--threads=0",
            "--threads=1",
            "--threads=abc",
            "--tries=0",
            "--tries=1",
            "--tries=-5",
            "--no-progress",
            "--progress",
            "--check-invariants",
            "--max-age=abc",
            "--max-age=-1",
            "--clock-skew=abc",
            "--retries=99",
            "--retries=0",
            "--timeout=0s",
            "--timeout=abc",
            "--capital=abc",
            "--bid-percent=101",
            "--auction-margin=2",
            "--min-priority-fee=-1",
            "--scan=everything",
            "--gas-key=XYZ/USD",
            "--chain-id=0",
            "--account=0x12",
            "--key-env=" + TestKeys.hex(KEY),
            "--key-env=NO_SUCH_VARIABLE",
            "--key-file=" + TestKeys.hex(KEY),
            "--key-file=/nonexistent/key",
            "--feed=WETH=0x1",
            "--feed=0x1",
            "--rpc=ftp://example",
            "--rpc=http://",
            "--state=missing.json",
            "--txs=missing.json",
            "--protocol=0xZZ");

    /** {@return the arguments a command needs to get past its required ones, pointing at the small base files} */
    private static List<String> base(String command) {
        return switch (command) {
            case "run" -> List.of("run", scenario.toString());
            case "sweep" -> List.of("sweep", sweep.toString());
            case "replay" -> List.of("replay", state.toString(), txs.toString());
            case "check" -> List.of("check", claim.toString());
            case "price" -> List.of("price", "--rpc=" + NO_NODE, "--feed=" + FEED, "--retries=0");
            case "keeper" -> keeper("--key-file=" + keyFile);
            default -> List.of(command);
        };
    }

    private static List<String> keeper(String key) {
        return List.of(
                "keeper",
                "--rpc=" + NO_NODE,
                "--feed=WETH=" + FEED,
                "--state=" + state,
                "--txs=" + txs,
                "--protocol=" + PROTOCOL,
                "--retries=0",
                key);
    }

    @Property(tries = 120)
    void commandOptions(@ForAll("commandLines") List<String> line) throws IOException {
        String command = line.getFirst();
        Path out = fresh("out");
        List<String> args = new ArrayList<>(line);
        // every command that writes gets a fresh --out, unless the line gives its own
        if (Set.of("run", "sweep", "replay").contains(command) && line.stream().noneMatch(a -> a.startsWith("--out"))) {
            args.add("--out=" + out);
        }

        Cli.Run run = count("options", Cli.run(args.toArray(String[]::new)));

        Set<Integer> documented = Set.of(0, 2);
        keepsTheContract(run, command, documented, out);
        if (run.code() == 2) {
            // one line of error and one of hint for a wrong argument; one line per problem for a wrong input
            assertThat(run.err().lines().count()).as(run.err()).isBetween(1L, 25L);
        }
    }

    // ---- the contract

    /**
     * Checks what every run must do.
     *
     * @param files the input files a problem may name; with none, only that each problem names something
     */
    private static void keepsTheContract(Cli.Run run, String command, Set<Integer> codes, Path out, String... files)
            throws IOException {
        String all = run.out() + run.err();
        assertThat(run.code()).as("exit code of %s%n%s", command, run.err()).isIn(codes);
        assertThat(all).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(TestKeys.leaks(all, KEY)).as("the key leaks: %s", all).isFalse();
        if (run.code() == ExitCodes.BAD_INPUT) {
            assertThat(run.out()).as("nothing on standard output on bad input").isEmpty();
            assertThat(run.err()).as("a message").isNotBlank();
            if (out != null) {
                assertThat(out).as("nothing written into --out on bad input").doesNotExist();
            }
            if (files.length > 0) {
                // each line names the file (and the field) or the option it is about, and a file's problems end
                // with their count
                List<String> lines = run.err().lines().toList();
                String count = "solvent " + command + ": \\d+ problems? in the input; nothing was \\w+";
                boolean counted = lines.getLast().matches(count);
                for (String problem : counted ? lines.subList(0, lines.size() - 1) : lines) {
                    boolean namesAFile = Stream.of(files).anyMatch(f -> problem.startsWith(f + ":"));
                    boolean namesAnOption =
                            problem.startsWith("--") || problem.startsWith("solvent " + command + ": --");
                    assertThat(namesAFile || namesAnOption)
                            .as("a problem names its file or option: %s", problem)
                            .isTrue();
                    assertThat(!namesAFile || counted)
                            .as("a file's problems are counted: %s", run.err())
                            .isTrue();
                    assertThat(problem.length())
                            .as("a problem is one line of a readable length: %s", problem)
                            .isLessThan(2_000);
                }
            }
        } else if (out != null && Files.exists(out)) {
            assertThat(listing(out))
                    .as("complete files only")
                    .noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        }
    }

    private static Cli.Run count(String format, Cli.Run run) {
        synchronized (TRIED) {
            TRIED.computeIfAbsent(format, k -> new AtomicInteger()).incrementAndGet();
        }
        return run;
    }

    private static Path input(String name, byte[] content) throws IOException {
        Path dir = Files.createDirectory(work.resolve("in-" + NEXT.incrementAndGet()));
        return Files.write(dir.resolve(name), content);
    }

    private static Path fresh(String name) {
        return work.resolve("out-" + NEXT.incrementAndGet()).resolve(name);
    }

    private static Set<Path> listing(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder, folder.toString().isEmpty() ? 1 : Integer.MAX_VALUE)) {
            return new java.util.TreeSet<>(all.toList());
        }
    }
}
