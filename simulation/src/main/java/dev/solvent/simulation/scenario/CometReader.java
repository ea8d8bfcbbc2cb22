package dev.solvent.simulation.scenario;

import dev.solvent.model.math.I256;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.Set;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code market} of a {@code protocol: comet} scenario: the base asset, the rate curves, the storefront and
 * reserve parameters and each collateral asset, field by field, with every value checked against what Comet's
 * constructor accepts and what its storage can hold (a factor finer than Comet's four decimals, a supply cap past its
 * {@code uint64} of whole tokens, a borrow factor at or above the liquidation factor), so that a bad file fails with
 * the field's path instead of a revert at deployment.
 */
final class CometReader {

    /** Comet packs twelve assets into its immutables ({@code Comet.sol}, {@code asset00..asset11}). */
    static final int MAX_ASSETS = 12;

    /** Every Comet deployment so far tracks rewards with this index scale ({@code 1e15}). */
    static final String TRACKING_INDEX_SCALE = "1000000000000000";

    private static final BigInteger BPS_TO_WAD = BigInteger.TEN.pow(14);

    private static final Set<String> MARKET = HashSet.of(
            "base",
            "rates",
            "storeFrontPriceFactor",
            "targetReserves",
            "baseBorrowMin",
            "baseMinForRewards",
            "trackingIndexScale",
            "baseTrackingSupplySpeed",
            "baseTrackingBorrowSpeed",
            "assets");

    private static final Set<String> BASE = HashSet.of("asset", "decimals", "priceKey", "liquidity");

    private static final Set<String> RATES = HashSet.of(
            "supplyKink",
            "supplyPerYearInterestRateSlopeLow",
            "supplyPerYearInterestRateSlopeHigh",
            "supplyPerYearInterestRateBase",
            "borrowKink",
            "borrowPerYearInterestRateSlopeLow",
            "borrowPerYearInterestRateSlopeHigh",
            "borrowPerYearInterestRateBase");

    private static final Set<String> ASSET = HashSet.of(
            "decimals",
            "priceKey",
            "borrowCollateralFactor",
            "liquidateCollateralFactor",
            "liquidationFactor",
            "supplyCap");

    private CometReader() {}

    /** {@return the market's assets as reserves (the base first among equals) and the rest of its configuration} */
    static Tuple2<TreeMap<String, LendingScenario.Reserve>, LendingScenario.Comet> market(
            Fields f, JsonNode market, TreeMap<String, Scenario.PriceSpec> prices) {
        TreeMap<String, LendingScenario.Reserve> reserves = TreeMap.empty();
        String p = "market";
        f.onlyKnown(market, p, MARKET);

        Base base = base(f, market, prices);
        if (base.asset() != null) {
            reserves = reserves.put(
                    base.asset(), reserve(base.asset(), base.decimals(), base.priceKey(), 0, 0, 0, base.liquidity()));
        }
        Rates rates = rates(f, market);

        // BadDiscount above 1
        BigInteger storeFront = wad(f, market, p, "storeFrontPriceFactor", null, "0", "1");
        BigInteger targetReserves = baseAmount(f, market, "targetReserves", null, base.decimals(), false);
        BigInteger borrowMin = baseAmount(f, market, "baseBorrowMin", null, base.decimals(), false);
        // BadMinimum at 0; it gates only reward tracking, which no liquidation reads
        BigInteger minForRewards = baseAmount(f, market, "baseMinForRewards", "1", base.decimals(), true);
        BigInteger indexScale = uint64(f, market, "trackingIndexScale", TRACKING_INDEX_SCALE, 1);
        BigInteger supplySpeed = uint64(f, market, "baseTrackingSupplySpeed", "0", 0);
        BigInteger borrowSpeed = uint64(f, market, "baseTrackingBorrowSpeed", "0", 0);

        TreeMap<String, LendingScenario.CometAsset> assets = TreeMap.empty();
        JsonNode an = market == null ? null : f.object(market, p, "assets", true);
        if (an != null) {
            for (Map.Entry<String, JsonNode> e : an.properties()) {
                Option<Tuple2<LendingScenario.CometAsset, LendingScenario.Reserve>> read =
                        asset(f, e.getKey(), e.getValue(), base.asset(), prices);
                if (read.isDefined()) {
                    assets = assets.put(e.getKey(), read.get()._1);
                    reserves = reserves.put(e.getKey(), read.get()._2);
                }
            }
            assetCount(f, an, assets);
        }
        LendingScenario.Comet comet = new LendingScenario.Comet(
                base.asset() == null ? "" : base.asset(),
                rates.supplyKink(),
                rates.supplyLow(),
                rates.supplyHigh(),
                rates.supplyBase(),
                rates.borrowKink(),
                rates.borrowLow(),
                rates.borrowHigh(),
                rates.borrowBase(),
                storeFront,
                indexScale,
                supplySpeed,
                borrowSpeed,
                minForRewards,
                borrowMin,
                targetReserves,
                assets);
        return Tuple.of(reserves, comet);
    }

