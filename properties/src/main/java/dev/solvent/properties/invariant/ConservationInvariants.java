package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;

/** The conservation family of the catalogue: tokens, fees and open interest add up, nothing zero is stored, and a revert or a second run changes nothing. */
final class ConservationInvariants {

    private ConservationInvariants() {}

    /** INV-CONS-1: every unit deposited is in an account, the insurance fund, the fee pool, or a loss ledger. */
    static final Invariant CONSERVATION = Invariant.ofState(
            "INV-CONS-1",
            "conservation",
            "every unit deposited is in an account, the insurance fund, the fee pool, the protocol's reserves (absorbed"
                    + " collateral and lots in auction included), or a loss ledger: per asset, the buckets minus bad debt"
                    + " sum exactly to the net inflow",
            ConservationInvariants::conservation);

    /** INV-CONS-2: only deposits, repayments, withdrawals, loans and insurance funding move tokens in or out. */
    static final Invariant NET_FLOWS = Invariant.ofTransition(
            "INV-CONS-2",
            "net flows",
            "a transaction changes an asset's net inflow by exactly the tokens it moves in or out (deposits,"
                    + " repayments and insurance funding in, withdrawals and loans out) and every other transaction by"
                    + " zero",
            ConservationInvariants::netFlows);

    /** INV-CONS-3: the fee pool grows by exactly the fees the events report and never shrinks. */
    static final Invariant FEES = Invariant.ofTransition(
            "INV-CONS-3",
            "fees",
            "the fee pool changes by exactly the sum of the fees in the transaction's PositionModified events, which"
                    + " are never negative",
            ConservationInvariants::fees);

    /** INV-SOLV-1: the protocol never owes more tokens of an asset than it holds. */
    static final Invariant HOLDINGS = Invariant.ofState(
            "INV-SOLV-1",
            "holdings",
            "the protocol holds a non-negative amount of every token: no asset's net inflow is below zero",
            ConservationInvariants::holdings);

    // ---- open interest

    /** INV-OI-1: long open interest equals short open interest in every market. */
    static final Invariant OPEN_INTEREST_BALANCED = Invariant.ofState(
            "INV-OI-1",
            "open interest balanced",
            "long open interest equals short open interest in every market",
            ConservationInvariants::openInterestBalanced);

    /** INV-OI-2: stored open interest equals the positions, and positions sum to zero. */
    static final Invariant OPEN_INTEREST_MATCHES_POSITIONS = Invariant.ofState(
            "INV-OI-2",
            "open interest matches positions",
            "in every market the stored long and short open interest equal the sums of the long and short sizes of all"
                    + " positions, cross and isolated, so the sizes sum to zero",
            ConservationInvariants::openInterestMatches);

    /** INV-OI-3: a transaction that raises a market's open interest leaves it within the cap. */
    static final Invariant OPEN_INTEREST_CAP = Invariant.ofTransition(
            "INV-OI-3",
            "open interest cap",
            "a transaction that raises a market's open interest leaves it at or below the market's cap",
            ConservationInvariants::openInterestCap);

    // ---- representation

    /** INV-REP-1: nothing zero is stored, and every non-settlement, non-borrowable balance is non-negative. */
    static final Invariant REPRESENTATION = Invariant.ofState(
            "INV-REP-1",
            "representation",
            "no account stores a zero balance or a flat cross position, a flat isolated bucket has a zero quote, and"
                    + " only borrowable assets and the settlement asset have negative balances",
            ConservationInvariants::representation);

    /** INV-REV-1: a reverted transaction leaves the state equal to the one before. */
    static final Invariant REVERT_CHANGES_NOTHING = Invariant.ofTransition(
            "INV-REV-1",
            "reverts change nothing",
            "after a reverted transaction the state is equal to the state before it",
            t -> t.succeeded() || t.after().equals(t.before())
                    ? Vector.empty()
                    : Vector.of(Violation.of("INV-REV-1", "the state changed although " + t.tx() + " reverted")));

    /** INV-DET-1: the same transaction against the same state gives the same result. */
    static final Invariant DETERMINISM = Invariant.ofTransition(
            "INV-DET-1",
            "determinism",
            "the same transaction against the same state in the same block gives an equal receipt (state, events,"
                    + " gas) or an equal revert",
            t -> t.rerun().isEmpty() || t.rerun().get().equals(t.result())
                    ? Vector.empty()
                    : Vector.of(Violation.of(
                            "INV-DET-1",
                            "two runs of " + t.tx() + " differ: " + t.result() + " then "
                                    + t.rerun().get())));

