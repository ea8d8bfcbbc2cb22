package dev.solvent.oracle.mirror;

import dev.solvent.mirror.aave.AaveBlock;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveState.EModeCategory;
import dev.solvent.mirror.aave.AaveState.InterestRateData;
import dev.solvent.mirror.aave.AaveState.Reserve;
import dev.solvent.mirror.aave.AaveState.ScaledToken;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.aave.Erc20;
import dev.solvent.mirror.evm.Address;
import dev.solvent.oracle.mirror.StateJson.Collector;
import dev.solvent.oracle.mirror.StateJson.Node;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mirror state file of an Aave v3 market ({@code protocol: aave-v3.3} or {@code aave-v3.7}): an
 * {@link AaveSnapshot} as JSON, written by {@code solvent mirror}. Deterministic and exact as {@link CometStateFile}
 * (the same header and conventions; the fields are in {@code docs/mirror.md}): {@code read(write(s))} equals
 * {@code s}, and a wrong file is refused with the path of the first wrong field and what is valid.
 */
public final class AaveStateFile {

    private AaveStateFile() {}

    /** {@return the protocol name of a version in state files and on the command line: {@code aave-v3.3}...} */
    public static String protocol(AaveVersion version) {
        return switch (version) {
            case V3_3 -> "aave-v3.3";
            case V3_7 -> "aave-v3.7";
        };
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /** {@return the snapshot as the text of a state file, ending with a newline} */
    public static String write(AaveSnapshot snapshot) {
        AaveState s = snapshot.state();
        ObjectNode root = StateJson.header(
                protocol(s.version()),
                snapshot.chainId(),
                snapshot.blockNumber(),
                snapshot.blockHash(),
                snapshot.block().timestamp());
        ObjectNode answers = root.putObject("prices");
        StateJson.sorted(snapshot.block().answers()).forEach((asset, v) -> answers.put(asset.hex(), StateJson.str(v)));

        ObjectNode state = root.putObject("state");
        state.put("pool", s.pool().hex());
        state.put("oracle", s.oracle().hex());
        state.put("umbrella", s.umbrella().hex());
        ArrayNode reserves = state.putArray("reserves");
        for (Reserve r : s.reserves()) {
            ObjectNode n = reserves.addObject();
            n.put("id", r.id());
            n.put("asset", r.asset().hex());
            n.put("aToken", r.aToken().hex());
            n.put("variableDebtToken", r.variableDebtToken().hex());
            n.put("interestRateStrategy", r.interestRateStrategy().hex());
            n.put("treasury", r.treasury().hex());
            n.put("configuration", StateJson.str(r.configuration()));
            n.put("liquidityIndex", StateJson.str(r.liquidityIndex()));
            n.put("currentLiquidityRate", StateJson.str(r.currentLiquidityRate()));
            n.put("variableBorrowIndex", StateJson.str(r.variableBorrowIndex()));
            n.put("currentVariableBorrowRate", StateJson.str(r.currentVariableBorrowRate()));
            n.put("lastUpdateTimestamp", r.lastUpdateTimestamp());
            n.put("accruedToTreasury", StateJson.str(r.accruedToTreasury()));
            n.put("unbacked", StateJson.str(r.unbacked()));
            n.put("isolationModeTotalDebt", StateJson.str(r.isolationModeTotalDebt()));
            n.put("virtualUnderlyingBalance", StateJson.str(r.virtualUnderlyingBalance()));
            n.put("deficit", StateJson.str(r.deficit()));
            n.put("liquidationGracePeriodUntil", r.liquidationGracePeriodUntil());
            ObjectNode rates = n.putObject("interestRateData");
            rates.put("optimalUsageRatio", r.rates().optimalUsageRatio());
            rates.put("baseVariableBorrowRate", r.rates().baseVariableBorrowRate());
            rates.put("variableRateSlope1", r.rates().variableRateSlope1());
            rates.put("variableRateSlope2", r.rates().variableRateSlope2());
            writeLedger(n.putObject("aTokenLedger"), r.aTokenLedger());
            writeLedger(n.putObject("debtLedger"), r.debtLedger());
        }
        ArrayNode categories = state.putArray("eModeCategories");
        new TreeMap<>(s.eModeCategories().toJavaMap()).values().forEach(c -> {
            ObjectNode n = categories.addObject();
            n.put("id", c.id());
            n.put("ltv", c.ltv());
            n.put("liquidationThreshold", c.liquidationThreshold());
            n.put("liquidationBonus", c.liquidationBonus());
            n.put("collateralBitmap", StateJson.str(c.collateralBitmap()));
            n.put("borrowableBitmap", StateJson.str(c.borrowableBitmap()));
            n.put("ltvzeroBitmap", StateJson.str(c.ltvzeroBitmap()));
            n.put("isolated", c.isolated());
        });
        ObjectNode config = state.putObject("userConfig");
        StateJson.sorted(s.userConfig()).forEach((u, v) -> config.put(u.hex(), StateJson.str(v)));
        ObjectNode eMode = state.putObject("userEMode");
        StateJson.sorted(s.userEMode()).forEach((u, v) -> eMode.put(u.hex(), v));
        ObjectNode tokens = state.putObject("tokens");
        StateJson.sorted(s.tokens()).forEach((address, t) -> {
            ObjectNode n = tokens.putObject(address.hex());
            n.put("kind", t.kind().name());
            n.put("owner", t.owner().hex());
            n.put("decimals", t.decimals());
            n.put("totalSupply", StateJson.str(t.totalSupply()));
            ObjectNode balances = n.putObject("balances");
            StateJson.sorted(t.balances()).forEach((holder, v) -> balances.put(holder.hex(), StateJson.str(v)));
            writeAllowances(n.putArray("allowances"), t.allowances());
        });
        return StateJson.text(root);
    }

    private static void writeLedger(ObjectNode n, ScaledToken t) {
        n.put("scaledTotalSupply", StateJson.str(t.scaledTotalSupply()));
        ObjectNode scaled = n.putObject("scaled");
        StateJson.sorted(t.scaled()).forEach((u, v) -> scaled.put(u.hex(), StateJson.str(v)));
        ObjectNode index = n.putObject("previousIndex");
        StateJson.sorted(t.previousIndex()).forEach((u, v) -> index.put(u.hex(), StateJson.str(v)));
        writeAllowances(n.putArray("allowances"), t.allowances());
    }

    private static void writeAllowances(
            ArrayNode rows, io.vavr.collection.Map<Tuple2<Address, Address>, BigInteger> m) {
        m.toSortedMap(StateJson::comparePairs, e -> e._1, e -> e._2).forEach((pair, v) -> {
            ArrayNode row = rows.addArray();
            row.add(pair._1.hex());
            row.add(pair._2.hex());
            row.add(StateJson.str(v));
        });
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** {@return the snapshot in {@code text}, a state file of {@code version}, or what is wrong with it} */
    public static Either<String, AaveSnapshot> read(String text, AaveVersion version) {
        return StateJson.read(text, root -> parse(root, version));
    }

    /** {@return the snapshot in {@code text}, a state file of either version (its {@code protocol} says which)} */
    public static Either<String, AaveSnapshot> read(String text) {
        Either<String, AaveVersion> version = StateJson.read(text, root -> {
            String p = root.get("protocol").text();
            for (AaveVersion v : AaveVersion.values()) {
                if (protocol(v).equals(p)) {
                    return v;
                }
            }
            throw root.get("protocol").bad("\"aave-v3.3\" or \"aave-v3.7\"", "\"" + p + "\"");
        });
        return version.flatMap(v -> read(text, v));
    }

    private static AaveSnapshot parse(Node root, AaveVersion version) {
        StateJson.Header h = StateJson.header(root, protocol(version));
        Map<Address, BigInteger> answers = new LinkedHashMap<>();
        root.get("prices").fields((asset, v) -> answers.put(asset, v.integer(256)));
        Node state = root.get("state");
        List<Reserve> reserves = new ArrayList<>();
        for (Node n : state.get("reserves").elements()) {
            Node rates = n.get("interestRateData");
            Address aToken = n.get("aToken").address();
            Address debt = n.get("variableDebtToken").address();
            reserves.add(new Reserve(
                    (int) n.get("id").number(0, 65_535),
                    n.get("asset").address(),
                    aToken,
                    debt,
                    n.get("interestRateStrategy").address(),
                    n.get("treasury").address(),
                    n.get("configuration").uint(256),
                    n.get("liquidityIndex").uint(128),
                    n.get("currentLiquidityRate").uint(128),
                    n.get("variableBorrowIndex").uint(128),
                    n.get("currentVariableBorrowRate").uint(128),
                    n.get("lastUpdateTimestamp").number(0, (1L << 40) - 1),
                    n.get("accruedToTreasury").uint(128),
                    n.get("unbacked").uint(128),
                    n.get("isolationModeTotalDebt").uint(128),
                    n.get("virtualUnderlyingBalance").uint(128),
                    n.get("deficit").uint(128),
                    n.get("liquidationGracePeriodUntil").number(0, (1L << 40) - 1),
                    new InterestRateData(
                            (int) rates.get("optimalUsageRatio").number(0, 65_535),
                            (int) rates.get("baseVariableBorrowRate").number(0, 0xFFFF_FFFFL),
                            (int) rates.get("variableRateSlope1").number(0, 0xFFFF_FFFFL),
                            (int) rates.get("variableRateSlope2").number(0, 0xFFFF_FFFFL)),
                    readLedger(n.get("aTokenLedger"), aToken),
                    readLedger(n.get("debtLedger"), debt)));
        }
        List<EModeCategory> categories = new ArrayList<>();
        for (Node c : state.get("eModeCategories").elements()) {
            Node isolated = c.get("isolated");
            if (!isolated.json().isBoolean()) {
                throw isolated.bad("true or false", isolated.json().toString());
            }
            categories.add(new EModeCategory(
                    (int) c.get("id").number(1, 255),
                    (int) c.get("ltv").number(0, 65_535),
                    (int) c.get("liquidationThreshold").number(0, 65_535),
                    (int) c.get("liquidationBonus").number(0, 65_535),
                    c.get("collateralBitmap").uint(128),
                    c.get("borrowableBitmap").uint(128),
                    c.get("ltvzeroBitmap").uint(128),
                    isolated.json().asBoolean()));
        }
        var userConfig = new Collector<Address, BigInteger>();
        state.get("userConfig").fields((u, v) -> userConfig.put(u, v.uint(256)));
        var userEMode = new Collector<Address, Integer>();
        state.get("userEMode").fields((u, v) -> userEMode.put(u, (int) v.number(0, 255)));
        List<Erc20> tokens = new ArrayList<>();
        state.get("tokens").fields((address, n) -> {
            String kind = n.get("kind").text();
            Erc20.Kind k;
            try {
                k = Erc20.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw n.get("kind").bad("TESTNET_OZ3, TESTNET_OZ5 or WETH9", "\"" + kind + "\"");
            }
            var balances = new Collector<Address, BigInteger>();
            n.get("balances").fields((holder, v) -> balances.put(holder, v.uint(256)));
            tokens.add(new Erc20(
                    address,
                    k,
                    n.get("owner").address(),
                    (int) n.get("decimals").number(0, 255),
                    n.get("totalSupply").uint(256),
                    balances.map,
                    allowances(n.get("allowances"))));
        });
        AaveState created;
        try {
            created = AaveState.create(
                    version, state.get("pool").address(), state.get("oracle").address(), reserves, categories, tokens);
        } catch (IllegalArgumentException e) {
            throw state.get("reserves").bad("reserves listed by id from 0", e.getMessage());
        }
        AaveState s = new AaveState(
                version,
                created.pool(),
                created.oracle(),
                state.get("umbrella").address(),
                created.reserves(),
                created.eModeCategories(),
                userConfig.map,
                userEMode.map,
                created.tokens());
        return new AaveSnapshot(h.chainId(), h.number(), h.hash(), AaveBlock.of(h.timestamp(), answers), s);
    }

    private static ScaledToken readLedger(Node n, Address token) {
        var scaled = new Collector<Address, BigInteger>();
        n.get("scaled").fields((u, v) -> scaled.put(u, v.uint(128)));
        var index = new Collector<Address, BigInteger>();
        n.get("previousIndex").fields((u, v) -> index.put(u, v.uint(128)));
        return new ScaledToken(
                token, n.get("scaledTotalSupply").uint(256), scaled.map, index.map, allowances(n.get("allowances")));
    }

    private static io.vavr.collection.Map<Tuple2<Address, Address>, BigInteger> allowances(Node rows) {
        io.vavr.collection.Map<Tuple2<Address, Address>, BigInteger> out = HashMap.empty();
        for (Node row : rows.elements()) {
            List<Node> three = row.elements();
            if (three.size() != 3) {
                throw row.bad("[owner, spender, amount]", three.size() + " elements");
            }
            out = out.put(
                    new Tuple2<>(three.get(0).address(), three.get(1).address()),
                    three.get(2).uint(256));
        }
        return out;
    }
}
