package dev.solvent.model.protocol;

import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * One liquidation move a keeper can make now: the call to send and, where the protocol can tell without knowing the
 * keeper's costs, what it would gain the keeper in the protocol's unit of value (collateral received at oracle prices
 * less what it pays), so that a profit-aware keeper can choose among moves.
 *
 * @param kind the move's name as the protocol calls it: {@code liquidate}, {@code liquidationCall}, {@code absorb},
 *     {@code buyCollateral}, {@code bark}, {@code take}, ...
 * @param call the call to send, as the protocol takes it
 * @param gain what the move would gain the keeper, if the protocol can tell
 * @param description one line for logs and reports
 */
public record Move<C>(String kind, C call, Option<BigInteger> gain, String description) {

    /** Checks that nothing is missing. */
    public Move {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(gain, "gain");
        Objects.requireNonNull(description, "description");
    }
}
