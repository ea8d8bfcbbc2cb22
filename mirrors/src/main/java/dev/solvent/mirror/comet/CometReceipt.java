package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Log;
import java.util.List;

/** A call that succeeded: the state after it and the events it emitted, in order, from every contract. */
public record CometReceipt(CometState state, List<Log> logs) {

    /** Copies the logs. */
    public CometReceipt {
        logs = List.copyOf(logs);
    }
}
