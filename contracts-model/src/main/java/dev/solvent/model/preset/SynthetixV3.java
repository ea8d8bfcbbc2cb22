package dev.solvent.model.preset;

import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;

/**
 * Synthetix v3 perps' margins and liquidations, from {@code Synthetixio/synthetix-v3} {@code markets/perps-market} at
 * commit {@code 564f3bfdff07a52cce2edbf36f2006e386a20310} ({@code PerpsMarketConfiguration.sol},
 * {@code PerpsAccount.sol}, {@code PerpsMarket.sol}, {@code GlobalPerpsMarketConfiguration.sol},
 * {@code LiquidationModule.sol}, {@code KeeperCosts.sol}); parameters of the ETH market on Base (Andromeda) from
 * {@code Synthetixio/synthetix-deployments} {@code tomls/omnibus-base-mainnet-andromeda/perps/eth.toml} at commit
 * {@code a3540015523bf1f6b8cfb0a239c4cdaa08f30417} and the keeper reward guards from {@code perps/global.toml} at
 * commit {@code caa0379ecd58440b017be3ceb20a44431709e560}.
 *
 * <p>Amounts are in 6-decimal settlement units and the skew scale in 18-decimal base units of the underlying, as the
 * other presets; the keeper's flag and liquidation costs, which Synthetix reads from a gas-price oracle node, are zero
 * here and are to be set per deployment. The endorsed liquidator of Base is an address, not an account of the model:
 * the preset has none.
 */
public final class SynthetixV3 {

    /** The liquidity providers' pool, which takes over liquidated positions and seized margin and pays keepers. */
    public static final AccountId LP_POOL = AccountId.of("snx-lp-pool");

    /** ETH's maker fee on Base, 0.0002. */
    public static final Wad ETH_MAKER_FEE = Wad.parse("0.0002");

    /** ETH's taker fee on Base, 0.0005. */
    public static final Wad ETH_TAKER_FEE = Wad.parse("0.0005");

    /** ETH's {@code skewScale}: 1,000,000 ETH, in 18-decimal base units. */
    public static final U256 ETH_SKEW_SCALE = U256.parse("1000000000000000000000000");

    private SynthetixV3() {}

    /**
     * {@return ETH's liquidation parameters on Base: initial margin fraction 8.92, minimum initial margin ratio 0.02,
     * maintenance scalar 0.28, minimum position margin 50 USD, flag reward ratio 0.0003, window multiplier 1.5 over 30
     * seconds, maximum liquidation premium/discount 0.0005}
     *
     * @param settlementDecimals the settlement asset's decimals, for the minimum position margin
     */
    public static LiquidationPolicy.WindowCapped.Market ethMarket(int settlementDecimals) {
        return new LiquidationPolicy.WindowCapped.Market(
                ETH_SKEW_SCALE,
                Wad.parse("8.92"),
                Wad.parse("0.02"),
                Wad.parse("0.28"),
                usd(50, settlementDecimals),
                Wad.parse("0.0003"),
                Wad.parse("1.5"),
                30,
                Wad.parse("0.0005"),
                Option.none());
    }

    /**
     * {@return the window-capped policy with ETH's parameters for every market and Base's keeper reward guards: at
     * least 1 USD and a 30% profit over costs, at most 30 USD and 30% of the seized margin}
     *
     * @param settlementDecimals the settlement asset's decimals
     */
    public static LiquidationPolicy.WindowCapped windowCapped(int settlementDecimals) {
        return new LiquidationPolicy.WindowCapped(
                TreeMap.empty(),
                ethMarket(settlementDecimals),
                U256.ZERO,
                U256.ZERO,
                usd(1, settlementDecimals),
                Wad.parse("0.3"),
                usd(30, settlementDecimals),
                Wad.parse("0.3"));
    }

    /** {@return the preset: window-capped liquidation into the LP pool, which bears every loss} */
    static Preset preset() {
        return new Preset(
                "SYNTHETIX_V3_PERPS",
                "Synthetixio/synthetix-v3 markets/perps-market @ 564f3bfdff07a52cce2edbf36f2006e386a20310;"
                        + " Synthetixio/synthetix-deployments tomls/omnibus-base-mainnet-andromeda/perps/eth.toml"
                        + " @ a3540015523bf1f6b8cfb0a239c4cdaa08f30417, perps/global.toml"
                        + " @ caa0379ecd58440b017be3ceb20a44431709e560",
                windowCapped(6),
                // the LP pool takes the seized margin and every loss: no shortfall reaches the fund
                new ShortfallPolicy.InsuranceThenBadDebt(),
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Backstop(LP_POOL));
    }

    /**
     * {@return a market with Synthetix's maker and taker fees, which also set its liquidation cap}; its fixed ratios
     * are those of a position of size zero (the minimum initial margin ratio 0.02 and 0.02 times the scalar 0.28),
     * since under {@code WindowCapped} the ratios come from the policy
     */
    public static MarketConfig market(
            MarketId id, AssetId underlying, Wad makerFee, Wad takerFee, U256 maxOpenInterest) {
        return new MarketConfig(
                id,
                underlying,
                Wad.parse("0.02"),
                Wad.parse("0.0056"),
                Wad.ZERO,
                maxOpenInterest,
                Wad.parse("0.05"),
                3_600,
                Wad.parse("0.01"),
                takerFee,
                makerFee);
    }

    private static U256 usd(long whole, int decimals) {
        return U256.of(java.math.BigInteger.valueOf(whole).multiply(java.math.BigInteger.TEN.pow(decimals)));
    }
}
