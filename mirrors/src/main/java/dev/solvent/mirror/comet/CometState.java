package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.StandardToken;
import io.vavr.Tuple2;
import io.vavr.collection.Map;
import io.vavr.collection.Set;
import java.math.BigInteger;

/**
 * One Comet market at one moment: the immutables, the storage Comet keeps (named as {@code CometStorage} names it),
 * and the ERC-20 ledgers of the base and collateral tokens, whose balances of Comet itself make its reserves. An
 * immutable value: {@link Comet#execute} derives the next one and leaves this one as it was.
 *
 * @param userCollateral {@code userCollateral[account][asset].balance}, keyed by (account, asset)
 * @param isAllowed the (owner, manager) pairs for which {@code isAllowed[owner][manager]} is true
 */
public record CometState(
        CometImmutables immutables,
        TotalsBasic totalsBasic,
        Map<Address, BigInteger> totalsCollateral,
        Map<Address, UserBasic> userBasic,
        Map<Tuple2<Address, Address>, BigInteger> userCollateral,
        Set<Tuple2<Address, Address>> isAllowed,
        Map<Address, LiquidatorPoints> liquidatorPoints,
        Map<Address, StandardToken> tokens) {

    /** {@return {@code userBasic[account]}} */
    public UserBasic userBasic(Address account) {
        return userBasic.get(account).getOrElse(UserBasic.EMPTY);
    }

    /** {@return {@code userCollateral[account][asset].balance}} */
    public BigInteger collateralBalanceOf(Address account, Address asset) {
        return userCollateral.get(new Tuple2<>(account, asset)).getOrElse(BigInteger.ZERO);
    }

    /** {@return {@code totalsCollateral[asset].totalSupplyAsset}} */
    public BigInteger totalSupplyAsset(Address asset) {
        return totalsCollateral.get(asset).getOrElse(BigInteger.ZERO);
    }

    /** {@return {@code liquidatorPoints[absorber]}} */
    public LiquidatorPoints liquidatorPoints(Address absorber) {
        return liquidatorPoints.get(absorber).getOrElse(LiquidatorPoints.NONE);
    }

    /** {@return {@code isAllowed[owner][manager]}} */
    public boolean isAllowed(Address owner, Address manager) {
        return isAllowed.contains(new Tuple2<>(owner, manager));
    }

    /** {@return the ERC-20 ledger of a token, if the market knows it} */
    public io.vavr.control.Option<StandardToken> token(Address token) {
        return tokens.get(token);
    }
}
