package dev.solvent.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code solvent mirror}'s bad arguments and unreachable or broken endpoints, without a chain. */
class MirrorCommandTest {

    @RegisterExtension
    static final WireMockExtension NODE = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
            .build();

    private static final String COMET = "0xc3d688B66703497DAA19211EEdff47f25384cdc3";

    @TempDir
    Path folder;

    private Cli.Run mirror(String... more) {
        String[] args = {
            "mirror",
            "--rpc",
            "http://127.0.0.1:" + NODE.getPort(),
            "--address",
            COMET,
            "--out",
            folder.resolve("state.json").toString()
        };
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void refusesAProtocolItCannotReadNamingTheValidOne() {
        Cli.Run run = mirror("--protocol", "maker");
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--protocol: 'maker' cannot be read yet; valid: comet, aave-v3.3, aave-v3.7");
        assertThat(mirror("--protocol", "compound").err())
                .contains("--protocol: 'compound' is not a protocol solvent knows; valid: comet, aave-v3.3, aave-v3.7");
    }

    @Test
    void refusesABadAddressBlockOrOutputFolder() {
        Cli.Run address = Cli.run(
                "mirror",
                "--rpc",
                "http://127.0.0.1:1",
                "--protocol",
                "comet",
                "--address",
                "0x12",
                "--out",
                folder.resolve("s.json").toString());
        assertThat(address.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(address.err()).contains("'0x12' is not an address; valid: 0x followed by 40 hexadecimal digits");

        Cli.Run block = mirror("--protocol", "comet", "--block", "-5");
        assertThat(block.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(block.err()).contains("--block: -5 is not a block number (0 or more)");

        Cli.Run out = Cli.run(
                "mirror",
                "--rpc",
                "http://127.0.0.1:1",
                "--protocol",
                "comet",
                "--address",
                COMET,
                "--out",
                folder.resolve("missing").resolve("s.json").toString());
        assertThat(out.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(out.err()).contains("--out: the folder").contains("does not exist; create it first");

        assertThat(mirror("--protocol", "comet", "--batch", "0").err())
                .contains("--batch: 0 is out of range; valid: 1..1000");

        Cli.Run range = mirror("--protocol", "comet", "--log-range", "0");
        assertThat(range.err()).contains("--log-range: 0 is not a positive number of blocks");
    }

    @Test
    void saysWhenTheNodeCannotBeReached() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Cli.Run run = Cli.run(
                "mirror",
                "--rpc",
                "http://127.0.0.1:" + port,
                "--protocol",
                "comet",
                "--address",
                COMET,
                "--out",
                folder.resolve("s.json").toString());
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("eth_chainId: connection failed").contains("nothing was written");
        assertThat(folder.resolve("s.json")).doesNotExist();
    }

    @Test
    void saysWhenTheResponseIsGarbled() {
        NODE.stubFor(post(anyUrl()).willReturn(okJson("{\"jsonrpc\":\"2.0\",\"id\":1,\"resu")));
        Cli.Run run = mirror("--protocol", "comet");
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("eth_chainId: malformed response: not a JSON-RPC response");
        assertThat(folder.resolve("state.json")).doesNotExist();
    }

    @Test
    void givesUpOnA429ThatAsksForTooLongAWait() {
        NODE.stubFor(post(anyUrl())
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "600")
                        .withBody("slow down")));
        Cli.Run run = mirror("--protocol", "comet");
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("eth_chainId: HTTP 429: slow down (1 attempt; the server asked to wait 600 s)")
                .contains("rate-limiting");
    }
}
