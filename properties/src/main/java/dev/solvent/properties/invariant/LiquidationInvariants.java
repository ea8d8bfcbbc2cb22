package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/** The liquidation family of the catalogue: who may be liquidated, what a liquidation closes and charges, and which accounts a transaction may change. */
final class LiquidationInvariants {

    private LiquidationInvariants() {}

    /** INV-LIQ-1: a healthy account or isolated position cannot be liquidated. */
    static final Invariant ONLY_UNHEALTHY_LIQUIDATED = Invariant.ofTransition(
            "INV-LIQ-1",
            "healthy accounts are not liquidated",
            "a liquidation succeeds only if, before it and at the block's prices, the account (or the isolated"
                    + " position) carried risk and its margin equity was below its maintenance requirement, or the"
                    + " account was already flagged for liquidation",
            LiquidationInvariants::onlyUnhealthy);

    /** INV-LIQ-2: after an account-wide liquidation the account holds no cross position and no other asset. */
    static final Invariant LIQUIDATION_CLOSES_ALL = Invariant.ofTransition(
            "INV-LIQ-2",
            "account-wide liquidation closes everything",
            "after an account-wide liquidation (AccountWide, Absorb) the account holds no cross position and no"
                    + " balance but the settlement asset, which is not negative; an isolated liquidation leaves no"
                    + " position in its bucket and a margin that is not negative",
            LiquidationInvariants::closesAll);

    /** INV-LIQ-3: the keeper's reward never exceeds the penalty, and the penalty is split without remainder. */
    static final Invariant KEEPER_REWARD = Invariant.ofTransition(
            "INV-LIQ-3",
            "keeper reward within penalty",
            "in every liquidation 0 <= keeper reward <= penalty, penalty = keeper reward + insurance contribution, and"
                    + " the penalty is at most the penalty due on the closed notional",
            LiquidationInvariants::keeperReward);

    /** INV-LIQ-4: a liquidation never increases the protocol's total liabilities beyond the bad debt it records. */
    static final Invariant LIABILITIES = Invariant.ofTransition(
            "INV-LIQ-4",
            "liquidation does not create liabilities",
            "valued exactly at the block's prices, the sum of every account's equity, the insurance fund, the fee"
                    + " pool and the protocol's reserves grows in a liquidation by at most the bad debt it records",
            LiquidationInvariants::liabilities);

    /** INV-LIQ-5: an isolated liquidation leaves the owner's cross account unchanged. */
    static final Invariant ISOLATION = Invariant.ofTransition(
            "INV-LIQ-5",
            "isolation",
            "an isolated liquidation leaves the owner's balances, cross positions and other isolated positions exactly"
                    + " as they were",
            LiquidationInvariants::isolation);

    /** INV-FRAME-1: a transaction changes only the accounts it involves. */
    static final Invariant FRAME = Invariant.ofTransition(
            "INV-FRAME-1",
            "frame",
            "a transaction changes only the accounts it names; a liquidation also the receiver, the keeper, and the"
                    + " accounts its events charge with a socialized or deleveraged loss",
            LiquidationInvariants::frame);

    private static Vector<Violation> onlyUnhealthy(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        Option<MarginInvariants.Judged> judged = switch (t.tx()) {
            // a flagged account is liquidated window by window whatever its health (Synthetix)
            case Tx.Liquidate x when t.before().isFlagged(x.account()) -> Option.none();
            case Tx.Liquidate x -> MarginInvariants.Judged.cross(x.account());
            case Tx.LiquidateIsolated x -> MarginInvariants.Judged.isolated(x.account(), x.market());
            case Tx.Deposit x -> Option.none();
            case Tx.Withdraw x -> Option.none();
            case Tx.Borrow x -> Option.none();
            case Tx.Repay x -> Option.none();
            case Tx.FundInsurance x -> Option.none();
            case Tx.Trade x -> Option.none();
            case Tx.OpenIsolated x -> Option.none();
            case Tx.ModifyIsolated x -> Option.none();
            case Tx.CloseIsolated x -> Option.none();
            case Tx.AddIsolatedMargin x -> Option.none();
            case Tx.RemoveIsolatedMargin x -> Option.none();
            case Tx.SettleFunding x -> Option.none();
            case Tx.BuyCollateral x -> Option.none();
            case Tx.Take x -> Option.none();
            case Tx.Redo x -> Option.none();
        };
        if (judged.isEmpty()) {
            return Vector.empty();
        }
        AccountId id = judged.get().account();
        Option<MarketId> bucket = judged.get().bucket();
        // exact figures: the model's rounding may make an account liquidatable a few units early, never more
        Option<ExactMargin> d = MarginInvariants.margin(t.before(), id, bucket, t.block());
        if (d.isEmpty() || !d.get().isClearlyHealthy()) {
            return Vector.empty();
        }
        return Vector.of(Violation.of("INV-LIQ-1", t.kind() + " liquidated a healthy account")
                .account(id)
                .amount("marginEquity", Exact.toUnits(d.get().equity()))
                .amount("maintenanceRequirement", Exact.toUnits(d.get().maintenance())));
    }

