package dev.solvent.oracle.feed;

import static dev.solvent.oracle.feed.FeedFixtures.T0;
import static dev.solvent.oracle.feed.FeedFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.math.I256;
import io.vavr.collection.HashSet;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class MedianTest {

    /** Seven deterministic reporters; the first five are authorised. */
    static final Vector<Reporter> REPORTERS = Vector.range(0, 7).map(i -> Reporter.fromSeed(2024, i));

    static final Median ETH_USD = Median.of("ETHUSD", 5, REPORTERS.take(5).asJava());
    static final Reporter STRANGER = REPORTERS.get(6);

    static final long NOW = T0 + 600;

    /** Reports by reporters {@code who}, of the given dollar values, aged {@code age}, in the given order. */
    static List<SignedReport> reports(long age, int[] who, long... dollars) {
        return Vector.range(0, who.length)
                .map(i -> REPORTERS.get(who[i]).sign(usd(dollars[i]), age, "ETHUSD"))
                .asJava();
    }

    static final int[] FIVE = {0, 1, 2, 3, 4};

    @Test
    void storesTheMiddleOfFiveSortedSignedReports() {
        var result = ETH_USD.poke(Median.State.EMPTY, reports(T0, FIVE, 1990, 2000, 2001, 2010, 2020), NOW);
        assertThat(result.get()).isEqualTo(new Median.State(usd(2001), NOW, 1));
    }

    @Test
    void recoversEachReportersAddress() {
        for (Reporter r : REPORTERS) {
            assertThat(Median.recover(r.sign(usd(1), 5, "ETHUSD"), "ETHUSD")).isEqualTo(r.address());
        }
        assertThat(REPORTERS.map(Reporter::address).distinct()).hasSize(7);
    }

    @Test
    void rejectsAReportSignedByAStranger() {
        var reports = new java.util.ArrayList<>(reports(T0, FIVE, 1990, 2000, 2001, 2010, 2020));
        reports.set(3, STRANGER.sign(usd(2010), T0, "ETHUSD"));
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports, NOW).getLeft())
                .isEqualTo(new MedianRejection.InvalidOracle(3, STRANGER.address()));
    }

    @Test
    void rejectsATamperedValueBecauseItRecoversToAnotherSigner() {
        var reports = new java.util.ArrayList<>(reports(T0, FIVE, 1990, 2000, 2001, 2010, 2020));
        reports.set(4, reports.get(4).withValue(usd(20_200)));
        var rejection = ETH_USD.poke(Median.State.EMPTY, reports, NOW).getLeft();
        assertThat(rejection).isInstanceOf(MedianRejection.InvalidOracle.class);
        assertThat(((MedianRejection.InvalidOracle) rejection).index()).isEqualTo(4);
        assertThat(((MedianRejection.InvalidOracle) rejection).signer()).isNotIn(ETH_USD.oracles());
    }

    @Test
    void rejectsAnInvalidSignatureWhichRecoversToAddressZero() {
        var reports = new java.util.ArrayList<>(reports(T0, FIVE, 1990, 2000, 2001, 2010, 2020));
        reports.set(0, new SignedReport(usd(1990), T0, 27, BigInteger.ZERO, BigInteger.ZERO));
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports, NOW).getLeft())
                .isEqualTo(new MedianRejection.InvalidOracle(0, Address.ZERO));
    }

    @Test
    void rejectsAReportMadeForAnotherFeed() {
        var reports = new java.util.ArrayList<>(reports(T0, FIVE, 1990, 2000, 2001, 2010, 2020));
        reports.set(2, REPORTERS.get(2).sign(usd(2001), T0, "BTCUSD"));
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports, NOW).getLeft())
                .isInstanceOf(MedianRejection.InvalidOracle.class);
    }

    @Test
    void rejectsReplayedReportsAsStale() {
        List<SignedReport> once = reports(T0, FIVE, 1990, 2000, 2001, 2010, 2020);
        Median.State poked = ETH_USD.poke(Median.State.EMPTY, once, NOW).get();
        // the same signed messages, submitted again later (say, to bring back an older, lower price)
        assertThat(ETH_USD.poke(poked, once, NOW + 3600).getLeft())
                .isEqualTo(new MedianRejection.StaleMessage(0, T0, NOW));
        // fresh ones pass
        assertThat(ETH_USD.poke(poked, reports(NOW + 1, FIVE, 1, 2, 3, 4, 5), NOW + 3600)
                        .get())
                .isEqualTo(new Median.State(usd(3), NOW + 3600, 2));
    }

    @Test
    void rejectsOneSignerTwice() {
        var twice = reports(T0, new int[] {0, 1, 1, 2, 3}, 1990, 2000, 2001, 2010, 2020);
        assertThat(ETH_USD.poke(Median.State.EMPTY, twice, NOW).getLeft())
                .isEqualTo(new MedianRejection.OracleAlreadySigned(
                        2, REPORTERS.get(1).address()));
    }

    @Test
    void rejectsUnsortedValuesAndTheWrongNumberOfReports() {
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports(T0, FIVE, 1990, 2001, 2000, 2010, 2020), NOW)
                        .getLeft())
                .isEqualTo(new MedianRejection.MessagesNotInOrder(2, usd(2000), usd(2001)));
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports(T0, new int[] {0, 1, 2, 3}, 1, 2, 3, 4), NOW)
                        .getLeft())
                .isEqualTo(new MedianRejection.BarTooLow(5, 4));
    }

    @Test
    void holdsAgainstAColludingMinority() {
        // two of five report ten times the market: sorted, they sit above the middle report
        var reports = reports(T0, FIVE, 1999, 2000, 2001, 20_000, 20_000);
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports, NOW).get().val()).isEqualTo(usd(2001));
    }

    @Test
    void fallsToAColludingMajority() {
        // three of five report ten times the market: the middle report is theirs
        var reports = reports(T0, FIVE, 2000, 2001, 20_000, 20_000, 20_000);
        assertThat(ETH_USD.poke(Median.State.EMPTY, reports, NOW).get().val()).isEqualTo(usd(20_000));
        // the damage is shown against the margin model in MedianCollusionTest
    }

    @Test
    void refusesAnEvenQuorumAndAddressZero() {
        assertThatThrownBy(() -> Median.of("ETHUSD", 4, REPORTERS.asJava()))
                .hasMessageContaining("Median.bar: 4 is out of range; valid: an odd number");
        assertThatThrownBy(() -> new Median(
                        "ETHUSD", 3, HashSet.of(Address.ZERO, REPORTERS.head().address())))
                .hasMessageContaining("address(0) can never be an authorised oracle");
        assertThatThrownBy(() -> Median.of("A".repeat(33), 3, REPORTERS.asJava()))
                .hasMessageContaining("Median.wat");
    }

    @Test
    void peeksOnlyAPositiveValue() {
        assertThat(Median.State.EMPTY.peek()).isEmpty();
        assertThat(new Median.State(I256.ONE, 1, 1).peek()).contains(I256.ONE);
    }
}
