package dev.solvent.oracle.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JumpDiffusionTest implements PathGeneratorContract {

    @Override
    public PathGenerator generator() {
        return JumpDiffusion.crashes(0.0, 0.6, 20, 0.25);
    }

    @Test
    void refusesParametersOutOfRangeNamingThem() {
        assertThatThrownBy(() -> new JumpDiffusion(0, 0.5, -1, -0.2, 0.05))
                .hasMessageContaining("JumpDiffusion.jumpsPerYear: -1.0 is out of range; valid: 0.0 <= value");
        assertThatThrownBy(() -> new JumpDiffusion(0, 0.5, 1, -0.2, -0.05))
                .hasMessageContaining("JumpDiffusion.jumpVolatility: -0.05");
        assertThatThrownBy(() -> JumpDiffusion.crashes(0, 0.5, 1, 1.5))
                .hasMessageContaining("JumpDiffusion.fall: 1.5 is out of range; valid: 0.0 <= value <= 0.99");
    }

    @Test
    void givesTheProbabilityOfAJumpInOneBlock() {
        // 365 jumps a year, daily blocks: 1 - e^-1
        JumpDiffusion j = new JumpDiffusion(0, 0, 365, -0.1, 0);
        assertThat(j.jumpProbabilityPerBlock(new BlockClock(0, 0, 86_400))).isCloseTo(0.6321205588, within(1e-9));
    }

    static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
