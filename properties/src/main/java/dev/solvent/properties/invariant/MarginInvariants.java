package dev.solvent.properties.invariant;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/** The margin family of the catalogue: a transaction that adds risk leaves the account or isolated position above its requirements. */
final class MarginInvariants {

    private MarginInvariants() {}

    /** INV-MARGIN-1: a transaction that increases an account's risk leaves it at or above initial margin. */
    static final Invariant INITIAL_MARGIN = Invariant.ofTransition(
            "INV-MARGIN-1",
            "initial margin after risk",
            "a transaction that increases the risk of an account or an isolated position (a larger or flipped"
                    + " position, a withdrawal, a loan, margin moved out, a liquidator taking positions over) leaves it"
                    + " at or above its initial requirement at the block's prices",
            MarginInvariants::initialMargin);

    /** INV-MARGIN-2: withdrawals, loans and margin moves never leave an account or bucket liquidatable. */
    static final Invariant WITHDRAWAL_HEALTH = Invariant.ofTransition(
            "INV-MARGIN-2",
            "withdrawals keep health",
            "a withdrawal, a loan or a move of isolated margin never leaves the account or the isolated position"
                    + " liquidatable",
            MarginInvariants::withdrawalHealth);

    /**
     * {@return the exact margin of an account, or of its isolated position in {@code bucket}; none if it has none or a
     * price it needs is missing}
     */
    static Option<ExactMargin> margin(ProtocolState s, AccountId id, Option<MarketId> bucket, BlockContext block) {
        return s.account(id)
                .flatMap(a -> bucket.isEmpty()
                        ? ExactMargin.cross(s, a, block)
                        : a.isolated()
                                .get(bucket.get())
                                .flatMap(ip -> ExactMargin.isolated(s, bucket.get(), ip, block)));
    }

    /**
     * An account, or its isolated position in {@code bucket}, whose margin an invariant judges.
     *
     * @param account the account
     * @param bucket the isolated position's market, none for the cross account
     */
    record Judged(AccountId account, Option<MarketId> bucket) {

        static Option<Judged> cross(AccountId account) {
            return Option.some(new Judged(account, Option.none()));
        }

        static Option<Judged> isolated(AccountId account, MarketId market) {
            return Option.some(new Judged(account, Option.some(market)));
        }
    }

    static I256 crossSize(ProtocolState s, AccountId id, MarketId m) {
        return s.accountOrEmpty(id).position(m).map(Position::size).getOrElse(I256.ZERO);
    }

    private static I256 isolatedSize(ProtocolState s, AccountId id, MarketId m) {
        return s.accountOrEmpty(id)
                .isolated()
                .get(m)
                .map(ip -> ip.position().size())
                .getOrElse(I256.ZERO);
    }

    /** {@return whether going from {@code before} to {@code after} grows a position or flips its side} */
    static boolean grows(I256 before, I256 after) {
        if (after.isZero()) {
            return false;
        }
        return before.signum() != after.signum() || after.abs().gt(before.abs());
    }

    private static Vector<Violation> requireInitial(Transition t, AccountId id, Option<MarketId> bucket, String why) {
        // exact figures: a correct model rounds in its own favour, so what it let through meets them too
        Option<ExactMargin> d = margin(t.after(), id, bucket, t.block());
        if (d.isEmpty() || d.get().meetsInitial()) {
            return Vector.empty();
        }
        return Vector.of(Violation.of(
                        "INV-MARGIN-1",
                        why + " left " + (bucket.isEmpty() ? "the account" : "the isolated " + bucket.get())
                                + " below its initial requirement")
                .account(id)
                .amount("marginEquity", Exact.toUnits(d.get().equity()))
                .amount("initialRequirement", Exact.toUnits(d.get().initial())));
    }

    /** {@return INV-MARGIN-1's check of {@code id}'s cross account if its position in {@code m} grew} */
    private static Vector<Violation> crossGrown(Transition t, AccountId id, MarketId m, String why) {
        return grows(crossSize(t.before(), id, m), crossSize(t.after(), id, m))
                ? requireInitial(t, id, Option.none(), why)
                : Vector.empty();
    }

