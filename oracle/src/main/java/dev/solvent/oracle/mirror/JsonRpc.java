package dev.solvent.oracle.mirror;

import dev.solvent.oracle.live.RpcSettings;
import dev.solvent.oracle.live.RpcUrl;
import dev.solvent.oracle.live.Sleeper;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
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
import org.web3j.protocol.http.HttpService;
import tools.jackson.core.JacksonException;

/**
 * The JSON-RPC requests a live read sends, over web3j's {@link HttpService} with its own OkHttp client, each outcome
 * turned into data or a {@link ReadFailure} thrown as a {@link ReadAbort} (caught once, by the reader's entry points).
 * {@code eth_call}s go in batches. Retried, a bounded number of times with backoff: timeouts, connections reset before
 * a response, HTTP 429 (honouring a short {@code Retry-After}) and 5xx; everything else fails at once.
 */
final class JsonRpc implements AutoCloseable {

    private static final Pattern HEX_DATA = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");
    private static final Pattern NOT_SERVED = Pattern.compile(
            "(?i).*(missing trie node|header not found|unknown block|state .*not available|historical state"
                    + "|pruned|state histories haven't been fully indexed|block not found|BlockOutOfRange).*");
    private static final int MAX_SHOWN = 160;

    private final OkHttpClient client;
    private final HttpService service;
    private final RpcSettings settings;
    private final Sleeper sleeper;
    private final int batchSize;
    private long requests;
    private long calls;

