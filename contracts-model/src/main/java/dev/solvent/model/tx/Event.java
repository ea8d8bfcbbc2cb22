package dev.solvent.model.tx;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import io.vavr.collection.Vector;

/** An event the contract emits, in past tense; a receipt lists them in emission order. Amounts are base units. */
public sealed interface Event {

    /** Collateral entered an account. */
    record Deposited(AccountId account, AssetId asset, I256 amount) implements Event {}

    /** Collateral left an account. */
    record Withdrawn(AccountId account, AssetId asset, I256 amount) implements Event {}

    /** An account borrowed an asset out of the protocol. */
    record Borrowed(AccountId account, AssetId asset, I256 amount) implements Event {}

    /** An account repaid debt. */
    record Repaid(AccountId account, AssetId asset, I256 amount) implements Event {}

    /** The insurance fund received settlement units. */
    record InsuranceFunded(AccountId from, I256 amount) implements Event {}

    /**
     * A position changed size by a fill.
     *
     * @param quoteDelta settlement units the position's quote changed by (negative when it paid)
     * @param fee settlement units of trading fee charged to the account
     */
    record PositionModified(
            AccountId account,
            MarketId market,
            boolean isolated,
            I256 sizeDelta,
            I256 price,
            I256 newSize,
            I256 quoteDelta,
            I256 fee)
            implements Event {}

    /** A position paid (positive) or received (negative) accrued funding. */
    record FundingSettled(AccountId account, MarketId market, boolean isolated, I256 paid) implements Event {}

    /** An isolated position's margin changed. */
    record IsolatedMarginChanged(AccountId account, MarketId market, I256 delta, I256 margin) implements Event {}

    /** Collateral of a liquidated account passed to the receiver at the oracle price less its haircut. */
    record CollateralSeized(AccountId account, AccountId receiver, AssetId asset, I256 amount, I256 value)
            implements Event {}

    /** One position closed by a liquidation, at the oracle price, for {@code value} settlement units. */
    record ClosedPosition(MarketId market, I256 size, I256 price, I256 value) {}

    /**
     * An account-wide liquidation: every cross position closed at once.
     *
     * @param penalty the penalty actually charged (capped at what the account had)
     * @param insuranceContribution the part of the penalty that went to the insurance fund
     * @param shortfall what the account could not pay, absorbed by the events that follow
     */
    record AccountLiquidated(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            Vector<ClosedPosition> closed,
            I256 closedNotional,
            I256 penalty,
            I256 keeperReward,
            I256 insuranceContribution,
            I256 shortfall)
            implements Event {}

    /** One isolated position liquidated alone; fields as in {@link AccountLiquidated}. */
    record IsolatedPositionLiquidated(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            ClosedPosition closed,
            I256 closedNotional,
            I256 penalty,
            I256 keeperReward,
            I256 insuranceContribution,
            I256 shortfall)
            implements Event {}

    /** The insurance fund paid part of an account's shortfall. */
    record ShortfallCovered(AccountId account, I256 amount) implements Event {}

    /** An account's balance was charged its pro-rata share of a shortfall. */
    record LossSocialized(AccountId account, I256 amount) implements Event {}

    /** A profitable position gave up part of its profit to cover a shortfall. */
    record PositionDeleveraged(AccountId account, MarketId market, I256 amount) implements Event {}

    /**
     * A position closed by auto-deleveraging against the receiver of a liquidation, at the oracle {@code price} less
     * {@code charge}, its share of the shortfall.
     *
     * @param size the change of the deleveraged position's size (toward zero)
     */
    record PositionAutoDeleveraged(
            AccountId account, AccountId receiver, MarketId market, I256 size, I256 price, I256 charge)
            implements Event {}

    /** A shortfall nobody paid was added to the protocol's bad debt. */
    record BadDebtRecorded(AccountId account, I256 amount) implements Event {}

    /** Debt of one asset repaid by the keeper in a partial liquidation, worth {@code value} settlement units. */
    record DebtRepaid(AssetId asset, I256 amount, I256 value) {}

    /**
     * A close-factor liquidation (Aave's {@code LiquidationCall}): the keeper repaid part of the debts and took over
     * part of the positions, and was paid the bonus less the protocol's share.
     *
     * @param factor the fraction closed: the close factor, or 1 for a full close
     * @param closed the parts of positions closed, at the oracle price
     * @param repaid the debts the keeper repaid
     * @param closedNotional the notional of the closed parts
     * @param bonus the bonus actually charged (capped at the account's equity)
     * @param keeperReward the bonus less the protocol's share
     * @param protocolFee the protocol's share, paid into the insurance fund
     * @param shortfall what the account could not pay, absorbed by the events that follow
     */
    record LiquidationCalled(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            Wad factor,
            Vector<ClosedPosition> closed,
            Vector<DebtRepaid> repaid,
            I256 closedNotional,
            I256 bonus,
            I256 keeperReward,
            I256 protocolFee,
            I256 shortfall)
            implements Event {}

    /** Collateral of an absorbed account passed to the protocol's collateral reserves (Comet's AbsorbCollateral). */
    record CollateralAbsorbed(AccountId account, AssetId asset, I256 amount, I256 value) implements Event {}

