package dev.solvent.simulation.world;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;

/**
 * A position being unwound: its receiver and market.
 *
 * @param receiver who took the position over and sells it
 * @param market the market
 */
record Unwind(AccountId receiver, MarketId market) implements Comparable<Unwind> {

    @Override
    public int compareTo(Unwind o) {
        int c = receiver.compareTo(o.receiver);
        return c != 0 ? c : market.compareTo(o.market);
    }
}
