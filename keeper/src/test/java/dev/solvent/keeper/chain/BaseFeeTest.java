package dev.solvent.keeper.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Known answers of the EIP-1559 rule, target 15,000,000 gas. */
class BaseFeeTest {

    @Test
    void staysAtTheTarget() {
        assertThat(BaseFee.next(100, 15_000_000, 15_000_000)).isEqualTo(100);
    }

    @Test
    void risesAnEighthInAFullBlockAndFallsAnEighthInAnEmptyOne() {
        // full: 1e9 * 15e6 / 15e6 / 8 = 125,000,000 up; empty: the same down
        assertThat(BaseFee.next(1_000_000_000, 30_000_000, 15_000_000)).isEqualTo(1_125_000_000);
        assertThat(BaseFee.next(1_000_000_000, 0, 15_000_000)).isEqualTo(875_000_000);
    }

    @Test
    void roundsEachDivisionDownButRisesAtLeastOneWei() {
        // 7 * 1 / 15e6 / 8 = 0 -> at least 1 up; 7 * 1 / 15e6 / 8 = 0 down
        assertThat(BaseFee.next(7, 15_000_001, 15_000_000)).isEqualTo(8);
        assertThat(BaseFee.next(7, 14_999_999, 15_000_000)).isEqualTo(7);
        // 1,000,003 * 5,000,000 / 15,000,000 = 333,334 (floor) / 8 = 41,666 (floor)
        assertThat(BaseFee.next(1_000_003, 20_000_000, 15_000_000)).isEqualTo(1_041_669);
    }

    @Test
    void fullBlocksForeverSaturateAtTheCapInsteadOfOverflowing() {
        // before: ArithmeticException (long overflow) after about 330 full blocks from 20 gwei
        long fee = 20_000_000_000L;
        for (int i = 0; i < 1_000; i++) {
            long next = BaseFee.next(fee, 30_000_000, 15_000_000);
            assertThat(next).isGreaterThanOrEqualTo(fee).isLessThanOrEqualTo(BaseFee.MAX);
            fee = next;
        }
        assertThat(fee).isEqualTo(BaseFee.MAX);
        assertThat(BaseFee.next(BaseFee.MAX - 1, 30_000_000, 15_000_000)).isEqualTo(BaseFee.MAX);
        // and it comes down from the cap by the rule, like from anywhere else
        assertThat(BaseFee.next(BaseFee.MAX, 0, 15_000_000)).isEqualTo(BaseFee.MAX - BaseFee.MAX / 8);
    }

    @Test
    void aFeeAboveTheCapIsRefusedWithTheValues() {
        assertThatThrownBy(() -> BaseFee.next(BaseFee.MAX + 1, 0, 15_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baseFee 1000000000000000001");
    }
}
