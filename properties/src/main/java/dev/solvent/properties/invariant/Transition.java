package dev.solvent.properties.invariant;

import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * One step of the protocol as an invariant sees it: the state before, the transaction and its block, what the engine
 * answered, and the state the caller kept afterwards (the receipt's state, or the state before when it reverted).
 *
 * {@snippet :
 * Either<Revert, Receipt> result = MarginEngine.execute(before, tx, block);
 * Transition t = Transition.of(before, tx, block, result);
 * Vector<Violation> found = Invariants.check(Invariants.ALL, t);
 * }
 *
 * @param before the state the transaction ran against
 * @param tx the transaction
 * @param block the block it ran in (its sender and oracle answers)
 * @param result the receipt, or why it reverted
 * @param after the state the caller continued with
 * @param rerun the result of running the same transaction against the same state once more, when the caller did (the
 *     determinism invariant compares it); none to skip that check
 */
public record Transition(
        ProtocolState before,
        Tx tx,
        BlockContext block,
        Either<Revert, Receipt> result,
        ProtocolState after,
        Option<Either<Revert, Receipt>> rerun) {

    /** Requires every field. */
    public Transition {
        if (before == null || tx == null || block == null || result == null || after == null || rerun == null) {
            throw new IllegalArgumentException("a transition needs every field");
        }
    }

    /** {@return the transition of a result, continuing with the receipt's state or, on a revert, the state before} */
    public static Transition of(ProtocolState before, Tx tx, BlockContext block, Either<Revert, Receipt> result) {
        return new Transition(
                before, tx, block, result, result.map(Receipt::state).getOrElse(before), Option.none());
    }

    /** {@return a copy that carries the result of a second run, for the determinism invariant} */
    public Transition withRerun(Either<Revert, Receipt> second) {
        return new Transition(before, tx, block, result, after, Option.some(second));
    }

    /** {@return whether the transaction succeeded} */
    public boolean succeeded() {
        return result.isRight();
    }

    /** {@return the transaction's kind, such as {@code Trade}, for messages} */
    String kind() {
        return tx.getClass().getSimpleName();
    }

    /** {@return whether the transaction is a liquidation, cross or isolated} */
    boolean isLiquidation() {
        return tx instanceof Tx.Liquidate || tx instanceof Tx.LiquidateIsolated;
    }

    /** {@return the events emitted, none on a revert} */
    public Vector<Event> events() {
        return result.map(Receipt::events).getOrElse(Vector.empty());
    }

    /** {@return the events of one type, in emission order} */
    public <E extends Event> Vector<E> events(Class<E> type) {
        return events().filter(type::isInstance).map(type::cast);
    }
}
