package dev.solvent.model.preset;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The presets, as documented constants in the manner of Strata's conventions: each names the protocol version whose
 * conventions it follows on Solvent's own engine. A preset is a model, not a mirror: exact protocols live in the
 * {@code mirrors} module. {@code docs/presets.md} gives each preset's formulas and sources.
 */
public final class Presets {

    /**
     * Partial liquidation with a close factor, Aave-style (Aave v3.3's constants on Solvent's engine; not a mirror of
     * Aave); see {@link AaveStyle}.
     */
    public static final Preset AAVE_STYLE = AaveStyle.preset();

    /**
     * Absorption and storefront sales, Compound-style (cUSDCv3's numbers on Solvent's engine; not a mirror of Comet);
     * see {@link CompoundStyle}.
     */
    public static final Preset COMPOUND_STYLE = CompoundStyle.preset();

    /**
     * Dutch auctions, Maker-style (ETH-A's Liquidations 2.0 numbers on Solvent's engine; not a mirror of dss); see
     * {@link MakerStyle}.
     */
    public static final Preset MAKER_STYLE = MakerStyle.preset();

    /** Synthetix v3 perps: size-dependent margins, flagging, liquidation capped per window; see {@link SynthetixV3}. */
    public static final Preset SYNTHETIX_V3_PERPS = SynthetixV3.preset();

    /** dYdX v4: liquidation at the fillable price, capped fee, deleveraging; see {@link DydxV4}. */
    public static final Preset DYDX_V4 = DydxV4.preset();

    /** Hyperliquid: market liquidation, then the liquidator vault; see {@link Hyperliquid}. */
    public static final Preset HYPERLIQUID = Hyperliquid.preset();

    private Presets() {}

    /** {@return every preset} */
    public static List<Preset> all() {
        return List.of(AAVE_STYLE, COMPOUND_STYLE, MAKER_STYLE, SYNTHETIX_V3_PERPS, DYDX_V4, HYPERLIQUID);
    }

    /** {@return for a preset name that is gone, what became of it (for error messages)} */
    public static Option<String> renamed(String name) {
        return switch (name) {
            case "AAVE_V3" ->
                Option.some("AAVE_V3 is now AAVE_STYLE: a close-factor policy of Solvent's engine, Aave-style,"
                        + " not Aave itself; for exact Aave v3.3 or v3.7 use the mirror, see mirrors/README.md");
            case "COMPOUND_V3" ->
                Option.some("COMPOUND_V3 is now COMPOUND_STYLE: a Compound-style policy of Solvent's"
                        + " engine, not Comet itself; for exact Comet use the mirror, see mirrors/README.md");
            case "MAKER_LIQ2" ->
                Option.some("MAKER_LIQ2 is now MAKER_STYLE: a Maker-style policy of Solvent's engine,"
                        + " not dss itself; for exact Maker use the mirror, see mirrors/README.md");
            default -> Option.none();
        };
    }

    /** {@return the preset with this name, such as {@code "AAVE_STYLE"}} */
    public static Option<Preset> byName(String name) {
        return all().find(p -> p.name().equals(name));
    }
}
