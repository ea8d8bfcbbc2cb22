package dev.solvent.oracle.rpc;

import io.vavr.control.Either;
import okhttp3.HttpUrl;

/**
 * The HTTP(S) address of an Ethereum JSON-RPC endpoint, such as a local node at {@code http://127.0.0.1:8545} or a
 * provider's URL. It may carry an API key in its path, so it is never printed whole by {@link #toString()}.
 *
 * @param value the URL as given, with an {@code http} or {@code https} scheme and a host
 */
public record RpcUrl(String value) {

    /** Rejects anything but an http(s) URL; use {@link #parse} for user input. */
    public RpcUrl {
        if (value == null || HttpUrl.parse(value) == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + value);
        }
    }

    /** {@return the URL, or why the text is not one} */
    public static Either<String, RpcUrl> parse(String text) {
        if (text == null || HttpUrl.parse(text) == null) {
            return Either.left("'" + text + "' is not an http(s) URL; valid: such as http://127.0.0.1:8545 or"
                    + " https://host/path");
        }
        return Either.right(new RpcUrl(text));
    }

    /** {@return scheme, host and port only: a provider's URL often holds an API key in its path or query} */
    @Override
    public String toString() {
        HttpUrl url = HttpUrl.get(value);
        return new HttpUrl.Builder()
                .scheme(url.scheme())
                .host(url.host())
                .port(url.port())
                .build()
                .toString();
    }
}
