package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.AuctionLogic;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Ledger;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
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

/**
 * The catalogue of solvency invariants, each a named value with an ID and a one-sentence specification. The IDs are
 * stable: tests, replay notes and the module's README refer to them, and the README says where each comes from.
 *
 * {@snippet :
 * Either<Revert, Receipt> result = MarginEngine.execute(before, tx, block);
 * Vector<Violation> found = Invariants.check(Invariants.ALL, Transition.of(before, tx, block, result));
 * assertThat(found).isEmpty();
 * }
 *
 * <p>State invariants ({@link Invariant#stateOnly()}) can run on any state, every block of a simulation; transition
 * invariants need the state before and the transaction. Every check is a pure function and allocates little when the
 * invariant holds, so a campaign runs all of them after every step.
 */
public final class Invariants {

    private Invariants() {}

    // ---- conservation

    /** INV-CONS-1: every unit deposited is in an account, the insurance fund, the fee pool, or a loss ledger. */
    public static final Invariant CONSERVATION = Invariant.ofState(
            "INV-CONS-1",
            "conservation",
            "every unit deposited is in an account, the insurance fund, the fee pool, the protocol's reserves (absorbed"
                    + " collateral and lots in auction included), or a loss ledger: per asset, the buckets minus bad debt"
                    + " sum exactly to the net inflow",
            Invariants::conservation);

    /** INV-CONS-2: only deposits, repayments, withdrawals, loans and insurance funding move tokens in or out. */
    public static final Invariant NET_FLOWS = Invariant.ofTransition(
            "INV-CONS-2",
            "net flows",
            "a transaction changes an asset's net inflow by exactly the tokens it moves in or out (deposits,"
                    + " repayments and insurance funding in, withdrawals and loans out) and every other transaction by"
                    + " zero",
            Invariants::netFlows);

    /** INV-CONS-3: the fee pool grows by exactly the fees the events report and never shrinks. */
    public static final Invariant FEES = Invariant.ofTransition(
            "INV-CONS-3",
            "fees",
            "the fee pool changes by exactly the sum of the fees in the transaction's PositionModified events, which"
                    + " are never negative",
            Invariants::fees);

    /** INV-SOLV-1: the protocol never owes more tokens of an asset than it holds. */
    public static final Invariant HOLDINGS = Invariant.ofState(
            "INV-SOLV-1",
            "holdings",
            "the protocol holds a non-negative amount of every token: no asset's net inflow is below zero",
            Invariants::holdings);

    // ---- open interest

    /** INV-OI-1: long open interest equals short open interest in every market. */
    public static final Invariant OPEN_INTEREST_BALANCED = Invariant.ofState(
            "INV-OI-1",
            "open interest balanced",
            "long open interest equals short open interest in every market",
            Invariants::openInterestBalanced);

    /** INV-OI-2: stored open interest equals the positions, and positions sum to zero. */
    public static final Invariant OPEN_INTEREST_MATCHES_POSITIONS = Invariant.ofState(
            "INV-OI-2",
            "open interest matches positions",
            "in every market the stored long and short open interest equal the sums of the long and short sizes of all"
                    + " positions, cross and isolated, so the sizes sum to zero",
            Invariants::openInterestMatches);

    /** INV-OI-3: a transaction that raises a market's open interest leaves it within the cap. */
    public static final Invariant OPEN_INTEREST_CAP = Invariant.ofTransition(
            "INV-OI-3",
            "open interest cap",
            "a transaction that raises a market's open interest leaves it at or below the market's cap",
            Invariants::openInterestCap);

    // ---- representation

    /** INV-REP-1: nothing zero is stored, and every non-settlement, non-borrowable balance is non-negative. */
    public static final Invariant REPRESENTATION = Invariant.ofState(
            "INV-REP-1",
            "representation",
            "no account stores a zero balance or a flat cross position, a flat isolated bucket has a zero quote, and"
                    + " only borrowable assets and the settlement asset have negative balances",
            Invariants::representation);

    // ---- margin

    /** INV-MARGIN-1: a transaction that increases an account's risk leaves it at or above initial margin. */
    public static final Invariant INITIAL_MARGIN = Invariant.ofTransition(
            "INV-MARGIN-1",
            "initial margin after risk",
            "a transaction that increases the risk of an account or an isolated position (a larger or flipped"
                    + " position, a withdrawal, a loan, margin moved out, a liquidator taking positions over) leaves it"
                    + " at or above its initial requirement at the block's prices",
            Invariants::initialMargin);

    /** INV-MARGIN-2: withdrawals, loans and margin moves never leave an account or bucket liquidatable. */
    public static final Invariant WITHDRAWAL_HEALTH = Invariant.ofTransition(
            "INV-MARGIN-2",
            "withdrawals keep health",
            "a withdrawal, a loan or a move of isolated margin never leaves the account or the isolated position"
                    + " liquidatable",
            Invariants::withdrawalHealth);

    // ---- liquidation

    /** INV-LIQ-1: a healthy account or isolated position cannot be liquidated. */
    public static final Invariant ONLY_UNHEALTHY_LIQUIDATED = Invariant.ofTransition(
            "INV-LIQ-1",
            "healthy accounts are not liquidated",
            "a liquidation succeeds only if, before it and at the block's prices, the account (or the isolated"
                    + " position) carried risk and its margin equity was below its maintenance requirement, or the"
                    + " account was already flagged for liquidation",
            Invariants::onlyUnhealthy);

    /** INV-LIQ-2: after an account-wide liquidation the account holds no cross position and no other asset. */
    public static final Invariant LIQUIDATION_CLOSES_ALL = Invariant.ofTransition(
            "INV-LIQ-2",
            "account-wide liquidation closes everything",
            "after an account-wide liquidation (AccountWide, Absorb) the account holds no cross position and no"
                    + " balance but the settlement asset, which is not negative; an isolated liquidation leaves no"
                    + " position in its bucket and a margin that is not negative",
            Invariants::closesAll);

    /** INV-LIQ-3: the keeper's reward never exceeds the penalty, and the penalty is split without remainder. */
    public static final Invariant KEEPER_REWARD = Invariant.ofTransition(
            "INV-LIQ-3",
            "keeper reward within penalty",
            "in every liquidation 0 <= keeper reward <= penalty, penalty = keeper reward + insurance contribution, and"
                    + " the penalty is at most the penalty due on the closed notional",
            Invariants::keeperReward);

