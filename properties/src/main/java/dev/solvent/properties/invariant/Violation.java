package dev.solvent.properties.invariant;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Vector;

/**
 * One way a state or transition breaks an invariant: which invariant, which accounts, which amounts, and a sentence
 * saying what is wrong. A value, not an exception, so that a simulation can collect violations every block and a
 * campaign can report them together.
 *
 * {@snippet :
 * Vector<Violation> found = Invariants.CONSERVATION.check(state);
 * found.forEach(v -> System.out.println(v)); // INV-CONS-1: USDC: buckets sum to 10 but net inflow is 11 [...]
 * }
 *
 * @param invariant the invariant's ID, such as {@code INV-CONS-1}
 * @param accounts the accounts involved, possibly none (a market-wide or protocol-wide violation)
 * @param amounts the amounts that show it, by label, in base units (settlement units unless the label says)
 * @param message what is wrong, in one sentence
 */
public record Violation(
        String invariant, Vector<AccountId> accounts, LinkedHashMap<String, I256> amounts, String message) {

    /** Requires every field. */
    public Violation {
        if (invariant == null || accounts == null || amounts == null || message == null) {
            throw new IllegalArgumentException("a violation needs an invariant, accounts, amounts and a message");
        }
    }

    /** {@return a violation of {@code invariant} with a message and nothing else yet} */
    public static Violation of(String invariant, String message) {
        return new Violation(invariant, Vector.empty(), LinkedHashMap.empty(), message);
    }

    /** {@return a copy that also names {@code account}} */
    public Violation account(AccountId account) {
        return new Violation(invariant, accounts.append(account), amounts, message);
    }

    /** {@return a copy that also shows {@code value} under {@code label}} */
    public Violation amount(String label, I256 value) {
        return new Violation(invariant, accounts, amounts.put(label, value), message);
    }

    /** {@return the one-line form: ID, message, accounts and amounts} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(invariant).append(": ").append(message);
        if (!accounts.isEmpty()) {
            s.append(" [accounts: ").append(accounts.mkString(", ")).append(']');
        }
        if (!amounts.isEmpty()) {
            s.append(" [")
                    .append(amounts.map((Tuple2<String, I256> e) -> e._1 + "=" + e._2)
                            .mkString(", "))
                    .append(']');
        }
        return s.toString();
    }
}
