package dev.solvent.oracle.live;

import static dev.solvent.oracle.rpc.JsonRpcTransport.shorten;

import dev.solvent.oracle.rpc.JsonRpcTransport;
import dev.solvent.oracle.rpc.RpcFailure;
import dev.solvent.oracle.rpc.RpcFailure.MalformedResponse;
import dev.solvent.oracle.rpc.RpcFailure.Reverted;
import dev.solvent.oracle.rpc.RpcFailure.RpcError;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import dev.solvent.oracle.rpc.Sleeper;
import io.vavr.control.Either;
import java.util.List;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * Sends {@code eth_call}s at the latest block over a {@link JsonRpcTransport} and reads the answer as a feed reader
 * needs it: the return data, or a revert with its {@code Error(string)} reason decoded, or a {@link FeedFailure.Rpc}.
 * A JSON-RPC error object (a revert included) is never retried, because trying again gives the same answer.
 */
final class EthCaller implements AutoCloseable {

    private static final Pattern HEX_DATA = Pattern.compile("0x(?:[0-9a-fA-F]{2})*");
    private static final String ERROR_STRING_SELECTOR = "0x08c379a0";

    /** Solidity's {@code Error(string)}, what {@code require(cond, "reason")} reverts with. */
    private static final Function ERROR_STRING =
            new Function("Error", List.of(), List.of(new TypeReference<Utf8String>() {}));

    private final JsonRpcTransport transport;

    EthCaller(RpcUrl url, RpcSettings settings, Sleeper sleeper) {
        this.transport = new JsonRpcTransport(url, settings, sleeper);
    }

    /**
     * {@return the data that {@code eth_call} of {@code data} on {@code to} returned at the latest block (empty for
     * {@code 0x} or {@code null}), or why there is none}
     */
    Either<FeedFailure.ReadFailure, byte[]> call(String call, FeedAddress to, String data) {
        Transaction tx = Transaction.createEthCallTransaction(null, to.value(), data);
        Request<?, EthCall> request =
                transport.request("eth_call", List.of(tx, DefaultBlockParameterName.LATEST.getValue()), EthCall.class);
        return transport
                .send(call, () -> request)
                .flatMap(response -> result(call, request, response))
                .mapLeft(FeedFailure.Rpc::new);
    }

    private static Either<RpcFailure, byte[]> result(String call, Request<?, EthCall> request, EthCall response) {
        if (response.getId() != request.getId()) {
            return Either.left(new MalformedResponse(
                    call, "the response's id " + response.getId() + " is not the request's " + request.getId()));
        }
        if (response.hasError()) {
            Response.Error error = response.getError();
            return Either.left(
                    isRevert(error)
                            ? new Reverted(call, revertReason(error))
                            : new RpcError(call, error.getCode(), String.valueOf(error.getMessage())));
        }
        String value = response.getValue();
        if (value == null) {
            return Either.right(new byte[0]);
        }
        if (!HEX_DATA.matcher(value).matches()) {
            return Either.left(new MalformedResponse(call, "the result is not hex data: " + shorten(value)));
        }
        return Either.right(Numeric.hexStringToByteArray(value));
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

    @Override
    public void close() {
        transport.close();
    }
}
