package dev.solvent.cli;

import dev.solvent.cli.KeeperInputs.FeedSpec;
import dev.solvent.cli.live.CallData;
import dev.solvent.cli.live.ContractAddress;
import dev.solvent.cli.live.Node;
import dev.solvent.cli.live.Signing;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.strategy.Estimate;
import dev.solvent.keeper.strategy.QuotingKeeper;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.oracle.live.ChainlinkFeedReader;
import dev.solvent.oracle.live.FeedFailure;
import dev.solvent.oracle.live.LiveConsumerGuard;
import dev.solvent.oracle.live.ValidatedAnswer;
import dev.solvent.oracle.rpc.RpcUrl;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/**
 * One live session of {@code solvent keeper}: the node, the feeds, the key and the state, polled {@code --watch}
 * times; each poll reads the feeds, asks the keeper for its plan, and prints, signs and (with {@code --broadcast})
 * sends it.
 */
final class KeeperSession {

    private static final int RECEIPT_POLLS = 40;
    private static final Duration RECEIPT_WAIT = Duration.ofMillis(250);

    /**
     * What the command line settles for a session.
     *
     * @param strategy the keeper strategy in words, for the first line
     * @param capitalLimited whether the strategy spends limited capital (each estimate then shows it)
     */
    record Settings(
            RpcUrl rpc,
            ContractAddress protocol,
            String strategy,
            int watch,
            Duration interval,
            long maxAgeSeconds,
            boolean broadcast,
            boolean capitalLimited) {}

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter err;
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

    KeeperSession(
            Settings settings,
            PrintWriter out,
            PrintWriter err,
            Node node,
            ChainlinkFeedReader reader,
            Credentials signer,
            AccountId self,
            long chain,
            TreeMap<String, FeedSpec> feedsByKey,
            ProtocolState state,
            long stateTime) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.node = node;
        this.reader = reader;
        this.signer = signer;
        this.self = self;
        this.chain = chain;
        this.feedsByKey = feedsByKey;
        this.state = state;
        this.stateTime = stateTime;
        this.guard = LiveConsumerGuard.maxAge(Duration.ofSeconds(settings.maxAgeSeconds()));
        this.ds = state.config().settlement().decimals();
        this.settlement = state.config().settlementAsset().symbol();
    }

    <S> int run(QuotingKeeper<S> keeper) {
        out.println("keeper " + self + " sends from " + Keys.toChecksumAddress(signer.getAddress())
                + " to the protocol at " + settings.protocol()
                + " on chain " + chain + ": " + settings.strategy());
        S keeperState = keeper.start();
        Vector<PendingTx> sent = Vector.empty();
        for (int poll = 1; poll <= settings.watch(); poll++) {
            if (poll > 1 && !sleep(settings.interval())) {
                return badInput("interrupted while waiting for the next poll");
            }
            Either<String, Node.Head> head = node.latestBlock();
            if (head.isLeft()) {
                return badInput("cannot read the node at " + settings.rpc() + ": " + head.getLeft());
            }
            Node.Head h = head.get();
            if (h.timestamp() < stateTime) {
                return badInput("the state files describe time " + stateTime + ", after the chain's latest block "
                        + h.number() + " at " + h.timestamp() + "; valid: a state from the chain's past");
            }
            out.println("poll " + poll + " of " + settings.watch() + ": block " + h.number() + " at " + h.timestamp()
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
                            badInput("cannot read the feed of " + f._1 + " at " + settings.rpc() + ": " + r.message());
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
        if (!settings.broadcast()) {
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
            return Either.left("cannot read the node at " + settings.rpc() + ": " + first.getLeft());
        }
        out.println("  " + plan.size() + (plan.size() == 1 ? " transaction" : " transactions") + ":");
        BigInteger nonce = first.get();
        Vector<PendingTx> sent = Vector.empty();
        int i = 1;
        for (Estimate e : plan) {
            BigInteger tip = BigInteger.valueOf(e.priorityFee());
            // twice the base fee: room for six full blocks of EIP-1559 rises before the fee cap binds
            BigInteger maxFee = BigInteger.valueOf(head.baseFee()).shiftLeft(1).add(tip);
            String data = CallData.encode(e.tx());
            Signing.Signed signed =
                    new Signing(chain, nonce, e.gas(), settings.protocol(), data, tip, maxFee).sign(signer);
            out.println("  " + i + ". " + describe(e.tx()));
            out.println("     expected profit " + money(e.profit()) + " " + settlement + ": gain "
                    + money(e.gain()) + ", gas " + e.gas() + " at " + gwei(BigInteger.valueOf(head.baseFee()))
                    + " + " + gwei(tip) + " gwei costs " + money(e.cost())
                    + (!settings.capitalLimited() ? "" : "; capital " + money(e.capital())));
            out.println("     nonce " + nonce + ", gas limit " + e.gas() + ", max fee " + gwei(maxFee)
                    + " gwei, priority fee " + gwei(tip) + " gwei");
            out.println("     calldata " + data);
            out.println("     signed   " + signed.raw());
            out.println("     hash     " + signed.hash());
            if (settings.broadcast()) {
                Either<String, String> hash = node.sendRawTransaction(signed.raw());
                if (hash.isLeft()) {
                    return Either.left("the node at " + settings.rpc() + " refused transaction " + i + " ("
                            + signed.hash() + "): " + hash.getLeft());
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

    /** {@return the transaction in words; keepers send only the last five kinds} */
    private String describe(Tx tx) {
        return switch (tx) {
            case Tx.Deposit d -> d.toString();
            case Tx.Withdraw w -> w.toString();
            case Tx.Borrow b -> b.toString();
            case Tx.Repay r -> r.toString();
            case Tx.FundInsurance f -> f.toString();
            case Tx.Trade t -> t.toString();
            case Tx.OpenIsolated o -> o.toString();
            case Tx.ModifyIsolated m -> m.toString();
            case Tx.CloseIsolated c -> c.toString();
            case Tx.AddIsolatedMargin a -> a.toString();
            case Tx.RemoveIsolatedMargin r -> r.toString();
            case Tx.SettleFunding f -> f.toString();
            case Tx.Liquidate l -> "Liquidate " + l.account();
            case Tx.LiquidateIsolated l -> "LiquidateIsolated " + l.account() + " in " + l.market();
            case Tx.Take t -> describeTake(t);
            case Tx.Redo r -> "Redo auction " + r.auction();
            case Tx.BuyCollateral b ->
                "BuyCollateral: " + money(b.baseAmount().toI256()) + " " + settlement + " for at least "
                        + units(b.minAmount().toI256(), b.asset()) + " " + b.asset();
        };
    }

    private String describeTake(Tx.Take t) {
        Auction a = state.auctions().get(t.auction()).getOrNull();
        return a == null
                ? "Take from auction " + t.auction()
                : "Take from auction " + t.auction() + ": up to "
                        + units(t.amount().toI256(), a.asset()) + " " + a.asset() + " at a price of at most "
                        + decimal(t.maxPrice(), a.decimals());
    }

    private String money(I256 amount) {
        return decimal(amount, ds);
    }

    private String units(I256 amount, AssetId asset) {
        return decimal(amount, state.config().assets().get(asset).get().decimals());
    }

    private int badInput(String message) {
        err.println("solvent keeper: " + message);
        return ExitCodes.BAD_INPUT;
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
}
