package dev.solvent.oracle.rpc;

import dev.solvent.oracle.rpc.RpcFailure.ConnectionFailed;
import dev.solvent.oracle.rpc.RpcFailure.HttpStatus;
import dev.solvent.oracle.rpc.RpcFailure.Interrupted;
import dev.solvent.oracle.rpc.RpcFailure.MalformedResponse;
import dev.solvent.oracle.rpc.RpcFailure.Timeout;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import tools.jackson.core.JacksonException;

/**
 * Sends JSON-RPC requests and batches over web3j's {@link HttpService} with its own OkHttp client, and turns every
 * outcome into the response or a typed {@link RpcFailure}: the one place that knows which exceptions web3j and OkHttp
 * throw, and which failures are worth another attempt. What a response means (a revert, a block the node does not
 * serve) is left to the reader.
 *
 * <p>Retried, at most {@link RpcSettings#maxAttempts()} times in all with backoff: timeouts, connections reset or
 * closed before a response, HTTP 429 (honouring a {@code Retry-After} up to {@link RpcSettings#maxRetryAfter()}) and
 * 5xx. Never retried: a refused connection or unknown host, other HTTP statuses and malformed responses, because
 * trying again gives the same answer.
 */
public final class JsonRpcTransport implements AutoCloseable {

    private static final int MAX_SHOWN = 160;

    private final OkHttpClient client;
    private final HttpService service;
    private final RpcSettings settings;
    private final Sleeper sleeper;
    private long requests;
    private long calls;

    /** Opens a client for {@code url}; {@code sleeper} waits between attempts. */
    public JsonRpcTransport(RpcUrl url, RpcSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // the retries are ours, counted and with backoff; OkHttp's own would hide attempts
                .retryOnConnectionFailure(false)
                .addInterceptor(JsonRpcTransport::failOnHttpError)
                .build();
        this.service = new HttpService(url.value(), client);
    }

    /** {@return how many HTTP requests were sent (a batch is one), retries included} */
    public long requests() {
        return requests;
    }

    /** {@return how many JSON-RPC calls were made (each call of a batch counts), retries included} */
    public long calls() {
        return calls;
    }

    /** {@return a request of {@code method} with {@code params} on this transport, to give to {@link #send}} */
    public <T extends Response<?>> Request<?, T> request(String method, List<?> params, Class<T> type) {
        return new Request<>(method, params, service, type);
    }

    /** {@return an empty batch on this transport, to fill and give to {@link #sendBatch}} */
    public BatchRequest batch() {
        return new BatchRequest(service);
    }

    /**
     * {@return the response to the request that {@code request} gives, or why there is none} {@code request} is asked
     * once per attempt; a JSON-RPC error object is a response, for the reader to interpret.
     *
     * @param what the request for messages, such as {@code decimals() on 0x5f4e...8419}
     */
    public <T extends Response<?>> Either<RpcFailure, T> send(String what, Supplier<Request<?, T>> request) {
        return withRetries(what, () -> {
            Request<?, T> r = request.get();
            calls++;
            return r.send();
        });
    }

    /**
     * {@return the responses to the batch that {@code batch} gives, or why there are none} {@code batch} is asked once
     * per attempt, as web3j numbers requests as they are made.
     *
     * @param what the batch for messages, such as {@code a batch of 40 eth_calls}
     */
    public Either<RpcFailure, BatchResponse> sendBatch(String what, Supplier<BatchRequest> batch) {
        return withRetries(what, () -> {
            BatchRequest b = batch.get();
            calls += b.getRequests().size();
            return b.send();
        });
    }

