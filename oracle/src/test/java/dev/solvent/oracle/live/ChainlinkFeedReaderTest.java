package dev.solvent.oracle.live;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.solvent.oracle.live.JsonRpcStubs.DECIMALS;
import static dev.solvent.oracle.live.JsonRpcStubs.DESCRIPTION;
import static dev.solvent.oracle.live.JsonRpcStubs.ETH_USD;
import static dev.solvent.oracle.live.JsonRpcStubs.LATEST_ROUND_DATA;
import static dev.solvent.oracle.live.JsonRpcStubs.error;
import static dev.solvent.oracle.live.JsonRpcStubs.ethCall;
import static dev.solvent.oracle.live.JsonRpcStubs.rawResult;
import static dev.solvent.oracle.live.JsonRpcStubs.result;
import static dev.solvent.oracle.live.JsonRpcStubs.round;
import static dev.solvent.oracle.live.JsonRpcStubs.string;
import static dev.solvent.oracle.live.JsonRpcStubs.uint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.live.FeedFailure.AnsweredInEarlierRound;
import dev.solvent.oracle.live.FeedFailure.BadData;
import dev.solvent.oracle.live.FeedFailure.IncompleteRound;
import dev.solvent.oracle.live.FeedFailure.NoContract;
import dev.solvent.oracle.live.FeedFailure.NonPositiveAnswer;
import dev.solvent.oracle.live.FeedFailure.ReadFailure;
import dev.solvent.oracle.live.FeedFailure.StaleAnswer;
import dev.solvent.oracle.live.FeedFailure.UpdatedInFuture;
import dev.solvent.oracle.live.FeedFailure.WrongDataLength;
import dev.solvent.oracle.rpc.RpcFailure;
import dev.solvent.oracle.rpc.RpcFailure.ConnectionFailed;
import dev.solvent.oracle.rpc.RpcFailure.HttpStatus;
import dev.solvent.oracle.rpc.RpcFailure.Interrupted;
import dev.solvent.oracle.rpc.RpcFailure.MalformedResponse;
import dev.solvent.oracle.rpc.RpcFailure.Reverted;
import dev.solvent.oracle.rpc.RpcFailure.RpcError;
import dev.solvent.oracle.rpc.RpcFailure.Timeout;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feed reader against a JSON-RPC node faked with WireMock: a good answer, and every way a read can fail, each of
 * which must come back as its own typed failure and never as a price.
 */
class ChainlinkFeedReaderTest {

    @RegisterExtension
    static final WireMockExtension NODE = JsonRpcStubs.server();

    private static final Instant NOW = Instant.parse("2025-11-29T12:00:00Z");
    private static final long ONE_MINUTE_AGO = NOW.getEpochSecond() - 60;

    /** ETH/USD's proxy ids carry the phase in the top bits: phase 6, aggregator round 12345. */
    private static final BigInteger ROUND = BigInteger.valueOf(6).shiftLeft(64).add(BigInteger.valueOf(12_345));

    private static final BigInteger ETH_3000_12345678 = BigInteger.valueOf(3_000_12345678L);

    private static final LiveConsumerGuard ONE_HOUR = LiveConsumerGuard.maxAge(Duration.ofHours(1));

    /**
     * Timeouts that only a stalled server reaches, even on a loaded machine; the waits between attempts are recorded,
     * not slept, so that retries cost no time.
     */
    private static final RpcSettings FAST = new RpcSettings(
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            3,
            Duration.ofMillis(100),
            Duration.ofMillis(150),
            Duration.ofSeconds(2));

    private final List<Duration> waits = new ArrayList<>();
    private ChainlinkFeedReader reader;

