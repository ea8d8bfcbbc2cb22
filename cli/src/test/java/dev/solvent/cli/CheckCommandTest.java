package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code solvent check} on the shipped example claims: each exit code, and counterexamples that replay. */
class CheckCommandTest {

    static final Path CLAIMS = Path.of("..", "examples", "claims");

    @Test
    void aClaimThatHoldsExitsZeroWithWhatWasTried(@TempDir Path out) {
        Cli.Run run = Cli.run(
                "check",
                CLAIMS.resolve("no-bad-debt-holds.json").toString(),
                "--tries",
                "150",
                "--out",
                out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("HOLDS: no account ends with bad debt");
        // 150 tries, a quarter of them edge cases first
        assertThat(run.out()).contains("tried 150 scenarios (37 edge cases first, then random ones from seed 1)");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aClaimWithAStateFileNextToItHolds() {
        Cli.Run run = Cli.run("check", CLAIMS.resolve("no-shortfall-holds.json").toString(), "--tries", "100");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).startsWith("HOLDS: no liquidation leaves a shortfall");
    }

    @Test
    void aThinMaintenanceMarginFailsWithACounterexampleThatReplays(@TempDir Path out) {
        Cli.Run run =
                Cli.run("check", CLAIMS.resolve("thin-maintenance-fails.json").toString(), "--out", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(run.out()).startsWith("FAILS: no account ends with bad debt").contains("bad debt", "replay it:");
        Path state = out.resolve("state.json");
        Path txs = out.resolve("txs.json");
        assertThat(state).exists();
        assertThat(txs).exists();

        Cli.Run replay = Cli.run("replay", state.toString(), txs.toString());
        assertThat(replay.err()).isEmpty();
        assertThat(replay.code()).isEqualTo(ExitCodes.OK);
        JsonNode result = JsonMapper.shared().readTree(replay.out());
        // the replay reproduces the bad debt the search found
        assertThat(result.at("/finalState/ledger/badDebt").asString()).isNotEqualTo("0");
        JsonNode last =
                result.at("/transactions").get(result.at("/transactions").size() - 1);
        assertThat(last.at("/tx/type").asString()).isEqualTo("Liquidate");
        assertThat(last.at("/receipt/events").toString()).contains("BadDebtRecorded");
    }

    @Test
    void theSameSeedGivesTheSameCounterexample(@TempDir Path a, @TempDir Path b) throws IOException {
        String claim = CLAIMS.resolve("dust-unprofitable-fails.json").toString();
        Cli.Run first = Cli.run("check", claim, "--tries", "200", "--seed", "11", "--out", a.toString());
        Cli.Run second = Cli.run("check", claim, "--tries", "200", "--seed", "11", "--out", b.toString());

        assertThat(first.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(first.out().replace(a.toString(), "OUT"))
                .isEqualTo(second.out().replace(b.toString(), "OUT"));
        assertThat(Files.readString(a.resolve("txs.json"))).isEqualTo(Files.readString(b.resolve("txs.json")));
    }

    @Test
    void aMissingClaimFileIsBadInput() {
        Cli.Run run = Cli.run("check", "no-such-claim.json");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no-such-claim.json: file not found").contains("nothing was searched");
    }

    @Test
    void everyBadFieldIsNamedWithItsLine(@TempDir Path dir) throws IOException {
        Path claim = dir.resolve("claim.json");
        Files.writeString(claim, """
                {
                  "claim": "noBadDbt",
                  "state": "missing-state.json",
                  "traders": ["alice"],
                  "keeper": "keeper",
                  "prices": {"initial": {}, "maxMovePerBlock": "1.5", "blocks": 0},
                  "keepers": {"actWithinBlocks": 2, "gasPrise": "1"}
                }
                """, StandardCharsets.UTF_8);

        Cli.Run run = Cli.run("check", claim.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("claim.json: line 2: claim: \"noBadDbt\" is not a claim; valid: one of noBadDebt,")
                .contains("claim.json: line 3: state: ")
                .contains("missing-state.json: file not found")
                .contains("line 4: traders: has fewer than two distinct accounts")
                .contains("line 6: prices.maxMovePerBlock: \"1.5\" is out of range")
                .contains("line 6: prices.blocks: 0 is too small")
                .contains(
                        "line 7: keepers.gasPrise: is not a known field; valid fields here: actWithinBlocks, gasPrice")
                .contains("problems in the input; nothing was searched");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void zeroTriesIsBadInput() {
        Cli.Run run = Cli.run("check", CLAIMS.resolve("no-bad-debt-holds.json").toString(), "--tries", "0");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--tries: 0 is out of range");
    }
}
