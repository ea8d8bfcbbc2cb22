package dev.solvent.oracle.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.math.I256;
import dev.solvent.oracle.feed.PushFeed;
import dev.solvent.oracle.feed.RecordedFeed;
import dev.solvent.oracle.feed.Round;
import dev.solvent.oracle.market.MarketPath;
import io.vavr.collection.Vector;
import java.io.StringReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Chainlink ETH/USD rounds of the calm window, and the push-feed model held against them. */
class RecordedRoundsTest {

    static Vector<Round> rounds;
    static MarketPath market;

    @BeforeAll
    static void load() {
        rounds = RoundCsv.bundled("chainlink-eth-usd-2023-07-18_2023-08-16.csv").get();
        CandleSeries eth =
                CandleCsv.bundled("eth-usd-2023-07-18_2023-08-16-1h.csv", 8).get();
        market = HistoricalReplay.replay(eth, 17_700_000, 12, Interpolation.OHLC_PATH);
    }

    @Test
    void readsEveryRoundWithItsAggregatorRoundId() {
        assertThat(rounds).hasSize(858);
        // proxy id 110680464442257313359 = phase 6 << 64 | 3663
        assertThat(rounds.head())
                .isEqualTo(new Round(3663, I256.of(191_311_076_473L), 1_689_638_135L, 1_689_638_135L, 3663));
        long longestSilence = rounds.sliding(2)
                .map(p -> p.get(1).updatedAt() - p.get(0).updatedAt())
                .max()
                .get();
        assertThat(longestSilence).isEqualTo(3672); // 1.02 h: the one-hour heartbeat plus transmission time
    }

    @Test
    void replaysRecordedRoundsByTime() {
        RecordedFeed real = new RecordedFeed(rounds, 8);
        var trace = real.trace(market);
        // the window opens at 2023-07-18T00:00Z; the round before it (updated 2023-07-17T23:55:35Z) is visible
        assertThat(trace.head().get().roundId()).isEqualTo(3663);
        assertThat(trace.last().get()).isEqualTo(rounds.last());
    }

    @Test
    void modelsTheRealFeedCloselyOnACalmMonth() {
        // 0.5% / 1 h / one block of latency over hourly candles walked OHLC: about as many rounds as the real feed
        // (fewer: hourly candles hide moves inside the hour) and answers within a fraction of a percent
        var ours = PushFeed.chainlink(8, 50, 3600, 1).trace(market);
        var real = new RecordedFeed(rounds, 8).trace(market);
        long realRounds = real.last().get().roundId() - real.head().get().roundId();
        long ourRounds = ours.last().get().roundId();
        assertThat(realRounds).isEqualTo(857);
        assertThat(ourRounds).isBetween(700L, 900L);
        double sum = 0;
        int n = 0;
        for (int i = 25; i < market.size(); i += 25) {
            double a = ours.get(i).get().answer().longValueExact();
            double b = real.get(i).get().answer().longValueExact();
            sum += Math.abs(a - b) / b;
            n++;
        }
        assertThat(sum / n).isLessThan(0.005);
    }

    @Test
    void reportsBadRoundRowsWithTheirLines() {
        var result =
                RoundCsv.parse("r.csv", new StringReader(RoundCsv.HEADER + "\n5,100,1,1\n4,100,2,2\nx,1,1,1\n7,1,1\n"));
        assertThat(result.getLeft().map(HistoryError::message))
                .containsExactly(
                        "r.csv line 3: round_id 4 does not follow 5; valid: ascending ids",
                        "r.csv line 4: fields must be integers (round id, raw answer, unix seconds): For input string: \"x\"",
                        "r.csv line 5: has 3 field(s); valid: 4 (round_id,answer,started_at,updated_at)");
    }
}
