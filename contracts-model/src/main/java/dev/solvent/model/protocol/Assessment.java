package dev.solvent.model.protocol;

import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's health together with its margin of safety, as {@link Protocol#assess} reads them in one pass: the
 * margin lets a loop that watches many accounts skip those that later price and interest moves cannot have brought
 * near liquidation (see {@link Margins} for what it promises).
 *
 * @param health the account's health
 * @param margin the account's margin of safety as a WAD (see {@link Margins}); empty when the protocol makes no
 *     promise (the account is liquidatable, has debt and no collateral, has an auction running, or its protocol does
 *     not bound its health)
 */
public record Assessment(Health health, Option<BigInteger> margin) {

    /** Checks that nothing is missing. */
    public Assessment {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(margin, "margin");
    }

    /** {@return the health with no margin: the account is read again at every price move} */
    public static Assessment unbounded(Health health) {
        return new Assessment(health, Option.none());
    }
}
