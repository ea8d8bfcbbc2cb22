package dev.solvent.model.logic;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import io.vavr.collection.Vector;

/**
 * The state and events of one transaction while its logic derives them. Confined to a single call of a logic method,
 * which stays a pure function of its arguments; nothing of it escapes but the final receipt.
 */
final class Step {

    ProtocolState state;
    Vector<Event> events = Vector.empty();

    Step(ProtocolState state) {
        this.state = state;
    }

    Account account(AccountId id) {
        return state.accountOrEmpty(id);
    }

    void put(Account account) {
        state = state.withAccount(account);
    }

    MarketState market(MarketId id) {
        return state.market(id);
    }

    void put(MarketId id, MarketState market) {
        state = state.withMarket(id, market);
    }

    void emit(Event e) {
        events = events.append(e);
    }

    void plusSettlement(AccountId id, I256 delta) {
        if (!delta.isZero()) {
            put(account(id).plusBalance(state.config().settlementAsset(), delta));
        }
    }

    Receipt receipt(long gas) {
        return new Receipt(state, events, gas);
    }
}
