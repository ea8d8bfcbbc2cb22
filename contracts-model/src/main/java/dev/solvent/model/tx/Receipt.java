package dev.solvent.model.tx;

import dev.solvent.model.state.ProtocolState;
import io.vavr.collection.Vector;

/**
 * The outcome of a successful transaction: the next state, the events in emission order, and the gas from the
 * deterministic schedule.
 *
 * @param state the state after the transaction
 * @param events the events emitted
 * @param gasUsed gas used
 */
public record Receipt(ProtocolState state, Vector<Event> events, long gasUsed) {

    /** Requires every field. */
    public Receipt {
        if (state == null || events == null || gasUsed < 0) {
            throw new IllegalArgumentException("a receipt needs a state, events and non-negative gas");
        }
    }
}
