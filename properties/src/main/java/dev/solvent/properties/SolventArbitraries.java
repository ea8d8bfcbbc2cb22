package dev.solvent.properties;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.Wad;
import dev.solvent.properties.arbitrary.AccountArbitrary;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.arbitrary.ConfigArbitrary;
import dev.solvent.properties.arbitrary.PricePathArbitrary;
import dev.solvent.properties.arbitrary.RiskParametersArbitrary;
import dev.solvent.properties.arbitrary.SetupArbitrary;
import dev.solvent.properties.arbitrary.ThresholdCase;
import dev.solvent.properties.arbitrary.TxArbitrary;
import dev.solvent.properties.campaign.StateArbitrary;
import io.vavr.control.Option;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Static factories for every arbitrary of the library, in jqwik's fluent style: each returns a configurable
 * arbitrary whose methods return a narrowed copy.
 *
 * {@snippet :
 * Arbitrary<Account> accounts = SolventArbitraries.accounts().withCollateral(Standard.USDC, Standard.WETH);
 * Arbitrary<ProtocolConfig> configs = SolventArbitraries.configs()
 *         .withShortfallPolicies(new ShortfallPolicy.InsuranceThenBadDebt());
 * Arbitrary<PricePath> crashes = SolventArbitraries.pricePaths(Standard.ETH_USD).maxMovePerBlock(500);
 * }
 */
public final class SolventArbitraries {

    private SolventArbitraries() {}

    /** {@return valid risk parameters of one market; {@code .invalid()} gives sets that break one rule each} */
    public static RiskParametersArbitrary riskParameters() {
        return dev.solvent.properties.arbitrary.Factories.riskParameters();
    }

    /** {@return valid configurations of the standard universe, every policy and receiver} */
    public static ConfigArbitrary configs() {
        return dev.solvent.properties.arbitrary.Factories.configs();
    }

    /**
     * {@return assets with decimals 0 to 36 (edge cases 0, 6, 8, 18, 36), a collateral weight in [0, 1] (edge cases 0
     * and 1) and a price key}
     */
    public static Arbitrary<AssetConfig> assets() {
        Arbitrary<Integer> decimals = Arbitraries.integers().between(0, 36).edgeCases(e -> e.add(0, 6, 8, 18, 36));
        Arbitrary<Integer> weight = Arbitraries.integers().between(0, 1_000_000).edgeCases(e -> e.add(0, 1_000_000));
        Arbitrary<String> symbol =
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(2).ofMaxLength(5);
        return Combinators.combine(symbol, decimals, weight, Arbitraries.of(true, false))
                .as((s, d, w, b) -> new AssetConfig(
                        AssetId.of(s),
                        d,
                        Option.some(s + "/USD"),
                        new Wad(dev.solvent
                                .model
                                .math
                                .I256
                                .of(w)
                                .times(dev.solvent.model.math.I256.of(1_000_000_000_000L))),
                        b,
                        b ? Wad.parse("1.1") : Wad.ONE,
                        3600));
    }

    /** {@return setups: a configuration, traders with multi-asset collateral and a small insurance fund} */
    public static SetupArbitrary setups() {
        return dev.solvent.properties.arbitrary.Factories.setups();
    }

    /** {@return accounts as values, with collateral, debts, cross and isolated positions as configured} */
    public static AccountArbitrary accounts() {
        return dev.solvent.properties.arbitrary.Factories.accounts();
    }

    /** {@return price paths over the given feeds: bounded moves per block, jumps and gaps} */
    public static PricePathArbitrary pricePaths(String... keys) {
        return dev.solvent.properties.arbitrary.Factories.pricePaths(keys);
    }

    /** {@return transactions of every kind over the setup's accounts, assets and markets} */
    public static TxArbitrary transactions(CampaignSetup setup) {
        return dev.solvent.properties.arbitrary.Factories.transactions(setup);
    }

    /**
     * {@return states with one account exactly on its maintenance threshold or one settlement unit below it, over
     * random configurations and sizes from one base unit up; see {@link ThresholdCase}}
     */
    public static Arbitrary<ThresholdCase> atMaintenanceThreshold() {
        return dev.solvent.properties.arbitrary.Factories.atMaintenanceThreshold();
    }

    /** {@return protocol states reachable from genesis by the standard campaign's transactions} */
    public static StateArbitrary states() {
        return StateArbitrary.standard();
    }
}