    private static Vector<Violation> initialMargin(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        ProtocolState b = t.before();
        ProtocolState a = t.after();
        Option<MarketId> none = Option.none();
        String makerFill = "a fill that grew the maker's position";
        return switch (t.tx()) {
            case Tx.Trade x ->
                crossGrown(t, x.taker(), x.market(), "a trade that grew the taker's position")
                        .appendAll(crossGrown(t, x.maker(), x.market(), "a trade that grew the maker's position"));
            case Tx.Withdraw x -> requireInitial(t, x.account(), none, "a withdrawal");
            case Tx.Borrow x -> requireInitial(t, x.account(), none, "a loan");
            case Tx.AddIsolatedMargin x -> requireInitial(t, x.account(), none, "moving margin out of the account");
            case Tx.RemoveIsolatedMargin x ->
                requireInitial(t, x.account(), Option.some(x.market()), "removing isolated margin");
            case Tx.OpenIsolated x ->
                requireInitial(t, x.account(), Option.some(x.market()), "opening an isolated position")
                        .appendAll(requireInitial(t, x.account(), none, "funding an isolated position"))
                        .appendAll(crossGrown(t, x.maker(), x.market(), makerFill));
            case Tx.ModifyIsolated x ->
                (grows(isolatedSize(b, x.account(), x.market()), isolatedSize(a, x.account(), x.market()))
                                ? requireInitial(
                                        t, x.account(), Option.some(x.market()), "growing an isolated position")
                                : Vector.<Violation>empty())
                        .appendAll(crossGrown(t, x.maker(), x.market(), makerFill));
            case Tx.CloseIsolated x -> crossGrown(t, x.maker(), x.market(), makerFill);
            case Tx.Liquidate x ->
                b.config().receiver() instanceof PositionReceiver.Liquidator
                                && !b.accountOrEmpty(t.block().sender())
                                        .equals(a.accountOrEmpty(t.block().sender()))
                        ? requireInitial(t, t.block().sender(), none, "taking over a liquidated account")
                        : Vector.empty();
            case Tx.LiquidateIsolated x ->
                b.config().receiver() instanceof PositionReceiver.Liquidator
                        ? requireInitial(t, t.block().sender(), none, "taking over a liquidated position")
                        : Vector.empty();
            case Tx.Deposit x -> Vector.empty();
            case Tx.Repay x -> Vector.empty();
            case Tx.FundInsurance x -> Vector.empty();
            case Tx.SettleFunding x -> Vector.empty();
            case Tx.BuyCollateral x -> Vector.empty();
            case Tx.Take x -> Vector.empty();
            case Tx.Redo x -> Vector.empty();
        };
    }

    private static Vector<Violation> withdrawalHealth(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        Option<Judged> judged = switch (t.tx()) {
            case Tx.Withdraw x -> Judged.cross(x.account());
            case Tx.Borrow x -> Judged.cross(x.account());
            case Tx.AddIsolatedMargin x -> Judged.cross(x.account());
            case Tx.RemoveIsolatedMargin x -> Judged.isolated(x.account(), x.market());
            case Tx.Deposit x -> Option.none();
            case Tx.Repay x -> Option.none();
            case Tx.FundInsurance x -> Option.none();
            case Tx.Trade x -> Option.none();
            case Tx.OpenIsolated x -> Option.none();
            case Tx.ModifyIsolated x -> Option.none();
            case Tx.CloseIsolated x -> Option.none();
            case Tx.SettleFunding x -> Option.none();
            case Tx.Liquidate x -> Option.none();
            case Tx.LiquidateIsolated x -> Option.none();
            case Tx.BuyCollateral x -> Option.none();
            case Tx.Take x -> Option.none();
            case Tx.Redo x -> Option.none();
        };
        if (judged.isEmpty()) {
            return Vector.empty();
        }
        AccountId id = judged.get().account();
        Option<MarketId> bucket = judged.get().bucket();
        Option<ExactMargin> d = margin(t.after(), id, bucket, t.block());
        if (d.isEmpty() || !d.get().isLiquidatable()) {
            return Vector.empty();
        }
        return Vector.of(Violation.of("INV-MARGIN-2", t.kind() + " left it liquidatable")
                .account(id)
                .amount("marginEquity", Exact.toUnits(d.get().equity()))
                .amount("maintenanceRequirement", Exact.toUnits(d.get().maintenance())));
    }
}
