package dev.solvent.model.protocol;

import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The contract every protocol implements, Solvent's own margin engine and each mirror of a real protocol: one entry
 * point, the views the layers above need, and the liquidation moves a keeper can make. Each implementation keeps its
 * own state and call types; callers are generic over them and never ask which protocol they hold.
 *
 * @param <S> the protocol's state (immutable)
 * @param <C> the protocol's calls (each carries its sender)
 */
public interface Protocol<S, C> {

    /** {@return the protocol's name as scenarios write it: {@code solvent}, {@code aave-v3.3}, {@code comet}, ...} */
    String name();

    /** {@return the unit of the values in {@link Health} and {@link Move#gain()}, e.g. {@code "USD, 8 decimals"}} */
    String valueUnit();

    /** {@return the next state and events of {@code call} in {@code block}, or the protocol's revert} */
    Either<Rejected, Executed<S>> execute(S state, C call, Block block);

    /** {@return every account that holds a position, collateral or debt, in a stable order} */
    Seq<String> accounts(S state);

    /** {@return the account's health, or the revert its views give (a missing price, an unknown account)} */
    Either<Rejected, Health> health(S state, String account, Block block);

    /**
     * {@return the account's health and its margin of safety (see {@link Margins}), read in one pass; by default
     * the health with no margin, which makes a watching loop read the account again at every price move}
     */
    default Either<Rejected, Assessment> assess(S state, String account, Block block) {
        return health(state, account, block).map(Assessment::unbounded);
    }

    /**
     * {@return how far prices and interest may have moved any account's health from {@code (then, thenBlock)} to
     * {@code (now, nowBlock)}, as a WAD to compare with the margins {@link #assess} gave in {@code then} (see
     * {@link Margins}); none when the protocol cannot bound it, and by default}
     */
    default Option<BigInteger> drift(S then, Block thenBlock, S now, Block nowBlock) {
        return Option.none();
    }

    /**
     * {@return the liquidation moves {@code keeper} could make on {@code account} now, best known gain first; empty
     * when the account is safe}
     */
    Seq<Move<C>> moves(S state, String account, String keeper, Block block);

    /**
     * {@return what the protocol holds for its users, per asset, in the asset's own units: the figures a
     * conservation check compares before and after a call}
     */
    SortedMap<String, BigInteger> totals(S state, Block block);

    /**
     * {@return the protocol's own named quantities that a report of a run shows and a designer watches: losses and
     * buffers as the contracts book them (Aave's reserve deficits, Comet's reserves, Maker's {@code Vow} sin, the
     * engine's insurance fund and bad debt), each with its decimals and unit, in a stable order}
     */
    SortedMap<String, Quantity> quantities(S state, Block block);
}