    /** INV-LIQ-4: a liquidation never increases the protocol's total liabilities beyond the bad debt it records. */
    public static final Invariant LIABILITIES = Invariant.ofTransition(
            "INV-LIQ-4",
            "liquidation does not create liabilities",
            "valued exactly at the block's prices, the sum of every account's equity, the insurance fund, the fee"
                    + " pool and the protocol's reserves grows in a liquidation by at most the bad debt it records",
            Invariants::liabilities);

    /** INV-LIQ-5: an isolated liquidation leaves the owner's cross account unchanged. */
    public static final Invariant ISOLATION = Invariant.ofTransition(
            "INV-LIQ-5",
            "isolation",
            "an isolated liquidation leaves the owner's balances, cross positions and other isolated positions exactly"
                    + " as they were",
            Invariants::isolation);

    // ---- mechanisms

    /** INV-AUCT-1: an auction never sells more than its lot. */
    public static final Invariant AUCTION_LOT = Invariant.ofTransition(
            "INV-AUCT-1",
            "auctions sell at most their lot",
            "a take never sells more than what is left of the auction's lot, the lot shrinks by exactly what was"
                    + " sold, and a running auction always has something left to sell",
            Invariants::auctionLot);

    /** INV-AUCT-2: an auction's price never increases with time until it is reset. */
    public static final Invariant AUCTION_PRICE = Invariant.ofTransition(
            "INV-AUCT-2",
            "auction prices only fall",
            "between resets an auction keeps its start price and start time, its price now is at most its price a"
                    + " second earlier and at most its start price, and a take pays at most the start price",
            Invariants::auctionPrice);

    /** INV-AUCT-3: the owner gets every leftover when an auction ends. */
    public static final Invariant AUCTION_LEFTOVERS = Invariant.ofTransition(
            "INV-AUCT-3",
            "leftovers go to the owner",
            "when an auction ends, what is left of its lot is exactly what it had less what the ending take sold,"
                    + " and the owner's balance of the asset grows by exactly that",
            Invariants::auctionLeftovers);

    /** INV-ABSORB-1: an absorption conserves value with the protocol's reserves. */
    public static final Invariant ABSORPTION = Invariant.ofTransition(
            "INV-ABSORB-1",
            "absorption conserves value with reserves",
            "an absorption moves each absorbed balance whole into the collateral reserves, credits the account no more"
                    + " than its exact value times the liquidation factor, and pays every credit and the debt it covers"
                    + " out of the reserves, exactly",
            Invariants::absorption);

    /** INV-WIN-1: the size a window-capped liquidation closes never exceeds what its market's window allows. */
    public static final Invariant WINDOW_CAP = Invariant.ofTransition(
            "INV-WIN-1",
            "liquidation per window within the cap",
            "under window caps a liquidation closes in each market at most the cap less what was liquidated within"
                    + " the window (a whole cap more only in the skew exception, everything only for the endorsed"
                    + " liquidator or a market without a cap)",
            Invariants::windowCap);

    /** INV-FILL-1: a fillable-price liquidation fills within the spread and charges at most the capped fee. */
    public static final Invariant FILLABLE_PRICE = Invariant.ofTransition(
            "INV-FILL-1",
            "fill within the spread, fee within the cap",
            "a fillable-price liquidation fills between the oracle value and the oracle value less SMMR times the"
                    + " position's maintenance requirement, pays the insurance fund at most the fee cap of the fill and"
                    + " never more than the fill brings above the bankruptcy value, and below it records exactly the"
                    + " shortfall",
            Invariants::fillablePrice);

    /** INV-FRAME-1: a transaction changes only the accounts it involves. */
    public static final Invariant FRAME = Invariant.ofTransition(
            "INV-FRAME-1",
            "frame",
            "a transaction changes only the accounts it names; a liquidation also the receiver, the keeper, and the"
                    + " accounts its events charge with a socialized or deleveraged loss",
            Invariants::frame);

    // ---- shortfall

    /** INV-SHORT-1: shortfall = insurance draw + socialized + deleveraged + bad debt, exactly, in events and ledger. */
    public static final Invariant SHORTFALL_ACCOUNTED = Invariant.ofTransition(
            "INV-SHORT-1",
            "shortfall accounted",
            "a liquidation's shortfall equals the insurance draw plus the socialized loss plus the deleveraged amount"
                    + " plus the bad debt it records, exactly, and the ledgers grow by exactly those amounts (under"
                    + " auctions the reserves carry an account-wide shortfall, as Maker's vow its sin)",
            Invariants::shortfallAccounted);

    /** INV-SHORT-2: the insurance fund is never negative, and pays first. */
    public static final Invariant FUND = Invariant.ofTransition(
            "INV-SHORT-2",
            "insurance fund",
            "the insurance fund is never negative, changes only by insurance funding, penalty contributions,"
                    + " protocol fees and shortfall draws, and is empty whenever a loss goes past it",
            Invariants::fund);

    /** INV-SHORT-3: socialized losses are pro rata to positive settlement balances. */
    public static final Invariant PRO_RATA = Invariant.ofTransition(
            "INV-SHORT-3",
            "pro-rata socialization",
            "each socialized share is the floor of the exact pro-rata share of the loss by positive settlement balance"
                    + " (the liquidated account excluded), or one unit more, and the shares add up to the loss",
            Invariants::proRata);

    /** INV-SHORT-4: deleveraging takes at most a position's profit. */
    public static final Invariant DELEVERAGE_WITHIN_PROFIT = Invariant.ofTransition(
            "INV-SHORT-4",
            "deleveraging within profit",
            "a deleveraged position keeps a non-negative PnL and is opposite to a position the liquidation closed",
            Invariants::deleverageWithinProfit);

    /** INV-LEDGER-1: loss ledgers only grow, and only in liquidations. */
    public static final Invariant LEDGERS = Invariant.ofTransition(
            "INV-LEDGER-1",
            "loss ledgers",
            "the shortfall ledgers (covered, socialized, deleveraged, bad debt) never decrease and change only in"
                    + " liquidations",
            Invariants::ledgers);

    // ---- funding and rounding