    private static Vector<Violation> conservation(ProtocolState s) {
        Vector<Violation> out = Vector.empty();
        AssetId settlement = s.config().settlementAsset();
        for (AssetId asset : s.config().assets().keySet()) {
            I256 sum = I256.ZERO;
            for (Account a : s.accounts().values()) {
                sum = sum.plus(a.balance(asset));
                if (asset.equals(settlement)) {
                    for (Position p : a.positions().values()) {
                        sum = sum.plus(p.quote());
                    }
                    for (IsolatedPosition ip : a.isolated().values()) {
                        sum = sum.plus(ip.margin()).plus(ip.position().quote());
                    }
                }
            }
            sum = sum.plus(s.collateralReserve(asset));
            for (var auction : s.auctions().values()) {
                sum = auction.asset().equals(asset) ? sum.plus(auction.lot()) : sum;
            }
            if (asset.equals(settlement)) {
                for (MarketState m : s.markets().values()) {
                    sum = sum.plus(m.fundingPool());
                }
                sum = sum.plus(s.insuranceFund())
                        .plus(s.feePool())
                        .plus(s.reserves())
                        .minus(s.ledger().badDebt());
            }
            I256 inflow = s.ledger().netInflow(asset);
            if (!sum.equals(inflow)) {
                out = out.append(Violation.of(
                                "INV-CONS-1",
                                asset + ": the buckets sum to " + sum + " but the net inflow is " + inflow)
                        .amount("buckets", sum)
                        .amount("netInflow", inflow)
                        .amount("difference", sum.minus(inflow)));
            }
        }
        return out;
    }

    private static Vector<Violation> netFlows(Transition t) {
        Vector<Violation> out = Vector.empty();
        ProtocolConfig config = t.before().config();
        TreeMap<AssetId, I256> expected = TreeMap.empty();
        if (t.succeeded()) {
            expected = switch (t.tx()) {
                case Tx.Deposit d -> TreeMap.of(d.asset(), d.amount().toI256());
                case Tx.Repay r -> TreeMap.of(r.asset(), r.amount().toI256());
                case Tx.FundInsurance f ->
                    TreeMap.of(config.settlementAsset(), f.amount().toI256());
                case Tx.Withdraw w -> TreeMap.of(w.asset(), w.amount().toI256().negate());
                case Tx.Borrow b -> TreeMap.of(b.asset(), b.amount().toI256().negate());
                case Tx.Trade x -> TreeMap.empty();
                case Tx.OpenIsolated x -> TreeMap.empty();
                case Tx.ModifyIsolated x -> TreeMap.empty();
                case Tx.CloseIsolated x -> TreeMap.empty();
                case Tx.AddIsolatedMargin x -> TreeMap.empty();
                case Tx.RemoveIsolatedMargin x -> TreeMap.empty();
                case Tx.SettleFunding x -> TreeMap.empty();
                case Tx.Liquidate x -> TreeMap.empty();
                case Tx.LiquidateIsolated x -> TreeMap.empty();
                case Tx.BuyCollateral x -> TreeMap.empty();
                case Tx.Take x -> TreeMap.empty();
                case Tx.Redo x -> TreeMap.empty();
            };
        }
        for (AssetId asset : config.assets().keySet()) {
            I256 delta = t.after()
                    .ledger()
                    .netInflow(asset)
                    .minus(t.before().ledger().netInflow(asset));
            I256 want = expected.get(asset).getOrElse(I256.ZERO);
            if (!delta.equals(want)) {
                out = out.append(Violation.of(
                                "INV-CONS-2",
                                asset + ": " + t.kind() + " moved the net inflow by " + delta + " instead of " + want)
                        .amount("delta", delta)
                        .amount("expected", want));
            }
        }
        return out;
    }

    private static Vector<Violation> fees(Transition t) {
        I256 delta = t.after().feePool().minus(t.before().feePool());
        I256 reported = I256.ZERO;
        Vector<Violation> out = Vector.empty();
        for (Event.PositionModified e : t.events(Event.PositionModified.class)) {
            reported = reported.plus(e.fee());
            if (e.fee().isNegative()) {
                out = out.append(Violation.of("INV-CONS-3", "a negative fee was charged")
                        .account(e.account())
                        .amount("fee", e.fee()));
            }
        }
        if (!delta.equals(reported)) {
            out = out.append(Violation.of(
                            "INV-CONS-3",
                            t.kind() + " moved the fee pool by " + delta + " but its events report fees of " + reported)
                    .amount("delta", delta)
                    .amount("reported", reported));
        }
        return out;
    }

