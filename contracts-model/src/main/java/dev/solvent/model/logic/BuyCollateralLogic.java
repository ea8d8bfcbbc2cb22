package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;

/**
 * Sales of absorbed collateral from the protocol's storefront while reserves are below target, mirroring Comet
 * {@code buyCollateral} and {@code quoteCollateral} (compound-finance/comet {@code contracts/Comet.sol} at commit
 * {@code 17a6e7ac}): checks in Comet's order (not for sale, slippage, collateral reserves), the buyer pays from its
 * settlement balance into the reserves.
 */
public final class BuyCollateralLogic {

    private BuyCollateralLogic() {}

    /** Sells absorbed collateral for settlement units at the storefront price. */
    public static Either<Revert, Receipt> buy(ProtocolState state, Tx.BuyCollateral tx, BlockContext block) {
        if (!(state.config().liquidation() instanceof LiquidationPolicy.Absorb policy)) {
            return Either.left(new Revert.NotSupportedByPolicy(
                    "BuyCollateral", state.config().liquidation().getClass().getSimpleName()));
        }
        ProtocolConfig config = state.config();
        Either<Revert, AssetConfig> asset = ValidationLogic.asset(state, tx.asset())
                .flatMap(a -> a.id().equals(config.settlementAsset())
                        ? Either.left(new Revert.UnknownAsset(a.id()))
                        : Either.right(a));
        Either<Revert, I256> base = asset.flatMap(a -> ValidationLogic.positive("baseAmount", tx.baseAmount()));
        Either<Revert, Account> buyer = base.flatMap(b -> ValidationLogic.ownAccount(state, tx.buyer(), block));
        if (buyer.isLeft()) {
            return Either.left(buyer.getLeft());
        }
        I256 target = policy.targetReserves().toI256();
        if (!state.reserves().lt(target)) {
            return Either.left(new Revert.NotForSale(state.reserves(), target));
        }
        I256 baseAmount = base.get();
        I256 balance = buyer.get().balance(config.settlementAsset());
        if (balance.lt(baseAmount)) {
            return Either.left(
                    new Revert.InsufficientBalance(tx.buyer(), config.settlementAsset(), balance, baseAmount));
        }
        Either<Revert, I256> quote = MarginLogic.assetPrice(config, tx.asset(), block)
                .map(q -> quoteCollateral(
                        asset.get(),
                        policy.liquidationFactor(tx.asset()),
                        policy.storeFrontPriceFactor(),
                        q,
                        config.settlement().decimals(),
                        baseAmount));
        if (quote.isLeft()) {
            return Either.left(quote.getLeft());
        }
        I256 amount = quote.get();
        if (amount.lt(tx.minAmount().toI256())) {
            return Either.left(new Revert.TooMuchSlippage(amount, tx.minAmount().toI256()));
        }
        I256 held = state.collateralReserve(tx.asset());
        if (amount.gt(held)) {
            return Either.left(new Revert.InsufficientCollateralReserves(tx.asset(), held, amount));
        }
        Step st = new Step(state);
        st.plusSettlement(tx.buyer(), baseAmount.negate());
        st.put(st.account(tx.buyer()).plusBalance(tx.asset(), amount));
        st.state = st.state
                .withReserves(st.state.reserves().plus(baseAmount))
                .plusCollateralReserve(tx.asset(), amount.negate());
        st.emit(new Event.CollateralBought(tx.buyer(), tx.asset(), baseAmount, amount));
        return TradeLogic.crossInitial(st.state, tx.buyer(), block)
                .map(x -> st.receipt(config.gas().trade()));
    }

    /**
     * Base units of collateral that {@code baseAmount} settlement units buy, as Comet's {@code quoteCollateral}: the
     * discount is {@code storeFront * (1 - liquidationFactor)} (rounded down), the discounted price is the oracle price
     * times {@code 1 - discount} (rounded down), and the amount is rounded down twice, as Comet divides by the
     * discounted price and then by the base scale. The settlement asset is priced at par with the feed's decimals.
     */
    public static I256 quoteCollateral(
            AssetConfig asset,
            Wad liquidationFactor,
            Wad storeFrontPriceFactor,
            Quote q,
            int settlementDecimals,
            I256 baseAmount) {
        I256 discount =
                FixedPoint.wadMulFloor(storeFrontPriceFactor.raw(), FixedPoint.WAD.minus(liquidationFactor.raw()));
        I256 discounted = FixedPoint.wadMulFloor(q.price(), FixedPoint.WAD.minus(discount));
        I256 basePrice = Units.pow10(q.decimals());
        I256 perScale = basePrice.times(baseAmount).times(Units.pow10(asset.decimals()));
        return perScale.divide(discounted, Rounding.FLOOR).divide(Units.pow10(settlementDecimals), Rounding.FLOOR);
    }
}
