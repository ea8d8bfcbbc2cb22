package dev.solvent.properties.campaign;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PriceCurve;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.preset.AaveStyle;
import dev.solvent.model.preset.DydxV4;
import dev.solvent.model.preset.Hyperliquid;
import dev.solvent.properties.arbitrary.Standard;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * The liquidation mechanisms as the campaigns run them in the {@link Standard} universe (6-decimal USDC; WETH and
 * WBTC perpetuals): each preset's policy, with sizes scaled so that the standard traders reach its interesting cases
 * (partial closes, auctions that end and reset, windows that fill up).
 */
final class Mechanisms {

    private Mechanisms() {}

    /** Aave v3.3's close factor. */
    static final LiquidationPolicy CLOSE_FACTOR = AaveStyle.closeFactor();

    /** Comet's absorption with cUSDCv3's liquidation and storefront factors. */
    static final LiquidationPolicy ABSORB = new LiquidationPolicy.Absorb(
            TreeMap.of(Standard.WETH, Wad.parse("0.95"), Standard.WBTC, Wad.parse("0.95")),
            Wad.parse("0.93"),
            Wad.parse("0.5"),
            U256.of(5_000_000_000_000L));

    /** Maker's Liquidations 2.0 with ETH-A's buffer, chop and chip, a half-hour linear curve and a 10 USDC dust. */
    static final LiquidationPolicy DUTCH_AUCTION = new LiquidationPolicy.DutchAuction(
            Wad.parse("1.3"),
            new PriceCurve.Linear(1_800),
            1_800,
            Wad.parse("0.4"),
            Wad.parse("1.13"),
            U256.of(22_000_000_000_000L),
            U256.of(100_000_000_000_000L),
            U256.ZERO,
            Wad.parse("0.001"),
            U256.of(10_000_000));

    /** Hyperliquid's market-then-vault liquidation, partial above 10,000 USDC of notional. */
    static final LiquidationPolicy BACKSTOP_VAULT = new LiquidationPolicy.BackstopVault(
            AccountId.of("vault"), Hyperliquid.BACKSTOP_BELOW, U256.of(10_000_000_000L), Wad.parse("0.2"), 30);

    /** Synthetix v3's flag-then-window liquidation; skew scales of 200 ETH and 10 BTC make the windows bind. */
    static final LiquidationPolicy WINDOW_CAPPED = windowCapped();

    /** dYdX v4's fillable price with the genesis' parameters. */
    static final LiquidationPolicy FILLABLE_PRICE = DydxV4.fillablePrice();

    private static LiquidationPolicy.WindowCapped windowCapped() {
        var eth = market("200000000000000000000");
        return new LiquidationPolicy.WindowCapped(
                TreeMap.of(Standard.ETH_PERP, eth, Standard.BTC_PERP, market("1000000000")),
                eth,
                U256.of(500_000),
                U256.of(500_000),
                U256.of(1_000_000),
                Wad.parse("0.3"),
                U256.of(30_000_000),
                Wad.parse("0.3"));
    }

    private static LiquidationPolicy.WindowCapped.Market market(String skewScale) {
        return new LiquidationPolicy.WindowCapped.Market(
                U256.parse(skewScale),
                Wad.ONE,
                Wad.parse("0.05"),
                Wad.parse("0.5"),
                U256.of(5_000_000),
                Wad.parse("0.001"),
                Wad.ONE,
                60,
                Wad.parse("0.001"),
                Option.none());
    }

    /** {@return the standard campaign under {@code policy}, shortfalls deleveraged under the fillable price} */
    static Campaign campaign(LiquidationPolicy policy, Campaign.Coverage coverage) {
        Campaign c = Campaign.standard().withLiquidationPolicy(policy).withCoverage(coverage);
        return policy instanceof LiquidationPolicy.FillablePrice
                ? c.withShortfallPolicy(new ShortfallPolicy.InsuranceThenDeleverage())
                : c;
    }
}
