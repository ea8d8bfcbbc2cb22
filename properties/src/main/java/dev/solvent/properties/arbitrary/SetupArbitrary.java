package dev.solvent.properties.arbitrary;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.U256;
import io.vavr.collection.Vector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Campaign starting points: a configuration from a {@link ConfigArbitrary}, traders with multi-asset collateral
 * (500 to 20,000 USDC, up to 3 WETH, up to 0.1 WBTC; edge cases: one base unit, nothing but USDC) and an insurance
 * fund from nothing to 3,000 USDC, small enough that large shortfalls go past it.
 *
 * {@snippet :
 * Arbitrary<CampaignSetup> setups = SolventArbitraries.setups().withConfigs(SolventArbitraries.configs());
 * }
 */
public final class SetupArbitrary extends ArbitraryDecorator<CampaignSetup> {

    private final Arbitrary<ProtocolConfig> configs;

    SetupArbitrary(Arbitrary<ProtocolConfig> configs) {
        this.configs = configs;
    }

    /** {@return the same arbitrary with configurations drawn from {@code configs}} */
    public SetupArbitrary withConfigs(Arbitrary<ProtocolConfig> chosen) {
        return new SetupArbitrary(chosen);
    }

    @Override
    protected Arbitrary<CampaignSetup> arbitrary() {
        Arbitrary<Long> usdc = Arbitraries.longs().between(500, 20_000).map(n -> n * 1_000_000L);
        Arbitrary<Long> weth = Arbitraries.longs()
                .between(0, 3_000)
                .map(n -> n * 1_000_000_000_000_000L)
                .edgeCases(e -> e.add(0L, 1L));
        Arbitrary<Long> wbtc = Arbitraries.longs().between(0, 10_000_000L).edgeCases(e -> e.add(0L, 1L));
        Arbitrary<Vector<CampaignSetup.Balance>> trader = Combinators.combine(usdc, weth, wbtc)
                .as((u, e, b) -> {
                    Vector<CampaignSetup.Balance> v =
                            Vector.of(new CampaignSetup.Balance(null, Standard.USDC, U256.of(u)));
                    if (e > 0) {
                        v = v.append(new CampaignSetup.Balance(null, Standard.WETH, U256.of(e)));
                    }
                    if (b > 0) {
                        v = v.append(new CampaignSetup.Balance(null, Standard.WBTC, U256.of(b)));
                    }
                    return v;
                });
        Arbitrary<Long> fund =
                Arbitraries.longs().between(0, 3_000).map(n -> n * 1_000_000L).edgeCases(e -> e.add(0L));
        return Combinators.combine(configs, trader, trader, trader, trader, fund)
                .as((c, a, b, d, e, f) -> {
                    Vector<CampaignSetup.Balance> all = Vector.empty();
                    Vector<Vector<CampaignSetup.Balance>> each = Vector.of(a, b, d, e);
                    for (int i = 0; i < Standard.TRADERS.size(); i++) {
                        AccountId t = Standard.TRADERS.get(i);
                        all = all.appendAll(each.get(i).map(x -> new CampaignSetup.Balance(t, x.asset(), x.amount())));
                    }
                    return CampaignSetup.standard(c, all, U256.of(f));
                });
    }
}
