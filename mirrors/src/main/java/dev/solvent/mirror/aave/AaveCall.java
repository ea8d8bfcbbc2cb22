package dev.solvent.mirror.aave;

import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;

/**
 * A transaction to the Aave Pool or to one of the tokens beside it, one record per external function, named as the
 * contracts name them. {@code sender} is {@code msg.sender}; each record refuses arguments outside their ABI types,
 * naming the argument.
 */
public sealed interface AaveCall {

    /** {@return {@code msg.sender}} */
    Address sender();

    private static void uint256(String field, BigInteger value) {
        if (value == null || value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException(field + " is a uint256 (0 to 2^256-1), not " + value);
        }
    }

    private static void address(String field, Address value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is an address and is required");
        }
    }

    private static void uint(String field, int value, int bits) {
        if (value < 0 || value >= (1 << bits)) {
            throw new IllegalArgumentException(
                    field + " is a uint" + bits + " (0 to " + ((1 << bits) - 1) + "), not " + value);
        }
    }

    /** {@code Pool.supply(asset, amount, onBehalfOf, referralCode)}. */
    record Supply(Address sender, Address asset, BigInteger amount, Address onBehalfOf, int referralCode)
            implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public Supply {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
            address("onBehalfOf", onBehalfOf);
            uint("referralCode", referralCode, 16);
        }
    }

    /** {@code Pool.withdraw(asset, amount, to)}: {@code type(uint256).max} withdraws the whole balance. */
    record Withdraw(Address sender, Address asset, BigInteger amount, Address to) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public Withdraw {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
            address("to", to);
        }
    }

    /** {@code Pool.borrow(asset, amount, interestRateMode, referralCode, onBehalfOf)}. */
    record Borrow(
            Address sender,
            Address asset,
            BigInteger amount,
            BigInteger interestRateMode,
            int referralCode,
            Address onBehalfOf)
            implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public Borrow {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
            uint256("interestRateMode", interestRateMode);
            uint("referralCode", referralCode, 16);
            address("onBehalfOf", onBehalfOf);
        }
    }

    /** {@code Pool.repay(asset, amount, interestRateMode, onBehalfOf)}: max repays the whole debt (own only). */
    record Repay(Address sender, Address asset, BigInteger amount, BigInteger interestRateMode, Address onBehalfOf)
            implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public Repay {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
            uint256("interestRateMode", interestRateMode);
            address("onBehalfOf", onBehalfOf);
        }
    }

    /** {@code Pool.repayWithATokens(asset, amount, interestRateMode)}. */
    record RepayWithATokens(Address sender, Address asset, BigInteger amount, BigInteger interestRateMode)
            implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public RepayWithATokens {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
            uint256("interestRateMode", interestRateMode);
        }
    }

    /** {@code Pool.setUserUseReserveAsCollateral(asset, useAsCollateral)}. */
    record SetUserUseReserveAsCollateral(Address sender, Address asset, boolean useAsCollateral) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public SetUserUseReserveAsCollateral {
            address("sender", sender);
            address("asset", asset);
        }
    }

    /** {@code Pool.setUserEMode(categoryId)}: 0 leaves eMode. */
    record SetUserEMode(Address sender, int categoryId) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public SetUserEMode {
            address("sender", sender);
            uint("categoryId", categoryId, 8);
        }
    }

    /** {@code Pool.liquidationCall(collateralAsset, debtAsset, user, debtToCover, receiveAToken)}. */
    record LiquidationCall(
            Address sender,
            Address collateralAsset,
            Address debtAsset,
            Address user,
            BigInteger debtToCover,
            boolean receiveAToken)
            implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public LiquidationCall {
            address("sender", sender);
            address("collateralAsset", collateralAsset);
            address("debtAsset", debtAsset);
            address("user", user);
            uint256("debtToCover", debtToCover);
        }
    }

    /** {@code Pool.eliminateReserveDeficit(asset, amount)}: only the Umbrella (the addresses provider's UMBRELLA). */
    record EliminateReserveDeficit(Address sender, Address asset, BigInteger amount) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public EliminateReserveDeficit {
            address("sender", sender);
            address("asset", asset);
            uint256("amount", amount);
        }
    }

    /** {@code approve(spender, amount)} on an underlying token. */
    record TokenApprove(Address sender, Address token, Address spender, BigInteger amount) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public TokenApprove {
            address("sender", sender);
            address("token", token);
            address("spender", spender);
            uint256("amount", amount);
        }
    }

    /** {@code transfer(to, amount)} on an underlying token. */
    record TokenTransfer(Address sender, Address token, Address to, BigInteger amount) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public TokenTransfer {
            address("sender", sender);
            address("token", token);
            address("to", to);
            uint256("amount", amount);
        }
    }

    /**
     * Minting an underlying token: {@code TestnetERC20.mint(to, amount)} sent by its owner, or for {@code WETH9} a
     * {@code deposit()} of {@code amount} wei sent by {@code to} itself (the ether is created for it).
     */
    record TokenMint(Address sender, Address token, Address to, BigInteger amount) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public TokenMint {
            address("sender", sender);
            address("token", token);
            address("to", to);
            uint256("amount", amount);
        }
    }

    /** {@code AToken.transfer(to, amount)}: moves supplied balance, checked against the sender's health factor. */
    record ATokenTransfer(Address sender, Address asset, Address to, BigInteger amount) implements AaveCall {
        /** Checks each argument fits its ABI type. */
        public ATokenTransfer {
            address("sender", sender);
            address("asset", asset);
            address("to", to);
            uint256("amount", amount);
        }
    }
}
