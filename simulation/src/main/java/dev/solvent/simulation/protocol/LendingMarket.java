package dev.solvent.simulation.protocol;

import dev.solvent.model.protocol.Protocol;
import io.vavr.collection.Vector;
import java.math.BigInteger;

/**
 * A lending market as a run drives it: the protocol behind the contract every protocol implements, its opening
 * state, and the calls of a lending book's participants (tokens coming in from outside, supply, borrow, repay), which
 * the contract itself leaves to each protocol. Assets are named as the scenario names them; so are the prices of each
 * block.
 *
 * @param <S> the protocol's state
 * @param <C> the protocol's calls
 */
public interface LendingMarket<S, C> {

    /** {@return the protocol, behind its contract} */
    Protocol<S, C> protocol();

    /** {@return the market as deployed and configured at {@code timestamp}, with no users} */
    S genesis(long timestamp);

    /** {@return the protocol's account of participant {@code number} (a run numbers its participants from 1)} */
    String account(int number);

    /** {@return the calls that bring {@code amount} base units of {@code asset} to {@code account} from outside} */
    Vector<C> receive(String account, String asset, BigInteger amount);

    /** {@return {@code account} supplying {@code amount} of {@code asset} as collateral} */
    C supply(String account, String asset, BigInteger amount);

    /** {@return {@code account} borrowing {@code amount} of {@code asset}} */
    C borrow(String account, String asset, BigInteger amount);

    /** {@return {@code account} repaying {@code amount} of its {@code asset} debt} */
    C repay(String account, String asset, BigInteger amount);
}