    /** {@return {@code text} on one line, cut to 160 characters, for a message; empty for {@code null}} */
    public static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "...";
    }

    /** Something that can be sent: a single request or a batch. */
    @FunctionalInterface
    private interface Sendable<T> {
        T send() throws IOException;
    }

    /** What one attempt gave: a final outcome, or a transient failure that another attempt may cure. */
    private sealed interface Attempt<T> {}

    private record Done<T>(Either<RpcFailure, T> result) implements Attempt<T> {}

    private record Retry<T>(RpcFailure failure, Option<Duration> retryAfter) implements Attempt<T> {}

    private <T> Either<RpcFailure, T> withRetries(String what, Sendable<T> sendable) {
        for (int attempt = 1; ; attempt++) {
            switch (attempt(what, attempt, sendable)) {
                case Done<T> done -> {
                    return done.result();
                }
                case Retry<T> retry -> {
                    if (attempt >= settings.maxAttempts()) {
                        return Either.left(retry.failure());
                    }
                    Duration wait = settings.backoff(attempt);
                    if (retry.retryAfter().isDefined()) {
                        if (retry.retryAfter().get().compareTo(settings.maxRetryAfter()) > 0) {
                            // waiting less than the server asked would only earn another 429
                            return Either.left(retry.failure());
                        }
                        wait = retry.retryAfter().get();
                    }
                    try {
                        sleeper.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Either.left(new Interrupted(what));
                    }
                }
            }
        }
    }

    private <T> Attempt<T> attempt(String what, int attempt, Sendable<T> sendable) {
        try {
            requests++;
            return new Done<>(Either.right(sendable.send()));
        } catch (HttpStatusException e) {
            HttpStatus failure = new HttpStatus(what, attempt, e.status, e.retryAfter, e.body);
            if (e.status == 429) {
                return new Retry<>(failure, e.retryAfter);
            }
            return e.status >= 500 ? new Retry<>(failure, Option.none()) : failed(failure);
        } catch (IOException e) {
            return transportFailure(what, attempt, e);
        } catch (JacksonException e) {
            return failed(new MalformedResponse(what, "not a JSON-RPC response: " + shorten(e.getOriginalMessage())));
        } catch (ClassCastException e) {
            return failed(new MalformedResponse(what, "not the JSON-RPC answer to a batch (an array of responses)"));
        } catch (RuntimeException e) {
            // web3j and OkHttp also throw unchecked exceptions; one caused by I/O is a transport failure
            if (e.getCause() instanceof IOException io) {
                return transportFailure(what, attempt, io);
            }
            return failed(new MalformedResponse(what, shorten(e.toString())));
        }
    }

    private static <T> Attempt<T> failed(RpcFailure failure) {
        return new Done<>(Either.left(failure));
    }

    private static <T> Attempt<T> transportFailure(String what, int attempt, IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return failed(new Interrupted(what));
        }
        // SocketTimeoutException (connect, read) is an InterruptedIOException, and so is OkHttp's call timeout
        if (e instanceof InterruptedIOException) {
            return new Retry<>(new Timeout(what, attempt), Option.none());
        }
        ConnectionFailed failure = new ConnectionFailed(what, attempt, describe(e));
        boolean permanent = e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || e instanceof SSLException;
        return permanent ? failed(failure) : new Retry<>(failure, Option.none());
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Turns a non-2xx response into an exception that keeps its status and {@code Retry-After}. */
    private static okhttp3.Response failOnHttpError(Interceptor.Chain chain) throws IOException {
        okhttp3.Response response = chain.proceed(chain.request());
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            String body = shorten(response.peekBody(MAX_SHOWN).string());
            throw new HttpStatusException(response.code(), retryAfterSeconds(response.header("Retry-After")), body);
        }
    }

    /** {@return a {@code Retry-After} in seconds; the HTTP-date form is not honoured, as it needs a clock} */
    private static Option<Duration> retryAfterSeconds(String header) {
        if (header == null || !header.strip().matches("[0-9]{1,9}")) {
            return Option.none();
        }
        return Option.some(Duration.ofSeconds(Long.parseLong(header.strip())));
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

    /** Releases the HTTP client's connections and threads. */
    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
