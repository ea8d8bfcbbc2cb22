package dev.solvent.oracle.mirror;

import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.comet.UserBasic;
import dev.solvent.mirror.evm.Address;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a live read can know of a Comet state, in a form two states compare by: everything Comet stores (immutables,
 * totals, every non-empty {@code userBasic}, every non-zero collateral balance, the allowed pairs, the liquidator
 * points) and, of each token, Comet's own balance. A read cannot list every holder of a token, and an account with an
 * empty {@code userBasic} is the same as one never seen.
 */
final class CometStates {

    private CometStates() {}

    static Map<String, Object> comparable(CometState s) {
        Map<String, Object> out = new TreeMap<>();
        out.put("immutables", s.immutables());
        out.put("totalsBasic", s.totalsBasic());
        out.put(
                "totalsCollateral",
                new TreeMap<>(
                        s.totalsCollateral().filter(e -> e._2.signum() != 0).toJavaMap()));
        Map<Address, UserBasic> basics = new TreeMap<>();
        s.userBasic().filter(e -> !e._2.equals(UserBasic.EMPTY)).forEach(e -> basics.put(e._1, e._2));
        out.put("userBasic", basics);
        Map<String, BigInteger> collateral = new TreeMap<>();
        s.userCollateral().filter(e -> e._2.signum() != 0).forEach(e -> collateral.put(e._1._1 + "/" + e._1._2, e._2));
        out.put("userCollateral", collateral);
        out.put(
                "isAllowed",
                s.isAllowed().map(p -> p._1 + "/" + p._2).toSortedSet().toJavaList());
        out.put("liquidatorPoints", new TreeMap<>(s.liquidatorPoints().toJavaMap()));
        Map<Address, BigInteger> held = new TreeMap<>();
        s.tokens().forEach(e -> held.put(e._1, e._2.balanceOf(s.immutables().comet())));
        out.put("cometTokenBalances", held);
        return out;
    }
}
