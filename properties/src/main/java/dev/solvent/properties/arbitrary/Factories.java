package dev.solvent.properties.arbitrary;

import io.vavr.collection.Vector;

/**
 * Creates this package's arbitraries, whose constructors are package-private; use {@code SolventArbitraries}, which
 * forwards here.
 *
 * {@snippet :
 * ConfigArbitrary configs = dev.solvent.properties.SolventArbitraries.configs();
 * }
 */
public final class Factories {

    private Factories() {}

    /** {@return valid risk parameters} */
    public static RiskParametersArbitrary riskParameters() {
        return new RiskParametersArbitrary(20_000, 500_000, false);
    }

    /** {@return valid configurations} */
    public static ConfigArbitrary configs() {
        return ConfigArbitrary.all();
    }

    /** {@return states on the maintenance threshold over random configurations} */
    public static net.jqwik.api.Arbitrary<ThresholdCase> atMaintenanceThreshold() {
        return ThresholdArbitrary.of(ConfigArbitrary.all());
    }

    /** {@return setups over random configurations} */
    public static SetupArbitrary setups() {
        return new SetupArbitrary(configs());
    }

    /** {@return accounts holding the standard assets and positions in the standard markets} */
    public static AccountArbitrary accounts() {
        return new AccountArbitrary(
                Vector.of(Standard.USDC, Standard.WETH, Standard.WBTC),
                Vector.of(Standard.WETH),
                Standard.MARKETS,
                Standard.MARKETS);
    }

    /** {@return price paths over these feeds} */
    public static PricePathArbitrary pricePaths(String... keys) {
        return PricePathArbitrary.of(Vector.of(keys));
    }

    /** {@return transactions over a setup} */
    public static TxArbitrary transactions(CampaignSetup setup) {
        return new TxArbitrary(setup);
    }
}
