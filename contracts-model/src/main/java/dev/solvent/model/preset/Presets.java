package dev.solvent.model.preset;

import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * The presets, as documented constants in the manner of Strata's conventions: each names the protocol version it
 * mirrors. {@code docs/presets.md} gives each preset's formulas and sources. Synthetix v3 perps and dYdX v4 are
 * not here yet: their mechanisms (size-dependent margin with capped liquidation windows and flagging, fillable prices
 * with a fee cap) are not implemented.
 */
public final class Presets {

    /** Aave v3.3: partial liquidation with a close factor; see {@link AaveV3}. */
    public static final Preset AAVE_V3 = AaveV3.preset();

    /** Compound III (cUSDCv3): absorption and storefront sales; see {@link CompoundV3}. */
    public static final Preset COMPOUND_V3 = CompoundV3.preset();

    /** MakerDAO Liquidations 2.0 with ETH-A's parameters: Dutch auctions; see {@link MakerLiq2}. */
    public static final Preset MAKER_LIQ2 = MakerLiq2.preset();

    /** Hyperliquid: market liquidation, then the liquidator vault; see {@link Hyperliquid}. */
    public static final Preset HYPERLIQUID = Hyperliquid.preset();

    private Presets() {}

    /** {@return every preset} */
    public static List<Preset> all() {
        return List.of(AAVE_V3, COMPOUND_V3, MAKER_LIQ2, HYPERLIQUID);
    }

    /** {@return the preset with this name, such as {@code "AAVE_V3"}} */
    public static Option<Preset> byName(String name) {
        return all().find(p -> p.name().equals(name));
    }
}
