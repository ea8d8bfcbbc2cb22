package dev.solvent.simulation.protocol;

import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.simulation.scenario.LendingScenario;

/**
 * The one place a lending scenario's {@code protocol} name picks an implementation. Everything else in a run is
 * written against {@link LendingMarket} and the protocol contract.
 */
public final class Markets {

    private Markets() {}

    /**
     * {@return the market a scenario names, configured with its reserves} The reader has already checked the name.
     *
     * @throws IllegalArgumentException for a name no implementation has
     */
    public static LendingMarket<?, ?> of(LendingScenario scenario) {
        return switch (scenario.protocol()) {
            case "aave-v3.3" -> new AaveMarket(AaveVersion.V3_3, scenario.reserves());
            case "aave-v3.7" -> new AaveMarket(AaveVersion.V3_7, scenario.reserves());
            case "comet" ->
                new CometMarket(
                        scenario.reserves(),
                        scenario.comet()
                                .getOrElseThrow(() -> new IllegalArgumentException(
                                        "a comet scenario carries its Comet configuration")));
            case "maker-liq2" ->
                new MakerMarket(scenario.maker()
                        .getOrElseThrow(() -> new IllegalArgumentException(
                                "a maker-liq2 scenario carries its collateral type's configuration")));
            default ->
                throw new IllegalArgumentException("no lending market implements protocol " + scenario.protocol());
        };
    }
}
