package dev.solvent.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.solvent.mirror.harness.AnvilProcess;
import dev.solvent.mirror.harness.SignedTransactions;
import io.vavr.control.Either;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * A real local chain for the keeper's integration tests: anvil with its default flags (normal gas pricing, wall-clock
 * timestamps), and what the tests need on it: an account funded for a key made up at test time
 * ({@code anvil_setBalance}), the oracle module's test aggregator, an echo contract standing in for the protocol, and
 * rounds pushed to the aggregator.
 *
 * <p>The process is the mirrors harness's {@link AnvilProcess} (from the mirrors test-jar): it finds the binary
 * ({@code $SOLVENT_ANVIL}, else the system property {@code solvent.anvil} that the build sets to where
 * {@code .ci/install-anvil} puts it), and without a runnable anvil the tests are skipped with the reason, except under
 * CI ({@code CI=true}), where a missing anvil is a failure.
 */
final class Anvil implements AutoCloseable {

    static final long CHAIN_ID = SignedTransactions.CHAIN_ID;

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

    private static final BigInteger GAS_PRICE = SignedTransactions.GAS_PRICE;
    private static final BigInteger GAS_LIMIT = SignedTransactions.GAS_LIMIT;

    private final AnvilProcess anvil;
    private final HttpService service;
    private final Web3j web3j;
    private final SignedTransactions transactions;

    private Anvil(AnvilProcess anvil) {
        this.anvil = anvil;
        this.service = new HttpService(anvil.url());
        this.web3j = Web3j.build(service);
        this.transactions = new SignedTransactions(anvil, web3j);
    }

    /** {@return a running anvil, or why there is none (under CI a missing anvil fails instead)} */
    static Either<String, Anvil> start() {
        return AnvilProcess.start(List.of()).map(Anvil::new);
    }

    /** {@return the JSON-RPC URL} */
    String url() {
        return anvil.url();
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
        return transactions.send(from, transaction);
    }

    /** {@return the receipt of {@code hash}, waiting a bounded time for it} */
    TransactionReceipt receipt(String hash) throws IOException {
        return transactions.receipt(hash);
    }

    /** Stops the web3j client and anvil (with SIGTERM, forcibly if it does not stop within seconds). */
    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }
}
