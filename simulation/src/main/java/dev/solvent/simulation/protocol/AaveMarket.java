package dev.solvent.simulation.protocol;

import dev.solvent.mirror.aave.AaveCall;
import dev.solvent.mirror.aave.AaveProtocol;
import dev.solvent.mirror.aave.AaveState;
import dev.solvent.mirror.aave.AaveVersion;
import dev.solvent.mirror.aave.Erc20;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.Word;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.simulation.scenario.LendingScenario;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Aave v3 market on the mirror: one reserve per scenario reserve (ids in the reserves' name order), each with its
 * configuration word (LTV, liquidation threshold and bonus, decimals, active, borrowing enabled, reserve factor,
 * liquidation protocol fee, virtual accounting) and default rate strategy, and the test tokens of the Aave test market
 * as underlyings, minted by their owner to bring tokens in from outside. Addresses are synthetic and fixed.
 */
final class AaveMarket implements LendingMarket<AaveState, AaveCall> {

    private static final Address POOL = Address.ofNumber(0xAA00);
    private static final Address ORACLE = Address.ofNumber(0xAA01);
    private static final Address STRATEGY = Address.ofNumber(0xAA02);
    private static final Address TREASURY = Address.ofNumber(0xAA03);
    private static final Address OWNER = Address.ofNumber(0xAA04);
    private static final long PARTICIPANTS = 0x1_0000_0000L;
    private static final BigInteger VARIABLE = BigInteger.TWO;

    private final AaveVersion version;
    private final TreeMap<String, LendingScenario.Reserve> reserves;
    private final Map<String, Address> assets = new LinkedHashMap<>();
    private final AaveProtocol protocol;

    AaveMarket(AaveVersion version, TreeMap<String, LendingScenario.Reserve> reserves) {
        this.version = version;
        this.reserves = reserves;
        int i = 0;
        for (String asset : reserves.keySet()) {
            assets.put(asset, Address.ofNumber(0xB000 + 0x10L * i));
            i++;
        }
        this.protocol = new AaveProtocol(version, assets);
    }

    @Override
    public Protocol<AaveState, AaveCall> protocol() {
        return protocol;
    }

    /** {@return the reserve's {@code ReserveConfigurationMap} word, as the configurator would set it} */
    static BigInteger configuration(LendingScenario.Reserve r) {
        return BigInteger.valueOf(r.ltvBps())
                .or(BigInteger.valueOf(r.liquidationThresholdBps()).shiftLeft(16))
                .or(BigInteger.valueOf(10_000L + r.liquidationBonusBps()).shiftLeft(32))
                .or(BigInteger.valueOf(r.decimals()).shiftLeft(48))
                .setBit(56) // active
                .setBit(58) // borrowing enabled
                .or(BigInteger.valueOf(r.reserveFactorBps()).shiftLeft(64))
                .or(BigInteger.valueOf(r.protocolFeeBps()).shiftLeft(152))
                .setBit(252); // virtual accounting
    }

    @Override
    public AaveState genesis(long timestamp) {
        List<AaveState.Reserve> listed = new ArrayList<>();
        List<Erc20> tokens = new ArrayList<>();
        Erc20.Kind kind = version == AaveVersion.V3_3 ? Erc20.Kind.TESTNET_OZ3 : Erc20.Kind.TESTNET_OZ5;
        int id = 0;
        for (LendingScenario.Reserve r : reserves.values()) {
            Address asset = assets.get(r.asset());
            LendingScenario.Rates rates = r.rates();
            listed.add(AaveState.Reserve.listed(
                    id,
                    asset,
                    Address.ofNumber(0xB000 + 0x10L * id + 1),
                    Address.ofNumber(0xB000 + 0x10L * id + 2),
                    STRATEGY,
                    TREASURY,
                    configuration(r),
                    new AaveState.InterestRateData(
                            rates.optimalUsageBps(), rates.baseBps(), rates.slope1Bps(), rates.slope2Bps()),
                    timestamp));
            tokens.add(Erc20.create(asset, kind, OWNER, r.decimals()));
            id++;
        }
        return AaveState.create(version, POOL, ORACLE, listed, List.of(), tokens);
    }

    @Override
    public String account(int number) {
        return Address.ofNumber(PARTICIPANTS + number).hex();
    }

    @Override
    public Vector<AaveCall> receive(String account, String asset, BigInteger amount) {
        Address a = Address.of(account);
        Address token = assets.get(asset);
        return Vector.of(
                new AaveCall.TokenMint(OWNER, token, a, amount),
                new AaveCall.TokenApprove(a, token, POOL, Word.UINT256_MAX));
    }

    @Override
    public AaveCall supply(String account, String asset, BigInteger amount) {
        Address a = Address.of(account);
        return new AaveCall.Supply(a, assets.get(asset), amount, a, 0);
    }

    @Override
    public AaveCall borrow(String account, String asset, BigInteger amount) {
        Address a = Address.of(account);
        return new AaveCall.Borrow(a, assets.get(asset), amount, VARIABLE, 0, a);
    }

    @Override
    public AaveCall repay(String account, String asset, BigInteger amount) {
        Address a = Address.of(account);
        return new AaveCall.Repay(a, assets.get(asset), amount, VARIABLE, a);
    }
}
