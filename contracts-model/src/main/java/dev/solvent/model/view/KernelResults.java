package dev.solvent.model.view;

import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.Revert;
import io.vavr.control.Either;

/**
 * The kernel's output, one entry per account: equity, margin equity, initial and maintenance requirement as
 * 128-bit two's complement pairs, and flags. An account that reverts (a missing price, a panic) or whose data is
 * wider than 128 bits keeps its value aside; {@link #data} always returns what {@link MarginLogic#cross} does
 * (with a panic as {@link Revert.Panic}, as {@link Views} reports it).
 */
public final class KernelResults {

    static final byte LIQUIDATABLE = 1;
    static final byte RISK = 2;
    static final byte REVERTED = 4;
    static final byte EXACT = 8;
    static final byte WIDE = 16;

    private final int count;
    final long[] equityHi;
    final long[] equityLo;
    final long[] marginEquityHi;
    final long[] marginEquityLo;
    final long[] initialHi;
    final long[] initialLo;
    final long[] maintenanceHi;
    final long[] maintenanceLo;
    final byte[] flags;
    // aside, per account: set only with REVERTED or WIDE
    private final Revert[] reverts;
    private final AccountData[] wide;

    /** Room for {@code count} accounts. */
    public KernelResults(int count) {
        this.count = count;
        equityHi = new long[count];
        equityLo = new long[count];
        marginEquityHi = new long[count];
        marginEquityLo = new long[count];
        initialHi = new long[count];
        initialLo = new long[count];
        maintenanceHi = new long[count];
        maintenanceLo = new long[count];
        flags = new byte[count];
        reverts = new Revert[count];
        wide = new AccountData[count];
    }

    /** {@return the number of accounts it has room for} */
    public int count() {
        return count;
    }

    /** {@return whether account {@code i} carries risk and its margin equity is below its maintenance requirement} */
    public boolean isLiquidatable(int i) {
        return (flags[i] & LIQUIDATABLE) != 0;
    }

    /** {@return whether measuring account {@code i} reverted, as the reference would have} */
    public boolean isReverted(int i) {
        return (flags[i] & REVERTED) != 0;
    }

    /** {@return whether account {@code i} was measured on an exact path rather than the fast one} */
    public boolean tookExactPath(int i) {
        return (flags[i] & EXACT) != 0;
    }

    /** {@return account {@code i}'s data, or the revert the reference reports} */
    public Either<Revert, AccountData> data(int i) {
        byte f = flags[i];
        if ((f & REVERTED) != 0) {
            return Either.left(reverts[i]);
        }
        if ((f & WIDE) != 0) {
            return Either.right(wide[i]);
        }
        return Either.right(new AccountData(
                Wide.i256(equityHi[i], equityLo[i]),
                Wide.i256(marginEquityHi[i], marginEquityLo[i]),
                Wide.i256(initialHi[i], initialLo[i]),
                Wide.i256(maintenanceHi[i], maintenanceLo[i]),
                (f & RISK) != 0));
    }

    /** {@return account {@code i}'s margin equity; an exception if it reverted} */
    public I256 marginEquity(int i) {
        return data(i).map(AccountData::marginEquity)
                .getOrElseThrow(r -> new IllegalStateException("account " + i + " reverted: " + r));
    }

    /** {@return account {@code i}'s maintenance requirement; an exception if it reverted} */
    public I256 maintenanceRequirement(int i) {
        return data(i).map(AccountData::maintenanceRequirement)
                .getOrElseThrow(r -> new IllegalStateException("account " + i + " reverted: " + r));
    }

    /** {@return how many accounts are liquidatable} */
    public int liquidatableCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += flags[i] & LIQUIDATABLE;
        }
        return n;
    }

    void put(int i, Either<Revert, AccountData> d) {
        if (d.isLeft()) {
            reverts[i] = d.getLeft();
            flags[i] = REVERTED | EXACT;
            return;
        }
        AccountData a = d.get();
        byte f = (byte) (EXACT | (a.hasRisk() ? RISK : 0) | (a.isLiquidatable() ? LIQUIDATABLE : 0));
        if (Wide.fits128(a.equity())
                && Wide.fits128(a.marginEquity())
                && Wide.fits128(a.initialRequirement())
                && Wide.fits128(a.maintenanceRequirement())) {
            equityHi[i] = Wide.hi(a.equity());
            equityLo[i] = Wide.lo(a.equity());
            marginEquityHi[i] = Wide.hi(a.marginEquity());
            marginEquityLo[i] = Wide.lo(a.marginEquity());
            initialHi[i] = Wide.hi(a.initialRequirement());
            initialLo[i] = Wide.lo(a.initialRequirement());
            maintenanceHi[i] = Wide.hi(a.maintenanceRequirement());
            maintenanceLo[i] = Wide.lo(a.maintenanceRequirement());
        } else {
            wide[i] = a;
            f |= WIDE;
        }
        flags[i] = f;
    }
}
