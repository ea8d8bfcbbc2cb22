package dev.solvent.oracle.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.solvent.model.math.I256;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.oracle.live.FeedFailure.AnsweredInEarlierRound;
import dev.solvent.oracle.live.FeedFailure.IncompleteRound;
import dev.solvent.oracle.live.FeedFailure.NoContract;
import dev.solvent.oracle.live.FeedFailure.NonPositiveAnswer;
import dev.solvent.oracle.live.FeedFailure.StaleAnswer;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.rpc.RpcFailure.Reverted;
import dev.solvent.oracle.rpc.RpcSettings;
import io.vavr.control.Either;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The feed reader against a real chain: anvil with the test aggregator deployed (a fresh one per test), rounds pushed
 * by transactions, and read back through {@code eth_call} exactly as a mainnet proxy would be read.
 */
@Tag("integration")
class ChainlinkFeedReaderIT {

    /** Rounds carry their own timestamps, so "now" is fixed and the chain's clock does not matter. */
    private static final long T = 1_700_000_000;

    private static final Instant NOW = Instant.ofEpochSecond(T);
    private static final LiveConsumerGuard ONE_HOUR = LiveConsumerGuard.maxAge(Duration.ofHours(1));

    private static Either<String, AnvilNode> started;

    private AnvilNode anvil;
    private ChainlinkFeedReader reader;
    private FeedAddress feed;

    @BeforeAll
    static void startAnvil() throws IOException {
        started = AnvilNode.start();
    }

    @AfterAll
    static void stopAnvil() {
        if (started != null) {
            started.forEach(AnvilNode::close);
        }
    }

    @BeforeEach
    void deployAFreshFeed() throws IOException {
        assumeTrue(started.isRight(), started::getLeft);
        anvil = started.get();
        feed = anvil.deployAggregator(8, "ETH / USD");
        reader = ChainlinkFeedReader.create(anvil.rpcUrl(), RpcSettings.DEFAULTS);
    }

    @AfterEach
    void closeReader() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void readsTheDecimalsAndDescriptionOfTheDeployedFeed() {
        assertThat(reader.decimals(feed)).isEqualTo(Either.right(8));
        assertThat(reader.description(feed)).isEqualTo(Either.right("ETH / USD"));
    }

    @Test
    void readsBackTheLatestPushedRoundAsAnOracleAnswer() throws IOException {
        anvil.pushRound(feed, 1, 2_950_00000000L, T - 120, T - 120, 1);
        anvil.pushRound(feed, 2, 3_012_34567890L, T - 60, T - 60, 2);

        ValidatedAnswer answer = reader.latestAnswer(feed, ONE_HOUR, NOW).get();

        assertThat(answer.oracleAnswer()).isEqualTo(new OracleAnswer(I256.of(3_012_34567890L), 8, T - 60));
        assertThat(answer.round().roundId()).isEqualTo(BigInteger.TWO);
        assertThat(answer.age()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void startsASimulatedPathAtTheLivePrice() throws IOException {
        anvil.pushRound(feed, 1, 3_012_34567890L, T - 60, T - 60, 1);
        MarketPrice live = reader.latestAnswer(feed, ONE_HOUR, NOW).get().marketPrice();
        MarketPath path = MarketPath.of(BlockClock.ethereum(1, T), 8, 2_000_00000000L, 2_200_00000000L);

        // the path keeps its shape (+10%) but starts at the live 3,012.34567890
        MarketPath started = path.startingAt(live);
        assertThat(started.tick(0).price()).isEqualTo(MarketPrice.of(3_012_34567890L, 8));
        assertThat(started.tick(1).price()).isEqualTo(MarketPrice.of(3_313_58024679L, 8));
    }

    @Test
    void readsAnEarlierRoundByItsId() throws IOException {
        anvil.pushRound(feed, 1, 2_950_00000000L, T - 120, T - 119, 1);
        anvil.pushRound(feed, 2, 3_012_34567890L, T - 60, T - 60, 2);

        assertThat(reader.roundData(feed, BigInteger.ONE))
                .isEqualTo(Either.right(
                        new RoundData(BigInteger.ONE, I256.of(2_950_00000000L), T - 120, T - 119, BigInteger.ONE)));
    }

    @Test
    void reportsTheRevertReasonForARoundTheFeedDoesNotHave() throws IOException {
        anvil.pushRound(feed, 1, 2_950_00000000L, T, T, 1);

        assertThat(reader.roundData(feed, BigInteger.valueOf(99)).getLeft())
                .isEqualTo(new FeedFailure.Rpc(new Reverted("getRoundData(99) on " + feed, "No data present")));
    }

    @Test
    void rejectsAStaleRound() throws IOException {
        anvil.pushRound(feed, 1, 3_000_00000000L, T - 7_200, T - 7_200, 1);

        assertThat(reader.latestAnswer(feed, ONE_HOUR, NOW).getLeft())
                .isInstanceOfSatisfying(
                        StaleAnswer.class, stale -> assertThat(stale.age()).isEqualTo(Duration.ofHours(2)));
    }

    @Test
    void rejectsANegativeAndAZeroAnswer() throws IOException {
        anvil.pushRound(feed, 1, -1, T - 10, T - 10, 1);
        assertThat(reader.latestAnswer(feed, ONE_HOUR, NOW).getLeft()).isInstanceOf(NonPositiveAnswer.class);

        anvil.pushRound(feed, 2, 0, T - 5, T - 5, 2);
        assertThat(reader.latestAnswer(feed, ONE_HOUR, NOW).getLeft()).isInstanceOf(NonPositiveAnswer.class);
    }

    @Test
    void rejectsTheEmptyRoundOfAFeedThatNeverUpdated() {
        assertThat(reader.latestAnswer(feed, ONE_HOUR, NOW).getLeft()).isInstanceOf(IncompleteRound.class);
    }

    @Test
    void rejectsARoundWhoseAnswerIsCarriedOver() throws IOException {
        anvil.pushRound(feed, 5, 3_000_00000000L, T - 10, T - 10, 4);

        assertThat(reader.latestAnswer(feed, ONE_HOUR, NOW).getLeft()).isInstanceOf(AnsweredInEarlierRound.class);
    }

    @Test
    void reportsNoContractAtAnAddressWithoutCode() {
        FeedAddress nothing = new FeedAddress("0x000000000000000000000000000000000000dEaD");

        assertThat(reader.latestAnswer(nothing, ONE_HOUR, NOW).getLeft())
                .isEqualTo(new NoContract("decimals() on " + nothing, nothing));
    }
}
