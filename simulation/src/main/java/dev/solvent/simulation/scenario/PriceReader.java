package dev.solvent.simulation.scenario;

import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.oracle.history.BadPrints;
import dev.solvent.oracle.market.Gbm;
import dev.solvent.oracle.market.JumpDiffusion;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.PathGenerator;
import dev.solvent.oracle.market.Shock;
import dev.solvent.simulation.scenario.Scenario.ImpactModel;
import dev.solvent.simulation.scenario.Scenario.PriceSource;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads a scenario's {@code prices} and {@code oracle}: each price key's source (a candle file with its bad-print
 * filter, a generator or a constant), its shocks and its market impact model, and the oracle's update rules.
 */
final class PriceReader {

    private PriceReader() {}

    static TreeMap<String, Scenario.PriceSpec> prices(Fields f, JsonNode n, Scenario.ProtocolSpec protocol) {
        TreeMap<String, Scenario.PriceSpec> out = TreeMap.empty();
        if (n == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            String p = "prices." + e.getKey();
            JsonNode src = e.getValue();
            f.onlyKnown(src, p, HashSet.of("historical", "badPrints", "generator", "constant", "shocks", "impact"));
            int given =
                    (src.has("historical") ? 1 : 0) + (src.has("generator") ? 1 : 0) + (src.has("constant") ? 1 : 0);
            if (given != 1) {
                f.problem(p, "needs exactly one source; valid: historical: FILE, generator: {...}, or constant: PRICE");
                continue;
            }
            PriceSource source;
            if (src.has("historical")) {
                source = new PriceSource.Historical(
                        f.text(src, p, "historical", null, "a candle CSV file"), badPrints(f, src, p));
            } else if (src.has("constant")) {
                source = new PriceSource.Constant(
                        price(f, p + ".constant", f.amount(src, p, "constant", null, 8, true)));
            } else {
                source = generator(f, src.get("generator"), p + ".generator");
            }
            if (src.has("badPrints") && !src.has("historical")) {
                f.problem(
                        p + ".badPrints",
                        "applies only to a historical source; valid: remove it, or use historical: FILE");
            }
            Vector<Shock> shocks = shocks(f, src.get("shocks"), p + ".shocks");
            Scenario.ImpactSpec impact = impact(f, f.object(src, p, "impact", false), p + ".impact", protocol);
            out = out.put(e.getKey(), new Scenario.PriceSpec(e.getKey(), source, shocks, impact));
        }
        if (out.isEmpty()) {
            f.problem("prices", "is empty; valid: a source per price key, such as ETH/USD: {historical: FILE}");
        }
        return out;
    }

    private static Option<Scenario.BadPrintFilter> badPrints(Fields f, JsonNode src, String p) {
        JsonNode b = f.object(src, p, "badPrints", false);
        if (b == null) {
            return Option.none();
        }
        String q = p + ".badPrints";
        f.onlyKnown(b, q, HashSet.of("reference", "maxDeviationBps"));
        String reference = f.text(
                b,
                q,
                "reference",
                null,
                "a candle CSV file of the same asset's spot or index market covering the window");
        int bps = f.small(b, q, "maxDeviationBps", null, 1, BadPrints.MAX_DEVIATION_BPS);
        return Option.some(new Scenario.BadPrintFilter(reference, bps));
    }

    /** The generators a scenario can name. */
    enum Generator {
        GBM,
        JUMP_DIFFUSION
    }

    private static PriceSource generator(Fields f, JsonNode g, String p) {
        if (g == null || !g.isObject()) {
            f.problem(p, "is not valid; valid: a mapping with type (gbm or jump-diffusion), start and parameters");
            return new PriceSource.Constant(MarketPrice.of(1, 8));
        }
        f.onlyKnown(
                g, p, HashSet.of("type", "start", "drift", "volatility", "jumpsPerYear", "jumpMean", "jumpVolatility"));
        Generator type = f.choice(g, p, "type", null, Generator.class);
        MarketPrice start = price(f, p + ".start", f.amount(g, p, "start", null, 8, true));
        double drift = f.real(g, p, "drift", "0", -10, 10);
        double vol = f.real(g, p, "volatility", "0.8", 0, 10);
        PathGenerator gen;
        if (type == Generator.GBM) {
            gen = new Gbm(drift, vol);
        } else {
            gen = new JumpDiffusion(
                    drift,
                    vol,
                    f.real(g, p, "jumpsPerYear", "12", 0, 100_000),
                    f.real(g, p, "jumpMean", "-0.1", -5, 5),
                    f.real(g, p, "jumpVolatility", "0.05", 0, 5));
        }
        return new PriceSource.Generated(gen, start.value().isZero() ? MarketPrice.of(1, 8) : start);
    }

