package dev.solvent.cli;

import static org.junit.jupiter.api.Assertions.fail;

import io.vavr.control.Either;
import java.io.IOException;
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
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A real local chain for the keeper's integration tests: anvil on a free loopback port, stopped with SIGTERM, and what
 * the tests need on it: an account funded for a key made up at test time ({@code anvil_setBalance}), the oracle
 * module's test aggregator, an echo contract standing in for the protocol, and rounds pushed to the aggregator.
 *
 * <p>The binary is {@code $SOLVENT_ANVIL}, else the system property {@code solvent.anvil} that the build sets to where
 * {@code .ci/install-anvil} puts it. Without a runnable anvil the tests are skipped with the reason, except under CI
 * ({@code CI=true}), where a missing anvil is a failure.
 */
final class Anvil implements AutoCloseable {

    static final long CHAIN_ID = 31_337;

    /** The oracle module's test aggregator (see oracle/src/test/resources/contracts/README.md), from this module. */
    private static final Path AGGREGATOR_BIN =
            Path.of("..", "oracle", "src", "test", "resources", "contracts", "TestAggregator.bin");

    /**
     * A protocol stand-in that accepts any call and logs its calldata ({@code LOG0}), so that a test sees what the
     * contract received. Runtime {@code CALLDATASIZE PUSH0 PUSH0 CALLDATACOPY CALLDATASIZE PUSH0 LOG0 STOP} (8
     * bytes: {@code 365f5f37365fa000}), behind init code that copies those 8 bytes from offset 10 and returns them
     * ({@code PUSH1 8 PUSH1 10 PUSH0 CODECOPY PUSH1 8 PUSH0 RETURN}).
     */
    static final String ECHO_BYTECODE = "0x6008600a5f3960085ff3" + "365f5f37365fa000";

    private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(3_000_000);
    private static final int START_ATTEMPTS = 3;
    private static final long READY_WITHIN_MILLIS = 15_000;
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final Path log;
    private final String url;
    private final HttpService service;
    private final Web3j web3j;

    private Anvil(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.service = new HttpService(url);
        this.web3j = Web3j.build(service);
    }

    /** {@return a running anvil, or why there is none (under CI a missing anvil fails instead)} */
    static Either<String, Anvil> start() throws IOException {
        String fromEnv = System.getenv("SOLVENT_ANVIL");
        String configured = fromEnv != null && !fromEnv.isBlank() ? fromEnv : System.getProperty("solvent.anvil");
        if (configured == null || configured.isBlank()) {
            return unavailable("neither SOLVENT_ANVIL nor the system property solvent.anvil names an anvil binary");
        }
        Path binary = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isExecutable(binary)) {
            return unavailable("no runnable anvil at " + binary + "; run .ci/install-anvil (needs npm) or set"
                    + " SOLVENT_ANVIL to an anvil binary");
        }
        String failure = "";
        // a free port can be taken between our probe and anvil's bind: a bounded number of fresh ports
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path log = Path.of("target", "anvil-" + port + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(
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
            Anvil anvil = new Anvil(process, log, "http://127.0.0.1:" + port);
            if (anvil.awaitReady()) {
                return Either.right(anvil);
            }
            failure = anvil.logText();
            anvil.close();
        }
        return unavailable("anvil at " + binary + " did not start in " + START_ATTEMPTS + " attempts: " + failure);
    }

    private static Either<String, Anvil> unavailable(String reason) {
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
    String url() {
        return url;
    }

    /** {@return the web3j client of this chain} */
    Web3j web3j() {
        return web3j;
    }

    /** Gives {@code address} 100 ether ({@code anvil_setBalance}). */
    void fund(String address) throws IOException {
        VoidResponse r = new Request<>(
                        "anvil_setBalance",
                        List.of(address, Numeric.toHexStringWithPrefix(BigInteger.TEN.pow(20))),
                        service,
                        VoidResponse.class)
                .send();
        if (r.hasError()) {
            fail("anvil_setBalance: " + r.getError().getMessage());
        }
    }

    /** {@return the next nonce of {@code address}, pending transactions counted} */
    BigInteger nonce(String address) throws IOException {
        return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING)
                .send()
                .getTransactionCount();
    }

    /** {@return the latest block's timestamp} */
    long latestTimestamp() throws IOException {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp()
                .longValueExact();
    }

    /** {@return the address of a new test aggregator with these decimals and description} */
    String deployAggregator(Credentials from, int decimals, String description) throws IOException {
        String bytecode =
                Files.readString(AGGREGATOR_BIN, StandardCharsets.US_ASCII).strip();
        String arguments = FunctionEncoder.encodeConstructor(List.of(new Uint8(decimals), new Utf8String(description)));
        return deploy(from, "0x" + bytecode + arguments);
    }

    /** {@return the address of a new echo contract (see {@link #ECHO_BYTECODE})} */
    String deployEcho(Credentials from) throws IOException {
        return deploy(from, ECHO_BYTECODE);
    }

    private String deploy(Credentials from, String initCode) throws IOException {
        TransactionReceipt receipt = send(
                from,
                RawTransaction.createContractTransaction(
                        nonce(from.getAddress()), GAS_PRICE, GAS_LIMIT, BigInteger.ZERO, initCode));
        return receipt.getContractAddress();
    }

    /** Writes one round to a test aggregator through its {@code pushRound}. */
    void pushRound(Credentials from, String feed, long roundId, long answer, long updatedAt) throws IOException {
        Function push = new Function(
                "pushRound",
                List.of(
                        new Uint80(roundId),
                        new Int256(answer),
                        new Uint256(updatedAt),
                        new Uint256(updatedAt),
                        new Uint80(roundId)),
                List.of());
        send(
                from,
                RawTransaction.createTransaction(
                        nonce(from.getAddress()),
                        GAS_PRICE,
                        GAS_LIMIT,
                        feed,
                        BigInteger.ZERO,
                        FunctionEncoder.encode(push)));
    }

    private TransactionReceipt send(Credentials from, RawTransaction transaction) throws IOException {
        byte[] signed = TransactionEncoder.signMessage(transaction, CHAIN_ID, from);
        EthSendTransaction sent =
                web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
        if (sent.hasError()) {
            return fail("anvil refused a transaction: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt = receipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) {
            return fail("the transaction reverted: " + receipt);
        }
        return receipt;
    }

    /** {@return the receipt of {@code hash}, waiting a bounded time for it} */
    TransactionReceipt receipt(String hash) throws IOException {
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
