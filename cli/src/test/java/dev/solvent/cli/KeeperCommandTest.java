package dev.solvent.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.utils.Numeric;

/**
 * {@code solvent keeper} against a node faked with WireMock: the chain's head at a 100-gwei base fee, ETH/USD at 1,050
 * from a Chainlink feed, and the state of {@link KeeperFiles}. Known answers for what it prints and signs, one test
 * per refusal and per kind of bad input, and the key never in the output.
 */
class KeeperCommandTest {

    @RegisterExtension
    static final WireMockExtension NODE = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true))
            .build();

    static final String FEED = "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419";
    static final String PROTOCOL = "0x1111111111111111111111111111111111111111";
    static final String DECIMALS = "0x313ce567";
    static final String LATEST_ROUND_DATA = "0xfeaf968c";
    static final long HEAD_TIME = 1_700_000_100L;

    static final Credentials KEY = TestKeys.fromSeed(6);

    @TempDir
    Path dir;

    private KeeperFiles.Written files;
    private Path keyFile;
    private final List<Cli.Run> runs = new ArrayList<>();

    @BeforeEach
    void writeFilesAndStubTheNode() throws IOException {
        files = KeeperFiles.write(dir);
        keyFile = TestKeys.file(dir, KEY);
        stub("eth_chainId", result("0x7a69")); // 31337
        stub(
                "eth_getBlockByNumber",
                rawResult("{\"number\":\"0x64\",\"timestamp\":\"0x6553f164\",\"baseFeePerGas\":\"0x174876e800\","
                        + "\"hash\":\"0x" + "ab".repeat(32) + "\",\"transactions\":[]}"));
        stub("eth_getTransactionCount", result("0x5"));
        stub("eth_maxPriorityFeePerGas", result("0x3b9aca00")); // 1 gwei
        feed(1_050_00000000L, HEAD_TIME - 10);
    }

    /** Every run of every test: the key's digits appear nowhere in what it printed. */
    @AfterEach
    void theKeyNeverAppears() {
        for (Cli.Run run : runs) {
            assertThat(TestKeys.leaks(run.out() + run.err(), KEY))
                    .as("the key leaked into:%n%s%n%s", run.out(), run.err())
                    .isFalse();
        }
    }

    static MappingBuilder rpc(String method) {
        return post(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.method", equalTo(method)));
    }

    static void stub(String method, ResponseDefinitionBuilder response) {
        NODE.stubFor(rpc(method).willReturn(response));
    }

    static ResponseDefinitionBuilder rawResult(String json) {
        return okJson("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":" + json + "}");
    }

    static ResponseDefinitionBuilder result(String hex) {
        return rawResult("\"" + hex + "\"");
    }

    static ResponseDefinitionBuilder error(int code, String message) {
        return okJson("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"error\":{\"code\":" + code
                + ",\"message\":\"" + message + "\"}}");
    }

    static String word(long value) {
        String hex = BigInteger.valueOf(value).toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    static void feed(long answer, long updatedAt) {
        NODE.stubFor(rpc("eth_call")
                .withRequestBody(matchingJsonPath("$.params[0].data", equalTo(DECIMALS)))
                .willReturn(result("0x" + word(8))));
        NODE.stubFor(rpc("eth_call")
                .withRequestBody(matchingJsonPath("$.params[0].data", equalTo(LATEST_ROUND_DATA)))
                .willReturn(result("0x" + word(1) + word(answer) + word(updatedAt) + word(updatedAt) + word(1))));
    }

    private String url() {
        return "http://127.0.0.1:" + NODE.getPort();
    }

    private Cli.Run keeper(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--txs=" + files.txs(),
                "--protocol=" + PROTOCOL,
                "--retries=0"));
        args.addAll(List.of(more));
        if (args.stream().noneMatch(a -> a.startsWith("--key-file=") || a.startsWith("--key-env="))) {
            args.add("--key-file=" + keyFile);
        }
        return record(Cli.run(args.toArray(String[]::new)));
    }

    private Cli.Run record(Cli.Run run) {
        runs.add(run);
        return run;
    }

    private static String line(String out, String prefix) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(prefix) + "\\s+(\\S+)$")
                .matcher(out);
        assertThat(m.find()).as("a line starting with %s in:%n%s", prefix, out).isTrue();
        return m.group(1);
    }

    @Test
    void printsTheProfitableLiquidationWithItsEstimateAndTheSignedTransaction() throws SignatureException {
        Cli.Run run = keeper("--account=keeper");

        // the sums of ProfitAwareTest: at a 100-gwei base fee Alice's 9.2 USDC do not pay for 260,000 gas; Carol's 47
        // do, and half of the affordable priority fee is bid: 36.080586050 gwei
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains(
                        "keeper keeper sends from " + Keys.toChecksumAddress(KEY.getAddress()) + " to the protocol at "
                                + PROTOCOL + " on chain 31337: profit-aware over the liquidation index")
                .contains("poll 1 of 1: block 100 at 1700000100, base fee 100.000000000 gwei")
                .contains("  ETH/USD 1050.00000000 (round 1, 10 s old) from " + FEED)
                .contains("  1 transaction:")
                .contains("  1. Liquidate carol")
                .contains("     expected profit 9.850000 USDC: gain 47.000000, gas 260000 at 100.000000000"
                        + " + 36.080586050 gwei costs 37.150000")
                .contains("     nonce 5, gas limit 260000, max fee 236.080586050 gwei, priority fee 36.080586050"
                        + " gwei")
                .contains("     calldata " + KeeperFiles.LIQUIDATE_CAROL)
                .contains("dry run: nothing was sent (add --broadcast --chain-id 31337 to send)")
                .doesNotContain("alice");

        RawTransaction tx = TransactionDecoder.decode(line(run.out(), "signed"));
        assertThat(tx).isInstanceOf(SignedRawTransaction.class);
        SignedRawTransaction signed = (SignedRawTransaction) tx;
        assertThat(signed.getFrom()).isEqualToIgnoringCase(KEY.getAddress());
        Transaction1559 t = (Transaction1559) signed.getTransaction();
        assertThat(t.getChainId()).isEqualTo(31_337L);
        assertThat(t.getNonce()).isEqualTo(BigInteger.valueOf(5));
        assertThat(t.getGasLimit()).isEqualTo(BigInteger.valueOf(260_000));
        assertThat(t.getMaxPriorityFeePerGas()).isEqualTo(BigInteger.valueOf(36_080_586_050L));
        assertThat(t.getMaxFeePerGas()).isEqualTo(BigInteger.valueOf(236_080_586_050L));
        assertThat(t.getTo()).isEqualToIgnoringCase(PROTOCOL);
        assertThat(t.getValue()).isZero();
        assertThat("0x" + t.getData().replaceFirst("^0x", "")).isEqualTo(KeeperFiles.LIQUIDATE_CAROL);
        NODE.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(matchingJsonPath("$.method", equalTo("eth_sendRawTransaction"))));
    }

    @Test
    void theFullScanAndTheCapitalLimitedKeeperFindTheSameLiquidation() {
        Cli.Run full = keeper("--account=keeper", "--scan=full");
        assertThat(full.code()).isEqualTo(ExitCodes.OK);
        assertThat(full.out()).contains("profit-aware over a full scan").contains("  1. Liquidate carol");

        // positions go to the backstop: the liquidation ties up no capital of the keeper's
        Cli.Run capital = keeper("--account=keeper", "--capital=0");
        assertThat(capital.code()).isEqualTo(ExitCodes.OK);
        assertThat(capital.out())
                .contains("limited capital (0 base units a block) over the liquidation index")
                .contains("  1. Liquidate carol")
                .contains("costs 37.150000; capital 0.000000");
    }

    @Test
    void sendsNothingWhenNothingPays() {
        feed(1_060_00000000L, HEAD_TIME - 10); // above both liquidation prices

        Cli.Run run = keeper();

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("  nothing to send").doesNotContain("signed");
    }

    @Test
    void refusesToSignForAChainOtherThanTheOneNamed() {
        Cli.Run run = keeper("--chain-id=1", "--broadcast");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("solvent keeper: --chain-id 1: the node at " + url() + "/ is chain 31337; nothing is signed"
                        + " for another chain than the one you name" + System.lineSeparator());
        NODE.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(matchingJsonPath("$.method", equalTo("eth_sendRawTransaction"))));
    }

    @Test
    void refusesToBroadcastWithoutAChainId() {
        Cli.Run run = keeper("--broadcast");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("--broadcast needs --chain-id N, the chain you mean to send to (the node at " + url()
                        + "/ is chain 31337)");
        NODE.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(matchingJsonPath("$.method", equalTo("eth_sendRawTransaction"))));
    }

    @Test
    void reportsATransactionTheNodeRefuses() {
        stub("eth_sendRawTransaction", error(-32000, "insufficient funds for gas * price + value"));

        Cli.Run run = keeper("--chain-id=31337", "--broadcast");

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .contains("refused transaction 1 (0x")
                .contains("eth_sendRawTransaction: JSON-RPC error -32000: insufficient funds for gas * price + value")
                .doesNotContain("Exception");
    }

    @Test
    void reportsAJsonRpcErrorOfTheNode() {
        stub("eth_chainId", error(-32601, "the method eth_chainId does not exist"));

        Cli.Run run = keeper();

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .isEqualTo("solvent keeper: cannot use the node at " + url() + "/: eth_chainId: JSON-RPC error -32601:"
                        + " the method eth_chainId does not exist; check --rpc" + System.lineSeparator());
    }

    @Test
    void reportsAnHttpErrorOfTheNode() {
        NODE.stubFor(
                post(urlEqualTo("/")).willReturn(aResponse().withStatus(502).withBody("bad gateway")));

        Cli.Run run = keeper();

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("eth_chainId").contains("502").doesNotContain("\tat ");
    }

    @Test
    void reportsAMalformedBlock() {
        stub("eth_getBlockByNumber", rawResult("{\"number\":\"0x64\",\"timestamp\":\"0x6553f164\"}"));

        Cli.Run run = keeper();

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("the latest block has no base fee; valid: a chain with EIP-1559");
    }

    @Test
    void reportsAnUnreachableNode() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(
                "keeper",
                "--rpc=http://127.0.0.1:" + closed,
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=" + PROTOCOL,
                "--key-file=" + keyFile));

        Cli.Run run = record(Cli.run(args.toArray(String[]::new)));

        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err())
                .isEqualTo("solvent keeper: cannot use the node at http://127.0.0.1:" + closed
                        + "/: eth_chainId: connection refused; check --rpc" + System.lineSeparator());
    }

    @Test
    void stopsWithExitCodeOneOnAStaleFeed() {
        feed(1_050_00000000L, HEAD_TIME - 7_200);

        Cli.Run run = keeper();

        assertThat(run.code()).isEqualTo(ExitCodes.PROBLEM_FOUND);
        assertThat(run.err()).contains("ETH/USD rejected: the answer of round 1 is stale");
        assertThat(run.out()).doesNotContain("signed");
    }

    @Test
    void pollsAsOftenAsAskedAndNoMore() {
        Cli.Run run = keeper("--watch=3", "--interval=1ms");

        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("poll 1 of 3").contains("poll 2 of 3").contains("poll 3 of 3");
        assertThat(run.out().split("Liquidate carol", -1)).hasSize(4);
        NODE.verify(
                3,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(matchingJsonPath("$.method", equalTo("eth_getBlockByNumber"))));
    }

    // ---- bad input: one clear line, exit 2, no stack trace, nothing asked of the node

    private String badInput(Cli.Run run) {
        assertThat(run.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return run.err();
    }

    @Test
    void refusesABadUrl() {
        String err = badInput(record(Cli.run(
                "keeper",
                "--rpc=localhost:8545",
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=" + PROTOCOL,
                "--key-file=" + keyFile)));
        assertThat(err).contains("'localhost:8545' is not an http(s) URL; valid: such as http://127.0.0.1:8545");
    }

    @Test
    void refusesABadProtocolAddress() {
        String err = badInput(record(Cli.run(
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=0x1234",
                "--key-file=" + keyFile)));
        assertThat(err).contains("'0x1234' is not an address; valid: 0x and 40 hexadecimal digits");
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAFeedWithoutAnAsset() {
        String err = badInput(keeper("--feed=" + FEED));
        assertThat(err).contains("'" + FEED + "' is not ASSET=ADDRESS; valid: an asset or price key of the state file");
    }

    @Test
    void refusesAFeedWithABadAddress() {
        String err = badInput(keeper("--feed=SOL=0x5f4e"));
        assertThat(err).contains("'SOL=0x5f4e': '0x5f4e' is not an address");
    }

    @Test
    void refusesAFeedForAnAssetTheStateDoesNotPrice() {
        String err = badInput(keeper("--feed=SOL=" + FEED));
        assertThat(err)
                .isEqualTo("solvent keeper: --feed SOL=" + FEED + ": SOL is neither a priced asset nor a price key of "
                        + files.state() + "; valid: WETH or ETH/USD" + System.lineSeparator());
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesTwoFeedsForOnePriceKey() {
        String err = badInput(keeper("--feed=ETH/USD=" + FEED));
        assertThat(err).contains("ETH/USD already has a feed (WETH=" + FEED + "); valid: one feed per price key");
    }

    @Test
    void refusesAGasKeyWithoutAFeed() {
        String err = badInput(keeper("--gas-key=BNB/USD"));
        assertThat(err).contains("--gas-key BNB/USD: no --feed gives this price; valid: one of ETH/USD");
    }

    @Test
    void refusesAMissingKey() {
        String err = badInput(record(Cli.run(
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=" + PROTOCOL)));
        assertThat(err).contains("--key-file=FILE").contains("--key-env=NAME");
    }

    @Test
    void refusesAKeyFileThatDoesNotExist() {
        Path missing = dir.resolve("nope.key");
        String err = badInput(keeper("--key-file=" + missing));
        assertThat(err)
                .isEqualTo("solvent keeper: --key-file " + missing + ": cannot be read: no such file"
                        + System.lineSeparator());
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAKeyFileThatHoldsSomethingElseWithoutShowingIt() throws IOException {
        // one digit short: the message must say what a key looks like, and never echo what the file holds
        Path broken =
                Files.writeString(dir.resolve("broken.key"), TestKeys.hex(KEY).substring(1));
        String err = badInput(keeper("--key-file=" + broken));
        assertThat(err)
                .isEqualTo("solvent keeper: --key-file " + broken + ": does not hold a private key; valid: 64"
                        + " hexadecimal digits, with or without 0x, and nothing else" + System.lineSeparator());
    }

    @Test
    void refusesAZeroKey() throws IOException {
        Path zero = Files.writeString(dir.resolve("zero.key"), "0".repeat(64));
        String err = badInput(keeper("--key-file=" + zero));
        assertThat(err).contains("is not a valid secp256k1 private key");
    }

    @Test
    void readsTheKeyFromAnEnvironmentVariable() {
        Cli.Run run = record(Cli.run(
                Map.of("KEEPER_KEY", TestKeys.hex(KEY))::get,
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--txs=" + files.txs(),
                "--protocol=" + PROTOCOL,
                "--key-env=KEEPER_KEY"));
        assertThat(run.code()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("keeper " + Keys.toChecksumAddress(KEY.getAddress()) + " sends from ")
                .contains("Liquidate carol");
    }

    @Test
    void refusesAnEnvironmentVariableThatIsNotSet() {
        String err = badInput(record(Cli.run(
                Map.<String, String>of()::get,
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=" + PROTOCOL,
                "--key-env=KEEPER_KEY")));
        assertThat(err)
                .isEqualTo("solvent keeper: --key-env KEEPER_KEY: the environment variable is not set; set it"
                        + " to the key's 64 hexadecimal digits, with or without 0x" + System.lineSeparator());
    }

    @Test
    void refusesAnEnvironmentVariableThatHoldsSomethingElseWithoutShowingIt() {
        String almost = TestKeys.hex(KEY) + "ff";
        String err = badInput(record(Cli.run(
                Map.of("KEEPER_KEY", almost)::get,
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=" + PROTOCOL,
                "--key-env=KEEPER_KEY")));
        assertThat(err)
                .contains("--key-env KEEPER_KEY: does not hold a private key")
                .doesNotContain("ff");
    }

    /** Runs the keeper with {@code --key-env=given} and no environment variable set. */
    private Cli.Run keeperWithKeyEnv(String given) {
        return record(Cli.run(
                Map.<String, String>of()::get,
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + files.state(),
                "--protocol=" + PROTOCOL,
                "--key-env=" + given));
    }

    /**
     * The key as a user might paste it where a name or a path belongs: bare, with 0x, in capitals, cut short, with its
     * line end, or in pieces of 8 digits.
     */
    private static List<String> keyLike() {
        String hex = TestKeys.hex(KEY);
        return List.of(
                hex,
                "0x" + hex,
                "0X" + hex.toUpperCase(Locale.ROOT),
                hex.substring(0, 40),
                hex + "\n",
                String.join(" ", hex.split("(?<=\\G.{8})")));
    }

    @Test
    void refusesAKeyGivenAsTheNameOfTheVariableWithoutShowingIt() {
        for (String given : keyLike()) {
            String err = badInput(keeperWithKeyEnv(given));
            assertThat(err)
                    .as("--key-env=%s", given.strip().substring(0, 4))
                    .isEqualTo("solvent keeper: --key-env: the value looks like a private key, not the name of an"
                            + " environment variable; pass the variable's name, such as --key-env=KEEPER_KEY"
                            + System.lineSeparator());
        }
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void neverShowsAVariableNameThatIsNoPlainName() {
        // the key in another encoding: no run of hexadecimal digits, but no variable's name either
        String base64 = Base64.getEncoder()
                .encodeToString(Numeric.toBytesPadded(KEY.getEcKeyPair().getPrivateKey(), 32));
        String err = badInput(keeperWithKeyEnv(base64));
        assertThat(err)
                .isEqualTo("solvent keeper: --key-env: no environment variable has the name given, which is not"
                        + " shown: it is not a plain name and may be key material; pass the variable's name, such as"
                        + " --key-env=KEEPER_KEY" + System.lineSeparator())
                .doesNotContain(base64.substring(0, 8));
    }

    @Test
    void refusesAKeyGivenAsTheKeyFileWithoutShowingIt() {
        String hex = TestKeys.hex(KEY);
        List<String> given = new ArrayList<>(keyLike());
        given.add(String.join(":", hex.split("(?<=\\G..)"))); // as openssl prints a key: ab:cd:...
        given.add(dir.resolve(hex + ".key").toString()); // a path that holds key material
        for (String g : given) {
            String err = badInput(keeper("--key-file=" + g));
            assertThat(err)
                    .as("--key-file=%s", g.strip().substring(0, 4))
                    .isEqualTo("solvent keeper: --key-file: no such file, and the value looks like a private key,"
                            + " not the path of a file; pass the path of a file that holds the key"
                            + System.lineSeparator())
                    .doesNotContain(hex.substring(0, 8))
                    .doesNotContain(hex.substring(0, 2) + ":" + hex.substring(2, 4));
        }
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAKeyFileWhosePathLooksLikeAKeyWithoutShowingThePath() throws IOException {
        Path named = Files.writeString(dir.resolve("0x" + TestKeys.hex(KEY)), "not a key");
        String err = badInput(keeper("--key-file=" + named));
        assertThat(err)
                .isEqualTo("solvent keeper: --key-file (path not shown: it looks like key material): does not hold a"
                        + " private key; valid: 64 hexadecimal digits, with or without 0x, and nothing else"
                        + System.lineSeparator());
    }

    @Test
    void neverShowsAKeyArgumentGivenTwiceOrBeside() {
        String hex = TestKeys.hex(KEY);
        for (List<String> given : List.of(
                List.of("--key-env=" + hex, "--key-env=0x" + hex),
                List.of("--key-file=" + hex, "--key-file=0x" + hex),
                List.of("--key-env=" + hex, "--key-file=0x" + hex))) {
            badInput(keeper(given.toArray(String[]::new)));
        }
        // what each run printed is checked for the key's digits after the test
    }

    @Test
    void refusesBothKeySources() {
        String err = badInput(keeper("--key-env=KEEPER_KEY", "--key-file=" + keyFile));
        assertThat(err).contains("mutually exclusive");
    }

    @Test
    void reportsStateFileProblemsWithTheirLines() throws IOException {
        Path state = Files.writeString(
                dir.resolve("bad-state.json"),
                KeeperFiles.STATE.replace("\"maintenanceMargin\": \"0.05\"", "\"maintenanceMargin\": \"0.5\""));
        String err = badInput(record(Cli.run(
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + state,
                "--protocol=" + PROTOCOL,
                "--key-file=" + keyFile)));
        assertThat(err)
                .contains(state + ": line 13: markets.ETH-PERP.maintenanceMargin: 0.5 is out of range")
                .contains("solvent keeper: 1 problem in the input; nothing was evaluated");
        assertThat(NODE.getAllServeEvents()).isEmpty();
    }

    @Test
    void reportsAMissingStateFile() {
        Path missing = dir.resolve("missing.json");
        String err = badInput(record(Cli.run(
                "keeper",
                "--rpc=" + url(),
                "--feed=WETH=" + FEED,
                "--state=" + missing,
                "--protocol=" + PROTOCOL,
                "--key-file=" + keyFile)));
        assertThat(err).contains(missing.toString()).contains("nothing was evaluated");
    }

    @Test
    void refusesOutOfRangeOptions() {
        assertThat(badInput(keeper("--watch=0"))).contains("--watch: 0 is out of range; valid: 1..10000");
        assertThat(badInput(keeper("--bid-percent=101"))).contains("--bid-percent: 101 is out of range; valid: 0..100");
        assertThat(badInput(keeper("--capital=1.5")))
                .contains("'1.5' is not an amount; valid: a whole number of base units");
        assertThat(badInput(keeper("--auction-margin=1"))).contains("'1' is not a ratio in [0, 1)");
        assertThat(badInput(keeper("--scan=sometimes"))).contains("--scan").contains("index, full");
    }
}
