package dev.solvent.properties.invariant;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Ledger;
import dev.solvent.model.state.Position;
import dev.solvent.model.tx.Event;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;

/** The shortfall family of the catalogue: a shortfall is covered, socialized, deleveraged or recorded as bad debt, exactly, and the ledgers agree. */
final class ShortfallInvariants {

    private ShortfallInvariants() {}

    /** INV-SHORT-1: shortfall = insurance draw + socialized + deleveraged + bad debt, exactly, in events and ledger. */
    static final Invariant SHORTFALL_ACCOUNTED = Invariant.ofTransition(
            "INV-SHORT-1",
            "shortfall accounted",
            "a liquidation's shortfall equals the insurance draw plus the socialized loss plus the deleveraged amount"
                    + " plus the bad debt it records, exactly, and the ledgers grow by exactly those amounts (under"
                    + " auctions the reserves carry an account-wide shortfall, as Maker's vow its sin)",
            ShortfallInvariants::shortfallAccounted);

    /** INV-SHORT-2: the insurance fund is never negative, and pays first. */
    static final Invariant FUND = Invariant.ofTransition(
            "INV-SHORT-2",
            "insurance fund",
            "the insurance fund is never negative, changes only by insurance funding, penalty contributions,"
                    + " protocol fees and shortfall draws, and is empty whenever a loss goes past it",
            ShortfallInvariants::fund);

    /** INV-SHORT-3: socialized losses are pro rata to positive settlement balances. */
    static final Invariant PRO_RATA = Invariant.ofTransition(
            "INV-SHORT-3",
            "pro-rata socialization",
            "each socialized share is the floor of the exact pro-rata share of the loss by positive settlement balance"
                    + " (the liquidated account excluded), or one unit more, and the shares add up to the loss",
            ShortfallInvariants::proRata);

    /** INV-SHORT-4: deleveraging takes at most a position's profit. */
    static final Invariant DELEVERAGE_WITHIN_PROFIT = Invariant.ofTransition(
            "INV-SHORT-4",
            "deleveraging within profit",
            "a deleveraged position keeps a non-negative PnL and is opposite to a position the liquidation closed",
            ShortfallInvariants::deleverageWithinProfit);

    /** INV-LEDGER-1: loss ledgers only grow, and only in liquidations. */
    static final Invariant LEDGERS = Invariant.ofTransition(
            "INV-LEDGER-1",
            "loss ledgers",
            "the shortfall ledgers (covered, socialized, deleveraged, bad debt) never decrease and change only in"
                    + " liquidations",
            ShortfallInvariants::ledgers);

    private record Absorbed(I256 covered, I256 socialized, I256 deleveraged, I256 bad) {
        static final Absorbed NONE = new Absorbed(I256.ZERO, I256.ZERO, I256.ZERO, I256.ZERO);

        I256 total() {
            return covered.plus(socialized).plus(deleveraged).plus(bad);
        }

        Absorbed plus(Absorbed o) {
            return new Absorbed(
                    covered.plus(o.covered),
                    socialized.plus(o.socialized),
                    deleveraged.plus(o.deleveraged),
                    bad.plus(o.bad));
        }
    }

    /**
     * What events say about shortfalls: their sum, the account the last liquidation named, and how they were absorbed.
     */
    private record Shortfalls(I256 amount, Option<AccountId> account, Absorbed absorbed) {
        static final Shortfalls NONE = new Shortfalls(I256.ZERO, Option.none(), Absorbed.NONE);

        static Shortfalls left(AccountId account, I256 amount) {
            return new Shortfalls(amount, Option.some(account), Absorbed.NONE);
        }

        static Shortfalls absorbed(I256 covered, I256 socialized, I256 deleveraged, I256 bad) {
            return new Shortfalls(I256.ZERO, Option.none(), new Absorbed(covered, socialized, deleveraged, bad));
        }

        Shortfalls plus(Shortfalls o) {
            return new Shortfalls(amount.plus(o.amount), o.account.orElse(account), absorbed.plus(o.absorbed));
        }
    }

