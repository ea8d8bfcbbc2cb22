package dev.solvent.properties.arbitrary;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Valid protocol configurations in the {@link Standard} universe: USDC settles; WETH (borrowable, liability weight
 * 1.1) and WBTC are collateral with random weights; ETH-PERP and BTC-PERP get random {@link RiskParameters}; the
 * keeper reward, the receiver and the shortfall policy are drawn too, unless fixed.
 *
 * {@snippet :
 * Arbitrary<ProtocolConfig> socializing = SolventArbitraries.configs()
 *         .withShortfallPolicies(new ShortfallPolicy.InsuranceThenSocialize())
 *         .withReceivers(new PositionReceiver.Backstop(Standard.BACKSTOP));
 * }
 */
public final class ConfigArbitrary extends ArbitraryDecorator<ProtocolConfig> {

    private final Vector<ShortfallPolicy> policies;
    private final Vector<PositionReceiver> receivers;
    private final RiskParametersArbitrary risk;

    ConfigArbitrary(
            Vector<ShortfallPolicy> policies, Vector<PositionReceiver> receivers, RiskParametersArbitrary risk) {
        this.policies = policies;
        this.receivers = receivers;
        this.risk = risk;
    }

    /** {@return every shortfall policy and both kinds of receiver, and the default risk parameters} */
    static ConfigArbitrary all() {
        return new ConfigArbitrary(
                Vector.of(
                        new ShortfallPolicy.InsuranceThenSocialize(),
                        new ShortfallPolicy.InsuranceThenAdl(),
                        new ShortfallPolicy.InsuranceThenBadDebt()),
                Vector.of(new PositionReceiver.Liquidator(), new PositionReceiver.Backstop(Standard.BACKSTOP)),
                new RiskParametersArbitrary(20_000, 500_000, false));
    }

    /** {@return the same arbitrary drawing the shortfall policy from these} */
    public ConfigArbitrary withShortfallPolicies(ShortfallPolicy... chosen) {
        return new ConfigArbitrary(Vector.of(chosen), receivers, risk);
    }

    /** {@return the same arbitrary drawing the receiver from these} */
    public ConfigArbitrary withReceivers(PositionReceiver... chosen) {
        return new ConfigArbitrary(policies, Vector.of(chosen), risk);
    }

    /** {@return the same arbitrary drawing each market's risk parameters from {@code parameters}} */
    public ConfigArbitrary withRiskParameters(RiskParametersArbitrary parameters) {
        return new ConfigArbitrary(policies, receivers, parameters);
    }

    @Override
    protected Arbitrary<ProtocolConfig> arbitrary() {
        Arbitrary<Integer> weight = Arbitraries.integers().between(0, 1_000_000).edgeCases(e -> e.add(0, 1_000_000));
        Arbitrary<Integer> share = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Long> flat = Arbitraries.longs().between(0, 20_000_000L).edgeCases(e -> e.add(0L));
        return Combinators.combine(
                        risk,
                        risk,
                        Arbitraries.of(policies.asJava()),
                        Arbitraries.of(receivers.asJava()),
                        flat,
                        share,
                        weight,
                        weight)
                .as((eth, btc, policy, receiver, f, s, we, wb) -> config(
                        eth,
                        btc,
                        policy,
                        receiver,
                        f,
                        s,
                        RiskParametersArbitrary.ppm(we),
                        RiskParametersArbitrary.ppm(wb)));
    }

    /**
     * {@return the standard configuration: both markets at 10% initial and 5% maintenance margin, a 2% penalty, fees
     * of 0.05% and 0.02%, funding capped at 1% a day; WETH weighted 0.8 and WBTC 0.7; keepers earn 5 USDC plus 25% of
     * the penalty; a backstop takes liquidated positions over and losses past the fund are socialized}
     */
    public static ProtocolConfig standard() {
        RiskParameters p = new RiskParameters(
                Wad.parse("0.1"),
                Wad.parse("0.05"),
                Wad.parse("0.02"),
                Wad.parse("0.05"),
                Wad.parse("0.01"),
                Wad.parse("0.0005"),
                Wad.parse("0.0002"),
                U256.parse("1000000000000000000000000000"),
                3600);
        return config(
                p,
                p,
                new ShortfallPolicy.InsuranceThenSocialize(),
                new PositionReceiver.Backstop(Standard.BACKSTOP),
                5_000_000,
                250_000,
                Wad.parse("0.8"),
                Wad.parse("0.7"));
    }

    /**
     * {@return a configuration of the standard universe with these parameters}
     *
     * @param flatReward the keeper's flat reward, USDC base units
     * @param sharePpm the keeper's share of the penalty, parts per million
     */
    public static ProtocolConfig config(
            RiskParameters eth,
            RiskParameters btc,
            ShortfallPolicy policy,
            PositionReceiver receiver,
            long flatReward,
            int sharePpm,
            Wad wethWeight,
            Wad wbtcWeight) {
        TreeMap<AssetId, AssetConfig> assets = TreeMap.ofEntries(
                Map.entry(
                        Standard.USDC, new AssetConfig(Standard.USDC, 6, Option.none(), Wad.ONE, false, Wad.ONE, 3600)),
                Map.entry(
                        Standard.WETH,
                        new AssetConfig(
                                Standard.WETH,
                                18,
                                Option.some(Standard.ETH_USD),
                                wethWeight,
                                true,
                                Wad.parse("1.1"),
                                3600)),
                Map.entry(
                        Standard.WBTC,
                        new AssetConfig(
                                Standard.WBTC, 8, Option.some(Standard.BTC_USD), wbtcWeight, false, Wad.ONE, 3600)));
        TreeMap<MarketId, MarketConfig> markets = TreeMap.ofEntries(
                Map.entry(Standard.ETH_PERP, eth.build(Standard.ETH_PERP, Standard.WETH)),
                Map.entry(Standard.BTC_PERP, btc.build(Standard.BTC_PERP, Standard.WBTC)));
        return new ProtocolConfig(
                Standard.USDC,
                assets,
                markets,
                new KeeperReward(U256.of(flatReward), RiskParametersArbitrary.ppm(sharePpm)),
                receiver,
                policy,
                GasSchedule.DEFAULT);
    }
}
