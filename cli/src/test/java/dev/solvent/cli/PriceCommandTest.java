package dev.solvent.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code solvent price} against a JSON-RPC node faked with WireMock: one test per exit code and per kind of bad
 * argument. The command reads the real clock, so the rounds are dated relative to it.
 */
class PriceCommandTest {

    @RegisterExtension
    static final WireMockExtension NODE = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true))
            .build();

    private static final String FEED = "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419";
    private static final String DECIMALS = "0x313ce567";
    private static final String DESCRIPTION = "0x7284e416";
    private static final String LATEST_ROUND_DATA = "0xfeaf968c";

    private static MappingBuilder ethCall(String data) {
        return post(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_call")))
                .withRequestBody(matchingJsonPath("$.params[0].data", equalTo(data)));
    }

    private static ResponseDefinitionBuilder result(String hex) {
        return okJson("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":\"" + hex + "\"}");
    }

    private static String word(long value) {
        String hex = (value < 0
                        ? BigInteger.valueOf(value).add(BigInteger.ONE.shiftLeft(256))
                        : BigInteger.valueOf(value))
                .toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private static void feed(long roundId, long answer, long secondsAgo) {
        long updatedAt = Instant.now().getEpochSecond() - secondsAgo;
        byte[] text = "ETH / USD".getBytes(StandardCharsets.US_ASCII);
        byte[] padded = new byte[32];
        System.arraycopy(text, 0, padded, 0, text.length);
        NODE.stubFor(ethCall(DESCRIPTION)
                .willReturn(result(
                        "0x" + word(32) + word(text.length) + HexFormat.of().formatHex(padded))));
        NODE.stubFor(ethCall(DECIMALS).willReturn(result("0x" + word(8))));
        NODE.stubFor(ethCall(LATEST_ROUND_DATA)
                .willReturn(result(
                        "0x" + word(roundId) + word(answer) + word(updatedAt) + word(updatedAt) + word(roundId))));
    }

    private static Cli.Run price(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "price";
        args[1] = "--rpc=http://127.0.0.1:" + NODE.getPort();
        args[2] = "--feed=" + FEED;
        args[3] = "--retries=0";
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(args);
    }

    /** The first run in a fresh JVM and server is slow (class loading, template compilation): not in a test. */
    @BeforeAll
    static void warmUp() {
        feed(1, 1, 0);
        assertThat(price().code()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void printsAValidatedPriceAndExitsWithZero() {
        feed(42, 3_012_34567890L, 60);

        Cli.Run run = price();

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("ETH / USD at " + FEED)
                .contains("price       3012.34567890")
                .contains("raw answer  301234567890 (8 decimals)")
                .contains("round       42")
                .contains("updated at  ")
                .containsPattern("age         6[0-9] s \\(at most 3600 s\\)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rejectsAStaleAnswerWithExitCodeOne() {
        feed(42, 3_012_34567890L, 7_200);

        Cli.Run run = price("--max-age=3600");

        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("solvent price: rejected: the answer of round 42 is stale")
                .contains("the maximum age is 3600 s")
                .contains("round 42: answer 301234567890 (raw)");
    }

    @Test
    void rejectsANegativeAnswerWithExitCodeOne() {
        feed(42, -1, 60);

        Cli.Run run = price();

        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(run.out()).doesNotContain("price");
        assertThat(run.err()).contains("rejected: the answer of round 42 is -1, not positive");
    }

    @Test
    void reportsAServerErrorWithExitCodeTwo() {
        NODE.stubFor(
                post(urlEqualTo("/")).willReturn(aResponse().withStatus(500).withBody("upstream down")));

        Cli.Run run = price();

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("solvent price: cannot read the feed at http://127.0.0.1:")
                .contains("description() on " + FEED + ": HTTP 500: upstream down (1 attempt)")
                .doesNotContain("Exception");
    }

    @Test
    void reportsAnAddressWithoutAContractWithExitCodeTwo() {
        NODE.stubFor(ethCall(DESCRIPTION).willReturn(result("0x")));

        Cli.Run run = price();

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no contract at " + FEED + " on this chain");
    }

    @Test
    void reportsATimeoutWithExitCodeTwo() {
        feed(42, 3_012_34567890L, 60);
        NODE.stubFor(ethCall(DESCRIPTION).willReturn(result("0x").withFixedDelay(1_500)));

        Cli.Run run = price("--timeout=250ms");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no response within the timeout (1 attempt)");
    }

    @Test
    void reportsARefusedConnectionWithExitCodeTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Cli.Run run = Cli.run("price", "--rpc=http://127.0.0.1:" + closedPort, "--feed=" + FEED);

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("connection failed").contains("(1 attempt)");
    }

    @Test
    void refusesAMalformedAddressWithExitCodeTwo() {
        Cli.Run run = Cli.run("price", "--rpc=http://127.0.0.1:8545", "--feed=0x5f4e");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("Invalid value for option '--feed': '0x5f4e' is not an address")
                .doesNotContain("\tat ");
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnAddressWithABadChecksumWithExitCodeTwo() {
        Cli.Run run =
                Cli.run("price", "--rpc=http://127.0.0.1:8545", "--feed=0x5f4ec3Df9cbd43714FE2740f5E3616155c5b8419");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("fails its EIP-55 checksum");
    }

    @Test
    void refusesAMalformedUrlWithExitCodeTwo() {
        Cli.Run run = Cli.run("price", "--rpc=localhost:8545", "--feed=" + FEED);

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Invalid value for option '--rpc': 'localhost:8545' is not an http(s) URL");
    }

    @Test
    void refusesANonPositiveMaximumAgeWithExitCodeTwo() {
        Cli.Run run = price("--max-age=0");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--max-age: 0 is not a positive number of seconds");
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAMalformedTimeoutWithExitCodeTwo() {
        Cli.Run run = price("--timeout=soon");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'soon' is not a positive duration");
    }

    @Test
    void requiresTheRpcAndTheFeed() {
        Cli.Run run = Cli.run("price");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Missing required options: '--rpc=URL', '--feed=ADDRESS'");
    }

    @Test
    void isListedInTheTopLevelHelpAndDocumentsItsExitCodes() {
        assertThat(Cli.run("--help").out()).contains("price");
        assertThat(Cli.run("price", "--help").out())
                .contains("--rpc=URL", "--feed=ADDRESS", "--max-age=SECONDS", "--timeout=DURATION", "Exit codes:");
    }
}
