package dev.solvent.oracle.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.solvent.mirror.aave.AaveBlock;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.aave.Erc20;
import dev.solvent.mirror.evm.Address;
import io.vavr.collection.HashMap;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Aave state file: an exact, deterministic round trip, and a wrong file refused with the path of the field. */
class AaveStateFileTest {

    private static final Address POOL = Address.ofNumber(0x9001);
    private static final Address ASSET = Address.ofNumber(0xA55E);
    private static final Address A_TOKEN = Address.ofNumber(0xA70C);
    private static final Address DEBT = Address.ofNumber(0xDEB7);
    private static final Address USER = Address.ofNumber(0x05E4);

    private static AaveSnapshot snapshot() {
        AaveState.Reserve listed = AaveState.Reserve.listed(
                0,
                ASSET,
                A_TOKEN,
                DEBT,
                Address.ofNumber(0x5747),
                Address.ofNumber(0x7EA5),
                new BigInteger("7237005577332262213973186568751985011653213565835679148720409013689733619770"),
                new AaveState.InterestRateData(4500, 0, 400, 6000),
                1_700_000_000L);
        AaveState.Reserve held = new AaveState.Reserve(
                0,
                ASSET,
                A_TOKEN,
                DEBT,
                listed.interestRateStrategy(),
                listed.treasury(),
                listed.configuration(),
                listed.liquidityIndex(),
                BigInteger.valueOf(123),
                listed.variableBorrowIndex(),
                BigInteger.valueOf(456),
                listed.lastUpdateTimestamp(),
                BigInteger.ONE,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.valueOf(1_000_000),
                BigInteger.valueOf(7),
                0,
                listed.rates(),
                listed.aTokenLedger()
                        .withHolder(
                                USER,
                                BigInteger.valueOf(1_000_000),
                                listed.liquidityIndex(),
                                BigInteger.valueOf(1_000_000)),
                listed.debtLedger());
        AaveState s = AaveState.create(
                AaveVersion.V3_7,
                POOL,
                Address.ofNumber(0x0AC1),
                List.of(held),
                List.of(new AaveState.EModeCategory(
                        1, 9500, 9600, 10100, BigInteger.ONE, BigInteger.TWO, BigInteger.ZERO, true)),
                List.of(new Erc20(
                        ASSET,
                        Erc20.Kind.TESTNET_OZ5,
                        Address.ofNumber(0x0E4),
                        6,
                        BigInteger.valueOf(5_000_000),
                        HashMap.of(A_TOKEN, BigInteger.valueOf(1_000_000)),
                        HashMap.empty())));
        s = new AaveState(
                s.version(),
                s.pool(),
                s.oracle(),
                s.umbrella(),
                s.reserves(),
                s.eModeCategories(),
                HashMap.of(USER, BigInteger.TWO),
                HashMap.of(USER, 1),
                s.tokens());
        return new AaveSnapshot(
                31_337,
                42,
                "0x" + "ab".repeat(32),
                AaveBlock.of(1_700_000_100L, Map.of(ASSET, BigInteger.TEN.pow(8))),
                s);
    }

    @Test
    void roundTripsExactlyAndDeterministically() {
        String text = AaveStateFile.write(snapshot());
        assertThat(text).contains("\"protocol\" : \"aave-v3.7\"").endsWith("\n");
        assertThat(AaveStateFile.read(text).get()).isEqualTo(snapshot());
        assertThat(AaveStateFile.write(AaveStateFile.read(text).get())).isEqualTo(text);
    }

    @Test
    void refusesAWrongFileNamingTheField() {
        String text = AaveStateFile.write(snapshot());
        assertThat(AaveStateFile.read(text.replace("\"aave-v3.7\"", "\"comet\""))
                        .getLeft())
                .isEqualTo("protocol: expected \"aave-v3.3\" or \"aave-v3.7\", found \"comet\"");
        assertThat(AaveStateFile.read(text, AaveVersion.V3_3).getLeft()).startsWith("protocol: expected \"aave-v3.3\"");
        assertThat(AaveStateFile.read(text.replace("\"TESTNET_OZ5\"", "\"USDT\""))
                        .getLeft())
                .isEqualTo("state.tokens." + ASSET.hex() + ".kind: expected TESTNET_OZ3, TESTNET_OZ5 or WETH9,"
                        + " found \"USDT\"");
        assertThat(AaveStateFile.read(text.replace("\"deficit\" : \"7\"", "\"deficit\" : \"7x\""))
                        .getLeft())
                .isEqualTo("state.reserves[0].deficit: expected a uint128 as a decimal string, found \"7x\"");
    }
}
