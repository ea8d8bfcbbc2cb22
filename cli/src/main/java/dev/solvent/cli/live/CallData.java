package dev.solvent.cli.live;

import dev.solvent.model.tx.Tx;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The calldata of the transactions a keeper sends, ABI-encoded for the modelled margin contract. The model names
 * accounts, markets and assets by strings, so the contract's interface does too:
 *
 * {@snippet lang = "solidity" :
 * interface ISolventMargin {
 *     function liquidate(string account) external;                                          // 0x4f54178a
 *     function liquidateIsolated(string account, string market) external;                   // 0x8616c1e8
 *     function take(uint256 auction, uint256 amount, uint256 maxPrice) external;            // 0x3738f1a5
 *     function redo(uint256 auction) external;                                              // 0x5ce2fd85
 *     function buyCollateral(string asset, uint256 minAmount, uint256 baseAmount) external; // 0x8b03993c
 * }
 * }
 *
 * Amounts are base units and prices have the feed's decimals, as in {@link Tx}; the sender is {@code msg.sender}.
 * A deployed protocol with another interface needs its own encoder: this class is the one place to change.
 */
public final class CallData {

    private CallData() {}

    /**
     * {@return the ABI call of {@code tx}}
     *
     * @throws IllegalArgumentException if {@code tx} is not one a keeper sends, or holds a negative price
     */
    public static Function function(Tx tx) {
        return switch (tx) {
            case Tx.Liquidate l -> call("liquidate", new Utf8String(l.account().account()));
            case Tx.LiquidateIsolated l ->
                call(
                        "liquidateIsolated",
                        new Utf8String(l.account().account()),
                        new Utf8String(l.market().name()));
            case Tx.Take t ->
                call(
                        "take",
                        uint(BigInteger.valueOf(t.auction())),
                        uint(t.amount().toBigInteger()),
                        uint(t.maxPrice().toBigInteger()));
            case Tx.Redo r -> call("redo", uint(BigInteger.valueOf(r.auction())));
            case Tx.BuyCollateral b ->
                call(
                        "buyCollateral",
                        new Utf8String(b.asset().symbol()),
                        uint(b.minAmount().toBigInteger()),
                        uint(b.baseAmount().toBigInteger()));
            case Tx.Deposit x -> notAKeeperCall(x);
            case Tx.Withdraw x -> notAKeeperCall(x);
            case Tx.Borrow x -> notAKeeperCall(x);
            case Tx.Repay x -> notAKeeperCall(x);
            case Tx.FundInsurance x -> notAKeeperCall(x);
            case Tx.Trade x -> notAKeeperCall(x);
            case Tx.OpenIsolated x -> notAKeeperCall(x);
            case Tx.ModifyIsolated x -> notAKeeperCall(x);
            case Tx.CloseIsolated x -> notAKeeperCall(x);
            case Tx.AddIsolatedMargin x -> notAKeeperCall(x);
            case Tx.RemoveIsolatedMargin x -> notAKeeperCall(x);
            case Tx.SettleFunding x -> notAKeeperCall(x);
        };
    }

    /** {@return the calldata of {@code tx}: {@code 0x}, the selector and the encoded arguments} */
    public static String encode(Tx tx) {
        return FunctionEncoder.encode(function(tx));
    }

    @SuppressWarnings("rawtypes") // web3j's Function takes a raw List<Type>
    private static Function call(String name, Type... inputs) {
        return new Function(name, Arrays.asList(inputs), List.of());
    }

    private static Uint256 uint(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a uint256 argument cannot be negative: " + value);
        }
        return new Uint256(value);
    }

    private static Function notAKeeperCall(Tx tx) {
        throw new IllegalArgumentException(tx.getClass().getSimpleName() + " is not a transaction a keeper sends");
    }
}
