package dev.solvent.cli.live;

import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;

/**
 * The JSON-RPC calls a live keeper makes besides reading feeds: the chain id, the head block, its nonce, the suggested
 * priority fee, broadcasting and receipts. Each call is tried once (a transaction is never sent twice), and every
 * failure comes back as one line naming the method and the reason, never as an exception.
 */
public final class Node implements AutoCloseable {

    private static final int MAX_SHOWN = 160;

    private final Web3j web3j;

    private Node(Web3j web3j) {
        this.web3j = web3j;
    }

    /** {@return a client of the node at {@code url} whose every request takes at most {@code timeout}} */
    public static Node connect(RpcUrl url, Duration timeout) {
        OkHttpClient client = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
        return new Node(Web3j.build(new HttpService(url.value(), client)));
    }

    /**
     * The latest block as a keeper needs it.
     *
     * @param number its number
     * @param timestamp its timestamp, seconds
     * @param baseFee its base fee, wei per gas
     */
    public record Head(long number, long timestamp, long baseFee) {}

    /**
     * A mined transaction's receipt, as far as a keeper reads it.
     *
     * @param block the block it was mined in
     * @param success whether it succeeded (status 1)
     * @param gasUsed the gas it used
     */
    public record Mined(long block, boolean success, long gasUsed) {}

    /** {@return the chain id ({@code eth_chainId})} */
    public Either<String, Long> chainId() {
        return send("eth_chainId", web3j.ethChainId(), r -> r.getChainId().longValueExact());
    }

    /** {@return the latest block's number, timestamp and base fee ({@code eth_getBlockByNumber})} */
    public Either<String, Head> latestBlock() {
        return send("eth_getBlockByNumber", web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false), r -> r)
                .flatMap(r -> {
                    EthBlock.Block b = r.getBlock();
                    if (b == null) {
                        return Either.left("eth_getBlockByNumber: the node has no latest block");
                    }
                    if (b.getBaseFeePerGasRaw() == null) {
                        return Either.left("eth_getBlockByNumber: the latest block has no base fee; valid: a chain"
                                + " with EIP-1559 (London or later)");
                    }
                    return decoded(
                            "eth_getBlockByNumber",
                            () -> new Head(
                                    b.getNumber().longValueExact(),
                                    b.getTimestamp().longValueExact(),
                                    b.getBaseFeePerGas().longValueExact()));
                });
    }

    /** {@return the next nonce of {@code address}, pending transactions counted ({@code eth_getTransactionCount})} */
    public Either<String, BigInteger> pendingNonce(String address) {
        return send(
                "eth_getTransactionCount",
                web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING),
                r -> r.getTransactionCount());
    }

    /** {@return the node's suggested priority fee, wei per gas ({@code eth_maxPriorityFeePerGas})} */
    public Either<String, BigInteger> maxPriorityFeePerGas() {
        return send("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas(), r -> r.getMaxPriorityFeePerGas());
    }

    /** {@return the hash the node gives a signed transaction it accepted ({@code eth_sendRawTransaction})} */
    public Either<String, String> sendRawTransaction(String signed) {
        return send("eth_sendRawTransaction", web3j.ethSendRawTransaction(signed), r -> r.getTransactionHash());
    }

    /** {@return the receipt of a transaction, or none while it is not mined ({@code eth_getTransactionReceipt})} */
    public Either<String, Option<Mined>> receipt(String hash) {
        return send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(hash), r -> {
            Option<TransactionReceipt> receipt = Option.ofOptional(r.getTransactionReceipt());
            return receipt.map(t -> new Mined(
                    t.getBlockNumber().longValueExact(),
                    t.isStatusOK(),
                    t.getGasUsed().longValueExact()));
        });
    }

    private static <R extends Response<?>, T> Either<String, T> send(
            String method, Request<?, R> request, Function<R, T> read) {
        R response;
        try {
            response = request.send();
        } catch (ConnectException e) {
            return Either.left(method + ": connection refused");
        } catch (UnknownHostException e) {
            return Either.left(method + ": unknown host " + e.getMessage());
        } catch (InterruptedIOException e) {
            return Either.left(method + ": no response within the timeout");
        } catch (IOException e) {
            return Either.left(method + ": connection failed: " + describe(e));
        } catch (ClientConnectionException e) {
            // web3j's HTTP status failure: "Invalid response received: 500; body"
            return Either.left(method + ": " + shorten(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException io) {
                return Either.left(method + ": connection failed: " + describe(io));
            }
            return Either.left(
                    method + ": malformed response: " + shorten(e.getClass().getSimpleName() + " " + e.getMessage()));
        }
        if (response == null) {
            return Either.left(method + ": no response");
        }
        if (response.hasError()) {
            Response.Error error = response.getError();
            return Either.left(method + ": JSON-RPC error " + error.getCode() + ": "
                    + shorten(String.valueOf(error.getMessage())));
        }
        if (response.getResult() == null && !method.equals("eth_getTransactionReceipt")) {
            return Either.left(method + ": the response has no result");
        }
        return decoded(method, () -> read.apply(response));
    }

    private static <T> Either<String, T> decoded(String method, java.util.function.Supplier<T> read) {
        try {
            return Either.right(read.get());
        } catch (RuntimeException e) {
            return Either.left(method + ": malformed result: " + shorten(String.valueOf(e.getMessage())));
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "...";
    }

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        web3j.shutdown();
    }
}
