package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.dollars;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.Shock;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class TwapTest implements OracleFeedContract<Twap.State> {

    @Override
    public OracleFeed<Twap.State> feed() {
        return new Twap(1800, 8);
    }

    @Test
    void averagesTheLastWindowWithEachPriceHeldUntilTheNextBlock() {
        // window 60 s, blocks every 12 s: 100 x5 then 160 from t = 60
        var trace = new Twap(60, 8).trace(dollars(100, 100, 100, 100, 100, 160, 160, 160));
        // no full window before t = 60
        assertThat(trace.take(5)).containsOnly(Option.none());
        // t = 60: [0, 60] all at 100 (the 160 set at t = 60 has held 0 s)
        assertThat(trace.get(5).get()).isEqualTo(new Round(6, usd(100), T0 + 60, T0 + 60, 6));
        // t = 72: [12, 72] = 100 x 48 s + 160 x 12 s = 6720 / 60 = 112
        assertThat(trace.get(6).get().answer()).isEqualTo(usd(112));
        // t = 84: [24, 84] = 100 x 36 + 160 x 24 = 7440 / 60 = 124
        assertThat(trace.get(7).get().answer()).isEqualTo(usd(124));
    }

    @Test
    void roundsTheAverageDown() {
        // 0 decimals, window 36: at t = 48, [12, 48] = 1 x 24 + 2 x 12 = 48 / 36 = 1.33 -> 1
        var trace = new Twap(36, 0).trace(dollars(1, 1, 1, 2, 2));
        assertThat(trace.get(3).get().answer()).isEqualTo(I256.of(1));
        // t = 60, [24, 60] = 1 x 12 + 2 x 24 = 60 / 36 = 1.67 -> 1
        assertThat(trace.get(4).get().answer()).isEqualTo(I256.of(1));
    }

    @Test
    void givesAOneBlockSpikeOnlyItsShareOfTheWindow() {
        // 30-minute TWAP over 2000; block 160 alone is pushed to 20000
        MarketPath flat = MarketPath.constant(FeedFixtures.CLOCK, MarketPrice.of(2000 * FeedFixtures.USD, 8), 200);
        MarketPath spiked = flat.withShock(new Shock.SpikeAndRevert(1_160, 90_000, 0, 0, 1));
        assertThat(spiked.units(160)).isEqualTo(20_000 * FeedFixtures.USD);
        assertThat(spiked.units(161)).isEqualTo(2_000 * FeedFixtures.USD);
        var trace = new Twap(1800, 8).trace(spiked);
        assertThat(trace.get(160).get().answer()).isEqualTo(usd(2000));
        // (2000 x 1788 + 20000 x 12) / 1800 = 2120
        assertThat(trace.get(161).get().answer()).isEqualTo(usd(2120));
    }

    @Test
    void refusesAWindowOfZero() {
        assertThatThrownBy(() -> new Twap(0, 8)).hasMessageContaining("Twap.windowSeconds: 0 is out of range");
    }
}