    private static Vector<Violation> closesAll(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        ProtocolConfig config = t.before().config();
        boolean closesAll = config.liquidation() instanceof LiquidationPolicy.AccountWide
                || config.liquidation() instanceof LiquidationPolicy.Absorb;
        return switch (t.tx()) {
            case Tx.Liquidate x when !closesAll -> Vector.empty();
            case Tx.Liquidate x -> accountLeftovers(t.after().accountOrEmpty(x.account()), config);
            case Tx.LiquidateIsolated x -> bucketLeftover(t, x.account(), x.market());
            case Tx.Deposit x -> Vector.empty();
            case Tx.Withdraw x -> Vector.empty();
            case Tx.Borrow x -> Vector.empty();
            case Tx.Repay x -> Vector.empty();
            case Tx.FundInsurance x -> Vector.empty();
            case Tx.Trade x -> Vector.empty();
            case Tx.OpenIsolated x -> Vector.empty();
            case Tx.ModifyIsolated x -> Vector.empty();
            case Tx.CloseIsolated x -> Vector.empty();
            case Tx.AddIsolatedMargin x -> Vector.empty();
            case Tx.RemoveIsolatedMargin x -> Vector.empty();
            case Tx.SettleFunding x -> Vector.empty();
            case Tx.BuyCollateral x -> Vector.empty();
            case Tx.Take x -> Vector.empty();
            case Tx.Redo x -> Vector.empty();
        };
    }

    /** {@return INV-LIQ-2's violations by an account after an account-wide liquidation: what it still holds} */
    private static Vector<Violation> accountLeftovers(Account a, ProtocolConfig config) {
        Vector<Violation> out = Vector.empty();
        if (!a.positions().isEmpty()) {
            out = out.append(Violation.of(
                            "INV-LIQ-2",
                            "after an account-wide liquidation the account still holds cross positions in "
                                    + a.positions().keySet().mkString(", "))
                    .account(a.id())
                    .amount("positions", I256.of(a.positions().size())));
        }
        for (var b : a.balances()) {
            if (!b._1.equals(config.settlementAsset())) {
                out = out.append(
                        Violation.of("INV-LIQ-2", "after an account-wide liquidation the account still holds " + b._1)
                                .account(a.id())
                                .amount("balance", b._2));
            } else if (b._2.isNegative()) {
                out = out.append(Violation.of(
                                "INV-LIQ-2", "after an account-wide liquidation the settlement balance is negative")
                        .account(a.id())
                        .amount("balance", b._2));
            }
        }
        return out;
    }

    /** {@return INV-LIQ-2's violation by an isolated position after its liquidation, if it is not closed} */
    private static Vector<Violation> bucketLeftover(Transition t, AccountId account, MarketId market) {
        IsolatedPosition ip =
                t.after().accountOrEmpty(account).isolated().get(market).getOrNull();
        if (ip == null || (ip.position().isFlat() && !ip.margin().isNegative())) {
            return Vector.empty();
        }
        return Vector.of(
                Violation.of("INV-LIQ-2", "after an isolated liquidation the bucket in " + market + " is not closed")
                        .account(account)
                        .amount("size", ip.position().size())
                        .amount("margin", ip.margin()));
    }

    private static Vector<Violation> keeperReward(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (Charge c : t.events().flatMap(LiquidationInvariants::charge)) {
            I256 penalty = c.penalty();
            I256 reward = c.reward();
            I256 insurance = c.insurance();
            AccountId account = c.account();
            if (reward.isNegative() || reward.gt(penalty) || !penalty.equals(reward.plus(insurance))) {
                out = out.append(Violation.of(
                                "INV-LIQ-3",
                                "the keeper reward is not within the penalty, or the split does not add up")
                        .account(account)
                        .amount("penalty", penalty)
                        .amount("keeperReward", reward)
                        .amount("insuranceContribution", insurance));
            }
            I256 due = penaltyDue(t.before().config(), c.closed(), t.block());
            if (penalty.gt(due)) {
                out = out.append(Violation.of("INV-LIQ-3", "the penalty charged is more than the penalty due")
                        .account(account)
                        .amount("penalty", penalty)
                        .amount("due", due));
            }
        }
        return out;
    }