    /** The first request to a fresh JVM and server is slow (class loading, template compilation): not in a test. */
    @BeforeAll
    static void warmUp() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result(uint(8))));
        try (ChainlinkFeedReader warm = ChainlinkFeedReader.create(nodeUrl(), RpcSettings.DEFAULTS)) {
            assertThat(warm.decimals(ETH_USD)).isEqualTo(Either.right(8));
        }
    }

    @BeforeEach
    void openReader() {
        reader = reader(FAST);
    }

    @AfterEach
    void closeReader() {
        reader.close();
    }

    /** The node's loopback address as an IP: {@code localhost} might resolve to ::1, where WireMock is not bound. */
    private static RpcUrl nodeUrl() {
        return new RpcUrl("http://127.0.0.1:" + NODE.getPort());
    }

    private ChainlinkFeedReader reader(RpcSettings settings) {
        return ChainlinkFeedReader.create(nodeUrl(), settings, waits::add);
    }

    private static void feedReturns(String latestRoundData) {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result(uint(8))));
        NODE.stubFor(ethCall(LATEST_ROUND_DATA).willReturn(result(latestRoundData)));
    }

    private static String goodRound() {
        return round(ROUND, ETH_3000_12345678, ONE_MINUTE_AGO, ONE_MINUTE_AGO, ROUND);
    }

    /** {@return the transport's failure inside {@code failure}, which must be one} */
    private static RpcFailure rpc(FeedFailure failure) {
        assertThat(failure).isInstanceOf(FeedFailure.Rpc.class);
        return ((FeedFailure.Rpc) failure).failure();
    }

    private Either<FeedFailure, ValidatedAnswer> latest() {
        return reader.latestAnswer(ETH_USD, ONE_HOUR, NOW);
    }

    private static int requests() {
        return NODE.getAllServeEvents().size();
    }

    @Test
    void readsTheLatestAnswerWithTheFeedsDecimals() {
        feedReturns(goodRound());

        ValidatedAnswer answer = latest().get();

        // 3000.12345678 USD with 8 decimals, updated a minute before now
        assertThat(answer.oracleAnswer()).isEqualTo(new OracleAnswer(I256.of(3_000_12345678L), 8, ONE_MINUTE_AGO));
        assertThat(answer.round())
                .isEqualTo(new RoundData(ROUND, I256.of(ETH_3000_12345678), ONE_MINUTE_AGO, ONE_MINUTE_AGO, ROUND));
        assertThat(answer.age()).isEqualTo(Duration.ofSeconds(60));
        assertThat(answer.feed()).isEqualTo(ETH_USD);
    }

    @Test
    void sendsARawEthCallToTheFeedAtTheLatestBlock() {
        feedReturns(goodRound());

        reader.latestRoundData(ETH_USD);

        NODE.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.jsonrpc", equalTo("2.0")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_call")))
                .withRequestBody(matchingJsonPath("$.params[0].to", equalTo(ETH_USD.value())))
                .withRequestBody(matchingJsonPath("$.params[0].data", equalTo(LATEST_ROUND_DATA)))
                .withRequestBody(matchingJsonPath("$.params[1]", equalTo("latest"))));
    }

    @Test
    void readsTheDescription() {
        NODE.stubFor(ethCall(DESCRIPTION).willReturn(result(string("ETH / USD"))));

        assertThat(reader.description(ETH_USD)).isEqualTo(Either.right("ETH / USD"));
    }

    @Test
    void readsADescriptionLongerThanOneWord() {
        String text = "A feed whose description needs more than thirty-two bytes";
        NODE.stubFor(ethCall(DESCRIPTION).willReturn(result(string(text))));

        assertThat(reader.description(ETH_USD)).isEqualTo(Either.right(text));
    }

    @Test
    void readsAnEarlierRoundByItsId() {
        BigInteger earlier = ROUND.subtract(BigInteger.ONE);
        NODE.stubFor(ethCall(JsonRpcStubs.getRoundData(earlier))
                .willReturn(result(round(earlier, BigInteger.valueOf(2_999_00000000L), 100, 200, earlier))));

        assertThat(reader.roundData(ETH_USD, earlier))
                .isEqualTo(Either.right(new RoundData(earlier, I256.of(2_999_00000000L), 100, 200, earlier)));
    }

    @Test
    void refusesARoundIdThatIsNotAUint80() {
        assertThatThrownBy(() -> reader.roundData(ETH_USD, BigInteger.ONE.shiftLeft(80)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a uint80");
    }

    @Test
    void timesOutWhenTheNodeIsSlowerThanTheReadTimeout() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result(uint(8)).withFixedDelay(1_500)));
        reader.close();
        reader = reader(FAST.withTimeout(Duration.ofMillis(250)).withMaxAttempts(2));

        Either<ReadFailure, Integer> decimals = reader.decimals(ETH_USD);

        assertThat(rpc(decimals.getLeft())).isEqualTo(new Timeout("decimals() on " + ETH_USD, 2));
        assertThat(waits).containsExactly(Duration.ofMillis(100));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void retriesAfterHttp429AsLongAsRetryAfterAsks() {
        NODE.stubFor(ethCall(DECIMALS)
                .inScenario("rate limited")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("served"));
        NODE.stubFor(ethCall(DECIMALS)
                .inScenario("rate limited")
                .whenScenarioStateIs("served")
                .willReturn(result(uint(8))));

        assertThat(reader.decimals(ETH_USD)).isEqualTo(Either.right(8));
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void givesUpAtOnceWhenRetryAfterIsBeyondTheBound() {
        NODE.stubFor(ethCall(DECIMALS)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "120")
                        .withBody("slow down")));

        Either<ReadFailure, Integer> decimals = reader.decimals(ETH_USD);

        assertThat(rpc(decimals.getLeft()))
                .isEqualTo(new HttpStatus(
                        "decimals() on " + ETH_USD, 1, 429, Option.some(Duration.ofSeconds(120)), "slow down"));
        assertThat(waits).isEmpty();
        assertThat(decimals.getLeft().message()).contains("HTTP 429", "asked to wait 120 s");
    }

    @Test
    void retriesHttp500WithExponentialBackoffThenGivesUp() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(aResponse().withStatus(500).withBody("internal error")));

        Either<ReadFailure, Integer> decimals = reader.decimals(ETH_USD);

        assertThat(rpc(decimals.getLeft()))
                .isEqualTo(new HttpStatus("decimals() on " + ETH_USD, 3, 500, Option.none(), "internal error"));
        // 100 ms, then doubled to 200 ms but capped at 150 ms
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
        assertThat(requests()).isEqualTo(3);
    }

    @Test
    void doesNotRetryAClientError() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(aResponse().withStatus(404)));

        assertThat(rpc(reader.decimals(ETH_USD).getLeft())).isInstanceOf(HttpStatus.class);
        assertThat(requests()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void retriesAResetConnectionThenSucceeds() {
        NODE.stubFor(ethCall(DECIMALS)
                .inScenario("reset")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("recovered"));
        NODE.stubFor(ethCall(DECIMALS)
                .inScenario("reset")
                .whenScenarioStateIs("recovered")
                .willReturn(result(uint(8))));

        assertThat(reader.decimals(ETH_USD)).isEqualTo(Either.right(8));
        assertThat(requests()).isEqualTo(2);
    }

    @Test
    void reportsAConnectionThatKeepsBreaking() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        assertThat(rpc(reader.decimals(ETH_USD).getLeft()))
                .isInstanceOfSatisfying(
                        ConnectionFailed.class, f -> assertThat(f.attempts()).isEqualTo(3));
    }

    @Test
    void doesNotRetryARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (ChainlinkFeedReader nowhere =
                ChainlinkFeedReader.create(new RpcUrl("http://127.0.0.1:" + closedPort), FAST, waits::add)) {

            assertThat(rpc(nowhere.decimals(ETH_USD).getLeft()))
                    .isInstanceOfSatisfying(
                            ConnectionFailed.class,
                            f -> assertThat(f.attempts()).isEqualTo(1));
            assertThat(waits).isEmpty();
        }
    }

    @Test
    void reportsAJsonRpcErrorObjectWithoutRetrying() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(error(-32005, "daily request count exceeded", null)));

        assertThat(rpc(reader.decimals(ETH_USD).getLeft()))
                .isEqualTo(new RpcError("decimals() on " + ETH_USD, -32005, "daily request count exceeded"));
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void decodesTheReasonOfARevert() {
        // Error(string) of "No data present", as anvil and geth send it
        String data = "0x08c379a0" + JsonRpcStubs.string("No data present").substring(2);
        NODE.stubFor(ethCall(JsonRpcStubs.getRoundData(BigInteger.TEN))
                .willReturn(error(3, "execution reverted: No data present", data)));

        assertThat(rpc(reader.roundData(ETH_USD, BigInteger.TEN).getLeft()))
                .isEqualTo(new Reverted("getRoundData(10) on " + ETH_USD, "No data present"));
    }

    @Test
    void reportsMalformedJsonWithoutRetrying() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(okJson("{broken")));

        assertThat(rpc(reader.decimals(ETH_USD).getLeft())).isInstanceOf(MalformedResponse.class);
        assertThat(requests()).isEqualTo(1);
    }

    @Test
    void reportsAResultThatIsNotHexData() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result("0xzz")));

        assertThat(rpc(reader.decimals(ETH_USD).getLeft()))
                .isEqualTo(new MalformedResponse("decimals() on " + ETH_USD, "the result is not hex data: 0xzz"));
    }

    @Test
    void reportsAResponseToAnotherRequest() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":-7,\"result\":\"0x\"}")));

        assertThat(rpc(reader.decimals(ETH_USD).getLeft()))
                .isInstanceOfSatisfying(
                        MalformedResponse.class,
                        f -> assertThat(f.detail()).startsWith("the response's id -7 is not the request's"));
    }

    @Test
    void refusesRoundDataOfTheWrongLength() {
        // four words where latestRoundData returns five: a different function behind the same selector
        feedReturns(goodRound().substring(0, 2 + 4 * 64));

        assertThat(latest().getLeft()).isEqualTo(new WrongDataLength("latestRoundData() on " + ETH_USD, 160, 128));
    }

    @Test
    void refusesDecimalsOfTheWrongLength() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result(uint(8) + "00")));

        assertThat(reader.decimals(ETH_USD).getLeft())
                .isEqualTo(new WrongDataLength("decimals() on " + ETH_USD, 32, 33));
    }

    @Test
    void refusesADescriptionWhoseLengthDisagreesWithItsData() {
        String oneWordTooMany = string("ETH / USD") + "00".repeat(32);
        NODE.stubFor(ethCall(DESCRIPTION).willReturn(result(oneWordTooMany)));

        assertThat(reader.description(ETH_USD).getLeft())
                .isEqualTo(new WrongDataLength("description() on " + ETH_USD, 96, 128));
    }

    @Test
    void refusesARoundIdWiderThan80Bits() {
        BigInteger tooWide = BigInteger.ONE.shiftLeft(80);
        feedReturns(round(tooWide, ETH_3000_12345678, ONE_MINUTE_AGO, ONE_MINUTE_AGO, ROUND));

        assertThat(latest().getLeft())
                .isInstanceOfSatisfying(
                        BadData.class,
                        f -> assertThat(f.detail()).isEqualTo("roundId " + tooWide + " is not a uint80"));
    }

    @Test
    void refusesDecimalsOutsideWhatAnOracleAnswerCarries() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result(uint(77))));

        assertThat(reader.decimals(ETH_USD).getLeft())
                .isEqualTo(new BadData("decimals() on " + ETH_USD, "decimals 77 is out of range; valid: 0..36"));
    }

    @Test
    void reportsNoContractForAnEmptyResult() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(result("0x")));

        assertThat(latest().getLeft()).isEqualTo(new NoContract("decimals() on " + ETH_USD, ETH_USD));
    }

    @Test
    void reportsNoContractForANullResult() {
        NODE.stubFor(ethCall(LATEST_ROUND_DATA).willReturn(rawResult("null")));

        assertThat(reader.latestRoundData(ETH_USD).getLeft())
                .isEqualTo(new NoContract("latestRoundData() on " + ETH_USD, ETH_USD));
    }

    @Test
    void rejectsAStaleAnswer() {
        long twoHoursAgo = NOW.getEpochSecond() - 7_200;
        feedReturns(round(ROUND, ETH_3000_12345678, twoHoursAgo, twoHoursAgo, ROUND));

        assertThat(latest().getLeft()).isInstanceOfSatisfying(StaleAnswer.class, f -> {
            assertThat(f.age()).isEqualTo(Duration.ofHours(2));
            assertThat(f.maxAge()).isEqualTo(Duration.ofHours(1));
            assertThat(f.message()).contains("updated 7200 s ago", "maximum age is 3600 s");
        });
    }

    @Test
    void rejectsANegativeAnswer() {
        feedReturns(round(ROUND, BigInteger.valueOf(-1), ONE_MINUTE_AGO, ONE_MINUTE_AGO, ROUND));

        assertThat(latest().getLeft()).isInstanceOf(NonPositiveAnswer.class);
    }

    @Test
    void rejectsAZeroAnswer() {
        feedReturns(round(ROUND, BigInteger.ZERO, ONE_MINUTE_AGO, ONE_MINUTE_AGO, ROUND));

        assertThat(latest().getLeft()).isInstanceOf(NonPositiveAnswer.class);
    }

    @Test
    void rejectsAnIncompleteRound() {
        feedReturns(round(ROUND, ETH_3000_12345678, ONE_MINUTE_AGO, 0, ROUND));

        assertThat(latest().getLeft()).isInstanceOf(IncompleteRound.class);
    }

    @Test
    void rejectsAnAnswerCarriedOverFromAnEarlierRound() {
        feedReturns(round(ROUND, ETH_3000_12345678, ONE_MINUTE_AGO, ONE_MINUTE_AGO, ROUND.subtract(BigInteger.ONE)));

        assertThat(latest().getLeft()).isInstanceOf(AnsweredInEarlierRound.class);
    }

    @Test
    void rejectsAnAnswerFromTheFuture() {
        long inAMinute = NOW.getEpochSecond() + 60;
        feedReturns(round(ROUND, ETH_3000_12345678, inAMinute, inAMinute, ROUND));

        assertThat(latest().getLeft())
                .isEqualTo(new UpdatedInFuture(
                        new RoundData(ROUND, I256.of(ETH_3000_12345678), inAMinute, inAMinute, ROUND),
                        NOW.getEpochSecond()));
    }

    @Test
    void reportsAnInterruptionDuringTheBackoff() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(aResponse().withStatus(503)));
        reader.close();
        reader = ChainlinkFeedReader.create(nodeUrl(), FAST, wait -> {
            throw new InterruptedException();
        });

        try {
            assertThat(rpc(reader.decimals(ETH_USD).getLeft())).isEqualTo(new Interrupted("decimals() on " + ETH_USD));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void neverRetriesWhatCannotChange() {
        NODE.stubFor(ethCall(DECIMALS).willReturn(error(-32601, "the method eth_call does not exist", null)));

        reader.decimals(ETH_USD);

        NODE.verify(exactly(1), postRequestedFor(urlEqualTo("/")));
    }
}
