package dev.solvent.cli.replay;

import dev.solvent.model.config.ProtocolConfig;
import io.vavr.collection.Vector;

/**
 * What a genesis state file describes: the configuration, the genesis block, and the transactions that put the initial
 * balances and the insurance fund in place. Balances enter as {@code Deposit}s and the fund as a
 * {@code FundInsurance}, so the ledger's net inflows account for them exactly as for later deposits.
 *
 * @param config the protocol's configuration
 * @param block the genesis block number
 * @param timestamp the genesis timestamp, in seconds; the markets' funding clocks start here
 * @param seeds the genesis transactions, in file order (balances, then the fund)
 */
public record Genesis(ProtocolConfig config, long block, long timestamp, Vector<Seed> seeds) {

    /** Requires every field. */
    public Genesis {
        if (config == null || seeds == null) {
            throw new IllegalArgumentException("a genesis needs a config and seeds");
        }
    }

    /**
     * One genesis transaction and where in the state file it comes from, so that a failure can point there.
     *
     * @param entry the transaction, its note naming its source (such as {@code balances.alice.USDC})
     * @param path the path of its source in the state file
     * @param line the line of its source in the state file
     */
    public record Seed(Entry entry, String path, int line) {}
}
