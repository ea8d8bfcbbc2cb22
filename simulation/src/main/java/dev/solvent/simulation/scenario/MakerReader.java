package dev.solvent.simulation.scenario;

import dev.solvent.model.math.I256;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import java.math.BigDecimal;
import java.math.BigInteger;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code market} of a {@code protocol: maker-liq2} scenario: one collateral type (ilk) under Liquidations
 * 2.0, with every parameter the mirror files (the Vat's, Spotter's, Jug's, Dog's and Clipper's, and the Clipper's price
 * curve) given in human units as decimal strings (a ratio {@code "1.45"}, an amount of DAI {@code "15000"}, a rate per
 * second {@code "1.000000000627937192491029810"}) and stored exactly in dss's units (WAD, RAY, RAD). Each field is
 * checked against the range dss accepts or a run can use, and a bad one is named with what would be valid.
 */
final class MakerReader {

    static final int WAD = 18;
    static final int RAY = 27;
    static final int RAD = 45;

    /** The curves a Clipper can be filed with, as scenarios name them. */
    static final Set<String> CALCS = HashSet.of("linear", "stairstep-exponential", "exponential");

    private static final Set<String> MARKET = HashSet.of(
            "ilk",
            "collateral",
            "dai",
            "mat",
            "line",
            "dust",
            "Line",
            "duty",
            "chop",
            "hole",
            "Hole",
            "buf",
            "tail",
            "cusp",
            "chip",
            "tip",
            "calc");

    private static final Set<String> ASSET = HashSet.of("asset", "decimals", "priceKey");

    private MakerReader() {}

    /** {@return the collateral and DAI as reserves, and the collateral type's configuration} */
    static Tuple2<TreeMap<String, LendingScenario.Reserve>, LendingScenario.Maker> market(
            Fields f, JsonNode market, TreeMap<String, Scenario.PriceSpec> prices) {
        String p = "market";
        f.onlyKnown(market, p, MARKET);
        String ilk = ilk(f, market);
        Token collateral = token(f, market, "collateral", "ETH", prices);
        Token dai = token(f, market, "dai", "DAI", prices);
        if (collateral.asset() != null && collateral.asset().equals(dai.asset())) {
            f.problem(
                    "market.dai.asset",
                    Fields.quote(dai.asset()) + " is the collateral too; valid: another asset, such as DAI");
        }

        BigInteger mat = fixed(f, market, "mat", null, RAY, "1", "100", "1.45");
        BigInteger line = fixed(f, market, "line", null, RAD, "1", "1000000000000", "500000000");
        BigInteger dust = fixed(f, market, "dust", "0", RAD, "0", "1000000000", "15000");
        BigInteger bigLine = fixed(f, market, "Line", null, RAD, "1", "1000000000000", "1000000000");
        BigInteger duty = fixed(
                f, market, "duty", "1", RAY, "1", "1.000000100000000000000000000", "1.000000000627937192491029810");
        BigInteger chop = fixed(f, market, "chop", null, WAD, "1", "2", "1.13");
        BigInteger hole = fixed(f, market, "hole", null, RAD, "1", "1000000000000", "40000000");
        BigInteger bigHole = fixed(f, market, "Hole", null, RAD, "1", "1000000000000", "100000000");
        BigInteger buf = fixed(f, market, "buf", null, RAY, "1", "10", "1.3");
        long tail = market == null ? 0 : f.whole(market, p, "tail", null, 1, 31_536_000);
        BigInteger cusp = fixed(f, market, "cusp", null, RAY, "0.000000000000000000000000001", "1", "0.4");
        // Clipper.file: chip is a WAD; past 1 the keeper's reward would exceed the tab
        BigInteger chip = fixed(f, market, "chip", "0", WAD, "0", "0.1", "0.001");
        BigInteger tip = fixed(f, market, "tip", "0", RAD, "0", "1000000", "300");
        LendingScenario.MakerCalc calc = calc(f, market == null ? null : f.object(market, p, "calc", true));

        TreeMap<String, LendingScenario.Reserve> reserves = reserves(mat, collateral, dai);
        LendingScenario.Maker maker = new LendingScenario.Maker(
                ilk == null ? "" : ilk,
                collateral.asset() == null ? "" : collateral.asset(),
                dai.asset() == null ? "" : dai.asset(),
                mat,
                line,
                dust,
                bigLine,
                duty,
                chop,
                hole,
                bigHole,
                buf,
                tail,
                cusp,
                chip,
                tip,
                calc);
        return Tuple.of(reserves, maker);
    }

