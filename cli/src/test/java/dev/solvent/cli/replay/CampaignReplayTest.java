package dev.solvent.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.properties.campaign.Campaign;
import dev.solvent.properties.campaign.CampaignWorld;
import dev.solvent.properties.campaign.ReplayFiles;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign's log, written as replay files, replays through {@code solvent replay}'s readers to exactly the state the
 * campaign reached: what a shrunk failure writes is what {@code solvent replay} runs.
 */
class CampaignReplayTest {

    @BeforeEach
    void start() {
        JqwikSession.start();
    }

    @AfterEach
    void finish() {
        JqwikSession.finish();
    }

    @Test
    void campaignLogsReplayToTheSameState(@TempDir Path dir) {
        Campaign campaign = Campaign.standard();
        RandomGenerator<Campaign.Run> runs = campaign.runs().generator(1000);
        Random random = new Random(20_261_129L);
        int liquidations = 0;
        for (int i = 0; i < 40; i++) {
            CampaignWorld w = campaign.runUnobserved(runs.next(random).value());
            Path folder = dir.resolve("run-" + i);
            ReplayFiles.Written files = ReplayFiles.write(w.setup(), w.log(), folder, "run " + i);

            Validation<Seq<Problem>, Replay.Input> input = Replay.load(files.state(), files.txs());
            assertThat(input.isValid()).as("%s", input).isTrue();
            Either<Seq<Problem>, Replay.Result> result = Replay.run(input.get());
            assertThat(result.isRight()).isTrue();
            assertThat(result.get().finalState()).isEqualTo(w.state());
            assertThat(result.get().transactions().map(o -> o.result().isLeft()))
                    .isEqualTo(w.log().map(s -> s.revert().isDefined()));
            liquidations += w.tally().liquidations();
        }
        // the runs did exercise liquidations, not only deposits
        assertThat(liquidations).isPositive();
    }
}
