package dev.solvent.oracle.mirror;

import dev.solvent.mirror.evm.Address;
import dev.solvent.oracle.rpc.RpcFailure;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;

/**
 * The little of the ABI a read needs: calldata through web3j's encoder, and return data as words, each checked
 * against its Solidity type (a value wider than its type is a {@link RpcFailure.MalformedResponse}, never a silently
 * truncated number).
 */
final class Abi {

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private Abi() {}

    /** {@return the calldata of {@code name(args)}: addresses, {@code uint256} (a {@code BigInteger}), {@code uint8} (an {@code Integer}) and {@code bytes32} (32 bytes)} */
    static String call(String name, Object... args) {
        List<Type<?>> types = new ArrayList<>();
        for (Object a : args) {
            types.add(
                    switch (a) {
                        case Address address -> new org.web3j.abi.datatypes.Address(address.hex());
                        case BigInteger n -> new Uint256(n);
                        case Integer n -> new Uint8(n);
                        case byte[] b -> new Bytes32(b);
                        default -> throw new IllegalArgumentException("not an ABI argument here: " + a);
                    });
        }
        @SuppressWarnings({"rawtypes", "unchecked"})
        List<Type> raw = (List<Type>) (List) types;
        return FunctionEncoder.encode(new Function(name, raw, List.of()));
    }

    /** {@return the topic of an event signature, such as {@code Supply(address,address,uint256)}} */
    static String topic(String signature) {
        return Hash.sha3String(signature);
    }

    /** Return data cut into words, with the call's name for messages. */
    record Words(String what, List<BigInteger> words) {

        /** {@return the words of {@code hex}, which must hold at least {@code count} of them} */
        static Words of(String what, String hex, int count) {
            String body = hex.substring(2);
            if (body.length() % 64 != 0 || body.length() / 64 < count) {
                throw ReadAbort.rpc(new RpcFailure.MalformedResponse(
                        what, "returned " + body.length() / 2 + " bytes of ABI data; expected " + 32 * count));
            }
            List<BigInteger> words = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                words.add(new BigInteger(body.substring(64 * i, 64 * i + 64), 16));
            }
            return new Words(what, words);
        }

        /** {@return word {@code i} as a {@code uint<bits>}} */
        BigInteger uint(int i, int bits) {
            BigInteger w = words.get(i);
            if (w.bitLength() > bits) {
                throw bad(i, "uint" + bits, w);
            }
            return w;
        }

        /** {@return word {@code i} as an {@code int<bits>}} */
        BigInteger signed(int i, int bits) {
            BigInteger w = words.get(i);
            BigInteger v = w.testBit(255) ? w.subtract(TWO_256) : w;
            if (v.bitLength() > bits - 1) {
                throw bad(i, "int" + bits, w);
            }
            return v;
        }

        /** {@return word {@code i} as an {@code address}} */
        Address address(int i) {
            BigInteger w = uint(i, 160);
            return Address.of(String.format("0x%040x", w));
        }

        /** {@return word {@code i} as a {@code bool}} */
        boolean bool(int i) {
            return uint(i, 1).signum() != 0;
        }

        /** {@return word {@code i} as a small {@code uint<bits>} (at most 62 bits)} */
        long small(int i, int bits) {
            return uint(i, bits).longValueExact();
        }

        private ReadAbort bad(int i, String type, BigInteger w) {
            return ReadAbort.rpc(new RpcFailure.MalformedResponse(
                    what, "value " + i + " (" + w.toString(16) + " hex) does not fit a " + type));
        }
    }
}
