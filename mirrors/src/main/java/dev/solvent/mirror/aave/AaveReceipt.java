package dev.solvent.mirror.aave;

import java.util.List;

/**
 * What a call that did not revert leaves: the next state and the function's return values ({@code withdraw} and
 * {@code repay} return the amount; most return nothing).
 */
public record AaveReceipt(AaveState state, List<Object> returns) {

    /** Copies the return values. */
    public AaveReceipt {
        returns = List.copyOf(returns);
    }
}
