package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.comet.AssetInfo;
import dev.solvent.mirror.comet.CometBlock;
import dev.solvent.mirror.comet.CometImmutables;
import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.comet.LiquidatorPoints;
import dev.solvent.mirror.comet.TotalsBasic;
import dev.solvent.mirror.comet.UserBasic;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.StandardToken;
import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Comet state file: a round trip is exact and deterministic, and a wrong file names the field. */
class CometStateFileTest {

    private static final Address COMET = Address.ofNumber(0xC0E7);
    private static final Address BASE = Address.ofNumber(0xBA5E);
    private static final Address WETH = Address.ofNumber(0xE7);
    private static final Address BASE_FEED = Address.ofNumber(0xF0);
    private static final Address WETH_FEED = Address.ofNumber(0xF1);
    private static final Address ALICE = Address.ofNumber(0xA11CE);
    private static final Address BOB = Address.ofNumber(0xB0B);

    static CometSnapshot sample() {
        BigInteger wad = BigInteger.TEN.pow(18);
        CometImmutables immutables = new CometImmutables(
                COMET,
                Address.ofNumber(1),
                Address.ofNumber(2),
                BASE,
                BASE_FEED,
                Address.ofNumber(3),
                wad.multiply(BigInteger.valueOf(8)).divide(BigInteger.TEN),
                BigInteger.valueOf(1_585_489_599L),
                BigInteger.valueOf(63_419_583_967L),
                BigInteger.ZERO,
                wad.multiply(BigInteger.valueOf(8)).divide(BigInteger.TEN),
                BigInteger.valueOf(3_170_979_198L),
                BigInteger.valueOf(95_129_375_951L),
                BigInteger.valueOf(158_548_959L),
                wad.divide(BigInteger.TWO),
                BigInteger.valueOf(1_000_000),
                BigInteger.TEN.pow(15),
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.TEN.pow(12),
                BigInteger.valueOf(100_000_000),
                BigInteger.valueOf(200_000_000_000L),
                6,
                1,
                BigInteger.ONE,
                List.of(new AssetInfo(
                        0,
                        WETH,
                        WETH_FEED,
                        wad,
                        wad.multiply(BigInteger.valueOf(825)).divide(BigInteger.valueOf(1000)),
                        wad.multiply(BigInteger.valueOf(895)).divide(BigInteger.valueOf(1000)),
                        wad.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)),
                        BigInteger.TEN.pow(30))));
        TotalsBasic totals = new TotalsBasic(
                BigInteger.valueOf(1_000_123_456_789_012L),
                BigInteger.valueOf(1_002_000_000_000_000L),
                BigInteger.valueOf(77),
                BigInteger.valueOf(88),
                BigInteger.valueOf(5_000_000_000L),
                BigInteger.valueOf(3_000_000_000L),
                1_700_086_400L,
                0);
        CometState state = new CometState(
                immutables,
                totals,
                HashMap.of(WETH, wad.multiply(BigInteger.TWO)),
                HashMap.of(
                        ALICE,
                        new UserBasic(BigInteger.valueOf(-2_999_999_999L), BigInteger.ONE, BigInteger.TEN, 1),
                        BOB,
                        UserBasic.EMPTY),
                HashMap.of(
                        new Tuple2<>(ALICE, WETH),
                        wad.multiply(BigInteger.TWO),
                        new Tuple2<>(BOB, WETH),
                        BigInteger.ZERO),
                HashSet.of(new Tuple2<>(ALICE, BOB)),
                HashMap.of(BOB, new LiquidatorPoints(2, BigInteger.valueOf(3), BigInteger.ZERO)),
                HashMap.of(
                        BASE,
                        new StandardToken(
                                BASE,
                                6,
                                BigInteger.valueOf(9_000_000_000L),
                                HashMap.of(COMET, BigInteger.valueOf(2_000_000_000L)),
                                HashMap.of(
                                        new Tuple2<>(ALICE, COMET),
                                        BigInteger.TWO.pow(256).subtract(BigInteger.ONE))),
                        WETH,
                        StandardToken.create(WETH, 18)));
        CometBlock block = new CometBlock(
                1_700_090_000L,
                BigInteger.ZERO,
                Map.of(BASE_FEED, BigInteger.valueOf(100_000_000), WETH_FEED, BigInteger.valueOf(-1)));
        return new CometSnapshot(31_337, 42, "0x" + "ab".repeat(32), block, state);
    }

    @Test
    void readsBackExactlyWhatItWrote() {
        CometSnapshot s = sample();
        String text = CometStateFile.write(s);
        assertThat(CometStateFile.read(text).get()).isEqualTo(s);
        assertThat(CometStateFile.write(CometStateFile.read(text).get())).isEqualTo(text);
        assertThat(text).contains("\"protocol\" : \"comet\"").contains("\"principal\" : \"-2999999999\"");
    }

    @Test
    void refusesAWrongFileNamingTheFieldAndWhatIsValid() {
        String text = CometStateFile.write(sample());
        assertThat(CometStateFile.read(text.replace("\"protocol\" : \"comet\"", "\"protocol\" : \"aave-v3.3\""))
                        .getLeft())
                .isEqualTo("protocol: expected \"comet\" (the protocol this reader reads), found" + " \"aave-v3.3\"");
        assertThat(CometStateFile.read(text.replace("\"-2999999999\"", "\"-2999x\""))
                        .getLeft())
                .isEqualTo("state.userBasic." + ALICE + ".principal: expected a int104 as a decimal string, found"
                        + " \"-2999x\"");
        assertThat(CometStateFile.read(text.replace(
                                "\"baseScale\" : \"1000000\"", "\"baseScale\" : \"" + BigInteger.TWO.pow(64) + "\""))
                        .getLeft())
                .startsWith(
                        "state.immutables.baseScale: expected a uint64 as a decimal string (it does not fit 64 bits)");
        assertThat(CometStateFile.read(text.replace("\"totalsBasic\"", "\"totalsBasics\""))
                        .getLeft())
                .isEqualTo("state.totalsBasic: missing (required)");
        assertThat(CometStateFile.read(text.substring(0, text.length() / 2)).getLeft())
                .startsWith("not JSON: ");
    }
}
