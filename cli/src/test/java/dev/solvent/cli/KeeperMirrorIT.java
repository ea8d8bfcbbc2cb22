package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.mirror.comet.CometBook;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.harness.AbiCodec;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.oracle.mirror.CometStateFile;
import io.vavr.control.Either;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solvent keeper --protocol-kind comet}: the keeper's dry run on a real book read by {@code solvent mirror}
 * from the real Comet on anvil (100 accounts built through the contracts). Collateral prices fall by a quarter on the
 * chain; the accounts the dry run finds liquidatable, and absorbs on the mirror, are exactly those the deployment's
 * own {@code isLiquidatable} names at the block read; and {@code --shock -25} on the book read before the fall finds
 * the same accounts.
 */
@Tag("integration")
class KeeperMirrorIT {

    private static final Pattern LISTED = Pattern.compile(
            "^  (0x[0-9a-f]{40})  health 0\\.[0-9]{4}, debt [0-9,.]+ USD: absorb, gain 0\\.00 USD -> goes through \\([0-9]+ events\\)$");

    private static Either<String, AnvilChain> started;
    private static CometBook book;

    @TempDir
    Path folder;

    @BeforeAll
    static void buildTheBook() {
        started = AnvilChain.start();
        started.forEach(anvil -> book = CometBook.create(anvil, 100, 11));
    }

    @AfterAll
    static void stopAnvil() {
        if (started != null) {
            started.forEach(AnvilChain::close);
        }
    }

    @Test
    void findsExactlyTheAccountsTheDeploymentWouldLiquidateAfterAFallAndAShockOfTheSameSize() throws IOException {
        assumeTrue(started.isRight(), () -> started.getLeft());
        Path before = read("before.json");
        Cli.Run shocked = Cli.run("keeper", "--protocol-kind", "comet", "--state", before.toString(), "--shock", "-25");
        assertThat(shocked.code()).as(shocked.err()).isEqualTo(ExitCodes.OK);

        for (Address feed : book.collateralFeeds()) {
            book.setPrice(feed, MirrorDryRun.shocked(book.answers().get(feed), BigDecimal.valueOf(-25)));
        }
        Path after = read("after.json");
        long block = CometStateFile.read(Files.readString(after)).get().blockNumber();
        Cli.Run run = Cli.run("keeper", "--protocol-kind", "comet", "--state", after.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);

        Set<String> deployment = new TreeSet<>();
        for (Address a : book.accounts()) {
            String answer = started.get()
                    .call(
                            a,
                            book.comet(),
                            AbiCodec.encodeCall("isLiquidatable(address)", a),
                            "0x" + Long.toHexString(block))
                    .getOrElseThrow(reason -> new AssertionError(reason));
            if (new BigInteger(answer.substring(2), 16).signum() != 0) {
                deployment.add(a.hex());
            }
        }
        assertThat(deployment)
                .as("the fall leaves some accounts liquidatable, not all")
                .isNotEmpty();
        assertThat(deployment.size()).isLessThan(book.accounts().size());
        assertThat(listed(run.out())).isEqualTo(deployment);
        assertThat(run.out()).doesNotContain("reverts");
        assertThat(run.out()).contains(String.format(java.util.Locale.ROOT, "%,d liquidatable", deployment.size()));
        assertThat(listed(shocked.out())).isEqualTo(deployment);
        assertThat(shocked.out()).contains("collateral prices -25%");
    }

    @Test
    void refusesWhatADryRunOfAStateFileCannotUse() throws IOException {
        assumeTrue(started.isRight(), () -> started.getLeft());
        Path state = read("state.json");
        Cli.Run rpc = Cli.run(
                "keeper", "--protocol-kind", "comet", "--state", state.toString(), "--rpc", "http://127.0.0.1:1");
        assertThat(rpc.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(rpc.err()).contains("do not apply to --protocol-kind comet");

        Cli.Run crash = Cli.run("keeper", "--protocol-kind", "comet", "--state", state.toString(), "--shock", "-100");
        assertThat(crash.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(crash.err())
                .contains("--shock -100: a price cannot fall by 100% or more; valid: a percent above -100");

        Path genesis = folder.resolve("genesis.json");
        Files.writeString(genesis, "{\"timestamp\": 1700000000}");
        Cli.Run wrong = Cli.run("keeper", "--protocol-kind", "comet", "--state", genesis.toString());
        assertThat(wrong.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrong.err()).contains("--state " + genesis).contains("a state file written by solvent mirror");

        Cli.Run kind = Cli.run("keeper", "--protocol-kind", "aave-v3.3", "--state", state.toString());
        assertThat(kind.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(kind.err())
                .contains("--protocol-kind aave-v3.3: unknown; valid: solvent (a genesis state, live),"
                        + " comet (a state file of solvent mirror)");
    }

    private Path read(String name) {
        Path out = folder.resolve(name);
        Cli.Run run = Cli.run(
                "mirror",
                "--rpc",
                book.url(),
                "--protocol",
                "comet",
                "--address",
                book.comet().hex(),
                "--out",
                out.toString());
        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        return out;
    }

    private static Set<String> listed(String out) {
        Set<String> accounts = new TreeSet<>();
        for (String line : out.split("\n")) {
            Matcher m = LISTED.matcher(line);
            if (m.matches()) {
                accounts.add(m.group(1));
            }
        }
        return accounts;
    }
}
