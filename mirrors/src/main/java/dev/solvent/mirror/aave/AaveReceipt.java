package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Log;
import java.util.List;

/**
 * What a call that did not revert leaves: the next state, the function's return values ({@code withdraw} and
 * {@code repay} return the amount; most return nothing) and every event in order, from the Pool, the aTokens, the
 * debt tokens and the underlying tokens.
 */
public record AaveReceipt(AaveState state, List<Object> returns, List<Log> logs) {

    /** Copies the lists. */
    public AaveReceipt {
        returns = List.copyOf(returns);
        logs = List.copyOf(logs);
    }
}