    /**
     * The market's base asset as {@code market.base} gives it.
     *
     * @param asset its name, or null when missing or not valid (the problem told)
     * @param decimals its decimals
     * @param priceKey the price key of its oracle, or null when missing
     * @param liquidity what the market holds of it to lend at the start, in base units
     */
    private record Base(String asset, int decimals, String priceKey, I256 liquidity) {}

    /** {@return the base asset of {@code market.base}} */
    private static Base base(Fields f, JsonNode market, TreeMap<String, Scenario.PriceSpec> prices) {
        JsonNode bn = market == null ? null : f.object(market, "market", "base", true);
        f.onlyKnown(bn, "market.base", BASE);
        String base =
                bn == null ? null : f.text(bn, "market.base", "asset", null, "the base asset's name, such as USDC");
        if (base != null && !Fields.validName(base)) {
            f.problem("market.base.asset", Fields.quote(base) + " is not valid; valid: an asset name such as USDC");
            base = null;
        }
        // Comet.sol constructor: BadDecimals above 18; below 6 the base scale is under BASE_ACCRUAL_SCALE
        int baseDecimals = bn == null ? 6 : f.small(bn, "market.base", "decimals", null, 6, 18);
        String baseKey = bn == null ? null : LendingReader.priceKey(f, bn, "market.base", prices);
        I256 liquidity = bn == null ? I256.ZERO : f.amount(bn, "market.base", "liquidity", "0", baseDecimals, false);
        return new Base(base, baseDecimals, baseKey, liquidity);
    }

    /** The rate curves of {@code market.rates}, each an 18-decimal fixed-point integer as Comet keeps it. */
    private record Rates(
            BigInteger supplyKink,
            BigInteger supplyLow,
            BigInteger supplyHigh,
            BigInteger supplyBase,
            BigInteger borrowKink,
            BigInteger borrowLow,
            BigInteger borrowHigh,
            BigInteger borrowBase) {}

    /** {@return the rate curves of {@code market.rates}} */
    private static Rates rates(Fields f, JsonNode market) {
        JsonNode rn = market == null ? null : f.object(market, "market", "rates", true);
        String q = "market.rates";
        f.onlyKnown(rn, q, RATES);
        BigInteger supplyKink = wad(f, rn, q, "supplyKink", null, "0", "1");
        BigInteger supplyLow = wad(f, rn, q, "supplyPerYearInterestRateSlopeLow", null, "0", "18");
        BigInteger supplyHigh = wad(f, rn, q, "supplyPerYearInterestRateSlopeHigh", null, "0", "18");
        BigInteger supplyBase = wad(f, rn, q, "supplyPerYearInterestRateBase", null, "0", "18");
        BigInteger borrowKink = wad(f, rn, q, "borrowKink", null, "0", "1");
        BigInteger borrowLow = wad(f, rn, q, "borrowPerYearInterestRateSlopeLow", null, "0", "18");
        BigInteger borrowHigh = wad(f, rn, q, "borrowPerYearInterestRateSlopeHigh", null, "0", "18");
        BigInteger borrowBase = wad(f, rn, q, "borrowPerYearInterestRateBase", null, "0", "18");
        return new Rates(supplyKink, supplyLow, supplyHigh, supplyBase, borrowKink, borrowLow, borrowHigh, borrowBase);
    }

    /**
     * {@return one collateral asset of {@code market.assets} and its reserve, or none (with its problems told) when it
     * is not a mapping, has no valid name or is the base}
     */
    private static Option<Tuple2<LendingScenario.CometAsset, LendingScenario.Reserve>> asset(
            Fields f, String name, JsonNode a, String base, TreeMap<String, Scenario.PriceSpec> prices) {
        String ap = "market.assets." + name;
        if (a == null || !a.isObject()) {
            f.problem(
                    ap,
                    Fields.shown(a) + " is not valid; valid: a mapping with fields "
                            + String.join(", ", TreeSet.ofAll(ASSET)));
            return Option.none();
        }
        if (!Fields.validName(name)) {
            f.problem(ap, Fields.quote(name) + " is not valid; valid: an asset name such as WETH");
            return Option.none();
        }
        if (name.equals(base)) {
            f.problem(ap, "is the base asset too; valid: a collateral asset other than the base " + base);
            return Option.none();
        }
        f.onlyKnown(a, ap, ASSET);
        // the mirror, like Comet's scale of 10**decimals in a uint64, takes collateral of at most 18 decimals
        int decimals = f.small(a, ap, "decimals", null, 0, 18);
        String key = LendingReader.priceKey(f, a, ap, prices);
        int before = f.count();
        int borrowCf = LendingReader.bps(f, a, ap, "borrowCollateralFactor", null, "0", "0.9999");
        // LiquidateCFTooLarge above 1
        int liquidateCf = LendingReader.bps(f, a, ap, "liquidateCollateralFactor", null, "0.0001", "1");
        if (f.count() == before && borrowCf >= liquidateCf) {
            f.problem(
                    ap + ".borrowCollateralFactor",
                    "is at or above the liquidateCollateralFactor; valid: a factor below it (Comet's"
                            + " constructor reverts BorrowCFTooLarge)");
        }
        int liquidationFactor = LendingReader.bps(f, a, ap, "liquidationFactor", null, "0", "1");
        BigInteger supplyCap = supplyCap(f, a, ap, decimals);
        return Option.some(Tuple.of(
                new LendingScenario.CometAsset(
                        name,
                        BigInteger.valueOf(borrowCf).multiply(BPS_TO_WAD),
                        BigInteger.valueOf(liquidateCf).multiply(BPS_TO_WAD),
                        BigInteger.valueOf(liquidationFactor).multiply(BPS_TO_WAD),
                        supplyCap),
                reserve(name, decimals, key, borrowCf, liquidateCf, 10_000 - liquidationFactor, I256.ZERO)));
    }