    /** INV-FUNDING-1: the funding index moves no faster than the capped rate allows. */
    public static final Invariant FUNDING_RATE = Invariant.ofTransition(
            "INV-FUNDING-1",
            "funding rate cap",
            "a market's funding index moves by at most the capped daily rate times the oracle price times the elapsed"
                    + " time (plus the one unit its rounding down may add), and only forward in time",
            Invariants::fundingRate);

    /** INV-ROUND-1: rounding is in the protocol's favour. */
    public static final Invariant ROUNDING = Invariant.ofTransition(
            "INV-ROUND-1",
            "rounding in the protocol's favour",
            "a taker never pays less (nor receives more) than size times price exactly, a fee is never less than its"
                    + " exact rate, and seized collateral is never credited above its exact haircut value nor a debt"
                    + " below its exact value",
            Invariants::rounding);

    // ---- reverts and determinism

    /** INV-REV-1: a reverted transaction leaves the state equal to the one before. */
    public static final Invariant REVERT_CHANGES_NOTHING = Invariant.ofTransition(
            "INV-REV-1",
            "reverts change nothing",
            "after a reverted transaction the state is equal to the state before it",
            t -> t.succeeded() || t.after().equals(t.before())
                    ? Vector.empty()
                    : Vector.of(Violation.of("INV-REV-1", "the state changed although " + t.tx() + " reverted")));

