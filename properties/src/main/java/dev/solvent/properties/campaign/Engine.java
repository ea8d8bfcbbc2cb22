package dev.solvent.properties.campaign;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;

/**
 * The function a campaign drives: a transaction against a state in a block gives a receipt or a revert. The model's
 * {@link MarginEngine#execute} is the default; a wrapper around it (a fork, a patched rule, a deliberately broken
 * mutant) plugs in the same way.
 *
 * {@snippet :
 * Engine feeCapped = (state, tx, block) -> MarginEngine.execute(state, tx, block); // wrap or replace a step here
 * Campaign campaign = Campaign.standard().withEngine(feeCapped);
 * }
 */
@FunctionalInterface
public interface Engine {

    /** The model itself. */
    Engine MODEL = MarginEngine::execute;

    /** {@return the receipt of {@code tx} against {@code state} in {@code block}, or why it reverted} */
    Either<Revert, Receipt> execute(ProtocolState state, Tx tx, BlockContext block);
}