    /** {@return the collateral type's name, {@code market.ilk}: 1 to 32 bytes without a colon, as dss keys it} */
    private static String ilk(Fields f, JsonNode market) {
        String ilk = market == null
                ? "ETH-A"
                : f.text(market, "market", "ilk", null, "a collateral type's name such as ETH-A");
        if (ilk != null
                && (ilk.isBlank()
                        || ilk.contains(":")
                        || ilk.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32)) {
            f.problem(
                    "market.ilk",
                    Fields.quote(ilk) + " is not valid; valid: a name of 1 to 32 bytes without a colon, such as ETH-A");
        }
        return ilk;
    }

    /**
     * An asset of the market, the collateral or DAI.
     *
     * @param asset its name, or null when not valid (the problem told)
     * @param decimals its decimals
     * @param priceKey the price key of its oracle, or null when missing
     */
    private record Token(String asset, int decimals, String priceKey) {}

    /** {@return the asset {@code market.<field>} gives, the collateral or DAI} */
    private static Token token(
            Fields f, JsonNode market, String field, String fallback, TreeMap<String, Scenario.PriceSpec> prices) {
        String p = "market." + field;
        JsonNode n = market == null ? null : f.object(market, "market", field, true);
        f.onlyKnown(n, p, ASSET);
        String asset = asset(f, n, p, fallback);
        // the mirror's GemJoin takes the gem's amounts as WADs, as dss's GemJoin does for 18-decimal tokens
        int decimals = n == null ? 18 : f.small(n, p, "decimals", 18, 18, 18);
        String key = n == null ? null : LendingReader.priceKey(f, n, p, prices);
        return new Token(asset, decimals, key);
    }

    /** {@return the collateral and DAI as reserves} */
    private static TreeMap<String, LendingScenario.Reserve> reserves(BigInteger mat, Token collateral, Token dai) {
        TreeMap<String, LendingScenario.Reserve> reserves = TreeMap.empty();
        // a vault is safe while ink * price / mat covers its debt: the collateral's weight is 1 / mat, which is also
        // as far as a vault may draw (a mat that did not read is already a problem: no second one about the traders')
        int threshold = mat.signum() == 0
                ? 9_999
                : BigInteger.valueOf(10_000)
                        .multiply(BigInteger.TEN.pow(RAY))
                        .divide(mat)
                        .intValueExact();
        if (collateral.asset() != null) {
            reserves = reserves.put(
                    collateral.asset(),
                    reserve(collateral.asset(), collateral.decimals(), collateral.priceKey(), threshold));
        }
        if (dai.asset() != null && !dai.asset().equals(collateral.asset())) {
            reserves = reserves.put(dai.asset(), reserve(dai.asset(), dai.decimals(), dai.priceKey(), 0));
        }
        return reserves;
    }

    /** Checks that the traders lock the collateral and draw DAI. */
    static void traders(Fields f, LendingScenario.Maker maker, LendingScenario.Traders traders) {
        if (traders.borrow() != null && !traders.borrow().equals(maker.dai())) {
            f.problem(
                    "traders.borrow",
                    Fields.quote(traders.borrow()) + " is not valid; valid: " + maker.dai()
                            + " (a vault draws only DAI)");
        }
        for (String c : traders.collateral()) {
            if (!c.equals(maker.collateral())) {
                f.problem(
                        "traders.collateral",
                        Fields.quote(c) + " is not valid; valid: the collateral " + maker.collateral()
                                + " (one collateral type per market)");
            }
        }
    }

    private static final Set<String> CALC = HashSet.of("kind", "cut", "step", "tau");