    /** INV-DET-1: the same transaction against the same state gives the same result. */
    public static final Invariant DETERMINISM = Invariant.ofTransition(
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

    /** Every invariant of the catalogue, in the order of their IDs' sections. */
    public static final Vector<Invariant> ALL = Vector.of(
            CONSERVATION,
            NET_FLOWS,
            FEES,
            HOLDINGS,
            OPEN_INTEREST_BALANCED,
            OPEN_INTEREST_MATCHES_POSITIONS,
            OPEN_INTEREST_CAP,
            REPRESENTATION,
            INITIAL_MARGIN,
            WITHDRAWAL_HEALTH,
            ONLY_UNHEALTHY_LIQUIDATED,
            LIQUIDATION_CLOSES_ALL,
            KEEPER_REWARD,
            LIABILITIES,
            ISOLATION,
            AUCTION_LOT,
            AUCTION_PRICE,
            AUCTION_LEFTOVERS,
            ABSORPTION,
            WINDOW_CAP,
            FILLABLE_PRICE,
            FRAME,
            SHORTFALL_ACCOUNTED,
            FUND,
            PRO_RATA,
            DELEVERAGE_WITHIN_PROFIT,
            LEDGERS,
            FUNDING_RATE,
            ROUNDING,
            REVERT_CHANGES_NOTHING,
            DETERMINISM);

    /** The state invariants of the catalogue: those a simulation can run on any block's state. */
    public static final Vector<Invariant> STATE = ALL.filter(Invariant::stateOnly);

    /** {@return the invariant with this ID, if the catalogue has it} */
    public static Option<Invariant> byId(String id) {
        return ALL.find(i -> i.id().equals(id));
    }

    /** {@return the violations of every invariant in {@code invariants} by {@code transition}, in their order} */
    public static Vector<Violation> check(Vector<Invariant> invariants, Transition transition) {
        Vector<Violation> out = Vector.empty();
        for (Invariant i : invariants) {
            out = out.appendAll(i.check(transition));
        }
        return out;
    }

    // ==== the checks

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
                default -> TreeMap.empty();
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
                                asset + ": " + kind(t.tx()) + " moved the net inflow by " + delta + " instead of "
                                        + want)
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
                            kind(t.tx()) + " moved the fee pool by " + delta + " but its events report fees of "
                                    + reported)
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
                        Violation.of("INV-OI-3", e._1 + ": " + kind(t.tx()) + " raised open interest above the cap")
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

    // ---- margin

    private static Option<AccountData> cross(ProtocolState s, AccountId id, BlockContext block) {
        return s.account(id).flatMap(a -> MarginLogic.cross(s, a, block).toOption());
    }

    private static Option<AccountData> isolated(ProtocolState s, AccountId id, MarketId m, BlockContext block) {
        return s.account(id)
                .flatMap(a -> a.isolated().get(m))
                .flatMap(ip -> MarginLogic.isolated(s, m, ip, block).toOption());
    }

    private static I256 crossSize(ProtocolState s, AccountId id, MarketId m) {
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
        Option<AccountData> d =
                bucket.isEmpty() ? cross(t.after(), id, t.block()) : isolated(t.after(), id, bucket.get(), t.block());
        if (d.isEmpty() || d.get().meetsInitial()) {
            return Vector.empty();
        }
        return Vector.of(Violation.of(
                        "INV-MARGIN-1",
                        why + " left " + (bucket.isEmpty() ? "the account" : "the isolated " + bucket.get())
                                + " below its initial requirement")
                .account(id)
                .amount("marginEquity", d.get().marginEquity())
                .amount("initialRequirement", d.get().initialRequirement()));
    }

    private static Vector<Violation> initialMargin(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        ProtocolState b = t.before();
        ProtocolState a = t.after();
        Option<MarketId> none = Option.none();
        return switch (t.tx()) {
            case Tx.Trade x -> {
                Vector<Violation> out = Vector.empty();
                if (grows(crossSize(b, x.taker(), x.market()), crossSize(a, x.taker(), x.market()))) {
                    out = out.appendAll(requireInitial(t, x.taker(), none, "a trade that grew the taker's position"));
                }
                if (grows(crossSize(b, x.maker(), x.market()), crossSize(a, x.maker(), x.market()))) {
                    out = out.appendAll(requireInitial(t, x.maker(), none, "a trade that grew the maker's position"));
                }
                yield out;
            }
            case Tx.Withdraw x -> requireInitial(t, x.account(), none, "a withdrawal");
            case Tx.Borrow x -> requireInitial(t, x.account(), none, "a loan");
            case Tx.AddIsolatedMargin x -> requireInitial(t, x.account(), none, "moving margin out of the account");
            case Tx.RemoveIsolatedMargin x ->
                requireInitial(t, x.account(), Option.some(x.market()), "removing isolated margin");
            case Tx.OpenIsolated x ->
                requireInitial(t, x.account(), Option.some(x.market()), "opening an isolated position")
                        .appendAll(requireInitial(t, x.account(), none, "funding an isolated position"))
                        .appendAll(
                                grows(crossSize(b, x.maker(), x.market()), crossSize(a, x.maker(), x.market()))
                                        ? requireInitial(t, x.maker(), none, "a fill that grew the maker's position")
                                        : Vector.empty());
            case Tx.ModifyIsolated x ->
                (grows(isolatedSize(b, x.account(), x.market()), isolatedSize(a, x.account(), x.market()))
                                ? requireInitial(
                                        t, x.account(), Option.some(x.market()), "growing an isolated position")
                                : Vector.<Violation>empty())
                        .appendAll(
                                grows(crossSize(b, x.maker(), x.market()), crossSize(a, x.maker(), x.market()))
                                        ? requireInitial(t, x.maker(), none, "a fill that grew the maker's position")
                                        : Vector.empty());
            case Tx.CloseIsolated x ->
                grows(crossSize(b, x.maker(), x.market()), crossSize(a, x.maker(), x.market()))
                        ? requireInitial(t, x.maker(), none, "a fill that grew the maker's position")
                        : Vector.empty();
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
            default -> Vector.empty();
        };
    }

    private static Vector<Violation> withdrawalHealth(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        AccountId id;
        Option<MarketId> bucket = Option.none();
        switch (t.tx()) {
            case Tx.Withdraw x -> id = x.account();
            case Tx.Borrow x -> id = x.account();
            case Tx.AddIsolatedMargin x -> id = x.account();
            case Tx.RemoveIsolatedMargin x -> {
                id = x.account();
                bucket = Option.some(x.market());
            }
            default -> {
                return Vector.empty();
            }
        }
        Option<AccountData> d =
                bucket.isEmpty() ? cross(t.after(), id, t.block()) : isolated(t.after(), id, bucket.get(), t.block());
        if (d.isEmpty() || !d.get().isLiquidatable()) {
            return Vector.empty();
        }
        return Vector.of(Violation.of("INV-MARGIN-2", kind(t.tx()) + " left it liquidatable")
                .account(id)
                .amount("marginEquity", d.get().marginEquity())
                .amount("maintenanceRequirement", d.get().maintenanceRequirement()));
    }

    // ---- liquidation

    private static Vector<Violation> onlyUnhealthy(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        Option<AccountData> d;
        AccountId id;
        switch (t.tx()) {
            case Tx.Liquidate x -> {
                id = x.account();
                if (t.before().isFlagged(id)) {
                    // a flagged account is liquidated window by window whatever its health (Synthetix)
                    return Vector.empty();
                }
                d = cross(t.before(), id, t.block());
            }
            case Tx.LiquidateIsolated x -> {
                id = x.account();
                d = isolated(t.before(), id, x.market(), t.block());
            }
            default -> {
                return Vector.empty();
            }
        }
        if (d.isEmpty() || d.get().isLiquidatable()) {
            return Vector.empty();
        }
        return Vector.of(Violation.of("INV-LIQ-1", kind(t.tx()) + " liquidated a healthy account")
                .account(id)
                .amount("marginEquity", d.get().marginEquity())
                .amount("maintenanceRequirement", d.get().maintenanceRequirement()));
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
            case Tx.Liquidate x -> {
                Account a = t.after().accountOrEmpty(x.account());
                Vector<Violation> out = Vector.empty();
                if (!a.positions().isEmpty()) {
                    out = out.append(Violation.of(
                                    "INV-LIQ-2",
                                    "after an account-wide liquidation the account still holds cross positions in "
                                            + a.positions().keySet().mkString(", "))
                            .account(x.account())
                            .amount("positions", I256.of(a.positions().size())));
                }
                for (var b : a.balances()) {
                    if (!b._1.equals(config.settlementAsset())) {
                        out = out.append(Violation.of(
                                        "INV-LIQ-2",
                                        "after an account-wide liquidation the account still holds " + b._1)
                                .account(x.account())
                                .amount("balance", b._2));
                    } else if (b._2.isNegative()) {
                        out = out.append(Violation.of(
                                        "INV-LIQ-2",
                                        "after an account-wide liquidation the settlement balance is negative")
                                .account(x.account())
                                .amount("balance", b._2));
                    }
                }
                yield out;
            }
            case Tx.LiquidateIsolated x -> {
                IsolatedPosition ip = t.after()
                        .accountOrEmpty(x.account())
                        .isolated()
                        .get(x.market())
                        .getOrNull();
                if (ip == null || (ip.position().isFlat() && !ip.margin().isNegative())) {
                    yield Vector.empty();
                }
                yield Vector.of(Violation.of(
                                "INV-LIQ-2",
                                "after an isolated liquidation the bucket in " + x.market() + " is not closed")
                        .account(x.account())
                        .amount("size", ip.position().size())
                        .amount("margin", ip.margin()));
            }
            default -> Vector.empty();
        };
    }

    private static Vector<Violation> keeperReward(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (Event e : t.events()) {
            I256 penalty;
            I256 reward;
            I256 insurance;
            AccountId account;
            Vector<Event.ClosedPosition> closed;
            switch (e) {
                case Event.AccountLiquidated l -> {
                    penalty = l.penalty();
                    reward = l.keeperReward();
                    insurance = l.insuranceContribution();
                    account = l.account();
                    closed = l.closed();
                }
                case Event.IsolatedPositionLiquidated l -> {
                    penalty = l.penalty();
                    reward = l.keeperReward();
                    insurance = l.insuranceContribution();
                    account = l.account();
                    closed = Vector.of(l.closed());
                }
                default -> {
                    continue;
                }
            }
            if (reward.isNegative() || reward.gt(penalty) || !penalty.equals(reward.plus(insurance))) {
                out = out.append(Violation.of(
                                "INV-LIQ-3",
                                "the keeper reward is not within the penalty, or the split does not add up")
                        .account(account)
                        .amount("penalty", penalty)
                        .amount("keeperReward", reward)
                        .amount("insuranceContribution", insurance));
            }
            I256 due = penaltyDue(t.before().config(), closed, t.block());
            if (penalty.gt(due)) {
                out = out.append(Violation.of("INV-LIQ-3", "the penalty charged is more than the penalty due")
                        .account(account)
                        .amount("penalty", penalty)
                        .amount("due", due));
            }
        }
        return out;
    }

    private static I256 penaltyDue(ProtocolConfig config, Vector<Event.ClosedPosition> closed, BlockContext block) {
        I256 due = I256.ZERO;
        int ds = config.settlement().decimals();
        for (Event.ClosedPosition c : closed) {
            MarketConfig m = config.markets().get(c.market()).get();
            AssetConfig u = config.assets().get(m.underlying()).get();
            int dp = Exact.answer(u, block).map(OracleAnswer::decimals).getOrElse(8);
            I256 notional = MarginLogic.notional(c.size(), u.decimals(), new Quote("", c.price(), dp), ds);
            due = due.plus(MarginLogic.penaltyOwed(notional, m.liquidationPenalty()));
        }
        return due;
    }

    private static boolean isLiquidation(Tx tx) {
        return tx instanceof Tx.Liquidate || tx instanceof Tx.LiquidateIsolated;
    }

    private static Vector<Violation> liabilities(Transition t) {
        if (!t.succeeded() || !isLiquidation(t.tx())) {
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
                Violation.of("INV-LIQ-4", kind(t.tx()) + " raised the protocol's liabilities by more than the bad debt")
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

    // ---- mechanisms

    private static Vector<Violation> auctionLot(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (var e : t.after().auctions()) {
            if (!e._2.lot().isPositive()) {
                out = out.append(Violation.of("INV-AUCT-1", "auction " + e._1 + " runs with nothing left to sell")
                        .account(e._2.owner())
                        .amount("lot", e._2.lot()));
            }
        }
        for (Event.AuctionTaken e : t.events(Event.AuctionTaken.class)) {
            Option<Auction> before = t.before().auctions().get(e.auction());
            if (before.isEmpty()) {
                continue;
            }
            I256 lot = before.get().lot();
            if (e.slice().isNegative() || e.slice().gt(lot)) {
                out = out.append(Violation.of("INV-AUCT-1", "a take sold more than the auction's lot")
                        .account(e.keeper())
                        .amount("slice", e.slice())
                        .amount("lot", lot));
            }
            I256 left = t.after().auctions().get(e.auction()).map(Auction::lot).getOrElse(I256.ZERO);
            boolean ended = t.events(Event.AuctionEnded.class).exists(x -> x.auction() == e.auction());
            if (!ended && !left.equals(lot.minus(e.slice()))) {
                out = out.append(Violation.of("INV-AUCT-1", "the lot did not shrink by exactly what was sold")
                        .amount("lotBefore", lot)
                        .amount("slice", e.slice())
                        .amount("lotAfter", left));
            }
        }
        return out;
    }

    private static Vector<Violation> auctionPrice(Transition t) {
        if (!(t.after().config().liquidation() instanceof LiquidationPolicy.DutchAuction d)) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        long now = t.block().timestamp();
        for (var e : t.after().auctions()) {
            Auction a = e._2;
            Option<Auction> before = t.before().auctions().get(e._1);
            boolean reset = t.events(Event.AuctionKicked.class).exists(k -> k.auction() == e._1 && k.reset());
            if (before.isDefined()
                    && !reset
                    && (!before.get().top().equals(a.top()) || before.get().tic() != a.tic())) {
                out = out.append(Violation.of(
                                "INV-AUCT-2", "auction " + e._1 + " changed its start price or time without a reset")
                        .account(a.owner())
                        .amount("topBefore", before.get().top())
                        .amount("topAfter", a.top()));
            }
            long dur = now - a.tic();
            if (dur >= 1) {
                I256 price = AuctionLogic.price(d.curve(), a.top(), dur);
                I256 earlier = AuctionLogic.price(d.curve(), a.top(), dur - 1);
                if (price.gt(earlier) || price.gt(a.top())) {
                    out = out.append(Violation.of("INV-AUCT-2", "auction " + e._1 + "'s price rose with time")
                            .amount("price", price)
                            .amount("secondEarlier", earlier)
                            .amount("top", a.top()));
                }
            }
        }
        for (Event.AuctionTaken e : t.events(Event.AuctionTaken.class)) {
            Option<Auction> before = t.before().auctions().get(e.auction());
            if (before.isDefined() && e.price().gt(before.get().top())) {
                out = out.append(Violation.of("INV-AUCT-2", "a take paid more than the auction's start price")
                        .account(e.keeper())
                        .amount("price", e.price())
                        .amount("top", before.get().top()));
            }
        }
        return out;
    }

    private static Vector<Violation> auctionLeftovers(Transition t) {
        Vector<Violation> out = Vector.empty();
        for (Event.AuctionEnded e : t.events(Event.AuctionEnded.class)) {
            Option<Auction> before = t.before().auctions().get(e.auction());
            if (before.isEmpty()) {
                continue;
            }
            Auction a = before.get();
            I256 sold = t.events(Event.AuctionTaken.class)
                    .filter(x -> x.auction() == e.auction())
                    .foldLeft(I256.ZERO, (sum, x) -> sum.plus(x.slice()));
            I256 left = a.lot().minus(sold);
            if (!e.returned().equals(left)) {
                out = out.append(Violation.of("INV-AUCT-3", "an ending auction returned other than what was left")
                        .account(a.owner())
                        .amount("returned", e.returned())
                        .amount("left", left));
            }
            I256 got = t.after()
                    .accountOrEmpty(a.owner())
                    .balance(a.asset())
                    .minus(t.before().accountOrEmpty(a.owner()).balance(a.asset()));
            I256 expected = a.owner().equals(t.block().sender()) ? left.plus(sold) : left;
            if (!got.equals(expected)) {
                out = out.append(Violation.of("INV-AUCT-3", "the owner did not get the leftover of its auction")
                        .account(a.owner())
                        .amount("received", got)
                        .amount("leftover", left));
            }
        }
        return out;
    }

    private static Vector<Violation> absorption(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.Absorb policy)) {
            return Vector.empty();
        }
        Vector<Event.AccountAbsorbed> absorbed = t.events(Event.AccountAbsorbed.class);
        if (absorbed.isEmpty()) {
            return Vector.empty();
        }
        ProtocolConfig config = t.before().config();
        Vector<Violation> out = Vector.empty();
        I256 paid = absorbed.foldLeft(I256.ZERO, (sum, a) -> sum.plus(a.debtAbsorbed()));
        TreeMap<AssetId, I256> moved = TreeMap.empty();
        for (Event.CollateralAbsorbed c : t.events(Event.CollateralAbsorbed.class)) {
            paid = paid.plus(c.value());
            moved = moved.put(
                    c.asset(), moved.get(c.asset()).getOrElse(I256.ZERO).plus(c.amount()));
            if (!t.after().accountOrEmpty(c.account()).balance(c.asset()).isZero()) {
                out = out.append(Violation.of("INV-ABSORB-1", "an absorbed balance of " + c.asset() + " was left")
                        .account(c.account()));
            }
            AssetConfig asset = config.assets().get(c.asset()).get();
            Option<OracleAnswer> answer = Exact.answer(asset, t.block());
            if (answer.isEmpty()) {
                continue;
            }
            BigInteger exact = Exact.value(config, c.amount(), asset.decimals(), answer.get());
            BigInteger limit = c.amount().isPositive()
                    ? exact.multiply(policy.liquidationFactor(c.asset()).raw().toBigInteger())
                            .divide(FixedPoint.WAD.toBigInteger())
                    : exact;
            if (Exact.units(c.value()).compareTo(limit) > 0) {
                out = out.append(Violation.of(
                                "INV-ABSORB-1",
                                "absorbed " + c.asset() + " was credited above its value times the liquidation factor")
                        .account(c.account())
                        .amount("credited", c.value())
                        .amount("amount", c.amount()));
            }
        }
        for (var m : moved) {
            I256 delta = t.after().collateralReserve(m._1).minus(t.before().collateralReserve(m._1));
            if (!delta.equals(m._2)) {
                out = out.append(Violation.of(
                                "INV-ABSORB-1",
                                "the collateral reserve of " + m._1 + " moved by other than the absorbed")
                        .amount("reserveDelta", delta)
                        .amount("absorbed", m._2));
            }
        }
        I256 reserves = t.after().reserves().minus(t.before().reserves());
        if (!reserves.equals(paid.negate())) {
            out = out.append(Violation.of("INV-ABSORB-1", "the reserves did not pay exactly the credits and the debt")
                    .amount("reservesDelta", reserves)
                    .amount("credited", paid));
        }
        return out;
    }

    private static Vector<Violation> windowCap(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.WindowCapped w)) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        for (Event.WindowLiquidation e : t.events(Event.WindowLiquidation.class)) {
            for (Event.ClosedPosition c : e.closed()) {
                Option<I256> allowed = windowAllowance(t, w, c.market(), e.receiver());
                if (allowed.isDefined() && c.size().abs().gt(allowed.get())) {
                    out = out.append(
                            Violation.of("INV-WIN-1", c.market() + ": a liquidation closed more than its window allows")
                                    .account(e.account())
                                    .amount("closed", c.size().abs())
                                    .amount("allowed", allowed.get()));
                }
            }
        }
        return out;
    }

    /** {@return what a market's window lets a liquidation close now, none when nothing caps it} */
    private static Option<I256> windowAllowance(
            Transition t, LiquidationPolicy.WindowCapped w, MarketId m, AccountId receiver) {
        var p = w.market(m);
        if (p.endorsedLiquidator().contains(t.block().sender())) {
            return Option.none();
        }
        MarketConfig mc = t.before().config().markets().get(m).get();
        I256 perSecond = FixedPoint.wadMulFloor(
                FixedPoint.wadMulFloor(
                        mc.makerFee().raw().plus(mc.takerFee().raw()),
                        p.skewScale().toI256()),
                p.maxLiquidationLimitAccumulationMultiplier().raw());
        I256 cap = perSecond.times(I256.of(p.maxSecondsInLiquidationWindow()));
        if (cap.isZero()) {
            return Option.none();
        }
        long now = t.block().timestamp();
        Vector<dev.solvent.model.state.LiquidationRecord> records = t.before().liquidations(m);
        I256 used = records.filter(r -> r.timestamp() > now - p.maxSecondsInLiquidationWindow())
                .foldLeft(I256.ZERO, (sum, r) -> sum.plus(r.amount()));
        I256 capacity = cap.minus(used).max(I256.ZERO);
        if (capacity.isPositive()) {
            return Option.some(capacity);
        }
        boolean exception = p.maxLiquidationPd().isPositive()
                && (records.isEmpty() || records.last().timestamp() != now)
                && t.before().config().receiver() instanceof PositionReceiver.Backstop
                && FixedPoint.mulDivFloor(
                                crossSize(t.before(), receiver, m).abs(),
                                FixedPoint.WAD,
                                p.skewScale().toI256())
                        .lt(p.maxLiquidationPd().raw());
        return Option.some(exception ? cap : I256.ZERO);
    }

    private static Vector<Violation> fillablePrice(Transition t) {
        if (!(t.before().config().liquidation() instanceof LiquidationPolicy.FillablePrice f)) {
            return Vector.empty();
        }
        ProtocolConfig config = t.before().config();
        int ds = config.settlement().decimals();
        Vector<Violation> out = Vector.empty();
        for (Event.FillableLiquidation e : t.events(Event.FillableLiquidation.class)) {
            Event.ClosedPosition c = e.closed();
            MarketConfig mc = config.markets().get(c.market()).get();
            AssetConfig u = config.assets().get(mc.underlying()).get();
            Option<OracleAnswer> answer = Exact.answer(u, t.block());
            Option<AccountData> before = cross(t.before(), e.account(), t.block());
            if (answer.isEmpty() || before.isEmpty()) {
                continue;
            }
            Quote q = new Quote("", c.price(), answer.get().decimals());
            I256 oracle = MarginLogic.positionValue(c.size(), u.decimals(), q, ds);
            I256 pmmr = MarginLogic.requirement(
                    MarginLogic.notional(c.size(), u.decimals(), q, ds), mc.maintenanceMargin());
            I256 maxSpread = FixedPoint.wadMulFloor(
                    pmmr, f.spreadToMaintenanceMarginRatio().raw());
            I256 fill = c.value();
            if (!e.oracleValue().equals(oracle) || !e.maxSpread().equals(maxSpread)) {
                out = out.append(Violation.of("INV-FILL-1", "the reported oracle value or spread is not the position's")
                        .account(e.account())
                        .amount("oracleValue", e.oracleValue())
                        .amount("expected", oracle)
                        .amount("maxSpread", e.maxSpread())
                        .amount("expectedSpread", maxSpread));
            }
            if (fill.gt(oracle) || fill.lt(oracle.minus(maxSpread))) {
                out = out.append(Violation.of("INV-FILL-1", "the fill is outside the oracle value less the spread")
                        .account(e.account())
                        .amount("fill", fill)
                        .amount("oracleValue", oracle)
                        .amount("maxSpread", maxSpread));
            }
            I256 bankruptcy = oracle.minus(before.get()
                    .marginEquity()
                    .times(pmmr)
                    .divide(before.get().maintenanceRequirement(), dev.solvent.model.math.Rounding.FLOOR));
            I256 room = fill.minus(bankruptcy);
            I256 cap = FixedPoint.wadMulFloor(fill.abs(), f.maxLiquidationFee().raw());
            if (e.fee().isNegative() || e.fee().gt(cap) || e.fee().gt(room.max(I256.ZERO))) {
                out = out.append(
                        Violation.of("INV-FILL-1", "the liquidation fee is above its cap or the room above bankruptcy")
                                .account(e.account())
                                .amount("fee", e.fee())
                                .amount("cap", cap)
                                .amount("aboveBankruptcy", room));
            }
            if (!e.shortfall().equals(room.negate().max(I256.ZERO))) {
                out = out.append(Violation.of("INV-FILL-1", "the shortfall is not what the fill lacks of bankruptcy")
                        .account(e.account())
                        .amount("shortfall", e.shortfall())
                        .amount("belowBankruptcy", room.negate()));
            }
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
                out = out.append(Violation.of("INV-FRAME-1", kind(t.tx()) + " changed an account it does not involve")
                        .account(id));
            }
        }
        return out;
    }

    // ---- shortfall

    private record Absorbed(I256 covered, I256 socialized, I256 deleveraged, I256 bad) {
        I256 total() {
            return covered.plus(socialized).plus(deleveraged).plus(bad);
        }
    }

    private static Vector<Violation> shortfallAccounted(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        Vector<Violation> out = Vector.empty();
        boolean auctions = t.before().config().liquidation() instanceof LiquidationPolicy.DutchAuction;
        I256 shortfall = I256.ZERO;
        AccountId account = null;
        I256 covered = I256.ZERO;
        I256 socialized = I256.ZERO;
        I256 deleveraged = I256.ZERO;
        I256 bad = I256.ZERO;
        for (Event e : t.events()) {
            switch (e) {
                case Event.AccountLiquidated l -> {
                    // under auctions the reserves carry a debt no collateral can repay (Maker's sin), not the fund
                    shortfall = auctions ? shortfall : shortfall.plus(l.shortfall());
                    account = l.account();
                }
                case Event.IsolatedPositionLiquidated l -> {
                    shortfall = shortfall.plus(l.shortfall());
                    account = l.account();
                }
                case Event.LiquidationCalled l -> {
                    shortfall = shortfall.plus(l.shortfall());
                    account = l.account();
                }
                case Event.FillableLiquidation l -> {
                    shortfall = shortfall.plus(l.shortfall());
                    account = l.account();
                }
                case Event.ShortfallCovered c -> covered = covered.plus(c.amount());
                case Event.LossSocialized s -> socialized = socialized.plus(s.amount());
                case Event.PositionDeleveraged d -> deleveraged = deleveraged.plus(d.amount());
                case Event.PositionAutoDeleveraged d -> deleveraged = deleveraged.plus(d.charge());
                case Event.BadDebtRecorded b -> bad = bad.plus(b.amount());
                default -> {}
            }
        }
        Absorbed events = new Absorbed(covered, socialized, deleveraged, bad);
        if (!events.total().equals(shortfall)) {
            Violation v = Violation.of(
                            "INV-SHORT-1",
                            "the shortfall " + shortfall + " is not the sum of insurance draw, socialized,"
                                    + " deleveraged and bad debt " + events.total())
                    .amount("shortfall", shortfall)
                    .amount("covered", covered)
                    .amount("socialized", socialized)
                    .amount("deleveraged", deleveraged)
                    .amount("badDebt", bad);
            out = out.append(account == null ? v : v.account(account));
        }
        Ledger lb = t.before().ledger();
        Ledger la = t.after().ledger();
        Absorbed ledger = new Absorbed(
                la.shortfallCovered().minus(lb.shortfallCovered()),
                la.socializedLoss().minus(lb.socializedLoss()),
                la.deleveraged().minus(lb.deleveraged()),
                la.badDebt().minus(lb.badDebt()));
        if (!ledger.equals(events)) {
            out = out.append(Violation.of("INV-SHORT-1", "the ledgers moved by other amounts than the events report")
                    .amount("ledgerCovered", ledger.covered())
                    .amount("eventsCovered", covered)
                    .amount("ledgerSocialized", ledger.socialized())
                    .amount("eventsSocialized", socialized)
                    .amount("ledgerDeleveraged", ledger.deleveraged())
                    .amount("eventsDeleveraged", deleveraged)
                    .amount("ledgerBadDebt", ledger.bad())
                    .amount("eventsBadDebt", bad));
        }
        return out;
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
                default -> {}
            }
        }
        I256 delta = fund.minus(t.before().insuranceFund());
        if (!delta.equals(expected)) {
            out = out.append(Violation.of(
                            "INV-SHORT-2",
                            kind(t.tx()) + " moved the insurance fund by " + delta + " but its events account for "
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

    private static Vector<Violation> proRata(Transition t) {
        Vector<Event.LossSocialized> shares = t.events(Event.LossSocialized.class);
        if (shares.isEmpty()) {
            return Vector.empty();
        }
        AssetId settlement = t.before().config().settlementAsset();
        Set<AccountId> excluded = HashSet.empty();
        for (Event e : t.events()) {
            switch (e) {
                case Event.AccountLiquidated l -> excluded = excluded.add(l.account());
                case Event.IsolatedPositionLiquidated l -> excluded = excluded.add(l.account());
                case Event.LiquidationCalled l -> excluded = excluded.add(l.account());
                case Event.FillableLiquidation l -> excluded = excluded.add(l.account());
                default -> {}
            }
        }
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
            I256 floor = FixedPoint.mulDiv(b._2, loss, total, Rounding.FLOOR);
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
        for (Event e : t.events()) {
            Vector<Event.ClosedPosition> closed = switch (e) {
                case Event.AccountLiquidated l -> l.closed();
                case Event.IsolatedPositionLiquidated l -> Vector.of(l.closed());
                case Event.LiquidationCalled l -> l.closed();
                case Event.FillableLiquidation l -> Vector.of(l.closed());
                default -> Vector.empty();
            };
            for (Event.ClosedPosition c : closed) {
                closedSides = closedSides.put(c.market(), c.size());
            }
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
        boolean liquidation = isLiquidation(t.tx());
        String[] names = {"shortfallCovered", "socializedLoss", "deleveraged", "badDebt"};
        I256[] before = {b.shortfallCovered(), b.socializedLoss(), b.deleveraged(), b.badDebt()};
        I256[] after = {a.shortfallCovered(), a.socializedLoss(), a.deleveraged(), a.badDebt()};
        for (int i = 0; i < names.length; i++) {
            if (after[i].lt(before[i]) || (!liquidation && !after[i].equals(before[i]))) {
                out = out.append(Violation.of("INV-LEDGER-1", kind(t.tx()) + " moved the " + names[i] + " ledger")
                        .amount("before", before[i])
                        .amount("after", after[i]));
            }
        }
        return out;
    }

    // ---- funding and rounding

    private static Vector<Violation> fundingRate(Transition t) {
        Vector<Violation> out = Vector.empty();
        ProtocolConfig config = t.before().config();
        int ds = config.settlement().decimals();
        for (var e : t.after().markets()) {
            MarketState b = t.before().market(e._1);
            MarketState a = e._2;
            if (a.fundingIndex().equals(b.fundingIndex()) && a.lastFundingTime() == b.lastFundingTime()) {
                continue;
            }
            long elapsed = a.lastFundingTime() - b.lastFundingTime();
            Option<OracleAnswer> answer = Exact.answer(config, e._1, t.block());
            if (elapsed < 0) {
                out = out.append(Violation.of("INV-FUNDING-1", e._1 + ": the funding clock went back")
                        .amount("elapsed", I256.of(elapsed)));
                continue;
            }
            if (answer.isEmpty()) {
                continue;
            }
            MarketConfig m = config.markets().get(e._1).get();
            // the index moves by rate * elapsed * price * 10^ds / (10^dp * 86400), the rate a WAD: compare without
            // dividing
            // the index rounds down, so a falling index may move one unit past the exact bound
            BigInteger delta = a.fundingIndex()
                    .minus(b.fundingIndex())
                    .toBigInteger()
                    .abs()
                    .subtract(BigInteger.ONE)
                    .max(BigInteger.ZERO);
            BigInteger lhs =
                    delta.multiply(Exact.pow10(answer.get().decimals())).multiply(BigInteger.valueOf(86_400));
            BigInteger rhs = m.maxFundingRatePerDay()
                    .raw()
                    .toBigInteger()
                    .multiply(BigInteger.valueOf(elapsed))
                    .multiply(answer.get().answer().toBigInteger().abs())
                    .multiply(Exact.pow10(ds));
            if (lhs.compareTo(rhs) > 0) {
                out = out.append(Violation.of("INV-FUNDING-1", e._1 + ": the funding index moved faster than the cap")
                        .amount("indexDelta", a.fundingIndex().minus(b.fundingIndex()))
                        .amount("elapsed", I256.of(elapsed)));
            }
        }
        return out;
    }

    private static Vector<Violation> rounding(Transition t) {
        if (!t.succeeded()) {
            return Vector.empty();
        }
        ProtocolConfig config = t.before().config();
        int ds = config.settlement().decimals();
        Vector<Violation> out = Vector.empty();
        boolean takerSide = true;
        for (Event e : t.events()) {
            if (e instanceof Event.PositionModified p) {
                MarketConfig m = config.markets().get(p.market()).get();
                AssetConfig u = config.assets().get(m.underlying()).get();
                int dp = Exact.answer(u, t.block()).map(OracleAnswer::decimals).getOrElse(8);
                int shift = u.decimals() + dp - ds;
                BigInteger exact = Exact.scaled(
                        p.sizeDelta().toBigInteger().multiply(p.price().toBigInteger()), shift);
                BigInteger paid = Exact.units(p.quoteDelta().negate());
                // fills come in pairs, taker first; the maker receives exactly what the taker pays
                boolean taker = takerSide;
                takerSide = !takerSide;
                if (taker && paid.compareTo(exact) < 0) {
                    out = out.append(Violation.of("INV-ROUND-1", "a taker paid less than size times price exactly")
                            .account(p.account())
                            .amount("paid", p.quoteDelta().negate())
                            .amount("exactFloor", Exact.toUnits(exact)));
                }
                BigInteger feeExact = Exact.scaled(
                        p.sizeDelta()
                                .abs()
                                .toBigInteger()
                                .multiply(p.price().toBigInteger())
                                .multiply((taker ? m.takerFee() : m.makerFee())
                                        .raw()
                                        .toBigInteger()),
                        shift + 18);
                if (Exact.units(p.fee()).compareTo(feeExact) < 0) {
                    out = out.append(Violation.of("INV-ROUND-1", "a fee was charged below its exact rate")
                            .account(p.account())
                            .amount("fee", p.fee()));
                }
            } else if (e instanceof Event.CollateralSeized c) {
                AssetConfig asset = config.assets().get(c.asset()).get();
                Option<OracleAnswer> answer = Exact.answer(asset, t.block());
                if (answer.isEmpty()) {
                    continue;
                }
                BigInteger exact = Exact.value(config, c.amount(), asset.decimals(), answer.get());
                // under a close factor the account sells collateral to the keeper at the full oracle price (Aave)
                boolean sale = config.liquidation() instanceof LiquidationPolicy.CloseFactor;
                BigInteger limit = c.amount().isPositive() && !sale
                        ? exact.multiply(asset.collateralWeight().raw().toBigInteger())
                                .divide(FixedPoint.WAD.toBigInteger())
                        : exact;
                if (Exact.units(c.value()).compareTo(limit) > 0) {
                    out = out.append(Violation.of(
                                    "INV-ROUND-1",
                                    "seized " + c.asset() + " was credited above its exact "
                                            + (c.amount().isPositive() ? "haircut value" : "debt value"))
                            .account(c.account())
                            .amount("credited", c.value())
                            .amount("amount", c.amount()));
                }
            }
        }
        return out;
    }

    private static String kind(Tx tx) {
        return tx.getClass().getSimpleName();
    }
}
