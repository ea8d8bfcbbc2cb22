package dev.solvent.cli;

import dev.solvent.cli.KeeperInputs.FeedSpec;
import dev.solvent.cli.PriceCommand.DurationConverter;
import dev.solvent.cli.PriceCommand.RpcUrlConverter;
import dev.solvent.cli.live.ContractAddress;
import dev.solvent.cli.live.KeeperKey;
import dev.solvent.cli.live.Node;
import dev.solvent.cli.replay.Entry;
import dev.solvent.cli.replay.Problem;
import dev.solvent.cli.replay.Replay;
import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.strategy.Bidding;
import dev.solvent.keeper.strategy.FullScan;
import dev.solvent.keeper.strategy.LimitedCapital;
import dev.solvent.keeper.strategy.LiquidationIndex;
import dev.solvent.keeper.strategy.ProfitAware;
import dev.solvent.keeper.strategy.QuotingKeeper;
import dev.solvent.keeper.strategy.Scanner;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.oracle.live.ChainlinkFeedReader;
import dev.solvent.oracle.rpc.RpcSettings;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code solvent keeper --rpc URL --feed ASSET=ADDRESS... --state STATE_FILE --protocol ADDRESS --key-file FILE}: a
 * keeper's live dry run. It reads the live Chainlink answers, evaluates the given protocol state with a keeper
 * strategy at the chain's head, and prints each transaction it would send with its expected profit and the raw
 * EIP-1559 transaction signed with the key. It broadcasts only with {@code --broadcast}, and only to the chain named
 * by {@code --chain-id}. The key is never printed, logged or put into a message.
 */
@Command(
        name = "keeper",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "A keeper's live dry run: reads live Chainlink answers, evaluates the protocol state of STATE_FILE (and"
                    + " TXS_FILE, if given) at the chain's head with a keeper strategy, and prints each liquidation it"
                    + " would send with its expected profit and the raw EIP-1559 transaction signed with the key.",
            "Sends nothing unless --broadcast is given with --chain-id equal to the node's chain id.",
            "The calldata's interface and a worked example are in docs/keeper.md."
        },
        exitCodeOnInvalidInput = ExitCodes.BAD_INPUT,
        exitCodeOnExecutionException = ExitCodes.INTERNAL_ERROR,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:evaluated (and, with --broadcast, every transaction was accepted by the node)",
            "1:a feed answered, but a careful consumer rejects the answer (stale, not positive, incomplete round);"
                    + " nothing was evaluated from then on",
            "2:bad input: a wrong argument, key, state or transaction file, a node or feed that cannot be read, a"
                    + " chain id that does not match, or a transaction the node refused",
            "70:internal error: a bug in solvent (the stack trace is printed)"
        })
public final class KeeperCommand implements Callable<Integer> {

