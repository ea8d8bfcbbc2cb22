package dev.solvent.oracle.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedAddressTest {

    private static final String ETH_USD = "0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419";

    @Test
    void keepsACorrectlyChecksummedAddress() {
        assertThat(FeedAddress.parse(ETH_USD).get().value()).isEqualTo(ETH_USD);
    }

    @Test
    void checksumsAnAllLowercaseAddress() {
        assertThat(FeedAddress.parse(ETH_USD.toLowerCase()).get().value()).isEqualTo(ETH_USD);
    }

    @Test
    void refusesAMixedCaseAddressWithABadChecksum() {
        // the C of "eC3D" in lower case
        String typo = "0x5f4ec3Df9cbd43714FE2740f5E3616155c5b8419";

        assertThat(FeedAddress.parse(typo).getLeft())
                .contains("fails its EIP-55 checksum")
                .doesNotContain(ETH_USD);
    }

    @Test
    void refusesWhatIsNotFortyHexDigits() {
        assertThat(FeedAddress.parse("0x5f4e").getLeft()).contains("'0x5f4e' is not an address");
        assertThat(FeedAddress.parse("5f4eC3Df9cbd43714FE2740f5E3616155c5b8419").isLeft())
                .isTrue();
        assertThat(FeedAddress.parse("0x5f4eC3Df9cbd43714FE2740f5E3616155c5b841g")
                        .isLeft())
                .isTrue();
    }
}