    /**
     * An absorption (Comet's {@code absorb}): positions closed into the receiver, collateral into the protocol's
     * reserves; fields as in {@link AccountLiquidated}.
     *
     * @param debtAbsorbed settlement units of debt the reserves covered (Comet's AbsorbDebt)
     */
    record AccountAbsorbed(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            Vector<ClosedPosition> closed,
            I256 closedNotional,
            I256 penalty,
            I256 keeperReward,
            I256 insuranceContribution,
            I256 debtAbsorbed)
            implements Event {}

    /** A buyer bought absorbed collateral from the protocol for settlement units (Comet's BuyCollateral). */
    record CollateralBought(AccountId buyer, AssetId asset, I256 baseAmount, I256 collateralAmount) implements Event {}

    /**
     * An auction started (Maker's Kick) or restarted (Redo), and the keeper earned its incentive from the reserves.
     *
     * @param reset whether it is a restart
     */
    record AuctionKicked(
            long auction,
            AccountId owner,
            AssetId asset,
            I256 tab,
            I256 lot,
            I256 top,
            AccountId keeper,
            I256 incentive,
            boolean reset)
            implements Event {}

    /** A keeper bought {@code slice} of a lot for {@code owe} settlement units at {@code price} (Maker's Take). */
    record AuctionTaken(long auction, AccountId keeper, I256 price, I256 slice, I256 owe, I256 tab, I256 lot)
            implements Event {}

    /**
     * An auction ended: {@code returned} of the lot went back to the owner, and {@code unpaid} of the tab stays a
     * loss of the reserves.
     */
    record AuctionEnded(long auction, AccountId owner, I256 returned, I256 unpaid) implements Event {}

    /**
     * A backstop liquidation: the vault took over every cross position and every balance of the account, at no less
     * than zero equity. An account taken over below zero leaves its negative equity as a {@code shortfall}, borne by
     * the insurance fund and then the shortfall policy in the events that follow (auto-deleveraging under Hyperliquid's
     * preset); the vault never absorbs it silently.
     *
     * @param keeper the sender of the liquidation
     * @param equity the account's equity (without haircuts) when the vault took it over; negative when it was underwater
     * @param shortfall what the account could not pay, {@code max(0, -equity)}, absorbed by the events that follow; the
     *     vault received {@code equity + shortfall}, never less than zero
     */
    record AccountBackstopped(
            AccountId account,
            AccountId keeper,
            AccountId vault,
            Vector<ClosedPosition> closed,
            I256 equity,
            I256 shortfall)
            implements Event {}

    /**
     * An account was flagged for liquidation (Synthetix v3's {@code AccountFlaggedForLiquidation}): every balance it
     * held went to the receiver.
     *
     * @param availableMargin the account's margin equity when flagged
     * @param requirement its maintenance requirement, the possible liquidation reward included
     * @param seizedValue the value of the balances seized, without haircuts (the base of the keeper reward's cap)
     * @param flagCost the keeper's cost of flagging, settlement base units
     */
    record AccountFlagged(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            I256 availableMargin,
            I256 requirement,
            I256 seizedValue,
            I256 flagCost)
            implements Event {}

    /**
     * One liquidation call under window caps (Synthetix v3's {@code PositionLiquidated} events and
     * {@code AccountLiquidationAttempt}): parts of positions closed into the receiver at the oracle price, the PnL
     * forfeited to the receiver, the keeper paid by the receiver.
     *
     * @param closed the parts of positions closed, each at most what its market's window allowed
     * @param forfeited settlement units moved from the account to the receiver (realized value and the PnL of what is
     *     left of partly closed positions; negative when the receiver bore a loss)
     * @param flagReward the flag rewards counted in the keeper reward (zero unless this call flagged the account)
     * @param keeperReward what the receiver paid the keeper
     * @param fullyLiquidated whether no cross position is left, so that the flag is lowered
     */
    record WindowLiquidation(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            Vector<ClosedPosition> closed,
            I256 forfeited,
            I256 flagReward,
            I256 keeperReward,
            boolean fullyLiquidated)
            implements Event {}

    /**
     * One position liquidated at dYdX v4's fillable price: closed into the receiver for {@code closed.value()}
     * settlement units (the price in {@code closed} is the oracle price), the fee paid to the insurance fund, or the
     * shortfall below the bankruptcy price absorbed by the events that follow.
     *
     * @param oracleValue the position's value at the oracle price ({@code PNNV}, rounded down)
     * @param maxSpread the largest distance of the fill from {@code oracleValue}, {@code SMMR * PMMR} rounded down
     * @param bankruptcyValue what closing the position must bring for the account to end with exactly nothing above
     *     its share of the requirement ({@code PNNV - TNC * PMMR / TMMR}, rounded down)
     * @param fee the liquidation fee paid to the insurance fund
     * @param shortfall what the fill fell short of the bankruptcy value
     */
    record FillableLiquidation(
            AccountId account,
            AccountId keeper,
            AccountId receiver,
            ClosedPosition closed,
            I256 oracleValue,
            I256 maxSpread,
            I256 bankruptcyValue,
            I256 fee,
            I256 shortfall)
            implements Event {}
}