    /**
     * The penalty a liquidation event charged and how it was split.
     *
     * @param account the account liquidated
     * @param penalty the penalty charged
     * @param reward the keeper's part of it
     * @param insurance the insurance fund's part of it
     * @param closed the positions it closed
     */
    private record Charge(
            AccountId account, I256 penalty, I256 reward, I256 insurance, Vector<Event.ClosedPosition> closed) {}

    /** {@return the penalty {@code e} charged, none if it is not an event that charges the engine's penalty} */
    private static Option<Charge> charge(Event e) {
        return switch (e) {
            case Event.AccountLiquidated l ->
                Option.some(
                        new Charge(l.account(), l.penalty(), l.keeperReward(), l.insuranceContribution(), l.closed()));
            case Event.IsolatedPositionLiquidated l ->
                Option.some(new Charge(
                        l.account(), l.penalty(), l.keeperReward(), l.insuranceContribution(), Vector.of(l.closed())));
            case Event.Deposited x -> Option.none();
            case Event.Withdrawn x -> Option.none();
            case Event.Borrowed x -> Option.none();
            case Event.Repaid x -> Option.none();
            case Event.InsuranceFunded x -> Option.none();
            case Event.PositionModified x -> Option.none();
            case Event.FundingSettled x -> Option.none();
            case Event.IsolatedMarginChanged x -> Option.none();
            case Event.CollateralSeized x -> Option.none();
            case Event.ShortfallCovered x -> Option.none();
            case Event.LossSocialized x -> Option.none();
            case Event.PositionDeleveraged x -> Option.none();
            case Event.PositionAutoDeleveraged x -> Option.none();
            case Event.BadDebtRecorded x -> Option.none();
            case Event.LiquidationCalled x -> Option.none();
            case Event.CollateralAbsorbed x -> Option.none();
            case Event.AccountAbsorbed x -> Option.none();
            case Event.CollateralBought x -> Option.none();
            case Event.AuctionKicked x -> Option.none();
            case Event.AuctionTaken x -> Option.none();
            case Event.AuctionEnded x -> Option.none();
            case Event.AccountBackstopped x -> Option.none();
            case Event.AccountFlagged x -> Option.none();
            case Event.WindowLiquidation x -> Option.none();
            case Event.FillableLiquidation x -> Option.none();
        };
    }

    /**
     * {@return the penalty due on the closed positions} Worked out here in {@link BigInteger} with the rounding the
     * model documents (the notional rounded up, then the penalty on it rounded up), not with
     * {@code MarginLogic.notional} and {@code penaltyOwed}, so that a rounding bug in those shows.
     */
    static I256 penaltyDue(ProtocolConfig config, Vector<Event.ClosedPosition> closed, BlockContext block) {
        BigInteger due = BigInteger.ZERO;
        int ds = config.settlement().decimals();
        for (Event.ClosedPosition c : closed) {
            MarketConfig m = config.markets().get(c.market()).get();
            AssetConfig u = config.assets().get(m.underlying()).get();
            int dp = Exact.answer(u, block).map(OracleAnswer::decimals).getOrElse(8);
            BigInteger notional = Exact.ceilPow10(
                    c.size().toBigInteger().abs().multiply(c.price().toBigInteger()), u.decimals() + dp - ds);
            due = due.add(
                    Exact.ceilDiv(notional.multiply(m.liquidationPenalty().raw().toBigInteger()), Exact.pow10(18)));
        }
        return I256.of(due);
    }

    private static Vector<Violation> liabilities(Transition t) {
        if (!t.succeeded() || !t.isLiquidation()) {
            return Vector.empty();
        }
        Option<BigInteger> before = Exact.liabilities(t.before(), t.block());
        Option<BigInteger> after = Exact.liabilities(t.after(), t.block());
        if (before.isEmpty() || after.isEmpty()) {
            return Vector.empty();
        }
        I256 bad = t.after().ledger().badDebt().minus(t.before().ledger().badDebt());
        BigInteger growth = after.get().subtract(before.get());
        if (growth.compareTo(Exact.units(bad)) <= 0) {
            return Vector.empty();
        }
        return Vector.of(
                Violation.of("INV-LIQ-4", t.kind() + " raised the protocol's liabilities by more than the bad debt")
                        .amount("growth", Exact.toUnits(growth))
                        .amount("badDebt", bad));
    }

