package dev.solvent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vavr.control.Either;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * {@code solvent keeper} against a real chain: anvil with the oracle module's test aggregator as the ETH/USD feed (at
 * 1,050, pushed at the chain's time) and an echo contract as the protocol; the state of {@link KeeperFiles}. The key
 * is made up from a seed and funded with {@code anvil_setBalance}.
 */
@Tag("integration")
class KeeperCommandIT {

    static final Credentials KEY = TestKeys.fromSeed(42);

    private static Either<String, Anvil> started;
    private static String feed;
    private static String protocol;

    @TempDir
    Path dir;

    private Anvil anvil;
    private KeeperFiles.Written files;
    private Path keyFile;
    private final List<Cli.Run> runs = new ArrayList<>();

    @BeforeAll
    static void startAnvilAndDeploy() throws IOException {
        started = Anvil.start();
        if (started.isRight()) {
            Anvil a = started.get();
            a.fund(KEY.getAddress());
            feed = a.deployAggregator(KEY, 8, "ETH / USD");
            protocol = a.deployEcho(KEY);
        }
    }

    @AfterAll
    static void stopAnvil() {
        if (started != null) {
            started.forEach(Anvil::close);
        }
    }

    @BeforeEach
    void pushAFreshRound() throws IOException {
        assumeTrue(started.isRight(), started::getLeft);
        anvil = started.get();
        files = KeeperFiles.write(dir);
        keyFile = TestKeys.file(dir, KEY);
        anvil.pushRound(KEY, feed, 1, 1_050_00000000L, anvil.latestTimestamp());
    }

    @AfterEach
    void theKeyNeverAppears() {
        for (Cli.Run run : runs) {
            assertThat(TestKeys.leaks(run.out() + run.err(), KEY))
                    .as("the key leaked into:%n%s%n%s", run.out(), run.err())
                    .isFalse();
        }
    }

    private Cli.Run keeper(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "keeper",
                "--rpc=" + anvil.url(),
                "--feed=WETH=" + feed,
                "--state=" + files.state(),
                "--txs=" + files.txs(),
                "--protocol=" + protocol,
                "--key-file=" + keyFile,
                "--account=keeper",
                "--min-priority-fee=1000000000"));
        args.addAll(List.of(more));
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        runs.add(run);
        return run;
    }

    private static List<String> values(String out, String label) {
        Matcher m = Pattern.compile("(?m)^\\s+" + label + "\\s+(0x[0-9a-f]+)$").matcher(out);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void signsTransactionsThatDecodeToTheChainTheKeysAddressAndTheLiquidationCalldata()
            throws IOException, SignatureException {
        BigInteger nonce = anvil.nonce(KEY.getAddress());

        Cli.Run run = keeper();

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        // the example output in docs/keeper.md and keeper/README.md is this file's
        Files.writeString(Path.of("target", "keeper-dry-run.txt"), run.out(), StandardCharsets.UTF_8);
        // Carol's 47 USDC pay most and go first; Alice's 9.2 pay too at anvil's base fee of about a gwei or less
        assertThat(run.out()).contains("  1. Liquidate carol").contains("  2. Liquidate alice");
        List<String> signed = values(run.out(), "signed");
        List<String> calldata = List.of(KeeperFiles.LIQUIDATE_CAROL, KeeperFiles.LIQUIDATE_ALICE);
        assertThat(signed).hasSize(2);
        for (int i = 0; i < 2; i++) {
            SignedRawTransaction tx = (SignedRawTransaction) TransactionDecoder.decode(signed.get(i));
            assertThat(tx.getFrom()).isEqualToIgnoringCase(KEY.getAddress());
            Transaction1559 t = (Transaction1559) tx.getTransaction();
            assertThat(t.getChainId()).isEqualTo(Anvil.CHAIN_ID);
            assertThat(t.getNonce()).isEqualTo(nonce.add(BigInteger.valueOf(i)));
            assertThat(t.getTo()).isEqualToIgnoringCase(protocol);
            assertThat(t.getGasLimit()).isEqualTo(BigInteger.valueOf(260_000));
            assertThat("0x" + t.getData().replaceFirst("^0x", "")).isEqualTo(calldata.get(i));
        }
        assertThat(run.out()).contains("dry run: nothing was sent");
        assertThat(anvil.nonce(KEY.getAddress())).as("nothing was sent").isEqualTo(nonce);
    }

    @Test
    void broadcastsToTheNamedChainAndTheProtocolReceivesTheCalls() throws IOException {
        BigInteger nonce = anvil.nonce(KEY.getAddress());

        Cli.Run run = keeper("--broadcast", "--chain-id=31337");

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        Files.writeString(Path.of("target", "keeper-broadcast.txt"), run.out(), StandardCharsets.UTF_8);
        List<String> hashes = values(run.out(), "hash");
        assertThat(hashes).hasSize(2);
        List<String> calldata = List.of(KeeperFiles.LIQUIDATE_CAROL, KeeperFiles.LIQUIDATE_ALICE);
        for (int i = 0; i < 2; i++) {
            TransactionReceipt receipt = anvil.receipt(hashes.get(i));
            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(receipt.getTo()).isEqualToIgnoringCase(protocol);
            // the echo contract logs the calldata it received
            assertThat(receipt.getLogs()).hasSize(1);
            assertThat(receipt.getLogs().getFirst().getData()).isEqualTo(calldata.get(i));
            assertThat(run.out())
                    .contains("sent: " + hashes.get(i) + ", mined in block " + receipt.getBlockNumber()
                            + ", succeeded, gas used " + receipt.getGasUsed());
        }
        assertThat(anvil.nonce(KEY.getAddress())).isEqualTo(nonce.add(BigInteger.TWO));
        assertThat(run.out()).doesNotContain("dry run");
    }

    @Test
    void refusesToBroadcastToAnotherChainAndSendsNothing() throws IOException {
        BigInteger nonce = anvil.nonce(KEY.getAddress());

        Cli.Run run = keeper("--broadcast", "--chain-id=1");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--chain-id 1: the node at").contains("is chain 31337");
        assertThat(anvil.nonce(KEY.getAddress())).isEqualTo(nonce);
    }
}
