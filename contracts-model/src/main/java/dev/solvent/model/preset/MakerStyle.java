package dev.solvent.model.preset;

import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.PriceCurve;
import dev.solvent.model.policy.ShortfallPolicy;

/**
 * A Dutch-auction policy of Solvent's own engine, Maker-style: not Maker. Its parameters are WAD where dss uses RAY,
 * it cannot bark part of a vault and has no Cat or Flipper; for what dss itself does, integer for integer, use the
 * mirror ({@code dev.solvent.mirror.maker.Dss} in the {@code mirrors} module). Ideas and numbers from MakerDAO
 * Liquidations 2.0, {@code makerdao/dss} ({@code dog.sol} {@code bark}, {@code clip.sol} {@code kick},
 * {@code take}, {@code redo}, {@code abaci.sol} price calculators), with the ETH-A parameters of the governance poll
 * "Add ETH-A to Liquidations 2.0 Framework - April 26, 2021" ({@code makerdao/community}
 * {@code governance/polls/}, commit {@code abe203d972cd7c84f68fb5e0e75c5eb9d2f8299b}): stairstep exponential with
 * {@code cut} 0.99 every 90 seconds, {@code buf} 1.3, {@code ilk.hole} 22 million, {@code cusp} 0.4, {@code tail}
 * 8,400 seconds, {@code chip} 0.1%, {@code tip} 0.
 *
 * <p>Not in that poll, and to be overridden per deployment: {@code chop} 1.13 (ETH-A's 13% liquidation penalty),
 * the global {@code Hole} (100 million here) and the dust (5,000 here). Amounts are in 6-decimal settlement units.
 */
public final class MakerStyle {

    private MakerStyle() {}

    /** {@return the Dutch-auction policy with ETH-A's Liquidations 2.0 parameters} */
    public static LiquidationPolicy.DutchAuction ethA() {
        return new LiquidationPolicy.DutchAuction(
                Wad.parse("1.3"),
                new PriceCurve.StairstepExponential(Wad.parse("0.99"), 90),
                8_400,
                Wad.parse("0.4"),
                Wad.parse("1.13"),
                U256.of(22_000_000_000_000L),
                U256.of(100_000_000_000_000L),
                U256.ZERO,
                Wad.parse("0.001"),
                U256.of(5_000_000_000L));
    }

    /** {@return the preset: auctions; the reserves (Maker's vow) carry what auctions do not raise} */
    static Preset preset() {
        return new Preset(
                "MAKER_STYLE",
                "makerdao/dss dog.sol, clip.sol, abaci.sol; makerdao/community governance/polls/"
                        + "Add ETH-A to Liquidations 2.0 Framework - April 26, 2021.md @ abe203d9",
                ethA(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator());
    }
}
