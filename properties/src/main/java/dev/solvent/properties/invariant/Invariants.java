package dev.solvent.properties.invariant;

import io.vavr.collection.Vector;
import io.vavr.control.Option;

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
 *
 * <p>This class is the index; each family's specifications and checks live in one package-private file:
 * {@code ConservationInvariants} (conservation, open interest, representation, reverts, determinism),
 * {@code MarginInvariants}, {@code LiquidationInvariants} (and the frame rule), {@code MechanismInvariants} (auctions,
 * absorption, windows, fillable price), {@code ShortfallInvariants} and {@code RoundingInvariants} (funding and
 * rounding).
 */
public final class Invariants {

    private Invariants() {}

    /** INV-CONS-1: every unit deposited is in an account, the insurance fund, the fee pool, or a loss ledger. */
    public static final Invariant CONSERVATION = ConservationInvariants.CONSERVATION;

    /** INV-CONS-2: only deposits, repayments, withdrawals, loans and insurance funding move tokens in or out. */
    public static final Invariant NET_FLOWS = ConservationInvariants.NET_FLOWS;

    /** INV-CONS-3: the fee pool grows by exactly the fees the events report and never shrinks. */
    public static final Invariant FEES = ConservationInvariants.FEES;

    /** INV-SOLV-1: the protocol never owes more tokens of an asset than it holds. */
    public static final Invariant HOLDINGS = ConservationInvariants.HOLDINGS;

    /** INV-OI-1: long open interest equals short open interest in every market. */
    public static final Invariant OPEN_INTEREST_BALANCED = ConservationInvariants.OPEN_INTEREST_BALANCED;

    /** INV-OI-2: stored open interest equals the positions, and positions sum to zero. */
    public static final Invariant OPEN_INTEREST_MATCHES_POSITIONS =
            ConservationInvariants.OPEN_INTEREST_MATCHES_POSITIONS;

    /** INV-OI-3: a transaction that raises a market's open interest leaves it within the cap. */
    public static final Invariant OPEN_INTEREST_CAP = ConservationInvariants.OPEN_INTEREST_CAP;

    /** INV-REP-1: nothing zero is stored, and every non-settlement, non-borrowable balance is non-negative. */
    public static final Invariant REPRESENTATION = ConservationInvariants.REPRESENTATION;

    /** INV-MARGIN-1: a transaction that increases an account's risk leaves it at or above initial margin. */
    public static final Invariant INITIAL_MARGIN = MarginInvariants.INITIAL_MARGIN;

    /** INV-MARGIN-2: withdrawals, loans and margin moves never leave an account or bucket liquidatable. */
    public static final Invariant WITHDRAWAL_HEALTH = MarginInvariants.WITHDRAWAL_HEALTH;

    /** INV-LIQ-1: a healthy account or isolated position cannot be liquidated. */
    public static final Invariant ONLY_UNHEALTHY_LIQUIDATED = LiquidationInvariants.ONLY_UNHEALTHY_LIQUIDATED;

    /** INV-LIQ-2: after an account-wide liquidation the account holds no cross position and no other asset. */
    public static final Invariant LIQUIDATION_CLOSES_ALL = LiquidationInvariants.LIQUIDATION_CLOSES_ALL;

    /** INV-LIQ-3: the keeper's reward never exceeds the penalty, and the penalty is split without remainder. */
    public static final Invariant KEEPER_REWARD = LiquidationInvariants.KEEPER_REWARD;

    /** INV-LIQ-4: a liquidation never increases the protocol's total liabilities beyond the bad debt it records. */
    public static final Invariant LIABILITIES = LiquidationInvariants.LIABILITIES;

    /** INV-LIQ-5: an isolated liquidation leaves the owner's cross account unchanged. */
    public static final Invariant ISOLATION = LiquidationInvariants.ISOLATION;

    /** INV-AUCT-1: an auction never sells more than its lot. */
    public static final Invariant AUCTION_LOT = MechanismInvariants.AUCTION_LOT;

    /** INV-AUCT-2: an auction's price never increases with time until it is reset. */
    public static final Invariant AUCTION_PRICE = MechanismInvariants.AUCTION_PRICE;

    /** INV-AUCT-3: the owner gets every leftover when an auction ends. */
    public static final Invariant AUCTION_LEFTOVERS = MechanismInvariants.AUCTION_LEFTOVERS;

    /** INV-ABSORB-1: an absorption conserves value with the protocol's reserves. */
    public static final Invariant ABSORPTION = MechanismInvariants.ABSORPTION;

    /** INV-VAULT-1: a vault takeover never loses the vault value: negative equity is booked as a shortfall. */
    public static final Invariant VAULT_TAKEOVER = MechanismInvariants.VAULT_TAKEOVER;

    /** INV-WIN-1: the size a window-capped liquidation closes never exceeds what its market's window allows. */
    public static final Invariant WINDOW_CAP = MechanismInvariants.WINDOW_CAP;

    /** INV-FILL-1: a fillable-price liquidation fills within the spread and charges at most the capped fee. */
    public static final Invariant FILLABLE_PRICE = MechanismInvariants.FILLABLE_PRICE;

    /** INV-FRAME-1: a transaction changes only the accounts it involves. */
    public static final Invariant FRAME = LiquidationInvariants.FRAME;

    /** INV-SHORT-1: shortfall = insurance draw + socialized + deleveraged + bad debt, exactly, in events and ledger. */
    public static final Invariant SHORTFALL_ACCOUNTED = ShortfallInvariants.SHORTFALL_ACCOUNTED;

    /** INV-SHORT-2: the insurance fund is never negative, and pays first. */
    public static final Invariant FUND = ShortfallInvariants.FUND;

    /** INV-SHORT-3: socialized losses are pro rata to positive settlement balances. */
    public static final Invariant PRO_RATA = ShortfallInvariants.PRO_RATA;

    /** INV-SHORT-4: deleveraging takes at most a position's profit. */
    public static final Invariant DELEVERAGE_WITHIN_PROFIT = ShortfallInvariants.DELEVERAGE_WITHIN_PROFIT;

    /** INV-LEDGER-1: loss ledgers only grow, and only in liquidations. */
    public static final Invariant LEDGERS = ShortfallInvariants.LEDGERS;

    /** INV-FUNDING-1: the funding index moves no faster than the capped rate allows. */
    public static final Invariant FUNDING_RATE = RoundingInvariants.FUNDING_RATE;

    /** INV-ROUND-1: rounding is in the protocol's favour. */
    public static final Invariant ROUNDING = RoundingInvariants.ROUNDING;

    /** INV-REV-1: a reverted transaction leaves the state equal to the one before. */
    public static final Invariant REVERT_CHANGES_NOTHING = ConservationInvariants.REVERT_CHANGES_NOTHING;

    /** INV-DET-1: the same transaction against the same state gives the same result. */
    public static final Invariant DETERMINISM = ConservationInvariants.DETERMINISM;

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
            VAULT_TAKEOVER,
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
}
