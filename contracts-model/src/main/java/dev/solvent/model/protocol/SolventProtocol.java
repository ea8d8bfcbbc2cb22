package dev.solvent.model.protocol;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Solvent's own margin engine ({@link MarginEngine} with its policies) behind the protocol contract. Health is margin
 * equity against the maintenance requirement (in settlement units); the moves are the account-wide liquidation and
 * the liquidation of each isolated position that is under its own maintenance.
 */
public final class SolventProtocol implements Protocol<ProtocolState, SolventProtocol.Call> {

    /** An engine transaction and who sends it ({@code msg.sender}). */
    public record Call(AccountId sender, Tx tx) {

        /** Checks that nothing is missing. */
        public Call {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(tx, "tx");
        }
    }

    @Override
    public String name() {
        return "solvent";
    }

    @Override
    public String valueUnit() {
        return "settlement asset base units";
    }

    /** {@return the engine's block context for {@code block}, sent by {@code sender}} */
    public static BlockContext context(Block block, AccountId sender) {
        TreeMap<String, OracleAnswer> answers =
                block.prices().mapValues(p -> new OracleAnswer(I256.of(p.answer()), p.decimals(), p.updatedAt()));
        return new BlockContext(block.number(), block.timestamp(), sender, answers);
    }

    @Override
    public Either<Rejected, Executed<ProtocolState>> execute(ProtocolState state, Call call, Block block) {
        Either<dev.solvent.model.tx.Revert, Receipt> r =
                MarginEngine.execute(state, call.tx(), context(block, call.sender()));
        return r.<Rejected>mapLeft(Rejected::of)
                .map(receipt -> new Executed<>(receipt.state(), Vector.<Object>ofAll(receipt.events())));
    }

    @Override
    public Seq<String> accounts(ProtocolState state) {
        return state.accounts().keySet().toVector().map(AccountId::account);
    }

    @Override
    public Either<Rejected, Health> health(ProtocolState state, String account, Block block) {
        AccountId id = AccountId.of(account);
        return Views.accountData(state, id, context(block, id))
                .<Rejected>mapLeft(Rejected::of)
                .map(SolventProtocol::health);
    }

    private static Health health(AccountData d) {
        BigInteger equity = d.marginEquity().toBigInteger().max(BigInteger.ZERO);
        BigInteger requirement = d.hasRisk() ? d.maintenanceRequirement().toBigInteger() : BigInteger.ZERO;
        return Health.of(equity, requirement, d.isLiquidatable());
    }

    @Override
    public Seq<Move<Call>> moves(ProtocolState state, String account, String keeper, Block block) {
        AccountId id = AccountId.of(account);
        AccountId by = AccountId.of(keeper);
        BlockContext context = context(block, by);
        Vector<Move<Call>> moves = Vector.empty();
        if (Views.isLiquidatable(state, id, context).getOrElse(false)) {
            moves = moves.append(new Move<>(
                    "liquidate",
                    new Call(by, new Tx.Liquidate(id)),
                    Option.none(),
                    "liquidate " + account + " account-wide"));
        }
        Option<Account> a = state.account(id);
        if (a.isDefined()) {
            for (var market : a.get().isolated().keySet()) {
                if (Views.isIsolatedLiquidatable(state, id, market, context).getOrElse(false)) {
                    moves = moves.append(new Move<>(
                            "liquidateIsolated",
                            new Call(by, new Tx.LiquidateIsolated(id, market)),
                            Option.none(),
                            "liquidate " + account + "'s isolated " + market));
                }
            }
        }
        return moves;
    }

    @Override
    public SortedMap<String, BigInteger> totals(ProtocolState state, Block block) {
        TreeMap<String, BigInteger> totals = TreeMap.empty();
        for (Account a : state.accounts().values()) {
            for (var e : a.balances()) {
                AssetId asset = e._1();
                totals = totals.put(
                        asset.toString(),
                        totals.get(asset.toString()).getOrElse(BigInteger.ZERO).add(e._2().toBigInteger()));
            }
        }
        return totals;
    }

    /**
     * {@return the insurance fund and the loss ledger, in the settlement asset's base units: {@code bad debt},
     * {@code deleveraged}, {@code insurance fund}, {@code shortfall covered}, {@code socialized loss}}
     */
    @Override
    public SortedMap<String, Quantity> quantities(ProtocolState state, Block block) {
        int d = state.config().settlement().decimals();
        String unit = state.config().settlementAsset().toString();
        var l = state.ledger();
        return TreeMap.of(
                "bad debt", new Quantity(l.badDebt().toBigInteger(), d, unit, Quantity.Kind.LOSS),
                "deleveraged", new Quantity(l.deleveraged().toBigInteger(), d, unit, Quantity.Kind.OTHER),
                "insurance fund", new Quantity(state.insuranceFund().toBigInteger(), d, unit, Quantity.Kind.BUFFER),
                "shortfall covered", new Quantity(l.shortfallCovered().toBigInteger(), d, unit, Quantity.Kind.OTHER),
                "socialized loss", new Quantity(l.socializedLoss().toBigInteger(), d, unit, Quantity.Kind.LOSS));
    }
}
