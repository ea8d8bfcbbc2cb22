package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.CLOCK;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.I256;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * What a colluding majority of Median reporters costs a lender: the feed runs over a flat ETH market at 2000 USD, the
 * margin model values 10 ETH of collateral at the published price, and the borrowing power at an 80% loan-to-value is
 * what an attacker can take and walk away with.
 */
class MedianCollusionTest {

    static final I256 TEN_ETH = I256.parse("10000000000000000000"); // 18 decimals
    static final int USDC_DECIMALS = 6;

    static MedianFeed feed(int colluders) {
        Vector<MedianFeed.Relayed> reporters = Vector.range(0, 5)
                .map(i -> new MedianFeed.Relayed(
                        MedianTest.REPORTERS.get(i),
                        i < colluders ? new MedianFeed.Behaviour.Scaled(90_000) : new MedianFeed.Behaviour.Honest()));
        return new MedianFeed(MedianTest.ETH_USD, 8, reporters, 100, 3600);
    }

    /** {@return the USDC (6 decimals) value of 10 ETH as the margin model computes it at the feed's answer} */
    static I256 collateralValue(OracleAnswer answer, long now) {
        BlockContext block = new BlockContext(1, now, AccountId.of("attacker"), TreeMap.of("ETH/USD", answer));
        Quote q = MarginLogic.price("ETH/USD", 3600, block).get();
        return MarginLogic.collateralValue(TEN_ETH, 18, q, USDC_DECIMALS);
    }

    static I256 borrowingPower(MedianFeed feed) {
        MarketPath market = MarketPath.constant(CLOCK, MarketPrice.of(2000_00000000L, 8), 3);
        MedianFeed.State s = feed.start();
        for (var tick : market) {
            s = feed.next(s, tick);
        }
        assertThat(s.lastRejection()).isEmpty();
        I256 value = collateralValue(feed.answer(s).get(), market.last().timestamp());
        return value.times(I256.of(80)).divide(I256.of(100), dev.solvent.model.math.Rounding.FLOOR);
    }

    @Test
    void aColludingMajorityLetsTenEthBorrowTenTimesTheirWorth() {
        I256 honest = borrowingPower(feed(0));
        I256 minority = borrowingPower(feed(2));
        I256 majority = borrowingPower(feed(3));
        // 10 ETH x 2000 USD x 80% = 16,000 USDC
        assertThat(honest).isEqualTo(I256.of(16_000_000_000L));
        assertThat(minority).isEqualTo(honest);
        // at 20,000 USD: 160,000 USDC; the lender is short 144,000 USDC once the attacker leaves with the loan
        assertThat(majority).isEqualTo(I256.of(160_000_000_000L));
        assertThat(majority.minus(honest)).isEqualTo(I256.of(144_000_000_000L));
        assertThat(feed(3).answer(feed(3).next(
                                        feed(3).start(),
                                        MarketPath.constant(CLOCK, MarketPrice.of(2000_00000000L, 8), 1)
                                                .first()))
                        .get()
                        .answer())
                .isEqualTo(usd(20_000));
    }
}
