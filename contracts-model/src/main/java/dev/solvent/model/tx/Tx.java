package dev.solvent.model.tx;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;

/**
 * A transaction, named after the contract function it calls. Sizes are in base units of a market's underlying
 * (positive buys, negative sells); prices have the decimals of the market's oracle answer; amounts are base units of
 * the asset.
 */
public sealed interface Tx {

    /** Deposit {@code amount} of {@code asset} into {@code account} (anyone may deposit for anyone). */
    record Deposit(AccountId account, AssetId asset, U256 amount) implements Tx {}

    /** Withdraw {@code amount} of {@code asset}; only the owner; the account must still meet initial margin. */
    record Withdraw(AccountId account, AssetId asset, U256 amount) implements Tx {}

    /** Borrow {@code amount} of a borrowable {@code asset} out of the protocol; only the owner; initial margin applies. */
    record Borrow(AccountId account, AssetId asset, U256 amount) implements Tx {}

    /** Repay up to the debt in {@code asset} of {@code account}. */
    record Repay(AccountId account, AssetId asset, U256 amount) implements Tx {}

    /** Add settlement-asset units to the insurance fund. */
    record FundInsurance(U256 amount) implements Tx {}

    /** A fill between two cross accounts: the taker buys {@code size} from the maker at {@code price}. */
    record Trade(MarketId market, AccountId taker, AccountId maker, I256 size, I256 price) implements Tx {}

    /** Open an isolated position with {@code margin} moved from the owner's settlement balance, filled by a maker. */
    record OpenIsolated(AccountId account, MarketId market, AccountId maker, I256 size, I256 price, U256 margin)
            implements Tx {}

    /** Change an isolated position's size by {@code sizeDelta}, filled by a maker. */
    record ModifyIsolated(AccountId account, MarketId market, AccountId maker, I256 sizeDelta, I256 price)
            implements Tx {}

    /** Close an isolated position against a maker and return its margin and PnL to the owner's cross balance. */
    record CloseIsolated(AccountId account, MarketId market, AccountId maker, I256 price) implements Tx {}

    /** Move settlement-asset units from the owner's balance into an isolated position's margin. */
    record AddIsolatedMargin(AccountId account, MarketId market, U256 amount) implements Tx {}

    /** Move margin back to the owner's balance; the isolated position must still meet initial margin. */
    record RemoveIsolatedMargin(AccountId account, MarketId market, U256 amount) implements Tx {}

    /** Settle accrued funding on every position of {@code account}. */
    record SettleFunding(AccountId account) implements Tx {}

    /** Liquidate every cross position and all collateral of an unhealthy account at once. */
    record Liquidate(AccountId account) implements Tx {}

    /** Liquidate one unhealthy isolated position alone. */
    record LiquidateIsolated(AccountId account, MarketId market) implements Tx {}

    /**
     * Buy absorbed collateral with {@code baseAmount} settlement units from the buyer's balance, for at least
     * {@code minAmount} base units of {@code asset} (Comet's {@code buyCollateral}); only under an absorbing policy.
     */
    record BuyCollateral(AccountId buyer, AssetId asset, U256 minAmount, U256 baseAmount) implements Tx {}

    /**
     * Buy up to {@code amount} base units of a running auction's lot at its current price, if that price is at most
     * {@code maxPrice} (feed decimals); the sender pays from its settlement balance (Maker's {@code Clipper.take}).
     */
    record Take(long auction, U256 amount, I256 maxPrice) implements Tx {}

    /** Restart an auction that has run too long or fallen too far, from the current oracle price (Maker's redo). */
    record Redo(long auction) implements Tx {}
}
