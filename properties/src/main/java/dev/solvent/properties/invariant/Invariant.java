package dev.solvent.properties.invariant;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.function.Function;

/**
 * A named solvency invariant: an ID, a one-sentence specification, and a check that returns the violations it finds
 * (empty when it holds). A state invariant looks only at a state, so a simulation can run it on any block; a transition
 * invariant looks at a state before and after one transaction. Both check a {@link Transition}; a state invariant
 * checks its {@code after} state.
 *
 * {@snippet :
 * Invariant noBadDebt = Invariant.ofState("MY-1", "no bad debt", "the protocol never records bad debt",
 *         s -> s.ledger().badDebt().isZero()
 *                 ? Vector.empty()
 *                 : Vector.of(Violation.of("MY-1", "bad debt recorded").amount("badDebt", s.ledger().badDebt())));
 * }
 *
 * @param id a short stable identifier, such as {@code INV-CONS-1}, used in messages and replay notes
 * @param name a few words, such as {@code conservation}
 * @param spec the specification in one sentence
 * @param stateOnly whether the check looks only at the state after (so it can run on any state)
 * @param check the check
 */
public record Invariant(
        String id, String name, String spec, boolean stateOnly, Function<Transition, Vector<Violation>> check) {

    private static final AccountId NOBODY = AccountId.of("-");

    /** Requires every field. */
    public Invariant {
        if (id == null || name == null || spec == null || check == null) {
            throw new IllegalArgumentException("an invariant needs an id, a name, a spec and a check");
        }
    }

    /** {@return an invariant over a single state} */
    public static Invariant ofState(
            String id, String name, String spec, Function<ProtocolState, Vector<Violation>> check) {
        return new Invariant(id, name, spec, true, t -> check.apply(t.after()));
    }

    /** {@return an invariant over a transition} */
    public static Invariant ofTransition(
            String id, String name, String spec, Function<Transition, Vector<Violation>> check) {
        return new Invariant(id, name, spec, false, check);
    }

    /** {@return the violations of this invariant by {@code transition}} */
    public Vector<Violation> check(Transition transition) {
        return check.apply(transition);
    }

    /**
     * {@return the violations of this state invariant in {@code state}}
     *
     * @throws IllegalStateException for a transition invariant, which needs a transition
     */
    public Vector<Violation> check(ProtocolState state) {
        if (!stateOnly) {
            throw new IllegalStateException(id + " is a transition invariant; check it on a Transition");
        }
        // a state invariant reads only the state after; the rest is a placeholder it never looks at
        return check.apply(new Transition(
                state,
                new Tx.SettleFunding(NOBODY),
                new BlockContext(0, 0, NOBODY, TreeMap.empty()),
                Either.left(new Revert.UnknownAccount(NOBODY)),
                state,
                Option.none()));
    }

    /** {@return {@code ID (name): spec}} */
    @Override
    public String toString() {
        return id + " (" + name + "): " + spec;
    }
}
