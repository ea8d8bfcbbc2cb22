package dev.solvent.simulation.world;

import dev.solvent.keeper.chain.BlockBuilder;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import io.vavr.control.Option;

/**
 * Sees every block of a run after it executed, and may stop the run (an invariant checker stops at the first
 * violation and says why).
 */
@FunctionalInterface
public interface BlockObserver {

    /** An observer that never stops a run. */
    BlockObserver NONE = (before, block, context) -> Option.none();

    /** Told the run's fixed parts (the opening state and the transactions that built it) before the first block. */
    default void start(Setup setup) {}

    /**
     * {@return a reason to stop the run here, or none to go on}
     *
     * @param before the protocol state before the block
     * @param block the block as built: its outcomes in order and the state after it
     * @param context the block's number, timestamp and oracle answers
     */
    Option<String> afterBlock(ProtocolState before, BlockBuilder.Built block, BlockContext context);
}
