package dev.solvent.oracle.live;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.live.FeedFailure.BadData;
import dev.solvent.oracle.live.FeedFailure.ReadFailure;
import dev.solvent.oracle.live.FeedFailure.WrongDataLength;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.utils.Numeric;

/**
 * The four AggregatorV3Interface functions the reader calls, and the strict decoding of what they return: the length
 * must be exactly what the return types give, and every value must fit its type, or the data is refused.
 */
final class AggregatorAbi {

    private static final int WORD = 32;
    private static final int ROUND_BYTES = 5 * WORD;
    private static final int MAX_DECIMALS = 36;

    static final Function DECIMALS = new Function("decimals", List.of(), List.of(new TypeReference<Uint8>() {}));

    static final Function DESCRIPTION =
            new Function("description", List.of(), List.of(new TypeReference<Utf8String>() {}));

    static final Function LATEST_ROUND_DATA = new Function("latestRoundData", List.of(), roundOutputs());

    private AggregatorAbi() {}

    /** {@return {@code getRoundData(roundId)}} */
    static Function getRoundData(BigInteger roundId) {
        return new Function("getRoundData", List.of(new Uint80(roundId)), roundOutputs());
    }

    /** {@return the call data of {@code function}: its selector and encoded arguments} */
    static String encode(Function function) {
        return FunctionEncoder.encode(function);
    }

    private static List<TypeReference<?>> roundOutputs() {
        return List.of(
                new TypeReference<Uint80>() {},
                new TypeReference<Int256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint80>() {});
    }

    /** {@return the decimals in {@code data}, or why they are not a valid {@code uint8} in {@code 0..36}} */
    static Either<ReadFailure, Integer> decodeDecimals(String call, byte[] data) {
        if (data.length != WORD) {
            return Either.left(new WrongDataLength(call, WORD, data.length));
        }
        BigInteger value = word(data, 0);
        if (value.bitLength() > 8) {
            return Either.left(new BadData(call, "decimals " + value + " is not a uint8"));
        }
        var decoded = FunctionReturnDecoder.decode(Numeric.toHexString(data), DECIMALS.getOutputParameters());
        int decimals = ((Uint8) decoded.getFirst()).getValue().intValueExact();
        if (decimals > MAX_DECIMALS) {
            return Either.left(new BadData(call, "decimals " + decimals + " is out of range; valid: 0..36"));
        }
        return Either.right(decimals);
    }

    /** {@return the string in {@code data}, or why {@code data} is not one ABI-encoded string} */
    static Either<ReadFailure, String> decodeDescription(String call, byte[] data) {
        if (data.length < 2 * WORD) {
            return Either.left(new WrongDataLength(call, 2 * WORD, data.length));
        }
        BigInteger offset = word(data, 0);
        if (!offset.equals(BigInteger.valueOf(WORD))) {
            return Either.left(new BadData(call, "the string's offset is " + offset + "; expected " + WORD));
        }
        BigInteger length = word(data, 1);
        if (length.compareTo(BigInteger.valueOf(data.length)) > 0) {
            return Either.left(new BadData(
                    call, "the string's length " + length + " is more than the " + data.length + " bytes returned"));
        }
        int padded = (length.intValueExact() + WORD - 1) / WORD * WORD;
        if (data.length != 2 * WORD + padded) {
            return Either.left(new WrongDataLength(call, 2 * WORD + padded, data.length));
        }
        var decoded = FunctionReturnDecoder.decode(Numeric.toHexString(data), DESCRIPTION.getOutputParameters());
        return Either.right(((Utf8String) decoded.getFirst()).getValue());
    }

    /** {@return the round in {@code data}, or why {@code data} is not five words that fit their types} */
    static Either<ReadFailure, RoundData> decodeRound(String call, byte[] data) {
        if (data.length != ROUND_BYTES) {
            return Either.left(new WrongDataLength(call, ROUND_BYTES, data.length));
        }
        // checked before decoding, as web3j's own decoder reports an oversized uint80 only as an unnamed failure
        String[] names = {"roundId", null, "startedAt", "updatedAt", "answeredInRound"};
        int[] maxBits = {80, 256, 63, 63, 80};
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null && word(data, i).bitLength() > maxBits[i]) {
                String what = maxBits[i] == 80 ? "a uint80" : "a timestamp in seconds";
                return Either.left(new BadData(call, names[i] + " " + word(data, i) + " is not " + what));
            }
        }
        var decoded = FunctionReturnDecoder.decode(Numeric.toHexString(data), LATEST_ROUND_DATA.getOutputParameters());
        return Either.right(new RoundData(
                ((Uint80) decoded.get(0)).getValue(),
                I256.of(((Int256) decoded.get(1)).getValue()),
                ((Uint256) decoded.get(2)).getValue().longValueExact(),
                ((Uint256) decoded.get(3)).getValue().longValueExact(),
                ((Uint80) decoded.get(4)).getValue()));
    }

    /** {@return the unsigned value of the 32-byte word at {@code index}} */
    private static BigInteger word(byte[] data, int index) {
        return new BigInteger(1, Arrays.copyOfRange(data, index * WORD, (index + 1) * WORD));
    }
}