    /** Which scanner finds the liquidatable targets. */
    enum Scan {
        index,
        full
    }

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--rpc",
            paramLabel = "URL",
            converter = RpcUrlConverter.class,
            description = "The chain's JSON-RPC endpoint, http or https, such as http://127.0.0.1:8545.")
    private RpcUrl rpc;

    @Option(
            names = "--feed",
            paramLabel = "ASSET=ADDRESS",
            converter = KeeperInputs.FeedSpecConverter.class,
            description = "A Chainlink feed and what it prices: an asset of the state file (its price key is used) or a"
                    + " price key, then = and the feed's address, such as WETH=0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419."
                    + " Repeat for each price key.")
    private java.util.List<FeedSpec> feeds;

    @Option(
            names = "--state",
            required = true,
            paramLabel = "STATE_FILE",
            description =
                    "The genesis state (JSON, as solvent replay reads it); with --protocol-kind comet, a state file"
                            + " of solvent mirror.")
    private Path stateFile;

    @Option(
            names = "--protocol-kind",
            paramLabel = "KIND",
            defaultValue = "solvent",
            description = "What the state file holds: solvent (a genesis state, evaluated live: --rpc, --feed,"
                    + " --protocol and a key are required) or comet (a state file of solvent mirror, evaluated"
                    + " offline at the block it was read; default: ${DEFAULT-VALUE}).")
    private String protocolKind;

    @Option(
            names = "--shock",
            paramLabel = "PERCENT",
            description = "With --protocol-kind comet: move every collateral price by PERCENT before the evaluation,"
                    + " such as -25 (above -100).")
    private java.math.BigDecimal shock;

    @Option(
            names = "--txs",
            paramLabel = "TXS_FILE",
            description = "Transactions replayed on the genesis state first (JSON, as solvent replay reads it): the"
                    + " state evaluated is the replay's final state.")
    private Path txsFile;

    @Option(
            names = "--protocol",
            paramLabel = "ADDRESS",
            converter = KeeperInputs.ContractAddressConverter.class,
            description = "The margin contract the transactions call.")
    private ContractAddress protocol;

    // Where the key is: exactly one of a file or an environment variable, checked in run(). Plain options rather
    // than an exclusive argument group: picocli's error for a group given twice shows the values, and a value here
    // may be the key itself, pasted where its file or its variable's name belongs.
    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description = "A file holding the signing key: 64 hexadecimal digits, with or without 0x. Exactly one of"
                    + " --key-file and --key-env is required.")
    private String keyFile; // a path, made one by KeeperKey so that no converter's message can show the argument

    @Option(
            names = "--key-env",
            paramLabel = "NAME",
            description = "The name of an environment variable holding the signing key.")
    private String keyEnv;

    @Option(
            names = "--account",
            paramLabel = "NAME",
            description = "The keeper's account in the state file (default: the key's address); with --protocol-kind"
                    + " comet, the address that would send the moves (default: 0x...4ee9, a keeper holding nothing).")
    private String account;

    @Option(
            names = "--scan",
            paramLabel = "KIND",
            defaultValue = "index",
            description = "How to find liquidatable accounts and isolated positions: index (by liquidation price) or"
                    + " full (every account) (default: ${DEFAULT-VALUE}).")
    private Scan scan;

    @Option(
            names = "--capital",
            paramLabel = "AMOUNT",
            converter = KeeperInputs.AmountConverter.class,
            description = "Limit the capital committed per block to AMOUNT base units of the settlement asset, and also"
                    + " take from auctions and buy from the storefront; without it, the keeper liquidates whatever"
                    + " pays (profit-aware).")
    private I256 capital;

    @Option(
            names = "--auction-margin",
            paramLabel = "RATIO",
            defaultValue = "0.02",
            converter = KeeperInputs.RatioConverter.class,
            description = "With --capital: take from an auction only at a price this far below the market, in [0, 1)"
                    + " (default: ${DEFAULT-VALUE}).")
    private Wad auctionMargin;

    @Option(
            names = "--min-priority-fee",
            paramLabel = "WEI",
            description = "The lowest priority fee bid, wei per gas (default: the node's eth_maxPriorityFeePerGas).")
    private Long minPriorityFee;

    @Option(
            names = "--bid-percent",
            paramLabel = "N",
            defaultValue = "50",
            description = "The share of the priority fee a transaction's gain could pay that is bid, 0..100"
                    + " (default: ${DEFAULT-VALUE}).")
    private int bidPercent;

    @Option(
            names = "--gas-key",
            paramLabel = "KEY",
            defaultValue = "ETH/USD",
            description =
                    "The price key of the gas token (18 decimals) in the settlement asset; one --feed must give it"
                            + " (default: ${DEFAULT-VALUE}).")
    private String gasKey;

    @Option(
            names = "--max-age",
            paramLabel = "SECONDS",
            defaultValue = "3600",
            description =
                    "The oldest feed answer accepted at the chain's head, in seconds (default: ${DEFAULT-VALUE}).")
    private long maxAgeSeconds;

    @Option(
            names = "--watch",
            paramLabel = "N",
            defaultValue = "1",
            description = "How many times to poll the chain, 1..10000 (default: ${DEFAULT-VALUE}).")
    private int watch;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "12s",
            converter = DurationConverter.class,
            description = "The wait between two polls, such as 500ms or 12s (default: ${DEFAULT-VALUE}).")
    private Duration interval;

    @Option(
            names = "--chain-id",
            paramLabel = "N",
            description = "The chain you mean: the node's eth_chainId must equal it. Required by --broadcast.")
    private Long chainId;

    @Option(
            names = "--broadcast",
            description = "Send the signed transactions (only with --chain-id equal to the node's chain id).")
    private boolean broadcast;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "The longest one request may take, such as 500ms or 10s (default: ${DEFAULT-VALUE}).")
    private Duration timeout;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = "2",
            description = "How often a feed read is tried again after a timeout, a reset connection, HTTP 429 or 5xx,"
                    + " 0..9 (default: ${DEFAULT-VALUE}); calls to the node are never retried.")
    private int retries;

    private final Function<String, String> environment;

    /** A command that reads the key's environment variable from the process environment. */
    public KeeperCommand() {
        this(System::getenv);
    }

    /** A command that reads environment variables through {@code environment} (for tests). */
    KeeperCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return run();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run() {
        io.vavr.control.Option<String> bad = checkRanges();
        if (bad.isDefined()) {
            return badInput(bad.get());
        }
        if (protocolKind.equals("comet")) {
            return mirrorDryRun();
        }
        if (!protocolKind.equals("solvent")) {
            return badInput("--protocol-kind " + protocolKind + ": unknown; valid: " + MirrorDryRun.KINDS);
        }
        if (shock != null) {
            return badInput("--shock applies to --protocol-kind comet only; valid: no --shock for a genesis state");
        }
        if (rpc == null || feeds == null || protocol == null) {
            return badInput("--protocol-kind solvent evaluates live: --rpc, --feed and --protocol are required; valid:"
                    + " all three, or --protocol-kind comet for a state file of solvent mirror");
        }
        Either<String, Credentials> credentials = credentials();
        if (credentials.isLeft()) {
            return badInput(credentials.getLeft());
        }
        Either<Seq<Problem>, Replay.Result> replayed = (txsFile == null
                        ? Replay.load(stateFile)
                        : Replay.load(stateFile, txsFile))
                .toEither()
                .flatMap(Replay::run);
        if (replayed.isLeft()) {
            Seq<Problem> problems = replayed.getLeft();
            problems.sortBy(p -> (p.file().equals(stateFile.toString()) ? 0L : 1L << 32) + p.line())
                    .forEach(err::println);
            err.println("solvent keeper: " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in the input; nothing was evaluated");
            return ExitCodes.BAD_INPUT;
        }
        ProtocolState state = replayed.get().finalState();
        Either<String, TreeMap<String, FeedSpec>> byKey = priceKeys(state.config());
        if (byKey.isLeft()) {
            return badInput(byKey.getLeft());
        }
        if (!byKey.get().containsKey(gasKey)) {
            return badInput("--gas-key " + gasKey + ": no --feed gives this price; valid: one of "
                    + byKey.get().keySet().mkString(", ") + ", or add the gas token's feed, such as --feed "
                    + gasKey + "=ADDRESS");
        }
        return live(credentials.get(), state, stateTime(replayed.get()), byKey.get());
    }

    /** The offline dry run of a mirror's state file: no node, no key, nothing sent. */
    private int mirrorDryRun() {
        if (rpc != null || feeds != null || protocol != null || broadcast || txsFile != null) {
            return badInput(
                    "--rpc, --feed, --protocol, --txs and --broadcast do not apply to --protocol-kind comet (the"
                            + " state file holds the block it was read at, and nothing is sent); valid: --state, --account,"
                            + " --shock");
        }
        java.math.BigDecimal percent = shock == null ? java.math.BigDecimal.ZERO : shock;
        if (percent.compareTo(java.math.BigDecimal.valueOf(-100)) <= 0) {
            return badInput("--shock " + percent.toPlainString() + ": a price cannot fall by 100% or more; valid: a"
                    + " percent above -100, such as -25");
        }
        dev.solvent.mirror.evm.Address keeper;
        try {
            keeper = account == null
                    ? dev.solvent.mirror.evm.Address.ofNumber(0x4EE9)
                    : dev.solvent.mirror.evm.Address.of(account);
        } catch (IllegalArgumentException e) {
            return badInput("--account " + account + ": " + e.getMessage());
        }
        return MirrorDryRun.comet(stateFile, keeper, percent, out, err);
    }

    /** {@return the signing key from the file or the environment variable given, or why there is none} */
    private Either<String, Credentials> credentials() {
        if (keyFile == null && keyEnv == null) {
            return Either.left("a signing key is required; valid: --key-file=FILE or --key-env=NAME");
        }
        if (keyFile != null && keyEnv != null) {
            return Either.left("--key-file and --key-env are mutually exclusive; valid: one of them");
        }
        return keyFile != null ? KeeperKey.fromFile(keyFile) : KeeperKey.fromEnvironment(keyEnv, environment);
    }

    /** Connects to the node, checks its chain and fees, and runs the session. */
    private int live(Credentials signer, ProtocolState state, long stateTime, TreeMap<String, FeedSpec> byKey) {
        String sender = Keys.toChecksumAddress(signer.getAddress());
        AccountId self = AccountId.of(account != null ? account : sender);
        try (Node node = Node.connect(rpc, timeout);
                ChainlinkFeedReader reader = ChainlinkFeedReader.create(
                        rpc, RpcSettings.DEFAULTS.withTimeout(timeout).withMaxAttempts(retries + 1))) {
            Either<String, Long> id = node.chainId();
            if (id.isLeft()) {
                return badInput("cannot use the node at " + rpc + ": " + id.getLeft() + "; check --rpc");
            }
            if (chainId != null && chainId.longValue() != id.get()) {
                return badInput("--chain-id " + chainId + ": the node at " + rpc + " is chain " + id.get()
                        + "; nothing is signed for another chain than the one you name");
            }
            if (broadcast && chainId == null) {
                return badInput("--broadcast needs --chain-id N, the chain you mean to send to (the node at " + rpc
                        + " is chain " + id.get() + ")");
            }
            Either<String, Long> tip = minPriorityFee != null
                    ? Either.right(minPriorityFee)
                    : node.maxPriorityFeePerGas().map(BigInteger::longValueExact);
            if (tip.isLeft()) {
                return badInput("cannot read the node at " + rpc + ": " + tip.getLeft());
            }
            KeeperSession.Settings settings = new KeeperSession.Settings(
                    rpc, protocol, strategyName(), watch, interval, maxAgeSeconds, broadcast, capital != null);
            KeeperSession session = new KeeperSession(
                    settings, out, err, node, reader, signer, self, id.get(), byKey, state, stateTime);
            Bidding bidding = new Bidding(new GasToken(gasKey, 18), tip.get(), bidPercent);
            return switch (scan) {
                case index -> session.run(keeper(new LiquidationIndex(), bidding));
                case full -> session.run(keeper(new FullScan(), bidding));
            };
        }
    }

    private <S> QuotingKeeper<S> keeper(Scanner<S> scanner, Bidding bidding) {
        return capital == null
                ? new ProfitAware<>(scanner, bidding.gasToken(), bidding.minPriorityFee(), bidding.bidPercent())
                : new LimitedCapital<>(scanner, bidding, capital, auctionMargin);
    }

    private String strategyName() {
        String scanner = scan == Scan.index ? "the liquidation index" : "a full scan";
        return capital == null
                ? "profit-aware over " + scanner
                : "limited capital (" + capital + " base units a block) over " + scanner;
    }

    private io.vavr.control.Option<String> checkRanges() {
        if (watch < 1 || watch > 10_000) {
            return io.vavr.control.Option.some("--watch: " + watch + " is out of range; valid: 1..10000");
        }
        if (bidPercent < 0 || bidPercent > 100) {
            return io.vavr.control.Option.some("--bid-percent: " + bidPercent + " is out of range; valid: 0..100");
        }
        if (maxAgeSeconds <= 0) {
            return io.vavr.control.Option.some("--max-age: " + maxAgeSeconds + " is not a positive number of seconds");
        }
        if (retries < 0 || retries > 9) {
            return io.vavr.control.Option.some("--retries: " + retries + " is out of range; valid: 0..9");
        }
        if (minPriorityFee != null && minPriorityFee < 0) {
            return io.vavr.control.Option.some(
                    "--min-priority-fee: " + minPriorityFee + " is negative; valid: wei per gas, >= 0");
        }
        if (account != null && (account.isBlank() || !account.equals(account.strip()))) {
            return io.vavr.control.Option.some(
                    "--account: '" + account + "' is not an account name; valid: a non-blank name without"
                            + " surrounding spaces, such as keeper");
        }
        if (gasKey.isBlank()) {
            return io.vavr.control.Option.some("--gas-key: a price key is required, such as ETH/USD");
        }
        return io.vavr.control.Option.none();
    }

    /** {@return each feed by the price key it gives, or why a feed names nothing the state prices} */
    private Either<String, TreeMap<String, FeedSpec>> priceKeys(ProtocolConfig config) {
        TreeSet<String> keys = TreeSet.ofAll(config.assets().values().flatMap(AssetConfig::priceKey));
        TreeSet<String> priced = TreeSet.ofAll(
                config.assets().values().filter(a -> a.priceKey().isDefined()).map(a -> a.id().symbol()));
        TreeMap<String, FeedSpec> out = TreeMap.empty();
        for (FeedSpec f : feeds) {
            io.vavr.control.Option<AssetConfig> asset = config.assets().get(AssetId.of(f.name()));
            String key;
            if (asset.isDefined() && asset.get().priceKey().isDefined()) {
                key = asset.get().priceKey().get();
            } else if (keys.contains(f.name())) {
                key = f.name();
            } else {
                return Either.left("--feed " + f + ": " + f.name() + " is neither a priced asset nor a price key of "
                        + stateFile + "; valid: " + priced.mkString(", ") + " or " + keys.mkString(", "));
            }
            if (out.containsKey(key)) {
                return Either.left("--feed " + f + ": " + key + " already has a feed ("
                        + out.get(key).get() + "); valid: one feed per price key");
            }
            out = out.put(key, f);
        }
        return Either.right(out);
    }

    /** {@return the time of the last block the state files describe: the keeper cannot evaluate before it} */
    private static long stateTime(Replay.Result result) {
        long t = result.genesis().timestamp();
        for (Replay.Outcome o : result.transactions()) {
            Entry e = o.entry();
            t = Math.max(t, e.block().timestamp());
        }
        return t;
    }

    private int badInput(String message) {
        err.println("solvent keeper: " + message);
        return ExitCodes.BAD_INPUT;
    }
}
