package dev.solvent.model.preset;

import static dev.solvent.model.Fixtures.usd8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.logic.AuctionLogic;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import org.junit.jupiter.api.Test;

/**
 * Known answers for the Maker Liquidations 2.0 preset with ETH-A's poll parameters: the auction starts at the oracle
 * price times {@code buf} (1.3) and keeps 0.99 of its price every 90 seconds (abaci {@code StairstepExponentialDecrease},
 * {@code price = top * cut ^ (dur / step)}).
 */
class MakerStyleTest {

    @Test
    void pricesAnEthAAuctionByTheStairstepCurve() {
        var policy = MakerStyle.ethA();
        I256 top = FixedPoint.wadMulFloor(usd8(2_000), policy.buf().raw());
        // oracle 2,000: top = 2,600
        assertThat(top).isEqualTo(usd8(2_600));
        // the price only moves at whole steps: 89 s -> 2,600; 90 s -> 2,600 * 0.99 = 2,574
        assertThat(AuctionLogic.price(policy.curve(), top, 89)).isEqualTo(usd8(2_600));
        assertThat(AuctionLogic.price(policy.curve(), top, 90)).isEqualTo(usd8(2_574));
        // 900 s = 10 steps: 2,600 * 0.99^10 = 2,351.393395022891... -> 2,351.39339502 with 8 decimals
        assertThat(AuctionLogic.price(policy.curve(), top, 900)).isEqualTo(I256.of(235_139_339_502L));
        // at tail (8,400 s = 93 steps): 2,600 * 0.99^93 = 1,021.04867373..., already below cusp (0.4 * 2,600 = 1,040)
        assertThat(AuctionLogic.price(policy.curve(), top, 8_400)).isEqualTo(I256.of(102_104_867_373L));
        assertThat(Presets.byName("MAKER_STYLE")).contains(Presets.MAKER_STYLE);
    }
}