    private static Vector<Violation> isolation(Transition t) {
        if (!t.succeeded() || !(t.tx() instanceof Tx.LiquidateIsolated x)) {
            return Vector.empty();
        }
        Account b = t.before().accountOrEmpty(x.account());
        Account a = t.after().accountOrEmpty(x.account());
        Vector<Violation> out = Vector.empty();
        if (!a.balances().equals(b.balances())) {
            for (AssetId asset : a.balances().keySet().addAll(b.balances().keySet())) {
                if (!a.balance(asset).equals(b.balance(asset))) {
                    out = out.append(Violation.of(
                                    "INV-LIQ-5", "an isolated liquidation changed the owner's " + asset + " balance")
                            .account(x.account())
                            .amount("before", b.balance(asset))
                            .amount("after", a.balance(asset)));
                }
            }
        }
        if (!a.positions().equals(b.positions())) {
            out = out.append(Violation.of("INV-LIQ-5", "an isolated liquidation changed the owner's cross positions")
                    .account(x.account()));
        }
        if (!a.isolated().remove(x.market()).equals(b.isolated().remove(x.market()))) {
            out = out.append(
                    Violation.of("INV-LIQ-5", "an isolated liquidation changed the owner's other isolated positions")
                            .account(x.account()));
        }
        return out;
    }

    private static Set<AccountId> named(Transition t) {
        AccountId sender = t.block().sender();
        return switch (t.tx()) {
            case Tx.Deposit x -> HashSet.of(x.account());
            case Tx.Withdraw x -> HashSet.of(x.account());
            case Tx.Borrow x -> HashSet.of(x.account());
            case Tx.Repay x -> HashSet.of(x.account());
            case Tx.FundInsurance x -> HashSet.<AccountId>empty();
            case Tx.Trade x -> HashSet.of(x.taker(), x.maker());
            case Tx.OpenIsolated x -> HashSet.of(x.account(), x.maker());
            case Tx.ModifyIsolated x -> HashSet.of(x.account(), x.maker());
            case Tx.CloseIsolated x -> HashSet.of(x.account(), x.maker());
            case Tx.AddIsolatedMargin x -> HashSet.of(x.account());
            case Tx.RemoveIsolatedMargin x -> HashSet.of(x.account());
            case Tx.SettleFunding x -> HashSet.of(x.account());
            case Tx.Liquidate x -> {
                Set<AccountId> out = charged(t).add(x.account()).add(sender).add(receiver(t));
                yield t.before().config().liquidation() instanceof LiquidationPolicy.BackstopVault b
                        ? out.add(b.vault())
                        : out;
            }
            case Tx.LiquidateIsolated x ->
                charged(t).add(x.account()).add(sender).add(receiver(t));
            case Tx.BuyCollateral x -> HashSet.of(x.buyer());
            // a take pays the taker and may return leftovers to the auction's owner; a redo tips its sender
            case Tx.Take x -> owner(t, x.auction()).add(sender);
            case Tx.Redo x -> owner(t, x.auction()).add(sender);
        };
    }

    private static Set<AccountId> owner(Transition t, long auction) {
        return t.before()
                .auctions()
                .get(auction)
                .map(a -> HashSet.of(a.owner()))
                .getOrElse(HashSet.empty());
    }

    private static AccountId receiver(Transition t) {
        return switch (t.before().config().receiver()) {
            case PositionReceiver.Liquidator l -> t.block().sender();
            case PositionReceiver.Backstop b -> b.account();
        };
    }

    private static Set<AccountId> charged(Transition t) {
        Set<AccountId> out = HashSet.empty();
        for (Event e : t.events()) {
            if (e instanceof Event.LossSocialized s) {
                out = out.add(s.account());
            } else if (e instanceof Event.PositionDeleveraged d) {
                out = out.add(d.account());
            } else if (e instanceof Event.PositionAutoDeleveraged d) {
                out = out.add(d.account());
            }
        }
        return out;
    }

    private static Vector<Violation> frame(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        TreeMap<AccountId, Account> before = t.before().accounts();
        TreeMap<AccountId, Account> after = t.after().accounts();
        if (before == after) {
            return Vector.empty();
        }
        Set<AccountId> allowed = named(t);
        Vector<Violation> out = Vector.empty();
        for (AccountId id : before.keySet().addAll(after.keySet())) {
            if (allowed.contains(id)) {
                continue;
            }
            Option<Account> b = before.get(id);
            Option<Account> a = after.get(id);
            if (!b.equals(a)) {
                out = out.append(Violation.of("INV-FRAME-1", t.kind() + " changed an account it does not involve")
                        .account(id));
            }
        }
        return out;
    }
}
