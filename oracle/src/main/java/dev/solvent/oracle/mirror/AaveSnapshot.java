package dev.solvent.oracle.mirror;

import dev.solvent.mirror.aave.AaveBlock;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.evm.Address;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An Aave v3 market as read at one block: where it was read (chain, block number and hash) and what the mirror needs
 * to continue from there (its state, and the block as the Pool sees it: time and each asset's price answer).
 *
 * <p>The state holds every reserve with its indexes, rates, configuration, deficit, virtual balance and interest rate
 * data, the configured eMode categories, and every user found in the logs of the Pool and of the reserves' tokens
 * (configuration bitmap, eMode, scaled balances and the index each last saw). Of the underlying tokens it holds only
 * what the Pool's views read: decimals, total supply and each aToken's holding. Allowances are not read.
 *
 * @param chainId the chain's id ({@code eth_chainId})
 * @param blockNumber the block read
 * @param blockHash its hash, checked unchanged at the end of the read
 * @param block the block as the mirror runs calls in it
 * @param state the market's state at that block
 */
public record AaveSnapshot(long chainId, long blockNumber, String blockHash, AaveBlock block, AaveState state) {

    /**
     * {@return every user the state holds, sorted: those with a configuration bitmap, an eMode or a scaled balance}
     */
    public SortedSet<Address> users() {
        SortedSet<Address> users = new TreeSet<>();
        users.addAll(state.userConfig().keySet().toJavaSet());
        users.addAll(state.userEMode().keySet().toJavaSet());
        for (AaveState.Reserve r : state.reserves()) {
            users.addAll(r.aTokenLedger().scaled().keySet().toJavaSet());
            users.addAll(r.debtLedger().scaled().keySet().toJavaSet());
        }
        return users;
    }

    /** Checks the numbers. */
    public AaveSnapshot {
        if (chainId < 0 || blockNumber < 0) {
            throw new IllegalArgumentException("chain id and block number are non-negative");
        }
        if (blockHash == null || block == null || state == null) {
            throw new IllegalArgumentException("blockHash, block and state are required");
        }
    }
}
