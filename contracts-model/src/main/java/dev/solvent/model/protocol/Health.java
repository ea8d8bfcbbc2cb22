package dev.solvent.model.protocol;

import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Objects;

/**
 * An account's health in one form every protocol can give: the collateral as the liquidation rule weighs it, the
 * debt, their ratio as a WAD (1e18 is the liquidation boundary, below it the account is liquidatable; none without
 * debt), and the protocol's own verdict, which is what a liquidation would check.
 *
 * @param collateral the collateral as the liquidation rule counts it (after liquidation thresholds or collateral
 *     factors), in the protocol's unit of value (see {@link Protocol#valueUnit()})
 * @param debt what the account owes, in the same unit
 * @param ratio {@code collateral / debt} as a WAD, rounded down; empty without debt
 * @param liquidatable whether the protocol would liquidate the account now
 */
public record Health(BigInteger collateral, BigInteger debt, Option<BigInteger> ratio, boolean liquidatable) {

    /** The WAD, 1e18: a ratio of exactly one. */
    public static final BigInteger WAD = BigInteger.TEN.pow(18);

    /** Checks that nothing is missing. */
    public Health {
        Objects.requireNonNull(collateral, "collateral");
        Objects.requireNonNull(debt, "debt");
        Objects.requireNonNull(ratio, "ratio");
    }

    /** {@return the health of an account with this weighted collateral and debt, the ratio rounded down} */
    public static Health of(BigInteger collateral, BigInteger debt, boolean liquidatable) {
        Option<BigInteger> ratio = debt.signum() == 0
                ? Option.none()
                : Option.some(collateral.multiply(WAD).divide(debt));
        return new Health(collateral, debt, ratio, liquidatable);
    }
}
