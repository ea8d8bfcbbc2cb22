package dev.solvent.mirror.evm;

import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * An ERC-20 as the test tokens beside the mirrored contracts behave (Compound's {@code FaucetToken}, a
 * {@code StandardToken} with {@code allocateTo}; see {@code comet/README.md} in the test resources): balances and
 * allowances, {@code require} messages, a {@code transferFrom} that spends even an infinite allowance, and the
 * {@code Transfer}/{@code Approval} events. A mirrored contract moves its tokens through these values, so its reserves
 * ({@code balanceOf(comet) - totals}) are exact too.
 */
public record StandardToken(
        Address address,
        int decimals,
        BigInteger totalSupply,
        Map<Address, BigInteger> balances,
        Map<Tuple2<Address, Address>, BigInteger> allowances) {

    /** {@return a token at {@code address} with no holders} */
    public static StandardToken create(Address address, int decimals) {
        if (decimals < 0 || decimals > 255) {
            throw new IllegalArgumentException("token decimals are a uint8, not " + decimals);
        }
        return new StandardToken(address, decimals, BigInteger.ZERO, HashMap.empty(), HashMap.empty());
    }

    /** {@return {@code balanceOf(owner)}} */
    public BigInteger balanceOf(Address owner) {
        return balances.get(owner).getOrElse(BigInteger.ZERO);
    }

    /** {@return {@code allowance(owner, spender)}} */
    public BigInteger allowance(Address owner, Address spender) {
        return allowances.get(new Tuple2<>(owner, spender)).getOrElse(BigInteger.ZERO);
    }

    /** {@code transfer(dst, amount)} sent by {@code sender}. */
    public StandardToken transfer(Address sender, Address dst, BigInteger amount, Consumer<Log> logs) {
        if (amount.compareTo(balanceOf(sender)) > 0) {
            throw new EvmRevert.ErrorString("ERC20: transfer amount exceeds balance").raise();
        }
        StandardToken next = move(sender, dst, amount);
        logs.accept(Log.of(address, "Transfer", sender, dst, amount));
        return next;
    }

    /** {@code transferFrom(src, dst, amount)} sent by {@code spender}: the allowance is checked first, then spent. */
    public StandardToken transferFrom(
            Address spender, Address src, Address dst, BigInteger amount, Consumer<Log> logs) {
        BigInteger allowed = allowance(src, spender);
        if (amount.compareTo(allowed) > 0) {
            throw new EvmRevert.ErrorString("ERC20: transfer amount exceeds allowance").raise();
        }
        if (amount.compareTo(balanceOf(src)) > 0) {
            throw new EvmRevert.ErrorString("ERC20: transfer amount exceeds balance").raise();
        }
        StandardToken spent = withAllowances(allowances.put(new Tuple2<>(src, spender), allowed.subtract(amount)));
        StandardToken next = spent.move(src, dst, amount);
        logs.accept(Log.of(address, "Transfer", src, dst, amount));
        return next;
    }

    /** {@code approve(spender, amount)} sent by {@code owner}. */
    public StandardToken approve(Address owner, Address spender, BigInteger amount, Consumer<Log> logs) {
        logs.accept(Log.of(address, "Approval", owner, spender, amount));
        return withAllowances(allowances.put(new Tuple2<>(owner, spender), amount));
    }

    /** The faucet's {@code allocateTo(owner, value)}: mints to anyone, checked against {@code 2^256}. */
    public StandardToken allocateTo(Address owner, BigInteger value, Consumer<Log> logs) {
        BigInteger balance = Word.addU(balanceOf(owner), value, 256);
        BigInteger supply = Word.addU(totalSupply, value, 256);
        logs.accept(Log.of(address, "Transfer", address, owner, value));
        return new StandardToken(address, decimals, supply, balances.put(owner, balance), allowances);
    }

    /** Debits then credits, reading the credit after the debit as the contract does (a self-transfer is a no-op). */
    private StandardToken move(Address from, Address to, BigInteger amount) {
        Map<Address, BigInteger> debited = balances.put(from, balanceOf(from).subtract(amount));
        BigInteger credited = Word.addU(debited.get(to).getOrElse(BigInteger.ZERO), amount, 256);
        return new StandardToken(address, decimals, totalSupply, debited.put(to, credited), allowances);
    }

    private StandardToken withAllowances(Map<Tuple2<Address, Address>, BigInteger> next) {
        return new StandardToken(address, decimals, totalSupply, balances, next);
    }
}
