package dev.solvent.mirror.harness;

import dev.solvent.mirror.evm.Address;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local anvil node for differential tests, and a small JSON-RPC client for it (one keep-alive HTTP connection,
 * batches): the mirrors run the real contracts' bytecode here and compare.
 *
 * <p>The node runs on a free loopback port with {@code --prune-history}, a zero base fee and gas price (so that
 * {@code block.basefee == 0} and transactions with {@code gasPrice 0} from accounts without ether are accepted),
 * auto-impersonation (so {@code eth_sendTransaction} works from any address, unsigned), a block gas limit of
 * {@value #BLOCK_GAS_LIMIT} and a fixed genesis timestamp ({@value #GENESIS_TIMESTAMP}). {@link AnvilProcess} finds,
 * starts and stops it: without a runnable anvil, {@link #start()} gives the reason to skip with, except under CI
 * ({@code CI=true}), where it fails.
 *
 * <p>Timing rules of anvil 1.7.1 (checked by {@code CometChainIT.anvilTimingRules}):
 *
 * <ul>
 *   <li>after {@code evm_setNextBlockTimestamp(T)}, an {@code eth_call} at {@code "pending"} and the next mined block
 *       both run with {@code block.timestamp == T}; the setting survives any number of calls and is used (once) by
 *       the next mined block;
 *   <li>{@code T} may equal the latest block's timestamp (two blocks may share a timestamp), but not be lower: anvil
 *       answers "Timestamp error: T is lower than previous block's timestamp";
 *   <li>an {@code eth_call} at {@code "latest"} runs with the latest block's timestamp, or with any {@code T} given as
 *       a block override ({@link #callAt}), whatever the pending setting;
 *   <li>without a setting, anvil stamps a new block with the wall clock shifted by the last setting, so callers who
 *       need exact times set every block's timestamp.
 * </ul>
 *
 * <p>{@code evm_revert} consumes its snapshot: take a new one after each revert. Reverting also drops the blocks mined
 * since, so the latest timestamp goes back too. With pruned history and a revert to a snapshot every few dozen
 * actions, anvil's memory stays flat (about 45 MB over thousands of actions), so one node can serve a whole campaign;
 * there is no restart: {@link #close()} it and {@link #start()} another to begin afresh.
 *
 * <p>Not thread-safe: one test thread drives one chain.
 */
public final class AnvilChain implements AutoCloseable {

    /** The genesis block's timestamp: fixed, so that runs are reproducible. */
    public static final long GENESIS_TIMESTAMP = 1_700_000_000L;

    /** The gas limit of every transaction and call: generous, far below the block's. */
    public static final long GAS = 30_000_000L;

    /** The block gas limit: so large that no block passes half of it, which keeps the base fee at 0. */
    public static final long BLOCK_GAS_LIMIT = 1_000_000_000_000L;

    /** This chain's flags beyond {@link AnvilProcess}'s own (loopback host, free port, pruned history). */
    private static final List<String> FLAGS = List.of(
            "--base-fee",
            "0",
            "--gas-price",
            "0",
            "--disable-min-priority-fee",
            "--auto-impersonate",
            "--gas-limit",
            Long.toString(BLOCK_GAS_LIMIT),
            "--timestamp",
            Long.toString(GENESIS_TIMESTAMP));

    private static final long RECEIPT_WITHIN_MILLIS = 15_000;
    private static final long RECEIPT_POLL_MILLIS = 1;
    private static final long METHOD_NOT_FOUND = -32_601;
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final AnvilProcess anvil;
    private final URI uri;
    private final HttpClient http;
    private long nextId = 1;
    private boolean sendSync = true;

    private AnvilChain(AnvilProcess anvil) {
        this.anvil = anvil;
        this.uri = URI.create(anvil.url());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** One JSON-RPC call of a batch: a method and its parameters (strings, numbers, booleans, maps, lists). */
    public record Request(String method, List<Object> params) {

        /** Copies the parameters. */
        public Request {
            params = Collections.unmodifiableList(new ArrayList<>(params));
        }

        /** {@return the call of {@code method} with these parameters} */
        public static Request of(String method, Object... params) {
            return new Request(method, List.of(params));
        }
    }

    /** A log as a receipt holds it: the emitter, the topics and the data, all hex. */
    public record RawLog(Address address, List<String> topics, String data) {

        /** Copies the topics. */
        public RawLog {
            topics = List.copyOf(topics);
        }
    }

    /**
     * A mined transaction's receipt.
     *
     * @param contractAddress the created contract, or {@code null} when the transaction created none
     */
    public record Receipt(
            String transactionHash, boolean success, long blockNumber, Address contractAddress, List<RawLog> logs) {

        /** Copies the logs. */
        public Receipt {
            logs = List.copyOf(logs);
        }
    }

    /** A JSON-RPC error that is not a revert: a bug in the harness or a node problem, never a contract's answer. */
    public static final class RpcException extends RuntimeException {

        private final transient JsonNode error;

        RpcException(String method, JsonNode error) {
            super(method + ": " + error);
            this.error = error;
        }

        /** {@return the JSON-RPC error object} */
        public JsonNode error() {
            return error;
        }
    }

    // ---- starting and stopping -------------------------------------------------------------------------------

    /**
     * {@return a running anvil that answers JSON-RPC, or why there is none} The reason is for an assumption in each
     * test (a class-level abort would hide it: Surefire reports such a class as zero tests). Under CI it fails instead.
     */
    public static Either<String, AnvilChain> start() {
        return AnvilProcess.start(FLAGS).map(AnvilChain::new);
    }

    /** {@return the JSON-RPC URL, on the loopback interface} */
    public String url() {
        return anvil.url();
    }

    /** {@return the process id of the anvil this chain started} */
    public long pid() {
        return anvil.pid();
    }

    /** Stops the HTTP client and anvil (with SIGTERM, forcibly if it does not stop within seconds). */
    @Override
    public void close() {
        http.close();
        anvil.close();
    }

    // ---- JSON-RPC ----------------------------------------------------------------------------------------------

    /** {@return the result of one call} Throws {@link RpcException} on a JSON-RPC error. */
    public JsonNode request(String method, Object... params) {
        ObjectNode body = envelope(Request.of(method, params), nextId++);
        return result(method, post(body));
    }

    /**
     * {@return the responses to these calls, sent as one JSON-RPC batch, in the order of the requests} Each is the
     * whole response object, with {@code result} or {@code error}: see {@link #result} and {@link #callOutcome}.
     * Anvil starts the calls of a batch in order, but callers should not make one call's outcome depend on another's
     * effect within a batch.
     */
    public List<JsonNode> batch(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        long first = nextId;
        nextId += requests.size();
        ArrayNode body = JSON.createArrayNode();
        for (int i = 0; i < requests.size(); i++) {
            body.add(envelope(requests.get(i), first + i));
        }
        JsonNode answer = post(body);
        if (!answer.isArray() || answer.size() != requests.size()) {
            throw new IllegalStateException("anvil answered a batch of " + requests.size() + " with " + answer);
        }
        JsonNode[] ordered = new JsonNode[requests.size()];
        for (JsonNode response : answer) {
            long index = response.path("id").asLong(-1) - first;
            if (index < 0 || index >= ordered.length || ordered[(int) index] != null) {
                throw new IllegalStateException("unexpected response id in a batch: " + response);
            }
            ordered[(int) index] = response;
        }
        return List.of(ordered);
    }

    /** {@return the {@code result} of a response} Throws {@link RpcException} if it is an error. */
    public static JsonNode result(JsonNode response) {
        return result("JSON-RPC", response);
    }

    private static JsonNode result(String method, JsonNode response) {
        if (response.has("error")) {
            throw new RpcException(method, response.get("error"));
        }
        return response.path("result");
    }

    private static ObjectNode envelope(Request request, long id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("jsonrpc", "2.0");
        node.put("id", id);
        node.put("method", request.method());
        node.set("params", JSON.valueToTree(request.params()));
        return node;
    }

    private JsonNode post(JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(HTTP_TIMEOUT)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "anvil answered HTTP " + response.statusCode() + ": " + new String(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("anvil at " + uri + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling anvil", e);
        }
    }

    // ---- chain control -----------------------------------------------------------------------------------------

    /** {@return the id of a snapshot of the whole chain (state and blocks)} */
    public String snapshot() {
        return request("evm_snapshot").asString();
    }

    /**
     * Goes back to a snapshot, which this consumes: take a new one to go back again. It also empties the transaction
     * pool ({@link #emptyPool}), which {@code evm_revert} leaves alone.
     */
    public void revert(String snapshotId) {
        if (!request("evm_revert", snapshotId).asBoolean()) {
            throw new IllegalStateException("anvil has no snapshot " + snapshotId + " (a revert consumes it)");
        }
        emptyPool();
    }

    /**
     * Drops every transaction in anvil's pool ({@code anvil_dropAllTransactions}). After a {@link #sendAll} batch,
     * anvil 1.7.1 sometimes keeps in its pool transactions it has already mined (their receipts are real): once a
     * revert has undone their blocks they are valid again and the next block includes them, and even without a
     * revert a later transaction of the same sender can be dropped with the stale one when the miner discards it.
     */
    public void emptyPool() {
        request("anvil_dropAllTransactions");
    }

    /** Sets the next mined block's timestamp: at least the latest block's (equal is allowed). */
    public void setNextBlockTimestamp(long timestamp) {
        request("evm_setNextBlockTimestamp", timestamp);
    }

    /** {@return the request that sets the next block's timestamp, for a batch} */
    public static Request setNextBlockTimestampRequest(long timestamp) {
        return Request.of("evm_setNextBlockTimestamp", timestamp);
    }

    /** Mines one empty block. */
    public void mine() {
        request("evm_mine");
    }

    /** {@return the latest block's timestamp} */
    public long latestTimestamp() {
        return quantity(request("eth_getBlockByNumber", "latest", false).path("timestamp"));
    }

    // ---- transactions and calls --------------------------------------------------------------------------------

    /** {@return the address of a new contract} {@code creation} is the creation code followed by its arguments. */
    public Address deploy(Address from, String creation) {
        Receipt receipt = mined(transaction(from, null, creation));
        if (!receipt.success() || receipt.contractAddress() == null) {
            throw new IllegalStateException("the deployment from " + from + " reverted: " + receipt);
        }
        return receipt.contractAddress();
    }

    /**
     * {@return the receipt of a transaction from {@code from} to {@code to}, mined} With gas {@value #GAS} at gas
     * price 0; waits a bounded time for the receipt. A revert is a receipt with {@code success} false.
     */
    public Receipt send(Address from, Address to, String data) {
        return mined(transaction(from, to, data));
    }

    /**
     * Sends a transaction and returns its receipt: with {@code eth_sendTransactionSync} (EIP-7966, one round trip),
     * else, on a node without it, with {@code eth_sendTransaction} and polling for the receipt.
     */
    private Receipt mined(Map<String, Object> transaction) {
        if (sendSync) {
            try {
                return receipt(request("eth_sendTransactionSync", transaction));
            } catch (RpcException e) {
                if (e.error().path("code").asLong() != METHOD_NOT_FOUND) {
                    throw e;
                }
                sendSync = false;
            }
        }
        return await(request("eth_sendTransaction", transaction).asString());
    }

    /**
     * {@return the receipts of these transactions, sent as one JSON-RPC batch of {@code eth_sendTransaction} (anvil
     * mines each as it arrives, in order) and then fetched in one batch} The fastest way to put many transactions
     * through anvil, for measuring its rate; a revert is a receipt with {@code success} false.
     */
    public List<Receipt> sendAll(List<Transaction> transactions) {
        // anvil may run a batch's calls concurrently: explicit nonces keep one sender's transactions in order
        Map<Address, Long> nonces = new LinkedHashMap<>();
        List<Request> sends = new ArrayList<>(transactions.size());
        for (Transaction t : transactions) {
            long nonce = nonces.computeIfAbsent(
                    t.from(), a -> quantity(request("eth_getTransactionCount", a.hex(), "pending")));
            nonces.put(t.from(), nonce + 1);
            Map<String, Object> tx = transaction(t.from(), t.to(), t.data());
            tx.put("nonce", hex(nonce));
            sends.add(Request.of("eth_sendTransaction", tx));
        }
        List<Request> receipts = new ArrayList<>(transactions.size());
        for (JsonNode sent : batch(sends)) {
            receipts.add(Request.of("eth_getTransactionReceipt", result(sent).asString()));
        }
        for (long waited = 0; waited < RECEIPT_WITHIN_MILLIS; waited += RECEIPT_POLL_MILLIS) {
            List<JsonNode> answers = batch(receipts);
            if (answers.stream().map(AnvilChain::result).noneMatch(r -> r.isNull() || r.isMissingNode())) {
                return answers.stream().map(a -> receipt(result(a))).toList();
            }
            pause(RECEIPT_POLL_MILLIS);
        }
        throw new IllegalStateException(
                "no receipts for a batch of " + transactions.size() + " within " + RECEIPT_WITHIN_MILLIS + " ms");
    }

    /** One transaction for {@link #sendAll}: sender, target and calldata (gas and gas price as {@link #send}). */
    public record Transaction(Address from, Address to, String data) {}

    private static Map<String, Object> transaction(Address from, Address to, String data) {
        Map<String, Object> tx = new LinkedHashMap<>();
        tx.put("from", from.hex());
        if (to != null) {
            tx.put("to", to.hex());
        }
        tx.put("data", data);
        tx.put("gas", hex(GAS));
        tx.put("gasPrice", "0x0");
        return tx;
    }

    /** Waits, bounded, for the receipt: anvil mines each transaction as it arrives, but not always before answering. */
    private Receipt await(String hash) {
        for (long waited = 0; waited < RECEIPT_WITHIN_MILLIS; waited += RECEIPT_POLL_MILLIS) {
            JsonNode receipt = request("eth_getTransactionReceipt", hash);
            if (!receipt.isNull() && !receipt.isMissingNode()) {
                return receipt(receipt);
            }
            pause(RECEIPT_POLL_MILLIS);
            if (!anvil.isAlive()) {
                throw new IllegalStateException("anvil exited while mining " + hash + ": " + anvil.logText());
            }
        }
        throw new IllegalStateException("no receipt for " + hash + " within " + RECEIPT_WITHIN_MILLIS + " ms");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for anvil", e);
        }
    }

    private static Receipt receipt(JsonNode r) {
        List<RawLog> logs = new ArrayList<>();
        for (JsonNode l : r.path("logs")) {
            List<String> topics = new ArrayList<>();
            l.path("topics").forEach(t -> topics.add(t.asString()));
            logs.add(new RawLog(
                    Address.of(l.path("address").asString()),
                    topics,
                    l.path("data").asString()));
        }
        JsonNode created = r.path("contractAddress");
        return new Receipt(
                r.path("transactionHash").asString(),
                quantity(r.path("status")) == 1,
                quantity(r.path("blockNumber")),
                created.isString() ? Address.of(created.asString()) : null,
                logs);
    }

    /**
     * {@return the return data of an {@code eth_call} at {@code blockTag} (right), or its revert data (left)} Both
     * are {@code 0x}-prefixed hex.
     */
    public Either<String, String> call(Address from, Address to, String data, String blockTag) {
        return callOutcome(batch(List.of(callRequest(from, to, data, blockTag))).get(0));
    }

    /** {@return the outcome of an {@code eth_call} on the latest state with {@code block.timestamp == timestamp}} */
    public Either<String, String> callAt(Address from, Address to, String data, long timestamp) {
        return callOutcome(
                batch(List.of(callAtRequest(from, to, data, timestamp))).get(0));
    }

    /** {@return an {@code eth_call} at {@code blockTag}, for a batch} */
    public static Request callRequest(Address from, Address to, String data, String blockTag) {
        return Request.of("eth_call", transaction(from, to, data), blockTag);
    }

    /**
     * {@return an {@code eth_call} on the latest state whose block has the timestamp {@code timestamp}, for a batch}
     * It uses the block override of {@code eth_call} (fourth parameter), so it needs no mined block and no
     * {@code evm_setNextBlockTimestamp}, and does not depend on the order of a batch.
     */
    public static Request callAtRequest(Address from, Address to, String data, long timestamp) {
        return Request.of("eth_call", transaction(from, to, data), "latest", Map.of(), Map.of("time", hex(timestamp)));
    }

    /**
     * {@return the outcome in a response to an {@code eth_call}: return data (right) or revert data (left)} A revert
     * is the JSON-RPC error anvil answers with code 3 ("execution reverted"), whose {@code data} is the revert data
     * ({@code 0x} when absent). Any other error throws {@link RpcException}.
     */
    public static Either<String, String> callOutcome(JsonNode response) {
        JsonNode error = response.get("error");
        if (error == null) {
            return Either.right(response.path("result").asString());
        }
        boolean reverted = error.path("code").asLong() == 3
                || error.path("message").asString("").startsWith("execution reverted");
        if (!reverted) {
            throw new RpcException("eth_call", error);
        }
        JsonNode data = error.path("data");
        return Either.left(data.isString() && data.asString().startsWith("0x") ? data.asString() : "0x");
    }

    // ---- hex ---------------------------------------------------------------------------------------------------

    /** {@return a JSON-RPC quantity: {@code 0x} and hex digits without leading zeros} */
    public static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    /** {@return the value of a JSON-RPC quantity ({@code "0x1a"}) or of a number} */
    public static long quantity(JsonNode node) {
        if (node.isNumber()) {
            return node.asLong();
        }
        String s = node.asString();
        if (!s.startsWith("0x")) {
            throw new IllegalArgumentException("not a JSON-RPC quantity: " + node);
        }
        return Long.parseUnsignedLong(s.substring(2), 16);
    }
}
