package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.List;

/**
 * A transaction to Comet (or to one of the tokens beside it), one record per external function, named as the
 * contract names it. {@code sender} is {@code msg.sender}.
 */
public sealed interface CometCall {

    /** {@return {@code msg.sender}} */
    Address sender();

    /** Rejects a value no {@code uint256} argument can hold, naming the argument. */
    static void uint256(String field, BigInteger value) {
        if (value == null || value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException(field + " is a uint256 (0 to 2^256-1), not " + value);
        }
    }

    /** Rejects a missing address, naming the argument. */
    static void address(String field, Address value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is an address and is required");
        }
    }

    /** {@code supply(asset, amount)}. */
    record Supply(Address sender, Address asset, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public Supply {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code supplyTo(dst, asset, amount)}. */
    record SupplyTo(Address sender, Address dst, Address asset, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public SupplyTo {
            address("sender", sender);
            address("dst", dst);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code supplyFrom(from, dst, asset, amount)}. */
    record SupplyFrom(Address sender, Address from, Address dst, Address asset, BigInteger amount)
            implements CometCall {
        /** Checks each argument fits its ABI type. */
        public SupplyFrom {
            address("sender", sender);
            address("from", from);
            address("dst", dst);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code transfer(dst, amount)} of base. */
    record Transfer(Address sender, Address dst, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public Transfer {
            address("sender", sender);
            address("dst", dst);
            uint256("amount", amount);
        }
    }

    /** {@code transferFrom(src, dst, amount)} of base. */
    record TransferFrom(Address sender, Address src, Address dst, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public TransferFrom {
            address("sender", sender);
            address("src", src);
            address("dst", dst);
            uint256("amount", amount);
        }
    }

    /** {@code transferAsset(dst, asset, amount)}. */
    record TransferAsset(Address sender, Address dst, Address asset, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public TransferAsset {
            address("sender", sender);
            address("dst", dst);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code transferAssetFrom(src, dst, asset, amount)}. */
    record TransferAssetFrom(Address sender, Address src, Address dst, Address asset, BigInteger amount)
            implements CometCall {
        /** Checks each argument fits its ABI type. */
        public TransferAssetFrom {
            address("sender", sender);
            address("src", src);
            address("dst", dst);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code withdraw(asset, amount)}. */
    record Withdraw(Address sender, Address asset, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public Withdraw {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code withdrawTo(to, asset, amount)}. */
    record WithdrawTo(Address sender, Address to, Address asset, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public WithdrawTo {
            address("sender", sender);
            address("to", to);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code withdrawFrom(src, to, asset, amount)}. */
    record WithdrawFrom(Address sender, Address src, Address to, Address asset, BigInteger amount)
            implements CometCall {
        /** Checks each argument fits its ABI type. */
        public WithdrawFrom {
            address("sender", sender);
            address("src", src);
            address("to", to);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code absorb(absorber, accounts)}: liquidates every account or none. */
    record Absorb(Address sender, Address absorber, List<Address> accounts) implements CometCall {
        /** Copies the accounts. */
        public Absorb {
            address("sender", sender);
            address("absorber", absorber);
            accounts = List.copyOf(accounts);
        }
    }

    /** {@code buyCollateral(asset, minAmount, baseAmount, recipient)}. */
    record BuyCollateral(Address sender, Address asset, BigInteger minAmount, BigInteger baseAmount, Address recipient)
            implements CometCall {
        /** Checks each argument fits its ABI type. */
        public BuyCollateral {
            address("sender", sender);
            address("asset", asset);
            uint256("minAmount", minAmount);
            uint256("baseAmount", baseAmount);
            address("recipient", recipient);
        }
    }

    /** {@code withdrawReserves(to, amount)}, governor only. */
    record WithdrawReserves(Address sender, Address to, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public WithdrawReserves {
            address("sender", sender);
            address("to", to);
            uint256("amount", amount);
        }
    }

    /** {@code approveThis(manager, asset, amount)}, governor only: Comet approves a token. */
    record ApproveThis(Address sender, Address manager, Address asset, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public ApproveThis {
            address("sender", sender);
            address("manager", manager);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code pause(...)}, governor or pause guardian only. */
    record Pause(
            Address sender,
            boolean supplyPaused,
            boolean transferPaused,
            boolean withdrawPaused,
            boolean absorbPaused,
            boolean buyPaused)
            implements CometCall {
        /** Checks each argument fits its ABI type. */
        public Pause {
            address("sender", sender);
        }
    }

    /** {@code accrueAccount(account)}. */
    record AccrueAccount(Address sender, Address account) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public AccrueAccount {
            address("sender", sender);
            address("account", account);
        }
    }

    /** {@code initializeStorage()}: reverts once the market is initialized, which {@link Comet#deploy} does. */
    record InitializeStorage(Address sender) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public InitializeStorage {
            address("sender", sender);
        }
    }

    /** {@code allow(manager, isAllowed)} (served by CometExt). */
    record Allow(Address sender, Address manager, boolean isAllowed) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public Allow {
            address("sender", sender);
            address("manager", manager);
        }
    }

    /** {@code approve(spender, amount)} of Comet's base token (CometExt): only 0 and {@code uint256} max. */
    record Approve(Address sender, Address spender, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public Approve {
            address("sender", sender);
            address("spender", spender);
            uint256("amount", amount);
        }
    }

    /** {@code allowBySig(...)}: signature recovery is not mirrored; the mirror answers {@code NotMirrored}. */
    record AllowBySig(Address sender) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public AllowBySig {
            address("sender", sender);
        }
    }

    /** The test token's {@code allocateTo(owner, value)} (mints). */
    record TokenAllocate(Address sender, Address token, Address owner, BigInteger value) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public TokenAllocate {
            address("sender", sender);
            address("token", token);
            address("owner", owner);
            uint256("value", value);
        }
    }

    /** A token's {@code approve(spender, amount)}. */
    record TokenApprove(Address sender, Address token, Address spender, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public TokenApprove {
            address("sender", sender);
            address("token", token);
            address("spender", spender);
            uint256("amount", amount);
        }
    }

    /** A token's {@code transfer(dst, amount)}: how a donation to Comet changes its reserves. */
    record TokenTransfer(Address sender, Address token, Address dst, BigInteger amount) implements CometCall {
        /** Checks each argument fits its ABI type. */
        public TokenTransfer {
            address("sender", sender);
            address("token", token);
            address("dst", dst);
            uint256("amount", amount);
        }
    }
}
