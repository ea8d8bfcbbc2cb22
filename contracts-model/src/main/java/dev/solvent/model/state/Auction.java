package dev.solvent.model.state;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;

/**
 * A running Dutch auction of one collateral asset (Maker's {@code Clipper.Sale}): the protocol holds the lot and sells
 * it for at most the tab.
 *
 * @param owner the liquidated account, which gets back what the auction does not sell
 * @param asset the collateral sold
 * @param tab settlement base units still to raise
 * @param lot base units of the asset still for sale
 * @param tic the block timestamp the auction started or was last reset at
 * @param top the starting price, with {@code decimals} decimals, in settlement units per whole unit of the asset
 * @param decimals the decimals of {@code top}, the asset's feed decimals
 */
public record Auction(AccountId owner, AssetId asset, I256 tab, I256 lot, long tic, I256 top, int decimals) {

    /** Requires every field. */
    public Auction {
        if (owner == null || asset == null || tab == null || lot == null || top == null) {
            throw new IllegalArgumentException("an auction needs every field");
        }
    }
}
