package dev.solvent.model.logic;

import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;

/** Shares {@link LiquidationLogicTest}'s portfolio with tests in other packages. */
public final class LiquidationLogicTestAccess {

    private LiquidationLogicTestAccess() {}

    public static ProtocolState portfolio(ShortfallPolicy policy) {
        return LiquidationLogicTest.portfolio(policy, 10_000, 0);
    }
}