    /** {@return the shortfall {@code e} reports left or absorbed; under {@code auctions} an account's is not the fund's} */
    private static Shortfalls shortfalls(Event e, boolean auctions) {
        I256 z = I256.ZERO;
        return switch (e) {
            // under auctions the reserves carry a debt no collateral can repay (Maker's sin), not the fund
            case Event.AccountLiquidated l -> Shortfalls.left(l.account(), auctions ? z : l.shortfall());
            case Event.IsolatedPositionLiquidated l -> Shortfalls.left(l.account(), l.shortfall());
            case Event.LiquidationCalled l -> Shortfalls.left(l.account(), l.shortfall());
            case Event.FillableLiquidation l -> Shortfalls.left(l.account(), l.shortfall());
            case Event.AccountBackstopped l -> Shortfalls.left(l.account(), l.shortfall());
            case Event.ShortfallCovered c -> Shortfalls.absorbed(c.amount(), z, z, z);
            case Event.LossSocialized x -> Shortfalls.absorbed(z, x.amount(), z, z);
            case Event.PositionDeleveraged d -> Shortfalls.absorbed(z, z, d.amount(), z);
            case Event.PositionAutoDeleveraged d -> Shortfalls.absorbed(z, z, d.charge(), z);
            case Event.BadDebtRecorded b -> Shortfalls.absorbed(z, z, z, b.amount());
            case Event.Deposited x -> Shortfalls.NONE;
            case Event.Withdrawn x -> Shortfalls.NONE;
            case Event.Borrowed x -> Shortfalls.NONE;
            case Event.Repaid x -> Shortfalls.NONE;
            case Event.InsuranceFunded x -> Shortfalls.NONE;
            case Event.PositionModified x -> Shortfalls.NONE;
            case Event.FundingSettled x -> Shortfalls.NONE;
            case Event.IsolatedMarginChanged x -> Shortfalls.NONE;
            case Event.CollateralSeized x -> Shortfalls.NONE;
            case Event.CollateralAbsorbed x -> Shortfalls.NONE;
            case Event.AccountAbsorbed x -> Shortfalls.NONE;
            case Event.CollateralBought x -> Shortfalls.NONE;
            case Event.AuctionKicked x -> Shortfalls.NONE;
            case Event.AuctionTaken x -> Shortfalls.NONE;
            case Event.AuctionEnded x -> Shortfalls.NONE;
            case Event.AccountFlagged x -> Shortfalls.NONE;
            case Event.WindowLiquidation x -> Shortfalls.NONE;
        };
    }

    private static Vector<Violation> shortfallAccounted(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        boolean auctions = t.before().config().liquidation() instanceof LiquidationPolicy.DutchAuction;
        Shortfalls all = t.events().foldLeft(Shortfalls.NONE, (sum, e) -> sum.plus(shortfalls(e, auctions)));
        Absorbed events = all.absorbed();
        Vector<Violation> out = Vector.empty();
        if (!events.total().equals(all.amount())) {
            Violation v = Violation.of(
                            "INV-SHORT-1",
                            "the shortfall " + all.amount() + " is not the sum of insurance draw, socialized,"
                                    + " deleveraged and bad debt " + events.total())
                    .amount("shortfall", all.amount())
                    .amount("covered", events.covered())
                    .amount("socialized", events.socialized())
                    .amount("deleveraged", events.deleveraged())
                    .amount("badDebt", events.bad());
            out = out.append(all.account().map(v::account).getOrElse(v));
        }
        return out.appendAll(ledgersAgree(t, events));
    }

    /** {@return a violation if the ledgers moved by other amounts than the events report} */
    private static Vector<Violation> ledgersAgree(Transition t, Absorbed events) {
        Ledger lb = t.before().ledger();
        Ledger la = t.after().ledger();
        Absorbed ledger = new Absorbed(
                la.shortfallCovered().minus(lb.shortfallCovered()),
                la.socializedLoss().minus(lb.socializedLoss()),
                la.deleveraged().minus(lb.deleveraged()),
                la.badDebt().minus(lb.badDebt()));
        if (ledger.equals(events)) {
            return Vector.empty();
        }
        return Vector.of(Violation.of("INV-SHORT-1", "the ledgers moved by other amounts than the events report")
                .amount("ledgerCovered", ledger.covered())
                .amount("eventsCovered", events.covered())
                .amount("ledgerSocialized", ledger.socialized())
                .amount("eventsSocialized", events.socialized())
                .amount("ledgerDeleveraged", ledger.deleveraged())
                .amount("eventsDeleveraged", events.deleveraged())
                .amount("ledgerBadDebt", ledger.bad())
                .amount("eventsBadDebt", events.bad()));
    }

