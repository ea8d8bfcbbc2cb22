package dev.solvent.oracle.live;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A JSON-RPC node faked with WireMock, as a test fixture: stubs that match {@code eth_call}s by their call data, and
 * responses that echo the request's id, with ABI-encoded results written out by hand.
 */
final class JsonRpcStubs {

    /** Chainlink's ETH/USD proxy on Ethereum mainnet (its checksummed form). */
    static final FeedAddress ETH_USD = new FeedAddress("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419");

    // the four selectors, as published (keccak256 of the signatures); the reader's encoder must produce them
    static final String DECIMALS = "0x313ce567";
    static final String DESCRIPTION = "0x7284e416";
    static final String LATEST_ROUND_DATA = "0xfeaf968c";
    static final String GET_ROUND_DATA = "0x9a6fc8f5";

    private JsonRpcStubs() {}

    /** {@return a WireMock server on a free loopback port whose responses are templates, for echoing ids} */
    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true))
                .build();
    }

    /** {@return a stub matching an {@code eth_call} whose call data is {@code data}} */
    static MappingBuilder ethCall(String data) {
        return post(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_call")))
                .withRequestBody(matchingJsonPath("$.params[0].data", equalTo(data)));
    }

    /** {@return a JSON-RPC success with {@code result}, a JSON value written as is} */
    static ResponseDefinitionBuilder rawResult(String result) {
        return okJson("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":" + result + "}");
    }

    /** {@return a JSON-RPC success with hex data {@code 0x...}} */
    static ResponseDefinitionBuilder result(String hex) {
        return rawResult("\"" + hex + "\"");
    }

    /** {@return a JSON-RPC error object} */
    static ResponseDefinitionBuilder error(int code, String message, String data) {
        String dataField = data == null ? "" : ",\"data\":\"" + data + "\"";
        return okJson("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"error\":{\"code\":" + code
                + ",\"message\":\"" + message + "\"" + dataField + "}}");
    }

    /** {@return the ABI encoding of a round, as {@code latestRoundData()} returns it} */
    static String round(BigInteger roundId, BigInteger answer, long startedAt, long updatedAt, BigInteger answered) {
        return "0x" + word(roundId) + word(answer) + word(BigInteger.valueOf(startedAt))
                + word(BigInteger.valueOf(updatedAt)) + word(answered);
    }

    /** {@return the ABI encoding of one {@code uint256}} */
    static String uint(long value) {
        return "0x" + word(BigInteger.valueOf(value));
    }

    /** {@return the ABI encoding of one {@code string}: offset, length, bytes padded to whole words} */
    static String string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[(bytes.length + 31) / 32 * 32];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        return "0x" + word(BigInteger.valueOf(32)) + word(BigInteger.valueOf(bytes.length))
                + HexFormat.of().formatHex(padded);
    }

    /** {@return {@code getRoundData(roundId)}'s call data} */
    static String getRoundData(BigInteger roundId) {
        return GET_ROUND_DATA + word(roundId);
    }

    /** {@return one 32-byte word, two's complement for a negative value} */
    static String word(BigInteger value) {
        BigInteger unsigned = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(256)) : value;
        String hex = unsigned.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
