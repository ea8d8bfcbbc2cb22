package dev.solvent.oracle.mirror;

import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.Erc20;
import dev.solvent.mirror.evm.Address;
import io.vavr.collection.HashMap;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a live read can know of an Aave state, in a form two states compare by: everything the Pool and its tokens
 * store (each reserve with its tokens' non-zero scaled balances and last indexes, the eMode categories, non-zero user
 * bitmaps and eModes) and, of each underlying token, its kind, decimals, supply and the aToken's holding. A read cannot
 * list every holder of a token or every allowance, and a zero entry is the same as one never written; the owner of a
 * WETH9 (which has none) is left out.
 */
final class AaveStates {

    private AaveStates() {}

    static Map<String, Object> comparable(AaveState s) {
        Map<String, Object> out = new TreeMap<>();
        out.put("version", s.version());
        out.put("pool", s.pool());
        out.put("oracle", s.oracle());
        out.put("umbrella", s.umbrella());
        List<AaveState.Reserve> reserves = s.reserves()
                .map(r -> r.withLedgers(ledger(r.aTokenLedger()), ledger(r.debtLedger())))
                .toJavaList();
        out.put("reserves", reserves);
        out.put("eModeCategories", new TreeMap<>(s.eModeCategories().toJavaMap()));
        out.put("userConfig", new TreeMap<>(nonZero(s.userConfig()).toJavaMap()));
        out.put("userEMode", new TreeMap<>(s.userEMode().filter(e -> e._2 != 0).toJavaMap()));
        Map<Address, String> tokens = new TreeMap<>();
        for (AaveState.Reserve r : s.reserves()) {
            Erc20 t = s.tokens().get(r.asset()).get();
            tokens.put(
                    r.asset(),
                    t.kind() + " owner " + (t.kind() == Erc20.Kind.WETH9 ? "-" : t.owner()) + " decimals "
                            + t.decimals() + " supply " + t.totalSupply() + " aToken holds " + t.balanceOf(r.aToken()));
        }
        out.put("tokens", tokens);
        return out;
    }

    private static AaveState.ScaledToken ledger(AaveState.ScaledToken t) {
        return new AaveState.ScaledToken(
                t.address(), t.scaledTotalSupply(), nonZero(t.scaled()), nonZero(t.previousIndex()), HashMap.empty());
    }

    private static io.vavr.collection.Map<Address, BigInteger> nonZero(io.vavr.collection.Map<Address, BigInteger> m) {
        return HashMap.ofEntries(m.filter(e -> e._2.signum() != 0));
    }
}
