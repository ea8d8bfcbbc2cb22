package dev.solvent.oracle.mirror;

import dev.solvent.mirror.evm.EvmRevert;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One view asked of both sides by a reader's verification: who it is about, the field, the contract and calldata the
 * deployment is asked, the mirror's answer, and how to render the deployment's return data. A revert is an answer
 * too: both must revert, or neither.
 *
 * @param subject the account, or {@code market}
 * @param field the view's name in messages
 * @param to the contract asked
 * @param data the calldata
 * @param mirror the mirror's answer, rendered as {@code decode} renders the chain's
 * @param decode how to render the chain's answer
 */
record ViewCheck(
        String subject,
        String field,
        String to,
        String data,
        Either<EvmRevert, String> mirror,
        Function<Abi.Words, String> decode) {

    /**
     * {@return every check on which the deployment at {@code block} answers otherwise than the mirror} Checks of the
     * same call (the fields of one struct) share one {@code eth_call}; the decoder sees every word returned.
     */
    static List<Disagreement> disagreements(JsonRpc rpc, List<ViewCheck> checks, long block) {
        Map<List<String>, Integer> index = new HashMap<>();
        List<JsonRpc.Call> calls = new ArrayList<>();
        int[] callOf = new int[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            ViewCheck ch = checks.get(i);
            callOf[i] = index.computeIfAbsent(List.of(ch.to(), ch.data()), k -> {
                calls.add(new JsonRpc.Call(ch.field() + " of " + ch.subject() + " on " + ch.to(), ch.to(), ch.data()));
                return calls.size() - 1;
            });
        }
        List<Either<String, String>> answers = rpc.calls(calls, block);
        List<Disagreement> out = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            ViewCheck ch = checks.get(i);
            Either<String, String> chain = answers.get(callOf[i]);
            String onChain = chain.isLeft()
                    ? "revert"
                    : ch.decode()
                            .apply(Abi.Words.of(
                                    calls.get(callOf[i]).what(),
                                    chain.get(),
                                    Math.max(1, (chain.get().length() - 2) / 64)));
            String inMirror = ch.mirror().fold(r -> "revert", v -> v);
            if (!onChain.equals(inMirror)) {
                String shownChain = chain.isLeft() ? "revert (" + chain.getLeft() + ")" : onChain;
                String shownMirror = ch.mirror().fold(r -> "revert (" + r + ")", v -> v);
                out.add(new Disagreement(ch.subject(), ch.field(), shownChain, shownMirror));
            }
        }
        return out;
    }
}
