package dev.solvent.mirror.comet;

import java.util.List;

/**
 * One view the differential harness reads on both sides after every action: the function's signature, its arguments
 * ({@link dev.solvent.mirror.evm.Address}, {@link java.math.BigInteger}, {@link Boolean}) and the ABI types of its
 * outputs, flattened (a returned struct of static fields lists its fields' types in order).
 *
 * <p>Both sides render a result the same way: the outputs joined by {@code ","}, each an address in lower-case hex,
 * an integer in decimal, or {@code true}/{@code false}; a revert renders as {@code "revert " + EvmRevert.toString()}.
 *
 * @param key a readable name for traces, unique within one observation, e.g. {@code "balanceOf(alice)"}
 * @param target which contract answers: {@code "comet"} or a token's address
 */
record ViewCall(String key, String target, String signature, List<Object> args, List<String> outputs) {

    ViewCall {
        args = List.copyOf(args);
        outputs = List.copyOf(outputs);
    }
}
