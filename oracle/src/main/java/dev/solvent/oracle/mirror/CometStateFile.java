package dev.solvent.oracle.mirror;

import dev.solvent.mirror.comet.AssetInfo;
import dev.solvent.mirror.comet.CometBlock;
import dev.solvent.mirror.comet.CometImmutables;
import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.comet.LiquidatorPoints;
import dev.solvent.mirror.comet.TotalsBasic;
import dev.solvent.mirror.comet.UserBasic;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.oracle.mirror.StateJson.Collector;
import dev.solvent.oracle.mirror.StateJson.Node;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
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
 * The mirror state file of a Comet market ({@code protocol: comet}): a {@link CometSnapshot} as JSON, written by
 * {@code solvent mirror} and read back by whatever continues from it. Deterministic: maps are sorted by address, so the
 * same snapshot always gives the same bytes. Integers of protocol width are decimal strings (JSON numbers lose
 * precision past 2^53 in many readers); counts, decimals, flags and times are JSON numbers. The format is documented in
 * {@code docs/mirror.md}.
 *
 * <p>{@code read(write(s))} equals {@code s}. A file that is not such a state is refused with the path of the first
 * wrong field and what would be valid.
 */
public final class CometStateFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = StateJson.FORMAT;

    /** The version of the format this class writes and reads. */
    public static final int VERSION = StateJson.VERSION;

    private CometStateFile() {}

    // ---- writing -----------------------------------------------------------------------------------------------

    /** {@return the snapshot as the text of a state file, ending with a newline} */
    public static String write(CometSnapshot snapshot) {
        ObjectNode root = StateJson.header(
                "comet",
                snapshot.chainId(),
                snapshot.blockNumber(),
                snapshot.blockHash(),
                snapshot.block().timestamp());
        ((ObjectNode) root.get("block"))
                .put("baseFee", snapshot.block().baseFee().toString());
        ObjectNode answers = root.putObject("priceFeeds");
        new TreeMap<>(snapshot.block().answers()).forEach((feed, answer) -> answers.put(feed.hex(), answer.toString()));

        CometState s = snapshot.state();
        ObjectNode state = root.putObject("state");
        CometImmutables im = s.immutables();
        ObjectNode i = state.putObject("immutables");
        i.put("comet", im.comet().hex());
        i.put("governor", im.governor().hex());
        i.put("pauseGuardian", im.pauseGuardian().hex());
        i.put("baseToken", im.baseToken().hex());
        i.put("baseTokenPriceFeed", im.baseTokenPriceFeed().hex());
        i.put("extensionDelegate", im.extensionDelegate().hex());
        i.put("supplyKink", StateJson.str(im.supplyKink()));
        i.put("supplyPerSecondInterestRateSlopeLow", StateJson.str(im.supplyPerSecondInterestRateSlopeLow()));
        i.put("supplyPerSecondInterestRateSlopeHigh", StateJson.str(im.supplyPerSecondInterestRateSlopeHigh()));
        i.put("supplyPerSecondInterestRateBase", StateJson.str(im.supplyPerSecondInterestRateBase()));
        i.put("borrowKink", StateJson.str(im.borrowKink()));
        i.put("borrowPerSecondInterestRateSlopeLow", StateJson.str(im.borrowPerSecondInterestRateSlopeLow()));
        i.put("borrowPerSecondInterestRateSlopeHigh", StateJson.str(im.borrowPerSecondInterestRateSlopeHigh()));
        i.put("borrowPerSecondInterestRateBase", StateJson.str(im.borrowPerSecondInterestRateBase()));
        i.put("storeFrontPriceFactor", StateJson.str(im.storeFrontPriceFactor()));
        i.put("baseScale", StateJson.str(im.baseScale()));
        i.put("trackingIndexScale", StateJson.str(im.trackingIndexScale()));
        i.put("baseTrackingSupplySpeed", StateJson.str(im.baseTrackingSupplySpeed()));
        i.put("baseTrackingBorrowSpeed", StateJson.str(im.baseTrackingBorrowSpeed()));
        i.put("baseMinForRewards", StateJson.str(im.baseMinForRewards()));
        i.put("baseBorrowMin", StateJson.str(im.baseBorrowMin()));
        i.put("targetReserves", StateJson.str(im.targetReserves()));
        i.put("decimals", im.decimals());
        i.put("numAssets", im.numAssets());
        i.put("accrualDescaleFactor", StateJson.str(im.accrualDescaleFactor()));
        ArrayNode assets = i.putArray("assets");
        for (AssetInfo a : im.assets()) {
            ObjectNode n = assets.addObject();
            n.put("offset", a.offset());
            n.put("asset", a.asset().hex());
            n.put("priceFeed", a.priceFeed().hex());
            n.put("scale", StateJson.str(a.scale()));
            n.put("borrowCollateralFactor", StateJson.str(a.borrowCollateralFactor()));
            n.put("liquidateCollateralFactor", StateJson.str(a.liquidateCollateralFactor()));
            n.put("liquidationFactor", StateJson.str(a.liquidationFactor()));
            n.put("supplyCap", StateJson.str(a.supplyCap()));
        }

        TotalsBasic t = s.totalsBasic();
        ObjectNode totals = state.putObject("totalsBasic");
        totals.put("baseSupplyIndex", StateJson.str(t.baseSupplyIndex()));
        totals.put("baseBorrowIndex", StateJson.str(t.baseBorrowIndex()));
        totals.put("trackingSupplyIndex", StateJson.str(t.trackingSupplyIndex()));
        totals.put("trackingBorrowIndex", StateJson.str(t.trackingBorrowIndex()));
        totals.put("totalSupplyBase", StateJson.str(t.totalSupplyBase()));
        totals.put("totalBorrowBase", StateJson.str(t.totalBorrowBase()));
        totals.put("lastAccrualTime", t.lastAccrualTime());
        totals.put("pauseFlags", t.pauseFlags());

        ObjectNode collateralTotals = state.putObject("totalsCollateral");
        StateJson.sorted(s.totalsCollateral())
                .forEach((asset, v) -> collateralTotals.put(asset.hex(), StateJson.str(v)));

        ObjectNode users = state.putObject("userBasic");
        StateJson.sorted(s.userBasic()).forEach((account, u) -> {
            ObjectNode n = users.putObject(account.hex());
            n.put("principal", StateJson.str(u.principal()));
            n.put("baseTrackingIndex", StateJson.str(u.baseTrackingIndex()));
            n.put("baseTrackingAccrued", StateJson.str(u.baseTrackingAccrued()));
            n.put("assetsIn", u.assetsIn());
        });

        Map<Address, Map<Address, BigInteger>> byAccount = new TreeMap<>();
        s.userCollateral()
                .forEach(e ->
                        byAccount.computeIfAbsent(e._1._1, a -> new TreeMap<>()).put(e._1._2, e._2));
        ObjectNode collateral = state.putObject("userCollateral");
        byAccount.forEach((account, balances) -> {
            ObjectNode n = collateral.putObject(account.hex());
            balances.forEach((asset, v) -> n.put(asset.hex(), StateJson.str(v)));
        });

        ArrayNode allowed = state.putArray("isAllowed");
        s.isAllowed().toSortedSet(StateJson::comparePairs).forEach(p -> {
            ArrayNode pair = allowed.addArray();
            pair.add(p._1.hex());
            pair.add(p._2.hex());
        });

        ObjectNode points = state.putObject("liquidatorPoints");
        StateJson.sorted(s.liquidatorPoints()).forEach((absorber, p) -> {
            ObjectNode n = points.putObject(absorber.hex());
            n.put("numAbsorbs", p.numAbsorbs());
            n.put("numAbsorbed", StateJson.str(p.numAbsorbed()));
            n.put("approxSpend", StateJson.str(p.approxSpend()));
        });

        ObjectNode tokens = state.putObject("tokens");
        StateJson.sorted(s.tokens()).forEach((address, token) -> {
            ObjectNode n = tokens.putObject(address.hex());
            n.put("decimals", token.decimals());
            n.put("totalSupply", StateJson.str(token.totalSupply()));
            ObjectNode balances = n.putObject("balances");
            StateJson.sorted(token.balances()).forEach((owner, v) -> balances.put(owner.hex(), StateJson.str(v)));
            ArrayNode allowances = n.putArray("allowances");
            token.allowances()
                    .toSortedMap(StateJson::comparePairs, e -> e._1, e -> e._2)
                    .forEach((pair, v) -> {
                        ArrayNode row = allowances.addArray();
                        row.add(pair._1.hex());
                        row.add(pair._2.hex());
                        row.add(StateJson.str(v));
                    });
        });
        return StateJson.text(root);
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /** {@return the snapshot in {@code text}, or what is wrong with it: the path of the field and what is valid} */
    public static Either<String, CometSnapshot> read(String text) {
        return StateJson.read(text, CometStateFile::parse);
    }

    private static CometSnapshot parse(Node root) {
        StateJson.Header h = StateJson.header(root, "comet");
        long chainId = h.chainId();
        long number = h.number();
        String hash = h.hash();
        long timestamp = h.timestamp();
        BigInteger baseFee = root.get("block").get("baseFee").uint(256);
        Map<Address, BigInteger> answers = new LinkedHashMap<>();
        root.get("priceFeeds").fields((feed, v) -> answers.put(feed, v.integer(256)));

        Node state = root.get("state");
        Node i = state.get("immutables");
        List<AssetInfo> assets = new ArrayList<>();
        for (Node a : i.get("assets").elements()) {
            assets.add(new AssetInfo(
                    (int) a.get("offset").number(0, 255),
                    a.get("asset").address(),
                    a.get("priceFeed").address(),
                    a.get("scale").uint(64),
                    a.get("borrowCollateralFactor").uint(64),
                    a.get("liquidateCollateralFactor").uint(64),
                    a.get("liquidationFactor").uint(64),
                    a.get("supplyCap").uint(128)));
        }
        CometImmutables immutables = new CometImmutables(
                i.get("comet").address(),
                i.get("governor").address(),
                i.get("pauseGuardian").address(),
                i.get("baseToken").address(),
                i.get("baseTokenPriceFeed").address(),
                i.get("extensionDelegate").address(),
                i.get("supplyKink").uint(64),
                i.get("supplyPerSecondInterestRateSlopeLow").uint(64),
                i.get("supplyPerSecondInterestRateSlopeHigh").uint(64),
                i.get("supplyPerSecondInterestRateBase").uint(64),
                i.get("borrowKink").uint(64),
                i.get("borrowPerSecondInterestRateSlopeLow").uint(64),
                i.get("borrowPerSecondInterestRateSlopeHigh").uint(64),
                i.get("borrowPerSecondInterestRateBase").uint(64),
                i.get("storeFrontPriceFactor").uint(64),
                i.get("baseScale").uint(64),
                i.get("trackingIndexScale").uint(64),
                i.get("baseTrackingSupplySpeed").uint(64),
                i.get("baseTrackingBorrowSpeed").uint(64),
                i.get("baseMinForRewards").uint(104),
                i.get("baseBorrowMin").uint(104),
                i.get("targetReserves").uint(104),
                (int) i.get("decimals").number(0, 255),
                (int) i.get("numAssets").number(0, 255),
                i.get("accrualDescaleFactor").uint(256),
                assets);

        Node t = state.get("totalsBasic");
        TotalsBasic totals = new TotalsBasic(
                t.get("baseSupplyIndex").uint(64),
                t.get("baseBorrowIndex").uint(64),
                t.get("trackingSupplyIndex").uint(64),
                t.get("trackingBorrowIndex").uint(64),
                t.get("totalSupplyBase").uint(104),
                t.get("totalBorrowBase").uint(104),
                t.get("lastAccrualTime").number(0, (1L << 40) - 1),
                (int) t.get("pauseFlags").number(0, 255));

        var totalsCollateral = new Collector<Address, BigInteger>();
        state.get("totalsCollateral").fields((asset, v) -> totalsCollateral.put(asset, v.uint(128)));

        var userBasic = new Collector<Address, UserBasic>();
        state.get("userBasic")
                .fields((account, u) -> userBasic.put(
                        account,
                        new UserBasic(
                                u.get("principal").integer(104),
                                u.get("baseTrackingIndex").uint(64),
                                u.get("baseTrackingAccrued").uint(64),
                                (int) u.get("assetsIn").number(0, 65_535))));

        var collateral = new Collector<Tuple2<Address, Address>, BigInteger>();
        state.get("userCollateral")
                .fields((account, balances) ->
                        balances.fields((asset, v) -> collateral.put(new Tuple2<>(account, asset), v.uint(128))));

        io.vavr.collection.Set<Tuple2<Address, Address>> allowed = HashSet.empty();
        for (Node pair : state.get("isAllowed").elements()) {
            List<Node> two = pair.elements();
            if (two.size() != 2) {
                throw pair.bad("[owner, manager], two addresses", two.size() + " elements");
            }
            allowed = allowed.add(new Tuple2<>(two.get(0).address(), two.get(1).address()));
        }

        var points = new Collector<Address, LiquidatorPoints>();
        state.get("liquidatorPoints")
                .fields((absorber, p) -> points.put(
                        absorber,
                        new LiquidatorPoints(
                                p.get("numAbsorbs").number(0, 0xFFFF_FFFFL),
                                p.get("numAbsorbed").uint(64),
                                p.get("approxSpend").uint(128))));

        var tokens = new Collector<Address, StandardToken>();
        state.get("tokens").fields((address, n) -> {
            var balances = new Collector<Address, BigInteger>();
            n.get("balances").fields((owner, v) -> balances.put(owner, v.uint(256)));
            io.vavr.collection.Map<Tuple2<Address, Address>, BigInteger> allowances = HashMap.empty();
            for (Node row : n.get("allowances").elements()) {
                List<Node> three = row.elements();
                if (three.size() != 3) {
                    throw row.bad("[owner, spender, amount]", three.size() + " elements");
                }
                allowances = allowances.put(
                        new Tuple2<>(three.get(0).address(), three.get(1).address()),
                        three.get(2).uint(256));
            }
            tokens.put(
                    address,
                    new StandardToken(
                            address,
                            (int) n.get("decimals").number(0, 255),
                            n.get("totalSupply").uint(256),
                            balances.map,
                            allowances));
        });

        CometState cometState = new CometState(
                immutables,
                totals,
                totalsCollateral.map,
                userBasic.map,
                collateral.map,
                allowed,
                points.map,
                tokens.map);
        return new CometSnapshot(chainId, number, hash, new CometBlock(timestamp, baseFee, answers), cometState);
    }
}