    JsonRpc(RpcUrl url, RpcSettings settings, Sleeper sleeper, int batchSize) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.batchSize = batchSize;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                .retryOnConnectionFailure(false)
                .addInterceptor(JsonRpc::failOnHttpError)
                .build();
        this.service = new HttpService(url.value(), client);
    }

    /** {@return how many HTTP requests were sent (a batch is one), retries included} */
    long requests() {
        return requests;
    }

    /** {@return how many JSON-RPC calls were made (each call of a batch counts), retries included} */
    long calls() {
        return calls;
    }

    /** A block header's fields that a read needs. */
    record Header(long number, String hash, long timestamp, BigInteger baseFee) {}

    long chainId() {
        EthChainId id = send("eth_chainId", () -> new Request<>("eth_chainId", List.of(), service, EthChainId.class));
        return checked("eth_chainId", id).getChainId().longValueExact();
    }

    /** {@return the header of block {@code number}, or of the latest block} */
    Header header(Option<Long> number) {
        String what = "eth_getBlockByNumber " + number.map(String::valueOf).getOrElse("latest");
        DefaultBlockParameter tag = number.map(n -> DefaultBlockParameter.valueOf(BigInteger.valueOf(n)))
                .getOrElse(DefaultBlockParameter.valueOf("latest"));
        EthBlock block = send(
                what,
                () -> new Request<>("eth_getBlockByNumber", List.of(tag.getValue(), false), service, EthBlock.class));
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
            throw new ReadAbort(new ReadFailure.MalformedResponse(what, "a block without number, hash or time"));
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
            BatchRequest batch = new BatchRequest(service);
            for (Call c : calls) {
                Transaction tx = Transaction.createEthCallTransaction(null, c.to(), c.data());
                batch.add(new Request<>("eth_call", List.of(tx, tag), service, EthCall.class));
            }
            return batch;
        });
        List<? extends Response<?>> responses = response.getResponses();
        if (responses.size() != calls.size()) {
            throw new ReadAbort(new ReadFailure.MalformedResponse(
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
                throw new ReadAbort(
                        new ReadFailure.MalformedResponse(what, "a response with an unknown id " + r.getId()));
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
                throw new ReadAbort(new ReadFailure.RpcError(call.what(), error.getCode(), message));
            }
            String value = result.getValue();
            if (value == null || value.equals("0x")) {
                throw new ReadAbort(new ReadFailure.NoContract(call.what(), call.to(), block));
            }
            if (!HEX_DATA.matcher(value).matches()) {
                throw new ReadAbort(new ReadFailure.MalformedResponse(
                        call.what(), "the result is not hex data: " + shorten(value)));
            }
            out.set(i, Either.right(value));
        }
        return out;
    }

    /**
     * {@return the logs of {@code address} in blocks {@code from..to}, or the node's JSON-RPC error (left), such as a
     * refused range} Other failures abort.
     */
    Either<Response.Error, List<Log>> logs(String address, long from, long to) {
        String what = "eth_getLogs " + from + ".." + to;
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)),
                address);
        EthLog response = send(what, () -> new Request<>("eth_getLogs", List.of(filter), service, EthLog.class));
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
            throw new ReadAbort(new ReadFailure.MalformedResponse(what, "no list of logs"));
        }
        for (EthLog.LogResult<?> r : response.getLogs()) {
            if (!(r.get() instanceof Log log)) {
                throw new ReadAbort(new ReadFailure.MalformedResponse(what, "a log that is only a hash"));
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
            throw new ReadAbort(new ReadFailure.RpcError(what, error.getCode(), message));
        }
        return response;
    }

    /** Something that can be sent: a single request or a batch. */
    private interface Sendable<T> {
        T send() throws IOException;
    }

    private <T> T send(String what, Supplier<Request<?, ? extends Response<?>>> request) {
        return sendWithRetry(what, () -> {
            Request<?, ? extends Response<?>> r = request.get();
            calls++;
            @SuppressWarnings("unchecked")
            T out = (T) r.send();
            return out;
        });
    }

    private BatchResponse sendBatch(String what, BatchSupplier batch) {
        return sendWithRetry(what, () -> {
            BatchRequest b = batch.get();
            calls += b.getRequests().size();
            return b.send();
        });
    }

    /** Builds a batch afresh for each attempt (web3j numbers requests as they are made). */
    @FunctionalInterface
    private interface BatchSupplier {
        BatchRequest get();
    }

    private <T> T sendWithRetry(String what, Sendable<T> sendable) {
        for (int attempt = 1; ; attempt++) {
            ReadFailure failure;
            Option<Duration> retryAfter = Option.none();
            boolean transient_;
            try {
                requests++;
                return sendable.send();
            } catch (HttpStatusException e) {
                failure = new ReadFailure.HttpStatus(what, attempt, e.status, e.retryAfter, e.body);
                transient_ = e.status == 429 || e.status >= 500;
                retryAfter = e.retryAfter;
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ReadAbort(new ReadFailure.Interrupted(what));
                }
                failure = new ReadFailure.Timeout(what, attempt);
                transient_ = true;
            } catch (IOException e) {
                failure = new ReadFailure.ConnectionFailed(what, attempt, describe(e));
                transient_ = !(e instanceof ConnectException
                        || e instanceof UnknownHostException
                        || e instanceof NoRouteToHostException
                        || e instanceof SSLException);
            } catch (JacksonException e) {
                throw new ReadAbort(new ReadFailure.MalformedResponse(
                        what, "not a JSON-RPC response: " + shorten(e.getOriginalMessage())));
            } catch (ClassCastException e) {
                throw new ReadAbort(new ReadFailure.MalformedResponse(
                        what, "not the JSON-RPC answer to a batch (an array of responses)"));
            } catch (RuntimeException e) {
                if (e.getCause() instanceof InterruptedIOException) {
                    failure = new ReadFailure.Timeout(what, attempt);
                    transient_ = true;
                } else if (e.getCause() instanceof IOException io) {
                    failure = new ReadFailure.ConnectionFailed(what, attempt, describe(io));
                    transient_ = true;
                } else {
                    throw new ReadAbort(new ReadFailure.MalformedResponse(what, shorten(e.toString())));
                }
            }
            if (!transient_ || attempt >= settings.maxAttempts()) {
                throw new ReadAbort(failure);
            }
            Duration wait = backoff(attempt);
            if (retryAfter.isDefined()) {
                if (retryAfter.get().compareTo(settings.maxRetryAfter()) > 0) {
                    throw new ReadAbort(failure);
                }
                wait = retryAfter.get();
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadAbort(new ReadFailure.Interrupted(what));
            }
        }
    }

    private Duration backoff(int attempt) {
        Duration wait = settings.initialBackoff();
        for (int i = 1; i < attempt && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) <= 0 ? wait : settings.maxBackoff();
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "...";
    }

    private static okhttp3.Response failOnHttpError(Interceptor.Chain chain) throws IOException {
        okhttp3.Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            String body = shorten(response.peekBody(MAX_SHOWN).string());
            String header = response.header("Retry-After");
            Option<Duration> retryAfter = header != null && header.strip().matches("[0-9]{1,9}")
                    ? Option.some(Duration.ofSeconds(Long.parseLong(header.strip())))
                    : Option.none();
            throw new HttpStatusException(response.code(), retryAfter, body);
        }
    }

    /** An HTTP status other than 2xx, raised inside OkHttp so that web3j passes it on as an I/O failure. */
    private static final class HttpStatusException extends IOException {
        private final int status;
        private final Option<Duration> retryAfter;
        private final String body;

        HttpStatusException(int status, Option<Duration> retryAfter, String body) {
            super("HTTP " + status);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
