package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.EvmRevert;
import dev.solvent.mirror.evm.Log;
import dev.solvent.mirror.evm.Word;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.Map;
import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * An underlying asset's ERC-20 ledger, as the test tokens beside each version's Pool behave: the order of checks and
 * the revert reasons of each flavour, which allowances are spent, and the events each emits. The Pool moves underlying through these
 * values, so an aToken's holdings (the reserve's real liquidity) are exact.
 *
 * @param owner the account allowed to mint a {@code TestnetERC20}
 */
public record Erc20(
        Address address,
        Kind kind,
        Address owner,
        int decimals,
        BigInteger totalSupply,
        Map<Address, BigInteger> balances,
        Map<Tuple2<Address, Address>, BigInteger> allowances) {

    /** The token contracts of the mirrored test markets. */
    public enum Kind {
        /**
         * v3.3's {@code TestnetERC20} on Aave's copy of OpenZeppelin 3 {@code ERC20} (SafeMath strings):
         * {@code transferFrom} moves first and then spends the allowance, always, even an infinite one.
         */
        TESTNET_OZ3,
        /**
         * v3.7's {@code TestnetERC20} on OpenZeppelin 5 {@code ERC20} (custom errors): {@code transferFrom} spends
         * the allowance first, unless it is infinite.
         */
        TESTNET_OZ5,
        /**
         * {@code WETH9} (Aave's 0.8 copy): bare {@code require}s (empty reverts), an infinite allowance or the owner's
         * own transfer is not spent; minted by {@code deposit()}.
         */
        WETH9
    }

    private static final BigInteger MAX = Word.UINT256_MAX;

    /** {@return a token with no holders} */
    public static Erc20 create(Address address, Kind kind, Address owner, int decimals) {
        return new Erc20(address, kind, owner, decimals, BigInteger.ZERO, HashMap.empty(), HashMap.empty());
    }

    /** {@return {@code balanceOf(account)}} */
    public BigInteger balanceOf(Address account) {
        return balances.get(account).getOrElse(BigInteger.ZERO);
    }

    /** {@return {@code allowance(owner, spender)}} */
    public BigInteger allowance(Address holder, Address spender) {
        return allowances.get(new Tuple2<>(holder, spender)).getOrElse(BigInteger.ZERO);
    }

    private Erc20 withBalances(Map<Address, BigInteger> b) {
        return new Erc20(address, kind, owner, decimals, totalSupply, b, allowances);
    }

    private Erc20 withAllowance(Address holder, Address spender, BigInteger amount) {
        return new Erc20(
                address,
                kind,
                owner,
                decimals,
                totalSupply,
                balances,
                allowances.put(new Tuple2<>(holder, spender), amount));
    }

    /** {@code transfer(to, amount)} sent by {@code sender}. */
    public Erc20 transfer(Address sender, Address to, BigInteger amount, Consumer<Log> logs) {
        return switch (kind) {
            case WETH9 -> transferFrom(sender, sender, to, amount, logs);
            default -> move(sender, to, amount, logs);
        };
    }

    /** {@code transferFrom(from, to, amount)} sent by {@code spender}. */
    public Erc20 transferFrom(Address spender, Address from, Address to, BigInteger amount, Consumer<Log> logs) {
        switch (kind) {
            case TESTNET_OZ3 -> {
                Erc20 moved = move(from, to, amount, logs);
                BigInteger allowed = allowance(from, spender);
                if (allowed.compareTo(amount) < 0) {
                    throw new EvmRevert.ErrorString("ERC20: transfer amount exceeds allowance").raise();
                }
                // OpenZeppelin 3: transferFrom re-approves the rest, with its Approval event
                return moved.approve(from, spender, allowed.subtract(amount), logs);
            }
            case TESTNET_OZ5 -> {
                BigInteger allowed = allowance(from, spender);
                Erc20 spent = this;
                if (!allowed.equals(MAX)) {
                    if (allowed.compareTo(amount) < 0) {
                        throw new EvmRevert.CustomError("ERC20InsufficientAllowance").raise();
                    }
                    spent = withAllowance(from, spender, allowed.subtract(amount));
                }
                return spent.move(from, to, amount, logs);
            }
            case WETH9 -> {
                if (balanceOf(from).compareTo(amount) < 0) {
                    throw new EvmRevert.Empty().raise();
                }
                Erc20 spent = this;
                BigInteger allowed = allowance(from, spender);
                if (!from.equals(spender) && !allowed.equals(MAX)) {
                    if (allowed.compareTo(amount) < 0) {
                        throw new EvmRevert.Empty().raise();
                    }
                    spent = withAllowance(from, spender, allowed.subtract(amount));
                }
                Map<Address, BigInteger> b =
                        spent.balances.put(from, balanceOf(from).subtract(amount));
                b = b.put(to, Word.addU(b.get(to).getOrElse(BigInteger.ZERO), amount, 256));
                logs.accept(Log.of(address, "Transfer", from, to, amount));
                return spent.withBalances(b);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** {@code approve(spender, amount)} sent by {@code holder}. */
    public Erc20 approve(Address holder, Address spender, BigInteger amount, Consumer<Log> logs) {
        switch (kind) {
            case TESTNET_OZ3 -> {
                if (holder.equals(Address.ZERO)) {
                    throw new EvmRevert.ErrorString("ERC20: approve from the zero address").raise();
                }
                if (spender.equals(Address.ZERO)) {
                    throw new EvmRevert.ErrorString("ERC20: approve to the zero address").raise();
                }
            }
            case TESTNET_OZ5 -> {
                if (holder.equals(Address.ZERO)) {
                    throw new EvmRevert.CustomError("ERC20InvalidApprover").raise();
                }
                if (spender.equals(Address.ZERO)) {
                    throw new EvmRevert.CustomError("ERC20InvalidSpender").raise();
                }
            }
            case WETH9 -> {}
        }
        logs.accept(Log.of(address, "Approval", holder, spender, amount));
        return withAllowance(holder, spender, amount);
    }

    /**
     * Mints {@code amount} to {@code to}: {@code TestnetERC20.mint(to, amount)} sent by {@code sender} (its owner
     * only), or {@code WETH9.deposit()} of {@code amount} wei sent by {@code to}.
     */
    public Erc20 mint(Address sender, Address to, BigInteger amount, Consumer<Log> logs) {
        switch (kind) {
            case TESTNET_OZ3 -> {
                if (!sender.equals(owner)) {
                    throw new EvmRevert.ErrorString("Ownable: caller is not the owner").raise();
                }
                if (to.equals(Address.ZERO)) {
                    throw new EvmRevert.ErrorString("ERC20: mint to the zero address").raise();
                }
                BigInteger supply = safeAdd(totalSupply, amount);
                BigInteger balance = safeAdd(balanceOf(to), amount);
                logs.accept(Log.of(address, "Transfer", Address.ZERO, to, amount));
                return new Erc20(address, kind, owner, decimals, supply, balances.put(to, balance), allowances);
            }
            case TESTNET_OZ5 -> {
                if (!sender.equals(owner)) {
                    throw new EvmRevert.CustomError("OwnableUnauthorizedAccount").raise();
                }
                if (to.equals(Address.ZERO)) {
                    throw new EvmRevert.CustomError("ERC20InvalidReceiver").raise();
                }
                BigInteger supply = Word.addU(totalSupply, amount, 256);
                logs.accept(Log.of(address, "Transfer", Address.ZERO, to, amount));
                return new Erc20(
                        address,
                        kind,
                        owner,
                        decimals,
                        supply,
                        balances.put(to, balanceOf(to).add(amount)),
                        allowances);
            }
            case WETH9 -> {
                // deposit(): balanceOf[msg.sender] += msg.value; totalSupply() is the contract's ether balance
                BigInteger supply = Word.addU(totalSupply, amount, 256);
                BigInteger balance = Word.addU(balanceOf(to), amount, 256);
                logs.accept(Log.of(address, "Deposit", to, amount));
                return new Erc20(address, kind, owner, decimals, supply, balances.put(to, balance), allowances);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private Erc20 move(Address from, Address to, BigInteger amount, Consumer<Log> logs) {
        switch (kind) {
            case TESTNET_OZ3 -> {
                if (from.equals(Address.ZERO)) {
                    throw new EvmRevert.ErrorString("ERC20: transfer from the zero address").raise();
                }
                if (to.equals(Address.ZERO)) {
                    throw new EvmRevert.ErrorString("ERC20: transfer to the zero address").raise();
                }
                BigInteger fromBalance = balanceOf(from);
                if (fromBalance.compareTo(amount) < 0) {
                    throw new EvmRevert.ErrorString("ERC20: transfer amount exceeds balance").raise();
                }
                Map<Address, BigInteger> b = balances.put(from, fromBalance.subtract(amount));
                b = b.put(to, safeAdd(b.get(to).getOrElse(BigInteger.ZERO), amount));
                logs.accept(Log.of(address, "Transfer", from, to, amount));
                return withBalances(b);
            }
            case TESTNET_OZ5 -> {
                if (from.equals(Address.ZERO)) {
                    throw new EvmRevert.CustomError("ERC20InvalidSender").raise();
                }
                if (to.equals(Address.ZERO)) {
                    throw new EvmRevert.CustomError("ERC20InvalidReceiver").raise();
                }
                BigInteger fromBalance = balanceOf(from);
                if (fromBalance.compareTo(amount) < 0) {
                    throw new EvmRevert.CustomError("ERC20InsufficientBalance").raise();
                }
                Map<Address, BigInteger> b = balances.put(from, fromBalance.subtract(amount));
                // unchecked in OpenZeppelin 5: a balance never exceeds the total supply
                b = b.put(to, b.get(to).getOrElse(BigInteger.ZERO).add(amount));
                logs.accept(Log.of(address, "Transfer", from, to, amount));
                return withBalances(b);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private static BigInteger safeAdd(BigInteger a, BigInteger b) {
        BigInteger c = a.add(b);
        if (c.bitLength() > 256) {
            throw new EvmRevert.ErrorString("SafeMath: addition overflow").raise();
        }
        return c;
    }
}
