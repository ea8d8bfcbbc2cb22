package dev.solvent.oracle.live;

import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A real local chain for integration tests: anvil, started on a free loopback port and stopped with SIGTERM, plus
 * what a test needs on it (deploying the test aggregator, pushing rounds) signed with anvil's first development key.
 *
 * <p>The binary is {@code $SOLVENT_ANVIL}, else the system property {@code solvent.anvil} that the build sets to where
 * {@code .ci/install-anvil} puts it. Without a runnable anvil the tests are skipped with the reason, except under CI
 * ({@code CI=true}), where a missing anvil is a failure: CI must never pass by skipping them.
 */
final class AnvilNode implements AutoCloseable {

    /** Account 0 of anvil's public test mnemonic ("test test ... junk"): public test data, never a real key. */
    private static final Credentials DEV_ACCOUNT =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    private static final long CHAIN_ID = 31_337;
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);
    private static final int START_ATTEMPTS = 3;
    private static final long READY_WITHIN_MILLIS = 15_000;
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final Path log;
    private final String url;
    private final Web3j web3j;
    private BigInteger nonce;

    private AnvilNode(Process process, Path log, String url, Web3j web3j) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.web3j = web3j;
    }

    /**
     * {@return a running anvil that answers JSON-RPC, or why there is none} The reason is for an assumption in each
     * test (a class-level abort would hide it: Surefire reports such a class as zero tests). Under CI it fails instead.
     */
    static Either<String, AnvilNode> start() throws IOException {
        Either<String, Path> found = binary();
        if (found.isLeft()) {
            return unavailable(found.getLeft());
        }
        Path binary = found.get();
        String failure = "";
        // a free port can be taken between our probe and anvil's bind: a bounded number of fresh ports
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = Path.of("target", "anvil-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process process;
            try {
                process = new ProcessBuilder(
                                binary.toString(),
                                "--host",
                                "127.0.0.1",
                                "--port",
                                Integer.toString(port),
                                "--silent",
                                "--prune-history")
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
            } catch (IOException e) {
                return unavailable("anvil at " + binary + " cannot be run: " + e.getMessage());
            }
            String url = "http://127.0.0.1:" + port;
            Web3j web3j = Web3j.build(new HttpService(url));
            AnvilNode node = new AnvilNode(process, log, url, web3j);
            if (node.awaitReady()) {
                node.nonce = web3j.ethGetTransactionCount(DEV_ACCOUNT.getAddress(), DefaultBlockParameterName.PENDING)
                        .send()
                        .getTransactionCount();
                return Either.right(node);
            }
            failure = node.logText();
            node.close();
        }
        return unavailable("anvil at " + binary + " did not start in " + START_ATTEMPTS + " attempts: " + failure);
    }

    private static Either<String, Path> binary() {
        String fromEnv = System.getenv("SOLVENT_ANVIL");
        String configured = fromEnv != null && !fromEnv.isBlank() ? fromEnv : System.getProperty("solvent.anvil");
        if (configured == null || configured.isBlank()) {
            return Either.left("neither SOLVENT_ANVIL nor the system property solvent.anvil names an anvil binary");
        }
        Path binary = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isExecutable(binary)) {
            return Either.left("no runnable anvil at " + binary + "; run .ci/install-anvil (needs npm) or set"
                    + " SOLVENT_ANVIL to an anvil binary");
        }
        return Either.right(binary);
    }

    private static Either<String, AnvilNode> unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            return fail("CI must run the anvil integration tests, but " + reason);
        }
        return Either.left("anvil integration test skipped: " + reason);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits, bounded, until anvil answers {@code eth_chainId}; false if it exits or never answers. */
    private boolean awaitReady() {
        for (long waited = 0; waited < READY_WITHIN_MILLIS; waited += POLL_MILLIS) {
            try {
                if (web3j.ethChainId().send().getChainId().longValueExact() == CHAIN_ID) {
                    return true;
                }
            } catch (IOException | RuntimeException notYet) {
                // not listening yet
            }
            try {
                // waiting on the process, not sleeping: an anvil that dies (a port taken) ends the wait at once
                if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** {@return the JSON-RPC URL} */
    RpcUrl rpcUrl() {
        return new RpcUrl(url);
    }

    /** {@return the address of a new test aggregator with these decimals and description, owned by the dev account} */
    FeedAddress deployAggregator(int decimals, String description) throws IOException {
        String bytecode = resource("/contracts/TestAggregator.bin");
        String arguments = FunctionEncoder.encodeConstructor(List.of(new Uint8(decimals), new Utf8String(description)));
        TransactionReceipt receipt = send(RawTransaction.createContractTransaction(
                nonce, GAS_PRICE, GAS_LIMIT, BigInteger.ZERO, "0x" + bytecode + arguments));
        return FeedAddress.parse(receipt.getContractAddress()).get();
    }

    /** Writes one round to a test aggregator through its {@code pushRound}. */
    void pushRound(FeedAddress feed, long roundId, long answer, long startedAt, long updatedAt, long answeredInRound)
            throws IOException {
        Function push = new Function(
                "pushRound",
                List.of(
                        new Uint80(roundId),
                        new Int256(answer),
                        new Uint256(startedAt),
                        new Uint256(updatedAt),
                        new Uint80(answeredInRound)),
                List.of());
        send(RawTransaction.createTransaction(
                nonce, GAS_PRICE, GAS_LIMIT, feed.value(), BigInteger.ZERO, FunctionEncoder.encode(push)));
    }

    private TransactionReceipt send(RawTransaction transaction) throws IOException {
        byte[] signed = TransactionEncoder.signMessage(transaction, CHAIN_ID, DEV_ACCOUNT);
        EthSendTransaction sent =
                web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) {
            return fail("anvil refused a transaction: " + sent.getError().getMessage());
        }
        nonce = nonce.add(BigInteger.ONE);
        TransactionReceipt receipt = awaitReceipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) {
            return fail("the transaction reverted: " + receipt);
        }
        return receipt;
    }

    /** Waits, bounded, for the receipt: anvil mines each transaction as it arrives, but not always before answering. */
    private TransactionReceipt awaitReceipt(String hash) throws IOException {
        for (long waited = 0; waited < READY_WITHIN_MILLIS; waited += POLL_MILLIS) {
            var receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt.get();
            }
            try {
                if (process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return fail("anvil exited while mining " + hash + ": " + logText());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for " + hash);
            }
        }
        return fail("no receipt for " + hash + " within " + READY_WITHIN_MILLIS + " ms");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AnvilNode.class.getResourceAsStream(name)) {
            if (in == null) {
                return fail("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    private String logText() {
        try {
            return Files.readString(log).strip();
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops anvil with SIGTERM (forcibly if it does not stop within seconds) and the web3j client. */
    @Override
    public void close() {
        web3j.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
