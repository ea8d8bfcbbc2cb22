package dev.solvent.cli.replay;

import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Option;

/**
 * One transaction to replay, with the block it runs in (the oracle answers it sees included) and an optional note that
 * the person who wrote the file gave it.
 *
 * @param index its 0-based position in its list
 * @param note a free-text note, echoed in the output
 * @param block the block context the transaction runs in
 * @param tx the transaction
 */
public record Entry(int index, Option<String> note, BlockContext block, Tx tx) {

    /** Requires every field. */
    public Entry {
        if (note == null || block == null || tx == null) {
            throw new IllegalArgumentException("an entry needs a note option, a block and a transaction");
        }
    }
}
