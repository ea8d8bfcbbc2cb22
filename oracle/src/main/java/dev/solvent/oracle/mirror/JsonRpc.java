package dev.solvent.oracle.mirror;

import static dev.solvent.oracle.rpc.JsonRpcTransport.shorten;

import dev.solvent.oracle.rpc.JsonRpcTransport;
import dev.solvent.oracle.rpc.RpcFailure;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The JSON-RPC requests a live read sends, over the shared {@link JsonRpcTransport} (which owns timeouts, retries and
 * {@code Retry-After}), each outcome turned into data or a {@link ReadFailure} thrown as a {@link ReadAbort} (caught
 * once, by the reader's entry points). {@code eth_call}s go in batches. What only a read at a past block needs is here:
 * a block the node does not serve, a call without a contract, reverts kept as the node's message.
 */
final class JsonRpc implements AutoCloseable {

    private static final Pattern HEX_DATA = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");
    private static final Pattern NOT_SERVED = Pattern.compile(
            "(?i).*(missing trie node|header not found|unknown block|state .*not available|historical state"
                    + "|pruned|state histories haven't been fully indexed|block not found|BlockOutOfRange).*");

    private final JsonRpcTransport transport;
    private final int batchSize;

    JsonRpc(RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        this.transport = new JsonRpcTransport(url, settings, sleeper);
        this.batchSize = batchSize;
    }

    /** {@return how many HTTP requests were sent (a batch is one), retries included} */
    long requests() {
        return transport.requests();
    }

    /** {@return how many JSON-RPC calls were made (each call of a batch counts), retries included} */
    long calls() {
        return transport.calls();
    }

    /** A block header's fields that a read needs. */
    record Header(long number, String hash, long timestamp, BigInteger baseFee) {}

    long chainId() {
        EthChainId id = send("eth_chainId", () -> transport.request("eth_chainId", List.of(), EthChainId.class));
        return checked("eth_chainId", id).getChainId().longValueExact();
    }

    /** {@return the header of block {@code number}, or of the latest block} */
    Header header(Option<Long> number) {
        String what = "eth_getBlockByNumber " + number.map(String::valueOf).getOrElse("latest");
        DefaultBlockParameter tag = number.map(n -> DefaultBlockParameter.valueOf(BigInteger.valueOf(n)))
                .getOrElse(DefaultBlockParameter.valueOf("latest"));
        EthBlock block = send(
                what, () -> transport.request("eth_getBlockByNumber", List.of(tag.getValue(), false), EthBlock.class));
        EthBlock.Block b = checked(what, block).getBlock();
        if (b == null) {
            throw new ReadAbort(new ReadFailure.BlockNotServed(
                    number.getOrElse(-1L), "the node has no such block; is it past the chain's latest?"));
        }
        try {
            BigInteger baseFee = b.getBaseFeePerGas() == null ? BigInteger.ZERO : b.getBaseFeePerGas();
            return new Header(
                    b.getNumber().longValueExact(),
                    b.getHash(),
                    b.getTimestamp().longValueExact(),
                    baseFee);
        } catch (RuntimeException e) {
            throw ReadAbort.rpc(new RpcFailure.MalformedResponse(what, "a block without number, hash or time"));
        }
    }

    /** One {@code eth_call}: a name for messages, the contract, the calldata. */
    record Call(String what, String to, String data) {}

    /**
     * {@return each call's return data at {@code block}, or its revert (left: the node's message)} Sent in batches;
     * a call that returns nothing is a {@link ReadFailure.NoContract}.
     */
    List<Either<String, String>> calls(List<Call> calls, long block) {
        List<Either<String, String>> out = new ArrayList<>(calls.size());
        for (int from = 0; from < calls.size(); from += batchSize) {
            out.addAll(batch(calls.subList(from, Math.min(calls.size(), from + batchSize)), block));
        }
        return out;
    }

    private List<Either<String, String>> batch(List<Call> calls, long block) {
        String what = calls.size() == 1 ? calls.getFirst().what() : "a batch of " + calls.size() + " eth_calls";
        String tag = "0x" + Long.toHexString(block);
        BatchResponse response = sendBatch(what, () -> {
            BatchRequest batch = transport.batch();
            for (Call c : calls) {
                Transaction tx = Transaction.createEthCallTransaction(null, c.to(), c.data());
                batch.add(transport.request("eth_call", List.of(tx, tag), EthCall.class));
            }
            return batch;
        });
        List<? extends Response<?>> responses = response.getResponses();
        if (responses.size() != calls.size()) {
            throw ReadAbort.rpc(new RpcFailure.MalformedResponse(
                    what, responses.size() + " responses to " + calls.size() + " requests"));
        }
        Map<Long, Integer> byId = new HashMap<>();
        List<Request<?, ? extends Response<?>>> requests = response.getRequests();
        for (int i = 0; i < requests.size(); i++) {
            byId.put(requests.get(i).getId(), i);
        }
        List<Either<String, String>> out = new ArrayList<>(java.util.Collections.nCopies(calls.size(), null));
        for (Response<?> r : responses) {
            Integer i = byId.remove(r.getId());
            if (i == null) {
                throw ReadAbort.rpc(
                        new RpcFailure.MalformedResponse(what, "a response with an unknown id " + r.getId()));
            }
            Call call = calls.get(i);
            EthCall result = (EthCall) r;
            if (result.hasError()) {
                Response.Error error = result.getError();
                String message = String.valueOf(error.getMessage());
                if (NOT_SERVED.matcher(message).matches()) {
                    throw new ReadAbort(new ReadFailure.BlockNotServed(block, message));
                }
                if (error.getCode() == 3 || message.startsWith("execution reverted")) {
                    String data = error.getData() == null ? "" : error.getData().replace("\"", "");
                    out.set(i, Either.left(data.isEmpty() ? message : message + " (data " + shorten(data) + ")"));
                    continue;
                }
                throw ReadAbort.rpc(new RpcFailure.RpcError(call.what(), error.getCode(), message));
            }
            String value = result.getValue();
            if (value == null || value.equals("0x")) {
                throw new ReadAbort(new ReadFailure.NoContract(call.what(), call.to(), block));
            }
            if (!HEX_DATA.matcher(value).matches()) {
                throw ReadAbort.rpc(
                        new RpcFailure.MalformedResponse(call.what(), "the result is not hex data: " + shorten(value)));
            }
            out.set(i, Either.right(value));
        }
        return out;
    }

    /**
     * {@return the calls' results at {@code block} as words (how many each returns, by call); any revert fails the
     * read}
     */
    List<Abi.Words> words(List<Call> calls, long block, java.util.function.Function<Call, Integer> count) {
        List<Either<String, String>> results = calls(calls, block);
        List<Abi.Words> out = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Either<String, String> r = results.get(i);
            if (r.isLeft()) {
                throw ReadAbort.rpc(new RpcFailure.Reverted(call.what(), r.getLeft()));
            }
            out.add(Abi.Words.of(call.what(), r.get(), count.apply(call)));
        }
        return out;
    }

    /** Reads the header of the block read again: a changed hash (a reorg) fails the read. */
    void requireUnchanged(Header read) {
        Header again = header(Option.some(read.number()));
        if (!again.hash().equals(read.hash())) {
            throw new ReadAbort(new ReadFailure.BlockChanged(read.number(), read.hash(), again.hash()));
        }
    }

    /**
     * {@return the logs of {@code addresses} in blocks {@code from..to}, or the node's JSON-RPC error (left), such as a
     * refused range} Other failures abort.
     */
    Either<Response.Error, List<Log>> logs(List<String> addresses, long from, long to) {
        String what = "eth_getLogs " + from + ".." + to;
        DefaultBlockParameter first = DefaultBlockParameter.valueOf(BigInteger.valueOf(from));
        DefaultBlockParameter last = DefaultBlockParameter.valueOf(BigInteger.valueOf(to));
        // one address as a string, as a single market has always been asked; several as a list
        EthFilter filter = addresses.size() == 1
                ? new EthFilter(first, last, addresses.getFirst())
                : new EthFilter(first, last, addresses);
        EthLog response = send(what, () -> transport.request("eth_getLogs", List.of(filter), EthLog.class));
        if (response.hasError()) {
            Response.Error error = response.getError();
            String message = String.valueOf(error.getMessage());
            if (NOT_SERVED.matcher(message).matches()) {
                throw new ReadAbort(new ReadFailure.BlockNotServed(to, message));
            }
            return Either.left(error);
        }
        List<Log> logs = new ArrayList<>();
        if (response.getLogs() == null) {
            throw ReadAbort.rpc(new RpcFailure.MalformedResponse(what, "no list of logs"));
        }
        for (EthLog.LogResult<?> r : response.getLogs()) {
            if (!(r.get() instanceof Log log)) {
                throw ReadAbort.rpc(new RpcFailure.MalformedResponse(what, "a log that is only a hash"));
            }
            logs.add(log);
        }
        return Either.right(logs);
    }

    private static <T extends Response<?>> T checked(String what, T response) {
        if (response.hasError()) {
            Response.Error error = response.getError();
            String message = String.valueOf(error.getMessage());
            if (NOT_SERVED.matcher(message).matches()) {
                throw new ReadAbort(new ReadFailure.BlockNotServed(-1, message));
            }
            throw ReadAbort.rpc(new RpcFailure.RpcError(what, error.getCode(), message));
        }
        return response;
    }

    private <T extends Response<?>> T send(String what, Supplier<Request<?, T>> request) {
        return transport.send(what, request).getOrElseThrow(ReadAbort::rpc);
    }

    private BatchResponse sendBatch(String what, Supplier<BatchRequest> batch) {
        return transport.sendBatch(what, batch).getOrElseThrow(ReadAbort::rpc);
    }

    @Override
    public void close() {
        transport.close();
    }
}
