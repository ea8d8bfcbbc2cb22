package dev.solvent.properties.arbitrary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import dev.solvent.model.view.Views;
import dev.solvent.properties.SolventArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** The model's maintenance boundary is exact: on it an account is healthy, one settlement unit below it is not. */
class ThresholdProperties {

    @Property(tries = 300)
    void anAccountOnTheThresholdIsHealthyAndOneUnitBelowIsNot(@ForAll("threshold") ThresholdCase c) {
        var data = Views.accountData(c.state(), c.account(), c.block()).get();
        assertThat(data.marginEquity())
                .isEqualTo(
                        c.oneUnitBelow()
                                ? data.maintenanceRequirement().minus(dev.solvent.model.math.I256.ONE)
                                : data.maintenanceRequirement());
        assertThat(data.isLiquidatable()).isEqualTo(c.oneUnitBelow());
        var liquidation = MarginEngine.execute(c.state(), new Tx.Liquidate(c.account()), c.block());
        // on the threshold the contract refuses; one unit below it goes past the health check (the keeper's own
        // margin may still refuse to take the position over, which is another revert)
        assertThat(liquidation.isLeft() && liquidation.getLeft() instanceof Revert.NotLiquidatable)
                .isEqualTo(!c.oneUnitBelow());
        Statistics.label("side").collect(c.oneUnitBelow() ? "one unit below" : "on the threshold");
        Statistics.label("side").coverage(k -> {
            k.check("one unit below").percentage(p -> p > 20);
            k.check("on the threshold").percentage(p -> p > 20);
        });
    }

    @Provide
    Arbitrary<ThresholdCase> threshold() {
        return SolventArbitraries.atMaintenanceThreshold();
    }
}
