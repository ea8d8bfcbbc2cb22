package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shipped worked example, replayed in-process; the numbers are worked out by hand in docs/replay.md. */
class ReplayCommandTest {

    private static JsonNode replayExample() {
        Cli.Run run = Cli.run("replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        return JsonMapper.shared().readTree(run.out());
    }

    private static String text(JsonNode node, String pointer) {
        JsonNode at = node.at(pointer);
        assertThat(at.isMissingNode()).as(pointer).isFalse();
        return at.asString();
    }

    @Test
    void liquidatesBobAccountWideWithPenaltyKeeperRewardAndInsuranceContribution() {
        JsonNode out = replayExample();
        JsonNode liquidation = out.at("/transactions/5/receipt/events/1");

        // At block 5, ETH/USD = 2500 and BTC/USD = 58000 (8 decimals); USDC has 6 decimals.
        // bob's positions close at the oracle price:
        //   ETH-PERP: 20 ETH * 2500 = 50,000 USDC;  BTC-PERP: 0.5 BTC * 58,000 = 29,000 USDC
        //   closed notional = 79,000 USDC
        // penalty = 50,000 * 0.03 + 29,000 * 0.04 = 1,500 + 1,160 = 2,660 USDC
        // bob can pay it: USDC 10,000 - fees 45 - losses (10,000 + 1,000) + WETH 2 * 2500 * 0.8 = 2,955 >= 2,660
        // keeper reward = flat 10 + 25% of 2,660 = 10 + 665 = 675 USDC; insurance gets 2,660 - 675 = 1,985 USDC
        assertThat(text(liquidation, "/type")).isEqualTo("AccountLiquidated");
        assertThat(text(liquidation, "/account")).isEqualTo("bob");
        assertThat(text(liquidation, "/keeper")).isEqualTo("keeper");
        assertThat(text(liquidation, "/receiver")).isEqualTo("backstop");
        assertThat(text(liquidation, "/closedNotional")).isEqualTo("79000000000");
        assertThat(text(liquidation, "/closed/0/market")).isEqualTo("BTC-PERP");
        assertThat(text(liquidation, "/closed/0/value")).isEqualTo("29000000000");
        assertThat(text(liquidation, "/closed/1/market")).isEqualTo("ETH-PERP");
        assertThat(text(liquidation, "/closed/1/value")).isEqualTo("50000000000");
        assertThat(text(liquidation, "/penalty")).isEqualTo("2660000000");
        assertThat(text(liquidation, "/keeperReward")).isEqualTo("675000000");
        assertThat(text(liquidation, "/insuranceContribution")).isEqualTo("1985000000");
        assertThat(text(liquidation, "/shortfall")).isEqualTo("0");
        // 2 WETH pass to the backstop at 2 * 2500 * 0.8 (its collateral weight) = 4,000 USDC
        assertThat(text(out, "/transactions/5/receipt/events/0/type")).isEqualTo("CollateralSeized");
        assertThat(text(out, "/transactions/5/receipt/events/0/value")).isEqualTo("4000000000");
        // gas: base 200,000 + 2 positions * 60,000 + 1 asset * 40,000
        assertThat(out.at("/transactions/5/receipt/gasUsed").asLong()).isEqualTo(360_000);
        // bob keeps 2,955 - 2,660 = 295 USDC and nothing else
        assertThat(text(out, "/finalState/accounts/bob/balances/USDC")).isEqualTo("295000000");
        assertThat(out.at("/finalState/accounts/bob/positions").size()).isZero();
    }

    @Test
    void coversCarolsShortfallFromTheInsuranceFund() {
        JsonNode out = replayExample();
        JsonNode events = out.at("/transactions/6/receipt/events");

        // carol: USDC 6,500 - fee 30 = 6,470; long 1 BTC bought at 60,000, closed at 52,000: loses 8,000
        // 6,470 - 8,000 = -1,530: no penalty can be charged, the keeper gets nothing, the fund pays 1,530
        assertThat(text(events, "/0/penalty")).isEqualTo("0");
        assertThat(text(events, "/0/keeperReward")).isEqualTo("0");
        assertThat(text(events, "/0/shortfall")).isEqualTo("1530000000");
        assertThat(text(events, "/1/type")).isEqualTo("ShortfallCovered");
        assertThat(text(events, "/1/amount")).isEqualTo("1530000000");
        // fund: 2,000 at genesis + 1,985 from bob's penalty - 1,530 = 2,455 USDC
        assertThat(text(out, "/finalState/insuranceFund")).isEqualTo("2455000000");
        assertThat(text(out, "/finalState/ledger/shortfallCovered")).isEqualTo("1530000000");
        assertThat(text(out, "/finalState/ledger/badDebt")).isEqualTo("0");
    }

    @Test
    void reportsRevertsWithTheirFieldsAndMessage() {
        JsonNode out = replayExample();

        // bob withdrawing 6,000 USDC would leave margin equity 3,955 + 4,800 (2 WETH * 3000 * 0.8) = 8,755
        // below the initial requirement 60,000 * 0.1 + 30,000 * 0.1 = 9,000
        JsonNode withdraw = out.at("/transactions/3/revert");
        assertThat(text(withdraw, "/type")).isEqualTo("InsufficientMargin");
        assertThat(text(withdraw, "/requirement")).isEqualTo("9000000000");
        assertThat(text(withdraw, "/equity")).isEqualTo("8755000000");
        assertThat(text(withdraw, "/message")).contains("InsufficientMargin");
        assertThat(out.at("/transactions/3/receipt").isMissingNode()).isTrue();
        // carol at block 5: 6,470 - 2,000 = 4,470 against a maintenance requirement of 58,000 * 0.05 = 2,900
        JsonNode early = out.at("/transactions/4/revert");
        assertThat(text(early, "/type")).isEqualTo("NotLiquidatable");
        assertThat(text(early, "/equity")).isEqualTo("4470000000");
        assertThat(text(early, "/requirement")).isEqualTo("2900000000");
        assertThat(out.at("/summary/reverted").asInt()).isEqualTo(2);
        assertThat(out.at("/summary/succeeded").asInt()).isEqualTo(6);
    }

    @Test
    void seedsGenesisBalancesAsDepositsSoTheLedgerBalances() {
        JsonNode out = replayExample();

        assertThat(out.at("/genesis/transactions").size()).isEqualTo(6);
        assertThat(text(out, "/genesis/transactions/5/tx/type")).isEqualTo("FundInsurance");
        // USDC in: 500,000 + 10,000 + 6,500 + 50,000 + fund 2,000 - alice's withdrawal 10,000 = 558,500
        assertThat(text(out, "/finalState/ledger/netInflow/USDC")).isEqualTo("558500000000");
        // and every unit is somewhere: balances 536,940 + position quotes 19,000 + fund 2,455 + fees 105
        long balances = Stream.of("alice", "backstop", "bob", "keeper")
                .mapToLong(a -> Long.parseLong(text(out, "/finalState/accounts/" + a + "/balances/USDC")))
                .sum();
        long quotes = Stream.of("alice", "backstop")
                .flatMap(a -> Stream.of("BTC-PERP", "ETH-PERP")
                        .map(m -> "/finalState/accounts/" + a + "/positions/" + m + "/quote"))
                .mapToLong(p -> Long.parseLong(text(out, p)))
                .sum();
        long fund = Long.parseLong(text(out, "/finalState/insuranceFund"));
        long fees = Long.parseLong(text(out, "/finalState/feePool"));
        assertThat(balances).isEqualTo(536_940_000_000L);
        assertThat(quotes).isEqualTo(19_000_000_000L);
        assertThat(fees).isEqualTo(105_000_000L);
        assertThat(balances + quotes + fund + fees).isEqualTo(558_500_000_000L);
    }

    @Test
    void givesByteIdenticalOutputOnEveryRun() {
        Cli.Run first = Cli.run("replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());
        Cli.Run second = Cli.run("replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());

        assertThat(first.out()).isNotEmpty();
        assertThat(second.out().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(first.out().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesSortedMapKeysAndUnixLineEnds() {
        Cli.Run run = Cli.run("replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());

        assertThat(run.out()).doesNotContain("\r").endsWith("}\n");
        String accounts = run.out().substring(run.out().indexOf("\"accounts\""));
        assertThat(accounts.indexOf("\"alice\""))
                .isLessThan(accounts.indexOf("\"backstop\""))
                .isLessThan(accounts.indexOf("\"bob\""));
    }

    @Test
    void writesTheSameJsonToTheOutFileAndNothingToStdout(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("replay.json");
        Cli.Run toStdout = Cli.run("replay", Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());

        Cli.Run toFile =
                Cli.run("replay", "--out", target.toString(), Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());

        assertThat(toFile.code()).isEqualTo(ExitCodes.OK);
        assertThat(toFile.out()).isEmpty();
        assertThat(Files.readAllBytes(target)).isEqualTo(toStdout.out().getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(target);
        }
    }

    @Test
    void replacesAnExistingOutFileWhole(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("replay.json");
        Files.writeString(target, "old content that is longer than nothing".repeat(1000));

        Cli.Run run =
                Cli.run("replay", "--out", target.toString(), Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(target)).startsWith("{\n  \"genesis\"").endsWith("}\n");
    }

    @Test
    void exitsWithTwoWhenTheOutFolderDoesNotExist(@TempDir Path dir) {
        Path target = dir.resolve("missing").resolve("replay.json");

        Cli.Run run =
                Cli.run("replay", "--out", target.toString(), Cli.EXAMPLE_STATE.toString(), Cli.EXAMPLE_TXS.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains(target.toString()).contains("does not exist");
        assertThat(Files.exists(target)).isFalse();
    }

    /** The example's inputs copied into {@code dir}, so that a test may try to overwrite them. */
    private static Path[] copyOfTheExample(Path dir) throws IOException {
        return new Path[] {
            Files.copy(Cli.EXAMPLE_STATE, dir.resolve("state.json")),
            Files.copy(Cli.EXAMPLE_TXS, dir.resolve("txs.json"))
        };
    }

    /** Replays with {@code --out}, checks that it is refused with one line and that no input changed; the line. */
    private static String refusedOut(Path out, Path state, Path txs) throws IOException {
        byte[] stateBefore = Files.readAllBytes(state);
        byte[] txsBefore = Files.readAllBytes(txs);

        Cli.Run run = Cli.run("replay", "--out", out.toString(), state.toString(), txs.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(Files.readAllBytes(state)).as("the state file is untouched").isEqualTo(stateBefore);
        assertThat(Files.readAllBytes(txs))
                .as("the transactions file is untouched")
                .isEqualTo(txsBefore);
        return run.err();
    }

    @Test
    void refusesAnOutFileThatIsOneOfTheInputs(@TempDir Path dir) throws IOException {
        Path[] in = copyOfTheExample(dir);
        Path state = in[0];
        Path txs = in[1];

        assertThat(refusedOut(state, state, txs))
                .isEqualTo("solvent replay: --out " + state + ": is the state file " + state
                        + "; valid: a file that is not one of the inputs" + System.lineSeparator());
        assertThat(refusedOut(txs, state, txs))
                .isEqualTo("solvent replay: --out " + txs + ": is the transactions file " + txs
                        + "; valid: a file that is not one of the inputs" + System.lineSeparator());
        // the same file by another name: relative, through "..", or with "."
        Path roundabout = dir.resolve("sub").resolve("..").resolve(".").resolve("txs.json");
        Files.createDirectory(dir.resolve("sub"));
        assertThat(refusedOut(roundabout, state, txs))
                .isEqualTo("solvent replay: --out " + roundabout + ": is the transactions file " + txs
                        + "; valid: a file that is not one of the inputs" + System.lineSeparator());
        Path relative = Path.of("").toAbsolutePath().relativize(state);
        assertThat(refusedOut(relative, state, txs)).contains("--out " + relative + ": is the state file " + state);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files)
                    .as("no temporary file is left behind")
                    .containsExactlyInAnyOrder(state, txs, dir.resolve("sub"));
        }
    }

    @Test
    void refusesAnOutFileThatIsAnInputThroughALink(@TempDir Path dir) throws IOException {
        Path[] in = copyOfTheExample(dir);
        Path state = in[0];
        Path txs = in[1];
        Path toTxs;
        Path hard;
        try {
            toTxs = Files.createSymbolicLink(dir.resolve("link-to-txs.json"), txs.getFileName());
            hard = Files.createLink(dir.resolve("hard-state.json"), state);
        } catch (UnsupportedOperationException | IOException e) {
            Assumptions.abort("links are not supported here: " + e);
            return;
        }

        assertThat(refusedOut(toTxs, state, txs))
                .isEqualTo("solvent replay: --out " + toTxs + ": is the transactions file " + txs
                        + "; valid: a file that is not one of the inputs" + System.lineSeparator());
        assertThat(Files.isSymbolicLink(toTxs)).as("the link is left as it was").isTrue();
        // the input given through the link, the output by its real name
        assertThat(refusedOut(txs, state, toTxs)).contains("--out " + txs + ": is the transactions file " + toTxs);
        assertThat(refusedOut(hard, state, txs)).contains("--out " + hard + ": is the state file " + state);
        // through a link to the inputs' folder
        Path again = Files.createSymbolicLink(dir.resolve("again"), dir);
        assertThat(refusedOut(again.resolve("state.json"), state, txs))
                .contains("--out " + again.resolve("state.json") + ": is the state file " + state);
    }

    @Test
    void stillWritesAnOutFileBesideTheInputs(@TempDir Path dir) throws IOException {
        Path[] in = copyOfTheExample(dir);
        Path out = dir.resolve("replay.json");

        Cli.Run run = Cli.run("replay", "--out", out.toString(), in[0].toString(), in[1].toString());

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(out).exists();
        assertThat(Files.readAllBytes(in[0])).isEqualTo(Files.readAllBytes(Cli.EXAMPLE_STATE));
    }
}
