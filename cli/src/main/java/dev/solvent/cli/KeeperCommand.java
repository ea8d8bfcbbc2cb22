package dev.solvent.cli;

import dev.solvent.cli.PriceCommand.DurationConverter;
import dev.solvent.cli.PriceCommand.RpcUrlConverter;
import dev.solvent.cli.live.CallData;
import dev.solvent.cli.live.ContractAddress;
import dev.solvent.cli.live.KeeperKey;
import dev.solvent.cli.live.Node;
import dev.solvent.cli.live.Signing;
import dev.solvent.cli.replay.Entry;
import dev.solvent.cli.replay.Problem;
import dev.solvent.cli.replay.Replay;
import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.strategy.Bidding;
import dev.solvent.keeper.strategy.Estimate;
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
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.oracle.live.ChainlinkFeedReader;
import dev.solvent.oracle.live.FeedAddress;
import dev.solvent.oracle.live.FeedFailure;
import dev.solvent.oracle.live.LiveConsumerGuard;
import dev.solvent.oracle.live.RpcSettings;
import dev.solvent.oracle.live.RpcUrl;
import dev.solvent.oracle.live.ValidatedAnswer;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

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
            required = true,
            paramLabel = "URL",
            converter = RpcUrlConverter.class,
            description = "The chain's JSON-RPC endpoint, http or https, such as http://127.0.0.1:8545.")
    private RpcUrl rpc;

    @Option(
            names = "--feed",
            required = true,
            paramLabel = "ASSET=ADDRESS",
            converter = FeedSpecConverter.class,
            description = "A Chainlink feed and what it prices: an asset of the state file (its price key is used) or a"
                    + " price key, then = and the feed's address, such as WETH=0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419."
                    + " Repeat for each price key.")
    private java.util.List<FeedSpec> feeds;

    @Option(
            names = "--state",
            required = true,
            paramLabel = "STATE_FILE",
            description = "The genesis state (JSON, as solvent replay reads it).")
    private Path stateFile;

    @Option(
            names = "--txs",
            paramLabel = "TXS_FILE",
            description = "Transactions replayed on the genesis state first (JSON, as solvent replay reads it): the"
                    + " state evaluated is the replay's final state.")
    private Path txsFile;

    @Option(
            names = "--protocol",
            required = true,
            paramLabel = "ADDRESS",
            converter = ContractAddressConverter.class,
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
            description = "The keeper's account in the state file (default: the key's address).")
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
            converter = AmountConverter.class,
            description = "Limit the capital committed per block to AMOUNT base units of the settlement asset, and also"
                    + " take from auctions and buy from the storefront; without it, the keeper liquidates whatever"
                    + " pays (profit-aware).")
    private I256 capital;

    @Option(
            names = "--auction-margin",
            paramLabel = "RATIO",
            defaultValue = "0.02",
            converter = RatioConverter.class,
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

    private static final int RECEIPT_POLLS = 40;
    private static final Duration RECEIPT_WAIT = Duration.ofMillis(250);

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
        if (keyFile == null && keyEnv == null) {
            return badInput("a signing key is required; valid: --key-file=FILE or --key-env=NAME");
        }
        if (keyFile != null && keyEnv != null) {
            return badInput("--key-file and --key-env are mutually exclusive; valid: one of them");
        }
        Either<String, Credentials> credentials =
                keyFile != null ? KeeperKey.fromFile(keyFile) : KeeperKey.fromEnvironment(keyEnv, environment);
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
        Credentials signer = credentials.get();
        String sender = Keys.toChecksumAddress(signer.getAddress());
        AccountId self = AccountId.of(account != null ? account : sender);
        long stateTime = stateTime(replayed.get());
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
            Live live = new Live(node, reader, signer, self, id.get(), byKey.get(), state, stateTime);
            Bidding bidding = new Bidding(new GasToken(gasKey, 18), tip.get(), bidPercent);
            return switch (scan) {
                case index -> live.run(keeper(new LiquidationIndex(), bidding));
                case full -> live.run(keeper(new FullScan(), bidding));
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

    /** One live session: the node, the feeds, the key and the state, polled {@code --watch} times. */
    private final class Live {
        private final Node node;
        private final ChainlinkFeedReader reader;
        private final Credentials signer;
        private final AccountId self;
        private final long chain;
        private final TreeMap<String, FeedSpec> feedsByKey;
        private final ProtocolState state;
        private final long stateTime;
        private final LiveConsumerGuard guard;
        private final int ds;
        private final String settlement;

        Live(
                Node node,
                ChainlinkFeedReader reader,
                Credentials signer,
                AccountId self,
                long chain,
                TreeMap<String, FeedSpec> feedsByKey,
                ProtocolState state,
                long stateTime) {
            this.node = node;
            this.reader = reader;
            this.signer = signer;
            this.self = self;
            this.chain = chain;
            this.feedsByKey = feedsByKey;
            this.state = state;
            this.stateTime = stateTime;
            this.guard = LiveConsumerGuard.maxAge(Duration.ofSeconds(maxAgeSeconds));
            this.ds = state.config().settlement().decimals();
            this.settlement = state.config().settlementAsset().symbol();
        }

        <S> int run(QuotingKeeper<S> keeper) {
            out.println("keeper " + self + " sends from " + Keys.toChecksumAddress(signer.getAddress())
                    + " to the protocol at " + protocol
                    + " on chain " + chain + ": " + strategyName());
            S keeperState = keeper.start();
            Vector<PendingTx> sent = Vector.empty();
            for (int poll = 1; poll <= watch; poll++) {
                if (poll > 1 && !pause()) {
                    return badInput("interrupted while waiting for the next poll");
                }
                Either<String, Node.Head> head = node.latestBlock();
                if (head.isLeft()) {
                    return badInput("cannot read the node at " + rpc + ": " + head.getLeft());
                }
                Node.Head h = head.get();
                if (h.timestamp() < stateTime) {
                    return badInput("the state files describe time " + stateTime + ", after the chain's latest block "
                            + h.number() + " at " + h.timestamp() + "; valid: a state from the chain's past");
                }
                out.println("poll " + poll + " of " + watch + ": block " + h.number() + " at " + h.timestamp()
                        + ", base fee " + gwei(BigInteger.valueOf(h.baseFee())) + " gwei");
                TreeMap<String, OracleAnswer> prices = TreeMap.empty();
                for (var f : feedsByKey) {
                    Either<FeedFailure, ValidatedAnswer> answer =
                            reader.latestAnswer(f._2.address(), guard, Instant.ofEpochSecond(h.timestamp()));
                    if (answer.isLeft()) {
                        return switch (answer.getLeft()) {
                            case FeedFailure.Rejection r -> {
                                err.println("solvent keeper: " + f._1 + " rejected: " + r.message());
                                yield ExitCodes.PROBLEM_FOUND;
                            }
                            case FeedFailure.ReadFailure r ->
                                badInput("cannot read the feed of " + f._1 + " at " + rpc + ": " + r.message());
                        };
                    }
                    ValidatedAnswer a = answer.get();
                    prices = prices.put(f._1, a.oracleAnswer());
                    out.println("  " + f._1 + " " + decimal(a.round().answer(), a.decimals()) + " (round "
                            + a.round().roundId() + ", " + a.age().toSeconds() + " s old) from " + a.feed());
                }
                KeeperView view = new KeeperView(
                        self, h.number() + 1, h.timestamp(), h.baseFee(), prices, state, sent, TreeSet.empty());
                QuotingKeeper.Plan<S> plan = keeper.plan(view, keeperState);
                keeperState = plan.next();
                Either<String, Vector<PendingTx>> done = send(plan.send(), h, view);
                if (done.isLeft()) {
                    return badInput(done.getLeft());
                }
                sent = sent.appendAll(done.get());
            }
            if (!broadcast) {
                out.println("dry run: nothing was sent (add --broadcast --chain-id " + chain + " to send)");
            }
            return ExitCodes.OK;
        }

        /** Prints, signs and, with {@code --broadcast}, sends each estimate; {@return what was sent} */
        private Either<String, Vector<PendingTx>> send(Vector<Estimate> plan, Node.Head head, KeeperView view) {
            if (plan.isEmpty()) {
                out.println("  nothing to send");
                return Either.right(Vector.empty());
            }
            Either<String, BigInteger> first = node.pendingNonce(signer.getAddress());
            if (first.isLeft()) {
                return Either.left("cannot read the node at " + rpc + ": " + first.getLeft());
            }
            out.println("  " + plan.size() + (plan.size() == 1 ? " transaction" : " transactions") + ":");
            BigInteger nonce = first.get();
            Vector<PendingTx> sent = Vector.empty();
            int i = 1;
            for (Estimate e : plan) {
                BigInteger tip = BigInteger.valueOf(e.priorityFee());
                // twice the base fee: room for six full blocks of EIP-1559 rises before the fee cap binds
                BigInteger maxFee =
                        BigInteger.valueOf(head.baseFee()).shiftLeft(1).add(tip);
                String data = CallData.encode(e.tx());
                Signing.Signed signed = new Signing(chain, nonce, e.gas(), protocol, data, tip, maxFee).sign(signer);
                out.println("  " + i + ". " + describe(e.tx()));
                out.println("     expected profit " + money(e.profit()) + " " + settlement + ": gain "
                        + money(e.gain()) + ", gas " + e.gas() + " at " + gwei(BigInteger.valueOf(head.baseFee()))
                        + " + " + gwei(tip) + " gwei costs " + money(e.cost())
                        + (capital == null ? "" : "; capital " + money(e.capital())));
                out.println("     nonce " + nonce + ", gas limit " + e.gas() + ", max fee " + gwei(maxFee)
                        + " gwei, priority fee " + gwei(tip) + " gwei");
                out.println("     calldata " + data);
                out.println("     signed   " + signed.raw());
                out.println("     hash     " + signed.hash());
                if (broadcast) {
                    Either<String, String> hash = node.sendRawTransaction(signed.raw());
                    if (hash.isLeft()) {
                        return Either.left("the node at " + rpc + " refused transaction " + i + " (" + signed.hash()
                                + "): " + hash.getLeft());
                    }
                    out.println("     sent: " + receipt(hash.get()));
                    sent = sent.append(new PendingTx(view.self(), e.tx(), e.gas(), e.priorityFee(), view.block()));
                }
                nonce = nonce.add(BigInteger.ONE);
                i++;
            }
            return Either.right(sent);
        }

        /** {@return what became of a sent transaction, waiting a bounded time for its receipt} */
        private String receipt(String hash) {
            for (int attempt = 1; attempt <= RECEIPT_POLLS; attempt++) {
                Either<String, io.vavr.control.Option<Node.Mined>> r = node.receipt(hash);
                if (r.isLeft()) {
                    return hash + ", receipt unknown: " + r.getLeft();
                }
                if (r.get().isDefined()) {
                    Node.Mined m = r.get().get();
                    return hash + ", mined in block " + m.block() + ", " + (m.success() ? "succeeded" : "reverted")
                            + ", gas used " + m.gasUsed();
                }
                if (!sleep(RECEIPT_WAIT)) {
                    break;
                }
            }
            return hash + ", not mined within "
                    + RECEIPT_WAIT.multipliedBy(RECEIPT_POLLS).toSeconds() + " s";
        }

        /** {@return the transaction in words; keepers send only these five kinds} */
        private String describe(Tx tx) {
            if (tx instanceof Tx.Liquidate l) {
                return "Liquidate " + l.account();
            }
            if (tx instanceof Tx.LiquidateIsolated l) {
                return "LiquidateIsolated " + l.account() + " in " + l.market();
            }
            if (tx instanceof Tx.Take t) {
                Auction a = state.auctions().get(t.auction()).getOrNull();
                return a == null
                        ? "Take from auction " + t.auction()
                        : "Take from auction " + t.auction() + ": up to "
                                + units(t.amount().toI256(), a.asset()) + " " + a.asset() + " at a price of at most "
                                + decimal(t.maxPrice(), a.decimals());
            }
            if (tx instanceof Tx.Redo r) {
                return "Redo auction " + r.auction();
            }
            if (tx instanceof Tx.BuyCollateral b) {
                return "BuyCollateral: " + money(b.baseAmount().toI256()) + " " + settlement + " for at least "
                        + units(b.minAmount().toI256(), b.asset()) + " " + b.asset();
            }
            return tx.getClass().getSimpleName();
        }

        private String money(I256 amount) {
            return decimal(amount, ds);
        }

        private String units(I256 amount, AssetId asset) {
            return decimal(amount, state.config().assets().get(asset).get().decimals());
        }
    }

    private boolean pause() {
        return sleep(interval);
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String decimal(I256 value, int decimals) {
        return new BigDecimal(value.toBigInteger(), decimals).toPlainString();
    }

    private static String gwei(BigInteger wei) {
        return new BigDecimal(wei, 9).toPlainString();
    }

    /**
     * A feed as given on the command line: what it prices, and its address.
     *
     * @param name an asset of the state file or a price key
     * @param address the feed's address
     */
    record FeedSpec(String name, FeedAddress address) {
        @Override
        public String toString() {
            return name + "=" + address;
        }
    }

    /** Reads {@code --feed ASSET=ADDRESS}, with the reason when it is not one. */
    static final class FeedSpecConverter implements ITypeConverter<FeedSpec> {
        @Override
        public FeedSpec convert(String value) {
            int eq = value.indexOf('=');
            String name = eq < 0 ? "" : value.substring(0, eq);
            if (eq < 0 || name.isBlank() || !name.equals(name.strip())) {
                throw new TypeConversionException("'" + value + "' is not ASSET=ADDRESS; valid: an asset or price key"
                        + " of the state file, =, and the feed's address, such as"
                        + " WETH=0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419");
            }
            return FeedAddress.parse(value.substring(eq + 1))
                    .map(a -> new FeedSpec(name, a))
                    .getOrElseThrow(reason -> new TypeConversionException("'" + value + "': " + reason));
        }
    }

    /** Reads {@code --protocol}, with the reason when it is not an address. */
    static final class ContractAddressConverter implements ITypeConverter<ContractAddress> {
        @Override
        public ContractAddress convert(String value) {
            return ContractAddress.parse(value).getOrElseThrow(TypeConversionException::new);
        }
    }

    /** Reads a whole number of base units, {@code >= 0}, digits optionally grouped by underscores. */
    static final class AmountConverter implements ITypeConverter<I256> {
        private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,60}(_[0-9]+)*");

        @Override
        public I256 convert(String value) {
            if (!AMOUNT.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not an amount; valid: a whole number of base"
                        + " units of the settlement asset, >= 0, such as 5000_000000 (5,000 USDC)");
            }
            return I256.parse(value.replace("_", ""));
        }
    }

    /** Reads a ratio in {@code [0, 1)} as a WAD, exactly. */
    static final class RatioConverter implements ITypeConverter<Wad> {
        private static final Pattern RATIO = Pattern.compile("0(\\.[0-9]{1,18})?");

        @Override
        public Wad convert(String value) {
            if (!RATIO.matcher(value).matches()) {
                throw new TypeConversionException("'" + value + "' is not a ratio in [0, 1); valid: such as 0.02");
            }
            return Wad.parse(value);
        }
    }
}
