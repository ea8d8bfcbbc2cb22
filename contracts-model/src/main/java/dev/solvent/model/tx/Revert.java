package dev.solvent.model.tx;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;

/**
 * Why a transaction reverted, as a Solidity custom error: one record per reason, carrying the numbers a user needs. A
 * revert leaves the state exactly as it was.
 */
public sealed interface Revert {

    /** {@return a one-line explanation for people} */
    default String message() {
        return toString();
    }

    /** An amount or size that must be positive (or non-zero) was not. */
    record InvalidAmount(String field, I256 value) implements Revert {}

    /** The account does not exist. */
    record UnknownAccount(AccountId account) implements Revert {}

    /** The asset is not configured. */
    record UnknownAsset(AssetId asset) implements Revert {}

    /** The market is not configured. */
    record UnknownMarket(MarketId market) implements Revert {}

    /** Only the account's owner may do this. */
    record Unauthorized(AccountId account, AccountId sender) implements Revert {}

    /** The asset cannot be borrowed. */
    record AssetNotBorrowable(AssetId asset) implements Revert {}

    /** The balance is smaller than the amount and the asset is not borrowable. */
    record InsufficientBalance(AccountId account, AssetId asset, I256 balance, I256 amount) implements Revert {}

    /** The protocol holds fewer tokens than the amount. */
    record InsufficientLiquidity(AssetId asset, I256 available, I256 amount) implements Revert {}

    /** The repayment exceeds the debt. */
    record RepayExceedsDebt(AccountId account, AssetId asset, I256 debt, I256 amount) implements Revert {}

    /** Margin equity after the call would be below the initial requirement. */
    record InsufficientMargin(AccountId account, I256 requirement, I256 equity) implements Revert {}

    /** The account (or isolated position) is not below its maintenance requirement. */
    record NotLiquidatable(AccountId account, I256 equity, I256 requirement) implements Revert {}

    /** The block carries no answer for this price key. */
    record MissingPrice(String key) implements Revert {}

    /** The oracle answer is older than the allowed age. */
    record StalePrice(String key, long updatedAt, long timestamp, long maxAge) implements Revert {}

    /** The oracle answer is zero or negative. */
    record InvalidPrice(String key, I256 answer) implements Revert {}

    /** The trade price is farther from the oracle price than the market's band allows. */
    record PriceOutsideBand(MarketId market, I256 price, I256 oraclePrice, Wad band) implements Revert {}

    /** The trade would take open interest above the market's cap. */
    record OpenInterestCapExceeded(MarketId market, I256 openInterest, I256 cap) implements Revert {}

    /** Taker and maker are the same account. */
    record SelfTrade(AccountId account) implements Revert {}

    /** The account already has an isolated position in the market. */
    record IsolatedPositionExists(AccountId account, MarketId market) implements Revert {}

    /** The account has no isolated position in the market. */
    record NoIsolatedPosition(AccountId account, MarketId market) implements Revert {}

    /** An account cannot take over its own liquidation. */
    record SelfLiquidation(AccountId account) implements Revert {}

    /** Absorbed collateral is not for sale while reserves are at or above their target (Comet's NotForSale). */
    record NotForSale(I256 reserves, I256 targetReserves) implements Revert {}

    /** The collateral a purchase would buy is below the buyer's minimum (Comet's TooMuchSlippage). */
    record TooMuchSlippage(I256 amount, I256 minAmount) implements Revert {}

    /** The protocol holds less absorbed collateral than a purchase would buy (Comet's InsufficientReserves). */
    record InsufficientCollateralReserves(AssetId asset, I256 available, I256 amount) implements Revert {}

    /** The operation does not exist under the configured liquidation policy. */
    record NotSupportedByPolicy(String operation, String policy) implements Revert {}

    /** No auction runs under this id. */
    record NoSuchAuction(long auction) implements Revert {}

    /** The auction has run too long or fallen too far and must be reset first (Maker's "Clipper/needs-reset"). */
    record AuctionNeedsReset(long auction) implements Revert {}

    /** The auction does not need a reset (Maker's "Clipper/cannot-reset"). */
    record AuctionCannotReset(long auction) implements Revert {}

    /** The current price is above the taker's maximum (Maker's "Clipper/too-expensive"). */
    record AuctionTooExpensive(long auction, I256 price, I256 maxPrice) implements Revert {}

    /** The take would leave a tab below dust and cannot be adjusted (Maker's "Clipper/no-partial-purchase"). */
    record NoPartialPurchase(long auction, I256 tab, I256 dust) implements Revert {}

    /** Starting the auction would put more tab in auctions than allowed (Maker's "Dog/liquidation-limit-hit"). */
    record AuctionLimitReached(I256 inAuctions, I256 tab, I256 limit) implements Revert {}

    /**
     * The account is flagged for liquidation and may not deposit, withdraw, trade or settle until its positions are
     * liquidated (Synthetix v3's {@code AccountLiquidatable}).
     */
    record FlaggedForLiquidation(AccountId account) implements Revert {}

    /** Solidity {@code Panic(uint256)}: {@code 0x11} arithmetic overflow, {@code 0x12} division by zero. */
    record Panic(int code) implements Revert {}
}
