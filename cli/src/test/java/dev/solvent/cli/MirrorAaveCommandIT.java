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
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.solvent.mirror.aave.AaveBook;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.harness.AnvilChain;
import dev.solvent.oracle.mirror.AaveReader;
import dev.solvent.oracle.mirror.AaveSnapshot;
import dev.solvent.oracle.mirror.AaveStateFile;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code solvent mirror --protocol aave-v3.3} end to end against the real Aave Pool on anvil with a book of 60 users
 * built through the Pool: the state file it writes is the market read directly and equals the mirror's own book; behind
 * a WireMock proxy that refuses wide log ranges and rate-limits once it still reads every user; a node that answers
 * one user's scaled balance wrongly is caught, naming the user and the field, and nothing is written.
 */
@Tag("integration")
class MirrorAaveCommandIT {

    @RegisterExtension
    static final WireMockExtension PROXY = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().extensions(new NudgeCall()))
            .build();

    private static Either<String, AnvilChain> started;
    private static AaveBook book;

    @TempDir
    Path folder;

    @BeforeAll
    static void buildTheBook() {
        started = AnvilChain.start();
        started.forEach(anvil -> book = AaveBook.create(anvil, AaveVersion.V3_3, 60, 11));
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
            "aave-v3.3",
            "--address",
            book.pool().hex(),
            "--out",
            out.toString()
        };
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    private static AaveSnapshot readDirectly() {
        try (AaveReader reader = AaveReader.create(AaveVersion.V3_3, new RpcUrl(book.url()), RpcSettings.DEFAULTS)) {
            return reader.read(book.pool(), Option.none(), 0, 10_000, Option.none(), line -> {})
                    .get();
        }
    }

    private static AaveSnapshot file(Path out) throws IOException {
        return AaveStateFile.read(Files.readString(out)).get();
    }

    private String proxyUrl() {
        return "http://127.0.0.1:" + PROXY.getPort() + "/";
    }

    @Test
    void writesTheVerifiedStateOfEveryUser() throws IOException {
        Path out = folder.resolve("aave.json");
        Cli.Run run = mirror(book.url(), out);

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("aave-v3.3 pool " + book.pool())
                .contains("reserves    4")
                .contains("verified    every view of every account equals the deployment's");
        AaveSnapshot written = file(out);
        assertThat(written).isEqualTo(readDirectly());
        for (Address u : book.users()) {
            assertThat(written.state().userConfigOf(u)).isEqualTo(book.mirror().userConfigOf(u));
            assertThat(written.state().userEModeOf(u)).isEqualTo(book.mirror().userEModeOf(u));
            for (AaveState.Reserve r : book.mirror().reserves()) {
                AaveState.Reserve read = written.state().reserves().get(r.id());
                assertThat(read.aTokenLedger().scaledOf(u))
                        .isEqualTo(r.aTokenLedger().scaledOf(u));
                assertThat(read.debtLedger().scaledOf(u))
                        .isEqualTo(r.debtLedger().scaledOf(u));
            }
        }
        assertThat(Files.readString(out)).contains("\"protocol\" : \"aave-v3.3\"");
        // the worked example of docs/mirror.md is this run's output
        Path example = Path.of("target", "mirror-aave-example.txt");
        Files.createDirectories(example.getParent());
        Files.writeString(example, run.err() + run.out() + Files.readString(out));
    }

    @Test
    void readsAV37PoolAsV37() throws IOException {
        Either<String, AnvilChain> other = AnvilChain.start();
        assumeTrue(other.isRight(), other::getLeft);
        try (AnvilChain anvil = other.get()) {
            AaveBook v37 = AaveBook.create(anvil, AaveVersion.V3_7, 20, 5);
            Path out = folder.resolve("aave-v3.7.json");
            Cli.Run run = Cli.run(
                    "mirror",
                    "--rpc",
                    v37.url(),
                    "--protocol",
                    "aave-v3.7",
                    "--address",
                    v37.pool().hex(),
                    "--out",
                    out.toString());

            assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("users       21").contains("reserves    3");
            AaveSnapshot written = file(out);
            assertThat(written.state().version()).isEqualTo(AaveVersion.V3_7);
            for (Address u : v37.users()) {
                assertThat(written.state().userConfigOf(u))
                        .isEqualTo(v37.mirror().userConfigOf(u));
            }
            assertThat(Files.readString(out)).contains("\"protocol\" : \"aave-v3.7\"");
        }
    }

    @Test
    void shrinksTheLogRangeAndRetriesARateLimitAndStillReadsEveryUser() throws IOException {
        // the node refuses any range of more than 64 blocks, and rate-limits the first batch of calls once
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs")))
                .andMatching(request -> MatchResult.of(range(request.getBodyAsString()) > 64))
                .willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,"
                        + "\"message\":\"block range too large: at most 64 blocks\"}}")));
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(2)
                .inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(containing("eth_call"))
                .willReturn(aResponse().withStatus(429).withBody("Too Many Requests"))
                .willSetStateTo("served once"));
        Path out = folder.resolve("aave.json");
        Cli.Run run = mirror(proxyUrl(), out, "--log-range", "100000");

        assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(file(out)).isEqualTo(readDirectly());
        assertThat(PROXY.findAll(postRequestedFor(urlEqualTo("/"))
                                .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getLogs"))))
                        .size())
                .isGreaterThan(2);
    }

    @Test
    void refusesToWriteAStateTheDeploymentDisagreesWithNamingTheUserAndField() throws IOException {
        Address victim = book.users().get(3);
        AaveState.Reserve reserve = book.mirror()
                .reserves()
                .find(r -> r.aTokenLedger().scaledOf(victim).signum() > 0)
                .get();
        NudgeCall.target = NudgeCall.calldata("scaledBalanceOf(address)", victim);
        PROXY.stubFor(post(urlEqualTo("/"))
                .atPriority(1)
                .withRequestBody(containing(NudgeCall.target))
                .willReturn(aResponse().proxiedFrom(book.url()).withTransformers(NudgeCall.NAME)));
        Path out = folder.resolve("aave.json");
        Files.writeString(out, "earlier");
        Cli.Run run = mirror(proxyUrl(), out);

        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(run.err())
                .contains("the mirror disagrees with the deployment at block")
                .contains("nothing was written")
                .contains("  " + victim.hex() + ": aToken(" + reserve.asset() + ").balanceOf is ");
        assertThat(run.err().lines().filter(l -> l.startsWith("  0x")))
                .isNotEmpty()
                .allMatch(l -> l.startsWith("  " + victim.hex() + ": "));
        assertThat(Files.readString(out)).isEqualTo("earlier");
    }

    /** {@return how many blocks an eth_getLogs request asks for} */
    private static long range(String body) {
        JsonNode filter =
                JsonMapper.builder().build().readTree(body).path("params").path(0);
        long from = Long.parseLong(filter.path("fromBlock").asString().substring(2), 16);
        long to = Long.parseLong(filter.path("toBlock").asString().substring(2), 16);
        return to - from + 1;
    }
}