    private static Vector<Violation> fund(Transition t) {
        Vector<Violation> out = Vector.empty();
        I256 fund = t.after().insuranceFund();
        if (fund.isNegative()) {
            out = out.append(Violation.of("INV-SHORT-2", "the insurance fund is negative")
                    .amount("fund", fund));
        }
        if (!t.succeeded()) {
            return out;
        }
        I256 expected = I256.ZERO;
        boolean pastFund = false;
        for (Event e : t.events()) {
            switch (e) {
                case Event.InsuranceFunded f -> expected = expected.plus(f.amount());
                case Event.AccountLiquidated l -> expected = expected.plus(l.insuranceContribution());
                case Event.IsolatedPositionLiquidated l -> expected = expected.plus(l.insuranceContribution());
                case Event.AccountAbsorbed l -> expected = expected.plus(l.insuranceContribution());
                case Event.LiquidationCalled l -> expected = expected.plus(l.protocolFee());
                case Event.FillableLiquidation l -> expected = expected.plus(l.fee());
                case Event.ShortfallCovered c -> expected = expected.minus(c.amount());
                case Event.LossSocialized s -> pastFund = true;
                case Event.PositionDeleveraged d -> pastFund = true;
                case Event.PositionAutoDeleveraged d -> pastFund = true;
                case Event.BadDebtRecorded b -> pastFund = true;
                case Event.Deposited x -> {}
                case Event.Withdrawn x -> {}
                case Event.Borrowed x -> {}
                case Event.Repaid x -> {}
                case Event.PositionModified x -> {}
                case Event.FundingSettled x -> {}
                case Event.IsolatedMarginChanged x -> {}
                case Event.CollateralSeized x -> {}
                case Event.CollateralAbsorbed x -> {}
                case Event.CollateralBought x -> {}
                case Event.AuctionKicked x -> {}
                case Event.AuctionTaken x -> {}
                case Event.AuctionEnded x -> {}
                case Event.AccountBackstopped x -> {}
                case Event.AccountFlagged x -> {}
                case Event.WindowLiquidation x -> {}
            }
        }
        I256 delta = fund.minus(t.before().insuranceFund());
        if (!delta.equals(expected)) {
            out = out.append(Violation.of(
                            "INV-SHORT-2",
                            t.kind() + " moved the insurance fund by " + delta + " but its events account for "
                                    + expected)
                    .amount("delta", delta)
                    .amount("expected", expected));
        }
        if (pastFund && fund.isPositive()) {
            out = out.append(
                    Violation.of("INV-SHORT-2", "a loss went past the insurance fund while it still held units")
                            .amount("fund", fund));
        }
        return out;
    }

    /**
     * A liquidation that may leave a shortfall, as this family reads it.
     *
     * @param account the account liquidated
     * @param closed the positions it closed
     */
    private record Liquidation(AccountId account, Vector<Event.ClosedPosition> closed) {}

    /** {@return the liquidation {@code e} reports, none if it is not a liquidation that may leave a shortfall} */
    private static Option<Liquidation> liquidation(Event e) {
        return switch (e) {
            case Event.AccountLiquidated l -> Option.some(new Liquidation(l.account(), l.closed()));
            case Event.IsolatedPositionLiquidated l -> Option.some(new Liquidation(l.account(), Vector.of(l.closed())));
            case Event.LiquidationCalled l -> Option.some(new Liquidation(l.account(), l.closed()));
            case Event.FillableLiquidation l -> Option.some(new Liquidation(l.account(), Vector.of(l.closed())));
            case Event.AccountBackstopped l -> Option.some(new Liquidation(l.account(), l.closed()));
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
            case Event.CollateralAbsorbed x -> Option.none();
            case Event.AccountAbsorbed x -> Option.none();
            case Event.CollateralBought x -> Option.none();
            case Event.AuctionKicked x -> Option.none();
            case Event.AuctionTaken x -> Option.none();
            case Event.AuctionEnded x -> Option.none();
            case Event.AccountFlagged x -> Option.none();
            case Event.WindowLiquidation x -> Option.none();
        };
    }

    /** {@return the accounts the transaction's liquidation events name as liquidated} */
    private static Set<AccountId> liquidated(Transition t) {
        return HashSet.ofAll(
                t.events().flatMap(ShortfallInvariants::liquidation).map(Liquidation::account));
    }

