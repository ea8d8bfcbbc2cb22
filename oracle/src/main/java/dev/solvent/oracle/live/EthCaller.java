package dev.solvent.oracle.live;

import dev.solvent.oracle.live.FeedFailure.ConnectionFailed;
import dev.solvent.oracle.live.FeedFailure.HttpStatus;
import dev.solvent.oracle.live.FeedFailure.Interrupted;
import dev.solvent.oracle.live.FeedFailure.MalformedResponse;
import dev.solvent.oracle.live.FeedFailure.ReadFailure;
import dev.solvent.oracle.live.FeedFailure.Reverted;
import dev.solvent.oracle.live.FeedFailure.RpcError;
import dev.solvent.oracle.live.FeedFailure.Timeout;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;
import tools.jackson.core.JacksonException;

/**
 * Sends {@code eth_call}s over HTTP and turns every outcome into data or a typed {@link ReadFailure}: the one place
 * that knows which exceptions web3j and OkHttp throw, and which failures are worth another attempt.
 *
 * <p>Retried: timeouts, connections reset or closed before a response, HTTP 429 and 5xx. Never retried: a refused
 * connection or unknown host, other HTTP statuses, a JSON-RPC error object (reverts included) and malformed responses,
 * because trying again gives the same answer.
 */
final class EthCaller implements AutoCloseable {

    private static final Pattern HEX_DATA = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");
    private static final String ERROR_STRING_SELECTOR = "0x08c379a0";
    private static final int MAX_SHOWN = 160;

    /** Solidity's {@code Error(string)}, what {@code require(cond, "reason")} reverts with. */
    private static final Function ERROR_STRING =
            new Function("Error", List.of(), List.of(new TypeReference<Utf8String>() {}));

    private final OkHttpClient client;
    private final HttpService service;
    private final RpcSettings settings;
    private final Sleeper sleeper;

    EthCaller(RpcUrl url, RpcSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .writeTimeout(settings.readTimeout())
                .callTimeout(settings.callTimeout())
                // the retries are ours, counted and with backoff; OkHttp's own would hide attempts
                .retryOnConnectionFailure(false)
                .addInterceptor(EthCaller::failOnHttpError)
                .build();
        this.service = new HttpService(url.value(), client);
    }

    /**
     * {@return the data that {@code eth_call} of {@code data} on {@code to} returned at the latest block (empty for
     * {@code 0x} or {@code null}), or why there is none}
     */
    Either<ReadFailure, byte[]> call(String call, FeedAddress to, String data) {
        Transaction tx = Transaction.createEthCallTransaction(null, to.value(), data);
        for (int attempt = 1; ; attempt++) {
            switch (attempt(call, tx, attempt)) {
                case Done done -> {
                    return done.result();
                }
                case Retry retry -> {
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
                        return Either.left(new Interrupted(call));
                    }
                }
            }
        }
    }

    /** What one attempt gave: a final outcome, or a transient failure that another attempt may cure. */
    private sealed interface Attempt {}

    private record Done(Either<ReadFailure, byte[]> result) implements Attempt {}

    private record Retry(ReadFailure failure, Option<Duration> retryAfter) implements Attempt {}

    private Attempt attempt(String call, Transaction tx, int attempt) {
        Request<Object, EthCall> request = new Request<>(
                "eth_call", List.of(tx, DefaultBlockParameterName.LATEST.getValue()), service, EthCall.class);
        EthCall response;
        try {
            response = request.send();
        } catch (HttpStatusException e) {
            HttpStatus failure = new HttpStatus(call, attempt, e.status, e.retryAfter, e.body);
            if (e.status == 429) {
                return new Retry(failure, e.retryAfter);
            }
            return e.status >= 500 ? new Retry(failure, Option.none()) : failed(failure);
        } catch (IOException e) {
            return transportFailure(call, attempt, e);
        } catch (JacksonException e) {
            return failed(new MalformedResponse(call, "not a JSON-RPC response: " + e.getOriginalMessage()));
        } catch (RuntimeException e) {
            // web3j and OkHttp also throw unchecked exceptions; one caused by I/O is a transport failure
            if (e.getCause() instanceof IOException io) {
                return transportFailure(call, attempt, io);
            }
            return failed(new MalformedResponse(call, e.toString()));
        }
        if (response.getId() != request.getId()) {
            return failed(new MalformedResponse(
                    call, "the response's id " + response.getId() + " is not the request's " + request.getId()));
        }
        if (response.hasError()) {
            Response.Error error = response.getError();
            return failed(
                    isRevert(error)
                            ? new Reverted(call, revertReason(error))
                            : new RpcError(call, error.getCode(), String.valueOf(error.getMessage())));
        }
        String value = response.getValue();
        if (value == null) {
            return new Done(Either.right(new byte[0]));
        }
        if (!HEX_DATA.matcher(value).matches()) {
            return failed(new MalformedResponse(call, "the result is not hex data: " + shorten(value)));
        }
        return new Done(Either.right(Numeric.hexStringToByteArray(value)));
    }

    private static Attempt failed(ReadFailure failure) {
        return new Done(Either.left(failure));
    }

    private static Attempt transportFailure(String call, int attempt, IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return failed(new Interrupted(call));
        }
        // SocketTimeoutException (connect, read) is an InterruptedIOException, and so is OkHttp's call timeout
        if (e instanceof InterruptedIOException) {
            return new Retry(new Timeout(call, attempt), Option.none());
        }
        ConnectionFailed failure = new ConnectionFailed(call, attempt, describe(e));
        boolean permanent = e instanceof ConnectException
                || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || e instanceof SSLException;
        return permanent ? failed(failure) : new Retry(failure, Option.none());
    }

    private static boolean isRevert(Response.Error error) {
        // geth and anvil use code 3 when the revert has data, and -32000 "execution reverted" when it has none
        return error.getCode() == 3
                || (error.getMessage() != null && error.getMessage().startsWith("execution reverted"));
    }

    private static String revertReason(Response.Error error) {
        String data = unquote(error.getData());
        if (data != null
                && data.startsWith(ERROR_STRING_SELECTOR)
                && HEX_DATA.matcher(data).matches()) {
            try {
                var decoded = FunctionReturnDecoder.decode(
                        data.substring(ERROR_STRING_SELECTOR.length()), ERROR_STRING.getOutputParameters());
                if (decoded.size() == 1 && decoded.getFirst() instanceof Utf8String reason) {
                    return reason.getValue();
                }
            } catch (RuntimeException e) {
                // not a well-formed Error(string): fall back to the node's message below
            }
        }
        String message = String.valueOf(error.getMessage());
        return data == null || data.equals("0x") ? message : message + " (data " + shorten(data) + ")";
    }

    /** {@return {@code data} without the JSON quotes that web3j keeps, as it reads any JSON value there as text} */
    private static String unquote(String data) {
        if (data != null && data.length() >= 2 && data.startsWith("\"") && data.endsWith("\"")) {
            return data.substring(1, data.length() - 1);
        }
        return data;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String shorten(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "...";
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

    /** An HTTP status other than 2xx, raised inside OkHttp so that web3j passes it through as an I/O failure. */
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
