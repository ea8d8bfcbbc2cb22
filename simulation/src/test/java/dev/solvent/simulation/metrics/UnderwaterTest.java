package dev.solvent.simulation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.solvent.model.id.AccountId;
import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.TestScenarios;
import io.vavr.collection.Vector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnderwaterTest {

    static final AccountId A = AccountId.of("a");
    static final AccountId B = AccountId.of("b");

    @Test
    void anAccountUnderwaterAtOneCheckWasUnderwaterForTheBlocksThatCheckStandsFor() {
        Underwater u = Underwater.NONE
                .after(0, Vector.empty())
                .after(300, Vector.of(A, B))
                .after(600, Vector.empty());

        assertThat(u.most()).isEqualTo(2);
        assertThat(u.accountBlocks()).isEqualTo(600);
        // the stretch used to be counted from the first check that saw it: 0 beside 600 account-blocks
        assertThat(u.longest()).isEqualTo(300);
    }

    @Test
    void consecutiveChecksMakeOneStretchAndALaterOneStartsAgain() {
        Underwater u = Underwater.NONE
                .after(0, Vector.empty())
                .after(100, Vector.of(A))
                .after(200, Vector.of(A, B))
                .after(350, Vector.of(A))
                .after(400, Vector.of(B));

        // A: 100 + 100 + 150 blocks; B: 100, then again 50 after a check without it
        assertThat(u.longest()).isEqualTo(350);
        assertThat(u.accountBlocks()).isEqualTo(100 + 200 + 150 + 50);
        assertThat(u.stretches().toJavaMap()).isEqualTo(Map.of(B, 50L));
        assertThat(u.most()).isEqualTo(2);
    }

    @Test
    void theFirstCheckStandsForItsOwnBlock() {
        assertThat(Underwater.NONE.after(7, Vector.of(A)).longest()).isEqualTo(1);
    }

    @Test
    void aCheckThatIsNotAfterThePreviousOneIsABug() {
        Underwater u = Underwater.NONE.after(10, Vector.empty());
        assertThatThrownBy(() -> u.after(10, Vector.of(A))).hasMessageContaining("not after the previous check at 10");
    }

    @Test
    void aRunWithAccountsUnderwaterAtOneCheckReportsAStretchThatAgreesWithItsAccountBlocks() {
        // the check at block 101 lands right after the 30% gap, while a congested chain has not liquidated everyone;
        // the next check (202) finds them liquidated. Before: maxUnderwater 69, underwaterAccountBlocks 6,969 and
        // longestUnderwaterBlocks 0.
        RunSummary s = Simulation.run(TestScenarios.small(Map.of("sampleEvery", "101", "chain.gasLimit", "5000000")), 3)
                .summary();

        assertThat(s.maxUnderwater()).isEqualTo(69);
        assertThat(s.underwaterAccountBlocks()).isEqualTo(69 * 101);
        assertThat(s.longestUnderwaterBlocks()).isEqualTo(101);
    }
}
