package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GarchTest implements PathGeneratorContract {

    @Override
    public PathGenerator generator() {
        return new Garch(0.0, 0.8, 0.1, 0.85);
    }

    @Test
    void refusesANonStationaryVarianceNamingBothParameters() {
        assertThatThrownBy(() -> new Garch(0, 0.8, 0.2, 0.82))
                .hasMessageContaining("Garch.alpha + Garch.beta: 1.02 is out of range; valid: alpha + beta < 1");
        assertThatThrownBy(() -> new Garch(0, 0.8, -0.1, 0.5)).hasMessageContaining("Garch.alpha: -0.1");
    }
}