    private static Vector<Violation> holdings(ProtocolState s) {
        Vector<Violation> out = Vector.empty();
        for (AssetId asset : s.config().assets().keySet()) {
            I256 held = s.ledger().netInflow(asset);
            if (held.isNegative()) {
                out = out.append(Violation.of("INV-SOLV-1", asset + ": the protocol holds a negative amount")
                        .amount("netInflow", held));
            }
        }
        return out;
    }

    private static Vector<Violation> openInterestBalanced(ProtocolState s) {
        Vector<Violation> out = Vector.empty();
        for (var e : s.markets()) {
            if (!e._2.longOpenInterest().equals(e._2.shortOpenInterest())) {
                out = out.append(Violation.of(
                                "INV-OI-1",
                                e._1 + ": long open interest " + e._2.longOpenInterest() + " != short "
                                        + e._2.shortOpenInterest())
                        .amount("long", e._2.longOpenInterest())
                        .amount("short", e._2.shortOpenInterest()));
            }
        }
        return out;
    }

    private static Vector<Violation> openInterestMatches(ProtocolState s) {
        Vector<Violation> out = Vector.empty();
        for (MarketId m : s.markets().keySet()) {
            I256 longs = I256.ZERO;
            I256 shorts = I256.ZERO;
            for (Account a : s.accounts().values()) {
                Position p = a.positions().get(m).getOrNull();
                if (p != null) {
                    longs = longs.plus(p.size().max(I256.ZERO));
                    shorts = shorts.minus(p.size().min(I256.ZERO));
                }
                IsolatedPosition ip = a.isolated().get(m).getOrNull();
                if (ip != null) {
                    longs = longs.plus(ip.position().size().max(I256.ZERO));
                    shorts = shorts.minus(ip.position().size().min(I256.ZERO));
                }
            }
            MarketState ms = s.market(m);
            if (!ms.longOpenInterest().equals(longs)
                    || !ms.shortOpenInterest().equals(shorts)
                    || !longs.equals(shorts)) {
                out = out.append(Violation.of(
                                "INV-OI-2",
                                m + ": stored open interest " + ms.longOpenInterest() + "/" + ms.shortOpenInterest()
                                        + " but positions sum to " + longs + " long and " + shorts + " short")
                        .amount("storedLong", ms.longOpenInterest())
                        .amount("storedShort", ms.shortOpenInterest())
                        .amount("positionsLong", longs)
                        .amount("positionsShort", shorts));
            }
        }
        return out;
    }

    private static Vector<Violation> openInterestCap(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (var e : t.after().markets()) {
            I256 before = t.before().market(e._1).longOpenInterest();
            I256 after = e._2.longOpenInterest();
            I256 cap = t.after()
                    .config()
                    .markets()
                    .get(e._1)
                    .get()
                    .maxOpenInterest()
                    .toI256();
            if (after.gt(before) && after.gt(cap)) {
                out = out.append(
                        Violation.of("INV-OI-3", e._1 + ": " + t.kind() + " raised open interest above the cap")
                                .amount("before", before)
                                .amount("after", after)
                                .amount("cap", cap));
            }
        }
        return out;
    }

    private static Vector<Violation> representation(ProtocolState s) {
        Vector<Violation> out = Vector.empty();
        ProtocolConfig config = s.config();
        for (Account a : s.accounts().values()) {
            for (var b : a.balances()) {
                AssetConfig asset = config.assets().get(b._1).get();
                if (b._2.isZero()) {
                    out = out.append(Violation.of("INV-REP-1", "a zero balance of " + b._1 + " is stored")
                            .account(a.id()));
                } else if (b._2.isNegative() && !asset.borrowable() && !b._1.equals(config.settlementAsset())) {
                    out = out.append(Violation.of("INV-REP-1", "a negative balance of the non-borrowable " + b._1)
                            .account(a.id())
                            .amount("balance", b._2));
                }
            }
            for (var p : a.positions()) {
                if (p._2.isFlat()) {
                    out = out.append(Violation.of("INV-REP-1", "a flat cross position in " + p._1 + " is stored")
                            .account(a.id())
                            .amount("quote", p._2.quote()));
                }
            }
            for (var p : a.isolated()) {
                if (p._2.position().isFlat() && !p._2.position().quote().isZero()) {
                    out = out.append(Violation.of("INV-REP-1", "a flat isolated position in " + p._1 + " keeps a quote")
                            .account(a.id())
                            .amount("quote", p._2.position().quote()));
                }
            }
        }
        return out;
    }
}