    private static Vector<Violation> proRata(Transition t) {
        Vector<Event.LossSocialized> shares = t.events(Event.LossSocialized.class);
        if (shares.isEmpty()) {
            return Vector.empty();
        }
        AssetId settlement = t.before().config().settlementAsset();
        Set<AccountId> excluded = liquidated(t);
        TreeMap<AccountId, I256> charged = TreeMap.empty();
        I256 loss = I256.ZERO;
        for (Event.LossSocialized s : shares) {
            charged = charged.put(
                    s.account(), charged.get(s.account()).getOrElse(I256.ZERO).plus(s.amount()));
            loss = loss.plus(s.amount());
        }
        // the base just before the charge: each account's balance after it plus what it was charged
        TreeMap<AccountId, I256> base = TreeMap.empty();
        I256 total = I256.ZERO;
        for (Account a : t.after().accounts().values()) {
            if (excluded.contains(a.id())) {
                continue;
            }
            I256 b = a.balance(settlement).plus(charged.get(a.id()).getOrElse(I256.ZERO));
            if (b.isPositive()) {
                base = base.put(a.id(), b);
                total = total.plus(b);
            }
        }
        Vector<Violation> out = Vector.empty();
        for (var c : charged) {
            if (excluded.contains(c._1) || !base.containsKey(c._1)) {
                out = out.append(Violation.of("INV-SHORT-3", "an account outside the base was charged a share")
                        .account(c._1)
                        .amount("share", c._2));
                continue;
            }
        }
        for (var b : base) {
            I256 share = charged.get(b._1).getOrElse(I256.ZERO);
            // computed here, not with the model's mulDiv, so that a rounding bug there shows
            I256 floor =
                    I256.of(Exact.floorDiv(b._2.toBigInteger().multiply(loss.toBigInteger()), total.toBigInteger()));
            if (share.lt(floor) || share.gt(floor.plus(I256.ONE))) {
                out = out.append(
                        Violation.of("INV-SHORT-3", "a socialized share is not pro rata to the settlement balance")
                                .account(b._1)
                                .amount("share", share)
                                .amount("exactShareFloor", floor)
                                .amount("balance", b._2)
                                .amount("baseTotal", total)
                                .amount("loss", loss));
            }
        }
        return out;
    }

    private static Vector<Violation> deleverageWithinProfit(Transition t) {
        Vector<Event.PositionDeleveraged> taken = t.events(Event.PositionDeleveraged.class);
        if (taken.isEmpty()) {
            return Vector.empty();
        }
        TreeMap<MarketId, I256> closedSides = TreeMap.empty();
        for (Event.ClosedPosition c :
                t.events().flatMap(ShortfallInvariants::liquidation).flatMap(Liquidation::closed)) {
            closedSides = closedSides.put(c.market(), c.size());
        }
        Vector<Violation> out = Vector.empty();
        for (Event.PositionDeleveraged d : taken) {
            Position p =
                    t.after().accountOrEmpty(d.account()).position(d.market()).getOrNull();
            I256 side = closedSides.get(d.market()).getOrElse(I256.ZERO);
            if (p == null || side.isZero() || side.signum() == p.size().signum()) {
                out = out.append(
                        Violation.of("INV-SHORT-4", "a position that is not opposite a closed one was deleveraged")
                                .account(d.account())
                                .amount("taken", d.amount()));
                continue;
            }
            Option<BigInteger> pnl = Exact.position(t.after(), d.market(), p, t.block());
            if (pnl.isDefined() && pnl.get().signum() < 0) {
                out = out.append(Violation.of("INV-SHORT-4", "deleveraging took more than the position's profit")
                        .account(d.account())
                        .amount("taken", d.amount())
                        .amount("pnlAfter", Exact.toUnits(pnl.get())));
            }
        }
        return out;
    }

    private static Vector<Violation> ledgers(Transition t) {
        Ledger b = t.before().ledger();
        Ledger a = t.after().ledger();
        Vector<Violation> out = Vector.empty();
        boolean liquidation = t.isLiquidation();
        String[] names = {"shortfallCovered", "socializedLoss", "deleveraged", "badDebt"};
        I256[] before = {b.shortfallCovered(), b.socializedLoss(), b.deleveraged(), b.badDebt()};
        I256[] after = {a.shortfallCovered(), a.socializedLoss(), a.deleveraged(), a.badDebt()};
        for (int i = 0; i < names.length; i++) {
            if (after[i].lt(before[i]) || (!liquidation && !after[i].equals(before[i]))) {
                out = out.append(Violation.of("INV-LEDGER-1", t.kind() + " moved the " + names[i] + " ledger")
                        .amount("before", before[i])
                        .amount("after", after[i]));
            }
        }
        return out;
    }
}