    /**
     * {@return a price of 8 decimals from {@link Fields#amount}'s units} A market price is at most 2^63-1 units: a larger
     * one is a problem here, not a failure of the price's constructor; a value already reported (read as zero) is 1.
     */
    static MarketPrice price(Fields f, String path, I256 units) {
        if (!units.isPositive()) {
            return MarketPrice.of(1, 8);
        }
        if (!units.fitsLong()) {
            f.problem(path, "is too large; valid: a price of at most 92233720368.54775807 (2^63-1 units of 10^-8)");
            return MarketPrice.of(1, 8);
        }
        return new MarketPrice(units, 8);
    }

    private static final Set<String> SHOCK = HashSet.of("type", "atBlock", "bps", "overBlocks");

    private static Vector<Shock> shocks(Fields f, JsonNode n, String p) {
        Vector<Shock> out = Vector.empty();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            f.problem(p, Fields.shown(n) + " is not valid; valid: a list of shocks");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode s = n.get(i);
            String q = p + "." + i;
            if (!f.element(s, q, SHOCK, "{type: fall, atBlock: 100, bps: 3000}")) {
                continue;
            }
            f.onlyKnown(s, q, SHOCK);
            String type = f.text(s, q, "type", null, "fall or gap");
            long at = f.whole(s, q, "atBlock", null, 0, Integer.MAX_VALUE);
            if ("fall".equals(type)) {
                long bps = f.whole(s, q, "bps", null, 1, 9_999);
                out = out.append(new Shock.Fall(at, bps, f.whole(s, q, "overBlocks", 1L, 1, Integer.MAX_VALUE)));
            } else if ("gap".equals(type)) {
                // signed: -3000 is a 30% gap down, 2500 a 25% gap up
                long bps = f.whole(s, q, "bps", null, -9_999, 100_000_000);
                if (bps == 0) {
                    f.problem(
                            q + ".bps",
                            "0 is not valid; valid: a non-zero move in basis points, -9999 to 100000000"
                                    + " (negative for a gap down)");
                } else {
                    out = out.append(new Shock.Gap(at, bps));
                }
            } else if (type != null) {
                f.problem(q + ".type", Fields.quote(type) + " is not valid; valid: fall or gap");
            }
        }
        return out;
    }

    /** The impact models a scenario can name. */
    enum Impact {
        NONE,
        LINEAR,
        SQRT,
        CONSTANT_PRODUCT
    }

    private static Scenario.ImpactSpec impact(Fields f, JsonNode n, String p, Scenario.ProtocolSpec protocol) {
        f.onlyKnown(n, p, HashSet.of("model", "depth", "coefficient", "reserve", "recoveryPerBlock"));
        int sd = protocol == null ? 6 : protocol.config().settlement().decimals();
        Impact model = f.choice(n, p, "model", Impact.NONE, Impact.class);
        Wad recovery = f.ratio(n, p, "recoveryPerBlock", "0.05", "0", "1");
        ImpactModel m = switch (model) {
            case NONE -> new ImpactModel.None();
            case LINEAR -> new ImpactModel.Linear(f.amount(n, p, "depth", null, sd, true));
            case SQRT ->
                new ImpactModel.SquareRoot(
                        f.amount(n, p, "depth", null, sd, true), f.ratio(n, p, "coefficient", "0.1", "0", "10"));
            case CONSTANT_PRODUCT -> new ImpactModel.ConstantProduct(f.amount(n, p, "reserve", null, sd, true));
        };
        return new Scenario.ImpactSpec(m, recovery);
    }

    static Scenario.OracleSpec oracle(Fields f, JsonNode n) {
        f.onlyKnown(n, "oracle", HashSet.of("deviationBps", "heartbeatSeconds", "latencyBlocks"));
        return new Scenario.OracleSpec(
                f.whole(n, "oracle", "deviationBps", 50L, 1, 10_000),
                f.whole(n, "oracle", "heartbeatSeconds", 3_600L, 1, 31_536_000),
                f.small(n, "oracle", "latencyBlocks", 1, 0, 1_000));
    }
}
