package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.List;
import io.vavr.control.Either;

/**
 * Every precondition, as a flat list of checks that each return the revert they fail with (Aave's
 * {@code ValidationLogic}). Logic classes call them in the order the reference contract checks, so that the same revert
 * wins when two conditions fail.
 */
public final class ValidationLogic {

    private ValidationLogic() {}

    /** {@return the amount as a signed word if it is positive} */
    public static Either<Revert, I256> positive(String field, U256 amount) {
        return amount.isZero()
                ? Either.left(new Revert.InvalidAmount(field, I256.ZERO))
                : Either.right(amount.toI256());
    }

    /** {@return the size if it is not zero} */
    public static Either<Revert, I256> nonZero(String field, I256 size) {
        return size.isZero() ? Either.left(new Revert.InvalidAmount(field, size)) : Either.right(size);
    }

    /** {@return the asset's configuration if it is configured} */
    public static Either<Revert, AssetConfig> asset(ProtocolState state, AssetId asset) {
        return state.config().assets().get(asset).toEither(() -> new Revert.UnknownAsset(asset));
    }

    /** {@return the market's configuration if it is configured} */
    public static Either<Revert, MarketConfig> market(ProtocolState state, MarketId market) {
        return state.config().markets().get(market).toEither(() -> new Revert.UnknownMarket(market));
    }

    /** {@return the account if it exists} */
    public static Either<Revert, Account> account(ProtocolState state, AccountId id) {
        return state.account(id).toEither(() -> new Revert.UnknownAccount(id));
    }

    /** {@return the account if the block's sender owns it} */
    public static Either<Revert, Account> ownAccount(ProtocolState state, AccountId id, BlockContext block) {
        if (!block.sender().equals(id)) {
            return Either.left(new Revert.Unauthorized(id, block.sender()));
        }
        return account(state, id);
    }

    /** {@return nothing if {@code price} is within the market's band around the oracle price} */
    public static Either<Revert, Quote> withinBand(MarketConfig market, I256 price, Quote oracle) {
        if (!price.isPositive()) {
            return Either.left(new Revert.InvalidAmount("price", price));
        }
        // |price - oracle| / oracle <= band, compared exactly without a division
        I256 distance = price.minus(oracle.price()).abs().times(FixedPoint.WAD);
        I256 allowed = oracle.price().times(market.priceBand().raw());
        if (distance.gt(allowed)) {
            return Either.left(new Revert.PriceOutsideBand(market.id(), price, oracle.price(), market.priceBand()));
        }
        return Either.right(oracle);
    }

    /** {@return nothing if the account meets its initial requirement, else the revert naming the gap} */
    public static Either<Revert, MarginLogic.AccountData> meetsInitial(AccountId id, MarginLogic.AccountData data) {
        return data.meetsInitial()
                ? Either.right(data)
                : Either.left(new Revert.InsufficientMargin(id, data.initialRequirement(), data.marginEquity()));
    }

    /**
     * {@return the transaction if no account it acts for is flagged for liquidation} A flagged account may not
     * deposit, withdraw, borrow, repay, trade, move isolated margin or settle funding until its positions are
     * liquidated (Synthetix v3 reverts such calls with {@code AccountLiquidatable}); liquidations and auction calls
     * pass.
     */
    public static Either<Revert, Tx> notFlagged(ProtocolState state, Tx tx) {
        if (state.flagged().isEmpty()) {
            return Either.right(tx);
        }
        List<AccountId> actors = switch (tx) {
            case Tx.Deposit t -> List.of(t.account());
            case Tx.Withdraw t -> List.of(t.account());
            case Tx.Borrow t -> List.of(t.account());
            case Tx.Repay t -> List.of(t.account());
            case Tx.Trade t -> List.of(t.taker(), t.maker());
            case Tx.OpenIsolated t -> List.of(t.account(), t.maker());
            case Tx.ModifyIsolated t -> List.of(t.account(), t.maker());
            case Tx.CloseIsolated t -> List.of(t.account(), t.maker());
            case Tx.AddIsolatedMargin t -> List.of(t.account());
            case Tx.RemoveIsolatedMargin t -> List.of(t.account());
            case Tx.SettleFunding t -> List.of(t.account());
            case Tx.BuyCollateral t -> List.of(t.buyer());
            case Tx.FundInsurance t -> List.empty();
            case Tx.Liquidate t -> List.empty();
            case Tx.LiquidateIsolated t -> List.empty();
            case Tx.Take t -> List.empty();
            case Tx.Redo t -> List.empty();
        };
        return actors.find(state::isFlagged)
                .<Either<Revert, Tx>>map(a -> Either.left(new Revert.FlaggedForLiquidation(a)))
                .getOrElse(Either.right(tx));
    }
}
