package dev.solvent.model.policy;

import dev.solvent.model.id.AccountId;

/** Who takes over the positions and collateral of a liquidated account, at the oracle price. */
public sealed interface PositionReceiver {

    /** The keeper that sends the liquidation takes everything over and must meet initial margin afterwards. */
    record Liquidator() implements PositionReceiver {}

    /**
     * A protocol-owned backstop account takes everything over; it is exempt from the margin check, since refusing
     * would leave the unhealthy account in place.
     *
     * @param account the backstop account
     */
    record Backstop(AccountId account) implements PositionReceiver {
        /** Requires an account. */
        public Backstop {
            if (account == null) {
                throw new IllegalArgumentException("receiver.account is required for a backstop receiver");
            }
        }
    }
}
