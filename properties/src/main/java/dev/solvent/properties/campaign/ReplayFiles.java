package dev.solvent.properties.campaign;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.CampaignSetup;
import io.vavr.collection.Vector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a run as the two files of {@code solvent replay} (see {@code docs/replay.md}): the state file describes the
 * {@link CampaignSetup} (configuration, genesis balances, insurance fund), the transaction file every transaction sent, each
 * with its block, its sender and every oracle answer it saw. {@code solvent replay state.json txs.json} then runs the
 * same transactions through the model.
 *
 * {@snippet :
 * ReplayFiles.Written files = ReplayFiles.write(failure.world().setup(), failure.world().log(), Path.of("target/cex"), "why");
 * // solvent replay target/cex/state.json target/cex/txs.json
 * }
 */
public final class ReplayFiles {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        WRITER = JsonMapper.builder()
                .build()
                .writer()
                .with(new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter));
    }

    private ReplayFiles() {}

    /**
     * The files written.
     *
     * @param state the state file
     * @param txs the transaction file
     */
    public record Written(Path state, Path txs) {}

    /**
     * {@return the files written into {@code folder} (created if needed) as {@code state.json} and {@code txs.json}}
     *
     * @param note a sentence for the state file's note, such as the invariant that broke
     */
    public static Written write(CampaignSetup setup, Vector<CampaignWorld.Sent> log, Path folder, String note) {
        try {
            Files.createDirectories(folder);
            Path state = folder.resolve("state.json");
            Path txs = folder.resolve("txs.json");
            Files.writeString(state, stateJson(setup, note), StandardCharsets.UTF_8);
            Files.writeString(txs, txsJson(log), StandardCharsets.UTF_8);
            return new Written(state, txs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay files into " + folder, e);
        }
    }

    /** {@return the state file of a setup} */
    public static String stateJson(CampaignSetup setup, String note) {
        ProtocolConfig c = setup.config();
        ObjectNode root = NODES.objectNode();
        root.put("note", note);
        root.put("block", 0);
        root.put("timestamp", setup.genesisTime());
        root.put("settlementAsset", c.settlementAsset().symbol());
        putAssetsAndMarkets(root, c);
        putPolicies(root, c);
        putGas(root, c.gas());
        ObjectNode balances = root.putObject("balances");
        for (CampaignSetup.Balance b : setup.balances()) {
            ObjectNode account = balances.has(b.account().account())
                    ? (ObjectNode) balances.get(b.account().account())
                    : balances.putObject(b.account().account());
            account.put(b.asset().symbol(), b.amount().toString());
        }
        if (!setup.insuranceFund().isZero()) {
            root.put("insuranceFund", setup.insuranceFund().toString());
        }
        return WRITER.writeValueAsString(root) + "\n";
    }

    private static void putAssetsAndMarkets(ObjectNode root, ProtocolConfig c) {
        ObjectNode assets = root.putObject("assets");
        for (AssetConfig a : c.assets().values()) {
            ObjectNode n = assets.putObject(a.id().symbol());
            n.put("decimals", a.decimals());
            a.priceKey().forEach(k -> n.put("priceKey", k));
            n.put("collateralWeight", ratio(a.collateralWeight()));
            n.put("borrowable", a.borrowable());
            n.put("liabilityWeight", ratio(a.liabilityWeight()));
            n.put("maxOracleAge", a.maxOracleAge());
        }
        ObjectNode markets = root.putObject("markets");
        for (MarketConfig m : c.markets().values()) {
            ObjectNode n = markets.putObject(m.id().name());
            n.put("underlying", m.underlying().symbol());
            n.put("initialMargin", ratio(m.initialMargin()));
            n.put("maintenanceMargin", ratio(m.maintenanceMargin()));
            n.put("liquidationPenalty", ratio(m.liquidationPenalty()));
            n.put("maxOpenInterest", m.maxOpenInterest().toString());
            n.put("priceBand", ratio(m.priceBand()));
            n.put("maxOracleAge", m.maxOracleAge());
            n.put("maxFundingRatePerDay", ratio(m.maxFundingRatePerDay()));
            n.put("takerFee", ratio(m.takerFee()));
            n.put("makerFee", ratio(m.makerFee()));
        }
    }

    /** Writes the keeper reward, the receiver and the shortfall policy; refuses a mechanism other than AccountWide. */
    private static void putPolicies(ObjectNode root, ProtocolConfig c) {
        ObjectNode keeper = root.putObject("keeperReward");
        keeper.put("flat", c.keeperReward().flat().toString());
        keeper.put("shareOfPenalty", ratio(c.keeperReward().shareOfPenalty()));
        ObjectNode receiver = root.putObject("receiver");
        switch (c.receiver()) {
            case PositionReceiver.Liquidator l -> receiver.put("type", "Liquidator");
            case PositionReceiver.Backstop b -> {
                receiver.put("type", "Backstop");
                receiver.put("account", b.account().account());
            }
        }
        root.putObject("shortfall")
                .put(
                        "type",
                        switch (c.shortfall()) {
                            case ShortfallPolicy.InsuranceThenSocialize s -> "InsuranceThenSocialize";
                            case ShortfallPolicy.InsuranceThenAdl s -> "InsuranceThenAdl";
                            case ShortfallPolicy.InsuranceThenBadDebt s -> "InsuranceThenBadDebt";
                            case ShortfallPolicy.InsuranceThenDeleverage s -> "InsuranceThenDeleverage";
                        });
        if (!(c.liquidation() instanceof LiquidationPolicy.AccountWide)) {
            // the campaign's configurations use the default mechanism; say so rather than write a file that differs
            throw new IllegalArgumentException("replay files are written for the AccountWide liquidation policy only,"
                    + " not " + c.liquidation().getClass().getSimpleName());
        }
    }

    private static void putGas(ObjectNode root, GasSchedule g) {
        ObjectNode gas = root.putObject("gas");
        gas.put("deposit", g.deposit());
        gas.put("withdraw", g.withdraw());
        gas.put("trade", g.trade());
        gas.put("isolatedMargin", g.isolatedMargin());
        gas.put("settleFunding", g.settleFunding());
        gas.put("liquidateBase", g.liquidateBase());
        gas.put("liquidatePerPosition", g.liquidatePerPosition());
        gas.put("liquidatePerAsset", g.liquidatePerAsset());
        gas.put("revert", g.revert());
    }

    /** {@return the transaction file of a log} */
    public static String txsJson(Vector<CampaignWorld.Sent> log) {
        ArrayNode entries = NODES.arrayNode();
        for (CampaignWorld.Sent s : log) {
            ObjectNode e = entries.addObject();
            e.put(
                    "note",
                    s.note()
                            + s.revert()
                                    .map(r -> " (reverts: " + r.getClass().getSimpleName() + ")")
                                    .getOrElse(""));
            ObjectNode block = e.putObject("block");
            block.put("number", s.block().number());
            block.put("timestamp", s.block().timestamp());
            block.put("sender", s.block().sender().account());
            ObjectNode prices = block.putObject("prices");
            for (var p : s.block().prices()) {
                OracleAnswer a = p._2;
                ObjectNode n = prices.putObject(p._1);
                n.put("answer", a.answer().toString());
                n.put("decimals", a.decimals());
                n.put("updatedAt", a.updatedAt());
            }
            e.set("tx", tx(s.tx()));
        }
        return WRITER.writeValueAsString(entries) + "\n";
    }

    private static ObjectNode tx(Tx tx) {
        ObjectNode n = NODES.objectNode();
        n.put("type", tx.getClass().getSimpleName());
        for (RecordComponent c : tx.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(tx);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName(), e);
            }
            n.put(
                    c.getName(),
                    switch (v) {
                        case AccountId a -> a.account();
                        case AssetId a -> a.symbol();
                        case MarketId m -> m.name();
                        case I256 i -> i.toString();
                        case U256 u -> u.toString();
                        default -> String.valueOf(v);
                    });
        }
        return n;
    }

    private static String ratio(Wad w) {
        return w.toString();
    }
}