    private static LendingScenario.MakerCalc calc(Fields f, JsonNode n) {
        String p = "market.calc";
        if (n == null) {
            return new LendingScenario.MakerCalc("linear", BigInteger.ZERO, 0, 1);
        }
        f.onlyKnown(n, p, CALC);
        String valid = "one of " + io.vavr.collection.TreeSet.ofAll(CALCS).mkString(", ");
        String kind = f.text(n, p, "kind", null, valid);
        if (kind == null || !CALCS.contains(kind)) {
            if (kind != null) {
                f.problem(p + ".kind", Fields.quote(kind) + " is not valid; valid: " + valid);
            }
            return new LendingScenario.MakerCalc("linear", BigInteger.ZERO, 0, 1);
        }
        return switch (kind) {
            case "linear" -> {
                unused(f, n, p, kind, "cut", "step");
                yield new LendingScenario.MakerCalc(
                        kind, BigInteger.ZERO, 0, f.whole(n, p, "tau", null, 1, 31_536_000));
            }
            case "stairstep-exponential" -> {
                unused(f, n, p, kind, "tau");
                // StairstepExponentialDecrease.file: cut <= RAY ("cut-gt-RAY")
                BigInteger cut = fixed(f, n, p, "cut", null, RAY, "0.000000000000000000000000001", "1", "0.99");
                yield new LendingScenario.MakerCalc(kind, cut, f.whole(n, p, "step", null, 1, 31_536_000), 0);
            }
            default -> {
                unused(f, n, p, kind, "step", "tau");
                BigInteger cut = fixed(f, n, p, "cut", null, RAY, "0.000000000000000000000000001", "1", "0.9999");
                yield new LendingScenario.MakerCalc(kind, cut, 0, 0);
            }
        };
    }

    private static void unused(Fields f, JsonNode n, String p, String kind, String... fields) {
        for (String name : fields) {
            if (n.has(name)) {
                f.problem(p + "." + name, "is not a field of a " + kind + " curve; valid: leave it out");
            }
        }
    }

    private static String asset(Fields f, JsonNode n, String p, String fallback) {
        if (n == null) {
            return fallback;
        }
        String a = f.text(n, p, "asset", null, "an asset name such as " + fallback);
        if (a != null && !Fields.validName(a)) {
            f.problem(p + ".asset", Fields.quote(a) + " is not valid; valid: an asset name such as " + fallback);
            return null;
        }
        return a;
    }

    private static BigInteger fixed(
            Fields f,
            JsonNode market,
            String name,
            String fallback,
            int decimals,
            String min,
            String max,
            String example) {
        return fixed(f, market, "market", name, fallback, decimals, min, max, example);
    }

    /**
     * {@return a decimal string in human units as an integer with {@code decimals} decimals (a WAD, RAY or RAD),
     * exactly; a value with more decimals than the unit has, or outside {@code [min, max]}, is a problem}
     */
    static BigInteger fixed(
            Fields f,
            JsonNode n,
            String p,
            String name,
            String fallback,
            int decimals,
            String min,
            String max,
            String example) {
        String unit = decimals == WAD ? "a WAD" : decimals == RAY ? "a RAY" : "a RAD";
        String valid = "a decimal string in [" + min + ", " + max + "] with at most " + decimals + " decimals (" + unit
                + "), such as \"" + example + "\"";
        if (n == null) {
            return BigInteger.ZERO;
        }
        String t = f.text(n, p, name, fallback, valid);
        if (t == null) {
            return BigInteger.ZERO;
        }
        try {
            BigDecimal v = new BigDecimal(t.replace("_", ""));
            if (v.compareTo(new BigDecimal(min)) < 0 || v.compareTo(new BigDecimal(max)) > 0) {
                f.problem(Fields.join(p, name), t + " is out of range; valid: " + valid);
                return BigInteger.ZERO;
            }
            if (v.stripTrailingZeros().scale() > decimals) {
                f.problem(Fields.join(p, name), t + " has more than " + decimals + " decimals; valid: " + valid);
                return BigInteger.ZERO;
            }
            return v.movePointRight(decimals).toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            f.problem(Fields.join(p, name), Fields.quote(t) + " is not valid; valid: " + valid);
            return BigInteger.ZERO;
        }
    }

    private static LendingScenario.Reserve reserve(String asset, int decimals, String key, int threshold) {
        return new LendingScenario.Reserve(
                asset, decimals, key, threshold, threshold, 0, 0, 0, new LendingScenario.Rates(0, 0, 0, 0), I256.ZERO);
    }
}
