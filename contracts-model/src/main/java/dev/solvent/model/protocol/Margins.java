package dev.solvent.model.protocol;

import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The arithmetic of margins of safety and drifts ({@link Protocol#assess}, {@link Protocol#drift}), shared by every
 * protocol so that each one only has to bound its own rounding.
 *
 * <p><b>What a margin promises.</b> A protocol that gives an account a margin {@code m} (a WAD) in a state {@code s}
 * at a block {@code b}, and later a drift {@code d} (a WAD) from {@code (s, b)} to a state {@code s'} at a block
 * {@code b'}, promises: if {@code d < m}, then at {@code (s', b')} the account is not liquidatable, and if it has
 * debt its collateral is not zero; provided no call between them changed the account's own position (its balances,
 * collateral, debt shares, vault, or an auction of it). Everything else the rule reads that calls of others may move
 * (interest indices, a stored spot) the drift reads in both states.
 *
 * <p><b>Why it holds.</b> Each protocol names two real (exact, unrounded) numbers for the account: {@code X}, its
 * collateral as the liquidation rule weighs it, and {@code Y}, its debt, both sums of the account's fixed balances
 * times per-asset unit values (a price, times an interest index where balances earn or owe interest). Between
 * {@code (s, b)} and {@code (s', b')}, every collateral unit value changes by a factor of at least {@code phi} and
 * every debt unit value by at most {@code psi}, so {@code X' >= phi X} and {@code Y' <= psi Y}: the drift is
 * {@code ceil(WAD psi_w / phi_w)} with {@code psi_w >= psi} and {@code phi_w <= phi} (WADs rounded outwards), and
 * the protocol gives none when any factor falls outside {@code [1/2, 2]} or anything else the rule reads changed
 * (parameters, the set of assets). Each protocol also bounds its rounding by an {@code E >= 2} for the account:
 * (i) at {@code (s, b)}, {@code X >= C - E} and {@code Y <= D + E}, where {@code C} and {@code D} are the collateral
 * and debt it computed; (ii) at any {@code (s', b')} whose factors lie in {@code [1/2, 2]}, the account is safe,
 * with non-zero collateral, whenever {@code X' - Y' > 2E}. The margin is {@code floor(WAD (C - 8E) / (D + 8E))},
 * none unless {@code C > 8E}. Then {@code d < m} gives {@code psi (D + 8E) < phi (C - 8E)}, and
 * {@code X' - Y' >= phi (C - E) - psi (D + E) = [phi (C - 8E) - psi (D + 8E)] + 7E (phi + psi) > 7E phi >= 3.5E},
 * which is more than {@code 2E}: (ii) applies. An account without debt gets {@link #UNBOUNDED}: debt does not
 * appear without a call that names the account.
 */
public final class Margins {

    /** The WAD, 1e18. */
    public static final BigInteger WAD = Health.WAD;

    /** The margin of an account that no price or interest move can make liquidatable (it has no debt). */
    public static final BigInteger UNBOUNDED = BigInteger.ONE.shiftLeft(255);

    private static final BigInteger EIGHT = BigInteger.valueOf(8);
    private static final BigInteger HALF_WAD = WAD.shiftRight(1);
    private static final BigInteger TWO_WAD = WAD.shiftLeft(1);

    private Margins() {}

    /**
     * {@return the margin of an account whose computed collateral is {@code collateral} and debt {@code debt}, each
     * within {@code error} of the real values as the class comment asks: {@code floor(WAD (C - 8E) / (D + 8E))};
     * {@link #UNBOUNDED} without debt; none unless {@code C > 8E}}
     */
    public static Option<BigInteger> margin(BigInteger collateral, BigInteger debt, BigInteger error) {
        if (debt.signum() == 0) {
            return Option.some(UNBOUNDED);
        }
        BigInteger slack = error.multiply(EIGHT);
        if (collateral.compareTo(slack) <= 0) {
            return Option.none();
        }
        return Option.some(collateral.subtract(slack).multiply(WAD).divide(debt.add(slack)));
    }

    /** {@return {@code now / then} as a WAD rounded down; none unless both are positive} */
    public static Option<BigInteger> factorDown(BigInteger now, BigInteger then) {
        if (now.signum() <= 0 || then.signum() <= 0) {
            return Option.none();
        }
        return Option.some(now.multiply(WAD).divide(then));
    }

    /** {@return {@code now / then} as a WAD rounded up; none unless both are positive} */
    public static Option<BigInteger> factorUp(BigInteger now, BigInteger then) {
        if (now.signum() <= 0 || then.signum() <= 0) {
            return Option.none();
        }
        BigInteger[] qr = now.multiply(WAD).divideAndRemainder(then);
        return Option.some(qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE));
    }

    /**
     * {@return the drift {@code ceil(WAD psi / phi)} of the least collateral factor {@code phi} and the greatest debt
     * factor {@code psi} (WADs, {@code phi} rounded down and {@code psi} up by the caller); none when either lies
     * outside {@code [1/2, 2]}, where the protocols' rounding bounds no longer hold}
     */
    public static Option<BigInteger> drift(BigInteger phi, BigInteger psi) {
        if (!inDomain(phi) || !inDomain(psi)) {
            return Option.none();
        }
        return factorUp(psi, phi);
    }

    /** {@return whether a factor (a WAD) lies in {@code [1/2, 2]}} */
    public static boolean inDomain(BigInteger factor) {
        return factor.compareTo(HALF_WAD) >= 0 && factor.compareTo(TWO_WAD) <= 0;
    }
}