    /** Checks that {@code market.assets} has at least one asset and no more than Comet packs. */
    private static void assetCount(Fields f, JsonNode an, TreeMap<String, LendingScenario.CometAsset> assets) {
        if (assets.size() > MAX_ASSETS) {
            f.problem(
                    "market.assets",
                    "has " + assets.size() + " assets; valid: at most " + MAX_ASSETS + " (Comet packs twelve)");
        }
        if (assets.isEmpty() && an.isObject()) {
            f.problem(
                    "market.assets",
                    "has no asset; valid: collateral assets such as WETH: {decimals: 18, priceKey: ETH/USD, ...}");
        }
    }

    /** Checks that the traders borrow the base and supply a collateral asset: Comet lends only its base. */
    static void traders(Fields f, LendingScenario.Comet comet, LendingScenario.Traders traders) {
        if (traders.borrow() != null && !traders.borrow().equals(comet.base())) {
            f.problem(
                    "traders.borrow",
                    Fields.quote(traders.borrow()) + " is not valid; valid: the base asset " + comet.base()
                            + " (Comet lends only its base)");
        }
        for (String c : traders.collateral()) {
            if (!comet.assets().containsKey(c)) {
                f.problem(
                        "traders.collateral",
                        Fields.quote(c) + " is not valid; valid: a collateral asset of market.assets: "
                                + comet.assets().keySet().mkString(", "));
            }
        }
    }

    private static LendingScenario.Reserve reserve(
            String asset, int decimals, String key, int ltv, int threshold, int bonus, I256 liquidity) {
        return new LendingScenario.Reserve(
                asset, decimals, key, ltv, threshold, bonus, 0, 0, new LendingScenario.Rates(0, 0, 0, 0), liquidity);
    }

    /** {@return a decimal read as an 18-decimal fixed-point integer, as Comet's rates and factors are} */
    private static BigInteger wad(
            Fields f, JsonNode n, String p, String name, String fallback, String min, String max) {
        if (n == null) {
            return BigInteger.ZERO;
        }
        return f.ratio(n, p, name, fallback, min, max).raw().toBigInteger();
    }

    /** {@return an amount of the base in base units, within Comet's {@code uint104}} */
    private static BigInteger baseAmount(
            Fields f, JsonNode market, String name, String fallback, int decimals, boolean positive) {
        if (market == null) {
            return BigInteger.ZERO;
        }
        BigInteger v =
                f.amount(market, "market", name, fallback, decimals, positive).toBigInteger();
        if (v.bitLength() > 104) {
            f.problem("market." + name, "is too large; valid: at most 2^104-1 base units (Comet's uint104)");
        }
        return v;
    }

    private static BigInteger uint64(Fields f, JsonNode market, String name, String fallback, long min) {
        if (market == null) {
            return BigInteger.valueOf(min);
        }
        // a uint64 past Long.MAX_VALUE is no parameter anyone sets; the range is the signed one
        return BigInteger.valueOf(f.whole(market, "market", name, Long.valueOf(fallback), min, Long.MAX_VALUE));
    }

    /** {@return the supply cap in base units: whole tokens, as Comet keeps it, at most a {@code uint64} of them} */
    private static BigInteger supplyCap(Fields f, JsonNode a, String ap, int decimals) {
        int before = f.count();
        BigInteger whole = f.amount(a, ap, "supplyCap", null, 0, false).toBigInteger();
        if (f.count() > before) {
            return BigInteger.ZERO;
        }
        if (whole.bitLength() > 64) {
            f.problem(ap + ".supplyCap", "is too large; valid: at most 2^64-1 whole tokens (Comet packs a uint64)");
            return BigInteger.ZERO;
        }
        return whole.multiply(BigInteger.TEN.pow(decimals));
    }
}
