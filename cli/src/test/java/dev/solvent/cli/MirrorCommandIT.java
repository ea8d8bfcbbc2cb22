package dev.solvent.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.solvent.mirror.comet.CometBook;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.oracle.mirror.CometReader;
import dev.solvent.oracle.mirror.CometSnapshot;
import dev.solvent.oracle.mirror.CometStateFile;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code solvent mirror} end to end against the real Comet on anvil with a book of 100 accounts built through the
 * contracts: the state file it writes is the market read directly, and equals the mirror's own book; and behind a
 * WireMock proxy that injects an RPC's faults (a log range too large, rate limits, a truncated response) it shrinks
 * and succeeds, retries a bounded number of times, or fails with a clear message and writes nothing.
 */
@Tag("integration")
class MirrorCommandIT {

    @RegisterExtension
    static final WireMockExtension PROXY = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(new NudgeCall()))
            .build();

    private static Either<String, AnvilChain> started;
    private static CometBook book;

    @TempDir
    Path folder;

    @BeforeAll
    static void buildTheBook() {
        started = AnvilChain.start();
        started.forEach(anvil -> book = CometBook.create(anvil, 100, 7));
    }

    @AfterAll
    static void stopAnvil() {
        if (started != null) {
            started.forEach(AnvilChain::close);
        }
    }

    @BeforeEach
    void proxyEverythingToAnvil() {
        assumeTrue(started.isRight(), started::getLeft);
        PROXY.resetAll();
        PROXY.stubFor(post(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(book.url())));
    }

    private Cli.Run mirror(String rpc, Path out, String... more) {
        String[] args = {
            "mirror",
            "--rpc",
            rpc,
            "--protocol",
            "comet",
            "--address",
            book.comet().hex(),
            "--out",
            out.toString()
        };
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    private static CometSnapshot readDirectly() {
        try (CometReader reader = CometReader.create(new RpcUrl(book.url()), RpcSettings.DEFAULTS)) {
            return reader.read(book.comet(), Option.none(), 0, 10_000, line -> {})
                    .get();
        }
    }

    private static CometSnapshot file(Path out) throws IOException {
        return CometStateFile.read(Files.readString(out)).get();
    }

    @Test
    void writesTheVerifiedStateOfEveryAccount() throws IOException {
        Path out = folder.resolve("state.json");
        Cli.Run run = mirror(book.url(), out);

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("verified    every view of every account equals the deployment's");
        CometSnapshot written = file(out);
        assertThat(written).isEqualTo(readDirectly());
        for (Address a : book.accounts()) {
            assertThat(written.state().userBasic(a)).isEqualTo(book.mirror().userBasic(a));
            for (Address asset : book.collateralTokens()) {
                assertThat(written.state().collateralBalanceOf(a, asset))
                        .isEqualTo(book.mirror().collateralBalanceOf(a, asset));
            }
        }
        assertThat(written.state().totalsBasic()).isEqualTo(book.mirror().totalsBasic());
        assertThat(Files.readString(out)).contains("\"protocol\" : \"comet\"");
    }

    @Test
    void shrinksTheLogRangeWhileTheNodeRefusesItAndStillReadsEveryAccount() throws IOException {
        long latest = readDirectly().blockNumber();
        // the node refuses any range of more than 8 blocks, as providers cap eth_getLogs
        for (long from = 0; from <= latest; from++) {
            for (long to = from + 8; to <= latest; to++) {
                PROXY.stubFor(post(urlEqualTo("/"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs")))
                        .withRequestBody(matchingJsonPath("$.params[0].fromBlock", equalTo(hex(from))))
                        .withRequestBody(matchingJsonPath("$.params[0].toBlock", equalTo(hex(to))))
                        .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                                + "\"message\":\"block range too large: at most 8 blocks\"}}")));
            }
        }
        Path out = folder.resolve("state.json");
        Cli.Run run = mirror(proxyUrl(), out, "--log-range", "1000", "--batch", "7");

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(file(out)).isEqualTo(readDirectly());
        assertThat(PROXY.findAll(postRequestedFor(urlEqualTo("/"))
                                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs"))))
                        .size())
                .isGreaterThan(8);
    }

    @Test
    void retriesARateLimitedRequestAndSucceeds() throws IOException {
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs")))
                .willReturn(aResponse().withStatus(429).withBody("Too Many Requests"))
                .willSetStateTo("served once"));
        Path out = folder.resolve("state.json");
        Cli.Run run = mirror(proxyUrl(), out);

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(file(out)).isEqualTo(readDirectly());
    }

    @Test
    void givesUpOnALastingRateLimitWithAClearMessageAndWritesNothing() {
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs")))
                .willReturn(aResponse().withStatus(429).withBody("Too Many Requests")));
        Path out = folder.resolve("state.json");
        Cli.Run run = mirror(proxyUrl(), out, "--retries", "2");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("cannot read the market at")
                .contains("HTTP 429: Too Many Requests (3 attempts)")
                .contains("the endpoint is rate-limiting")
                .contains("nothing was written");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesATruncatedResponseAndLeavesAnEarlierFileAsItWas() throws IOException {
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$[0].method", equalTo("eth_call")))
                .willReturn(okJson("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x000000")));
        Path out = folder.resolve("state.json");
        Files.writeString(out, "earlier");
        Cli.Run run = mirror(proxyUrl(), out);

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("malformed response: not a JSON-RPC response")
                .contains("nothing was written");
        assertThat(Files.readString(out)).isEqualTo("earlier");
    }

    @Test
    void refusesAReadDuringWhichTheBlockWasReplaced() throws IOException {
        CometSnapshot direct = readDirectly();
        long n = direct.blockNumber();
        String other = "0x" + "ee".repeat(32);
        // the pinned block read again at the end (by number) has another hash: a reorg replaced it
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getBlockByNumber")))
                .withRequestBody(matchingJsonPath("$.params[0]", equalTo(hex(n))))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"number\":\"" + hex(n)
                        + "\",\"hash\":\"" + other + "\",\"timestamp\":\""
                        + hex(direct.block().timestamp())
                        + "\",\"baseFeePerGas\":\"0x0\",\"transactions\":[],\"uncles\":[]}}")));
        Path out = folder.resolve("state.json");
        Cli.Run run = mirror(proxyUrl(), out, "--no-verify");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("block " + n + " changed from " + direct.blockHash() + " to " + other)
                .contains("a reorg");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesToWriteAStateTheDeploymentDisagreesWithNamingTheAccountAndField() throws IOException {
        Address victim = book.accounts().get(2);
        NudgeCall.target = NudgeCall.calldata("userBasic(address)", victim);
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing(NudgeCall.target))
                .willReturn(aResponse().proxiedFrom(book.url()).withTransformers(NudgeCall.NAME)));
        Path out = folder.resolve("state.json");
        Files.writeString(out, "earlier");
        Cli.Run run = mirror(proxyUrl(), out);

        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(run.err())
                .contains("the mirror disagrees with the deployment at block")
                .contains("nothing was written")
                .contains("  " + victim.hex() + ": borrowBalanceOf is ");
        assertThat(run.err().lines().filter(l -> l.startsWith("  0x")))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("  " + victim.hex() + ": "));
        assertThat(Files.readString(out)).isEqualTo("earlier");

        Cli.Run unchecked = mirror(proxyUrl(), out, "--no-verify");
        assertThat(unchecked.code()).as(unchecked.err()).isEqualTo(ExitCodes.OK);
        assertThat(unchecked.out()).contains("verified    not verified (--no-verify)");
    }

    @Test
    void saysWhenTheNodeDoesNotServeTheBlockAsked() {
        long latest = readDirectly().blockNumber();
        Path out = folder.resolve("state.json");

        // anvil runs with pruned history: like a full node that is not an archive node, it has no past state
        Cli.Run past = mirror(book.url(), out, "--block", String.valueOf(latest - 1));
        assertThat(past.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(past.err())
                .contains("the node does not serve the state of block " + (latest - 1))
                .contains("use an archive node for past blocks");

        Cli.Run future = mirror(book.url(), out, "--block", String.valueOf(latest + 100));
        assertThat(future.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(future.err())
                .contains("the node does not serve the state of block " + (latest + 100))
                .contains("is it past the chain's latest?");
        assertThat(out).doesNotExist();
    }

    @Test
    void resumesAnInterruptedLogScanFromTheCache() throws IOException {
        long n = readDirectly().blockNumber();
        Path cache = folder.resolve("cache");
        Path out = folder.resolve("state.json");
        // the node fails for good on every page after the first
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs")))
                .withRequestBody(matchingJsonPath("$.params[0].fromBlock", equalTo(hex(10))))
                .willReturn(aResponse().withStatus(503).withBody("maintenance")));
        String[] options = {"--block", String.valueOf(n), "--log-range", "10", "--cache", cache.toString()};
        Cli.Run broken = mirror(proxyUrl(), out, options);
        assertThat(broken.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(broken.err()).contains("eth_getLogs 10..19: HTTP 503: maintenance");
        assertThat(out).doesNotExist();

        PROXY.resetAll();
        PROXY.stubFor(post(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(book.url())));
        Cli.Run resumed = mirror(proxyUrl(), out, options);

        assertThat(resumed.code()).as(resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.err()).contains("logs: resuming at block 10 with");
        assertThat(file(out)).isEqualTo(readDirectly());
        assertThat(PROXY.findAll(postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs")))
                        .withRequestBody(matchingJsonPath("$.params[0].fromBlock", equalTo(hex(0))))))
                .isEmpty();
    }

    @Test
    void refusesAnAddressWithoutAContract() {
        Path out = folder.resolve("state.json");
        Cli.Run run = Cli.run(
                "mirror",
                "--rpc",
                book.url(),
                "--protocol",
                "comet",
                "--address",
                Address.ofNumber(0xDEAD).hex(),
                "--out",
                out.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("no contract at 0x000000000000000000000000000000000000dead at block");
        assertThat(out).doesNotExist();
    }

    private static String proxyUrl() {
        return "http://127.0.0.1:" + PROXY.getPort() + "/";
    }

    private static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }
}
