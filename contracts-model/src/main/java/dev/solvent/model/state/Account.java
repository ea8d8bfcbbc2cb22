package dev.solvent.model.state;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * An account: collateral balances per asset (negative for a loan of a borrowable asset), cross positions that share
 * one margin, and isolated positions that each have their own. Zero balances and flat cross positions are not stored.
 *
 * @param id the account
 * @param balances base units per asset; never zero
 * @param positions cross positions per market; never flat
 * @param isolated isolated positions per market, one per market at most
 */
public record Account(
        AccountId id,
        TreeMap<AssetId, I256> balances,
        TreeMap<MarketId, Position> positions,
        TreeMap<MarketId, IsolatedPosition> isolated) {

    /** Requires every field. */
    public Account {
        if (id == null || balances == null || positions == null || isolated == null) {
            throw new IllegalArgumentException("an account needs id, balances, positions and isolated");
        }
    }

    /** {@return a new account with nothing in it} */
    public static Account empty(AccountId id) {
        return new Account(id, TreeMap.empty(), TreeMap.empty(), TreeMap.empty());
    }

    /** {@return the balance of {@code asset}, zero if none} */
    public I256 balance(AssetId asset) {
        return balances.get(asset).getOrElse(I256.ZERO);
    }

    /** {@return a copy with the balance of {@code asset} set; a zero balance is removed} */
    public Account withBalance(AssetId asset, I256 amount) {
        return new Account(
                id, amount.isZero() ? balances.remove(asset) : balances.put(asset, amount), positions, isolated);
    }

    /** {@return a copy with {@code delta} added to the balance of {@code asset}} */
    public Account plusBalance(AssetId asset, I256 delta) {
        return withBalance(asset, balance(asset).plus(delta));
    }

    /** {@return the cross position in {@code market}, if any} */
    public Option<Position> position(MarketId market) {
        return positions.get(market);
    }

    /** {@return a copy with the cross position in {@code market} set; a flat one is removed} */
    public Account withPosition(MarketId market, Position p) {
        return new Account(id, balances, p.isFlat() ? positions.remove(market) : positions.put(market, p), isolated);
    }

    /** {@return a copy without a cross position in {@code market}} */
    public Account withoutPosition(MarketId market) {
        return new Account(id, balances, positions.remove(market), isolated);
    }

    /** {@return a copy with the isolated position in {@code market} set} */
    public Account withIsolated(MarketId market, IsolatedPosition p) {
        return new Account(id, balances, positions, isolated.put(market, p));
    }

    /** {@return a copy without an isolated position in {@code market}} */
    public Account withoutIsolated(MarketId market) {
        return new Account(id, balances, positions, isolated.remove(market));
    }

    /** {@return whether the account holds no balance and no position at all} */
    public boolean isEmpty() {
        return balances.isEmpty() && positions.isEmpty() && isolated.isEmpty();
    }
}
