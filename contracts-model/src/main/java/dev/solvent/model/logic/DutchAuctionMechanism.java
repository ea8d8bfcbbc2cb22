package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Auction;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * {@link LiquidationPolicy.DutchAuction}, Maker's {@code bark} ({@code dog.sol}) and {@code kick} ({@code clip.sol}):
 * closes the positions into the receiver at the oracle price, lets the reserves take over the debts, and auctions
 * each collateral asset for its share (by value) of the debt times {@code chop}, the keeper earning
 * {@code tip + chip * tab} per auction from the reserves. No penalty is charged now: {@code chop} is the penalty, paid
 * by the auctions. {@link AuctionLogic} takes and resets the auctions.
 */
record DutchAuctionMechanism(LiquidationPolicy.DutchAuction policy) implements Mechanism {

    @Override
    public I256 closeSize(Step st, Target t, MarketId m, I256 held) {
        return held;
    }

    /** One collateral balance put up for auction: the amount, its value (rounded down) and its quote. */
    private record Lot(I256 amount, I256 value, Quote quote) {}

    /**
     * Kicks the auctions when there is both a debt and collateral; a debt with no collateral to sell, or collateral
     * with no debt to sell it for, stays where it is: the debt is a loss of the reserves, the collateral stays the
     * owner's.
     */
    @Override
    public Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing) {
        TreeMap<AssetId, Lot> lots = takeOverDebts(st, t);
        AssetId settlement = t.config().settlementAsset();
        I256 debt = st.account(t.id()).balance(settlement).negate().max(I256.ZERO);
        if (debt.isPositive() && !lots.isEmpty()) {
            Either<Revert, Boolean> kicked = kick(st, t, debt, lots);
            if (kicked.isLeft()) {
                return Either.left(kicked.getLeft());
            }
        }
        I256 left = st.account(t.id()).balance(settlement).negate().max(I256.ZERO);
        Event event = new Event.AccountLiquidated(
                t.id(),
                t.keeper(),
                receiver,
                closing.closed(),
                closing.notional(),
                I256.ZERO,
                I256.ZERO,
                I256.ZERO,
                left);
        return Either.right(new Settled(event, left, lots.size(), t.receiverChecks(receiver)));
    }

    /**
     * Passes debts in other assets to the reserves at their value, rounded up, and {@return the collateral balances
     * to auction}
     */
    private static TreeMap<AssetId, Lot> takeOverDebts(Step st, Target t) {
        int ds = t.settlementDecimals();
        TreeMap<AssetId, Lot> lots = TreeMap.empty();
        for (var entry : st.account(t.id()).balances()) {
            if (entry._1.equals(t.config().settlementAsset())) {
                continue;
            }
            AssetConfig asset = t.config().assets().get(entry._1).get();
            Quote q = MarginLogic.assetPrice(t.config(), asset.id(), t.block()).get();
            if (entry._2.isNegative()) {
                I256 value = MarginLogic.debtValue(entry._2.negate(), asset.decimals(), q, ds);
                st.put(st.account(t.id()).withBalance(asset.id(), I256.ZERO));
                st.plusSettlement(t.id(), value.negate());
                st.state = st.state
                        .plusCollateralReserve(asset.id(), entry._2)
                        .withReserves(st.state.reserves().plus(value));
            } else {
                lots = lots.put(
                        asset.id(),
                        new Lot(entry._2, MarginLogic.collateralValue(entry._2, asset.decimals(), q, ds), q));
            }
        }
        return lots;
    }

    /**
     * The reserves carry the debt while the collateral is sold: each lot is auctioned for its share of the tab
     * {@code debt * chop} (rounded up) by value, rounded down, the last lot taking what rounding left; a tab over the
     * auction limits reverts.
     */
    private Either<Revert, Boolean> kick(Step st, Target t, I256 debt, TreeMap<AssetId, Lot> lots) {
        st.plusSettlement(t.id(), debt);
        st.state = st.state.withReserves(st.state.reserves().minus(debt));
        I256 tab = MarginLogic.penaltyOwed(debt, policy.chop());
        I256 totalValue = lots.values().foldLeft(I256.ZERO, (s, l) -> s.plus(l.value()));
        I256 allotted = I256.ZERO;
        int i = 0;
        for (var entry : lots) {
            i++;
            I256 share = i == lots.size() || totalValue.isZero()
                    ? tab.minus(allotted)
                    : FixedPoint.mulDiv(tab, entry._2.value(), totalValue, Rounding.FLOOR);
            allotted = allotted.plus(share);
            Either<Revert, Boolean> checked = AuctionLogic.limits(st.state, policy, entry._1, share);
            if (checked.isLeft()) {
                return checked;
            }
            start(st, t, entry._1, entry._2, share);
        }
        return Either.right(true);
    }

    /** Starts one auction at the oracle price times {@code buf} and pays the keeper its incentive. */
    private void start(Step st, Target t, AssetId asset, Lot lot, I256 tab) {
        Quote q = lot.quote();
        long auctionId = st.state.nextAuctionId();
        I256 top = FixedPoint.wadMulFloor(q.price(), policy.buf().raw());
        st.put(st.account(t.id()).withBalance(asset, I256.ZERO));
        Auction a = new Auction(t.id(), asset, tab, lot.amount(), t.block().timestamp(), top, q.decimals());
        st.state = st.state.withAuction(auctionId, Option.some(a));
        I256 incentive = AuctionLogic.incentive(st, policy, t.keeper(), tab);
        st.emit(new Event.AuctionKicked(
                auctionId, t.id(), asset, tab, lot.amount(), top, t.keeper(), incentive, false));
    }

    @Override
    public Bearer bearer() {
        return Bearer.RESERVES;
    }
}
