package dev.solvent.oracle.live;

import static org.junit.jupiter.api.Assertions.fail;

import dev.solvent.mirror.harness.AnvilProcess;
import dev.solvent.mirror.harness.SignedTransactions;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * A real local chain for integration tests: anvil with its default flags (normal gas pricing, wall-clock timestamps),
 * plus what a test needs on it (deploying the test aggregator, pushing rounds) signed with anvil's first development
 * key.
 *
 * <p>The process is the mirrors harness's {@link AnvilProcess} (from the mirrors test-jar): it finds the binary
 * ({@code $SOLVENT_ANVIL}, else the system property {@code solvent.anvil} that the build sets to where
 * {@code .ci/install-anvil} puts it), and without a runnable anvil the tests are skipped with the reason, except under
 * CI ({@code CI=true}), where a missing anvil is a failure: CI must never pass by skipping them.
 */
final class AnvilNode implements AutoCloseable {

    /** Account 0 of anvil's public test mnemonic ("test test ... junk"): public test data, never a real key. */
    private static final Credentials DEV_ACCOUNT =
            Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");

    private static final BigInteger GAS_PRICE = SignedTransactions.GAS_PRICE;
    private static final BigInteger GAS_LIMIT = SignedTransactions.GAS_LIMIT;

    private final AnvilProcess anvil;
    private final Web3j web3j;
    private final SignedTransactions transactions;
    private BigInteger nonce;

    private AnvilNode(AnvilProcess anvil) {
        this.anvil = anvil;
        this.web3j = Web3j.build(new HttpService(anvil.url()));
        this.transactions = new SignedTransactions(anvil, web3j);
    }

    /**
     * {@return a running anvil that answers JSON-RPC, or why there is none} The reason is for an assumption in each
     * test (a class-level abort would hide it: Surefire reports such a class as zero tests). Under CI it fails instead.
     */
    static Either<String, AnvilNode> start() throws IOException {
        Either<String, AnvilProcess> started = AnvilProcess.start(List.of());
        if (started.isLeft()) {
            return Either.left(started.getLeft());
        }
        AnvilNode node = new AnvilNode(started.get());
        try {
            node.nonce = node.web3j
                    .ethGetTransactionCount(DEV_ACCOUNT.getAddress(), DefaultBlockParameterName.PENDING)
                    .send()
                    .getTransactionCount();
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return Either.right(node);
    }

    /** {@return the JSON-RPC URL} */
    RpcUrl rpcUrl() {
        return new RpcUrl(anvil.url());
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

    /** {@return the receipt of {@code transaction} signed by the dev account, whose next nonce it then counts} */
    private TransactionReceipt send(RawTransaction transaction) throws IOException {
        TransactionReceipt receipt = transactions.send(DEV_ACCOUNT, transaction);
        nonce = nonce.add(BigInteger.ONE);
        return receipt;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AnvilNode.class.getResourceAsStream(name)) {
            if (in == null) {
                return fail("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }

    /** Stops the web3j client and anvil (with SIGTERM, forcibly if it does not stop within seconds). */
    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }
}
