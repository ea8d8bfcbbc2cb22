package dev.solvent.simulation.protocol;

import dev.solvent.mirror.comet.Comet;
import dev.solvent.mirror.comet.CometCall;
import dev.solvent.mirror.comet.CometConfiguration;
import dev.solvent.mirror.comet.CometProtocol;
import dev.solvent.mirror.comet.CometState;
import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.mirror.evm.Word;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.simulation.scenario.LendingScenario;
import dev.solvent.simulation.scenario.ScenarioException;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Compound III (Comet) market on the mirror: the scenario's base asset lent against its collateral assets (listed
 * in their names' order), each token a test token minted with {@code allocateTo} to bring it in from outside, every
 * price feed at 8 decimals. Supplying the base lends it, borrowing is withdrawing the base below zero, repaying is
 * supplying the base back. Addresses are synthetic and fixed.
 */
final class CometMarket implements LendingMarket<CometState, CometCall> {

    private static final Address COMET = Address.ofNumber(0xC000);
    private static final Address GOVERNOR = Address.ofNumber(0xC001);
    private static final Address PAUSE_GUARDIAN = Address.ofNumber(0xC002);
    private static final Address EXTENSION = Address.ofNumber(0xC003);
    private static final Address MINTER = Address.ofNumber(0xC004);
    private static final long PARTICIPANTS = 0x1_0000_0000L;
    private static final int FEED_DECIMALS = 8;

    private final TreeMap<String, LendingScenario.Reserve> reserves;
    private final LendingScenario.Comet config;
    private final Map<String, Address> tokens = new LinkedHashMap<>();
    private final Map<String, Address> feeds = new LinkedHashMap<>();
    private final CometProtocol protocol;

    CometMarket(TreeMap<String, LendingScenario.Reserve> reserves, LendingScenario.Comet config) {
        this.reserves = reserves;
        this.config = config;
        int i = 0;
        for (String asset : reserves.keySet()) {
            tokens.put(asset, Address.ofNumber(0xD000 + 0x10L * i));
            feeds.put(asset, Address.ofNumber(0xE000 + 0x10L * i));
            i++;
        }
        this.protocol = new CometProtocol(feeds);
    }

    @Override
    public Protocol<CometState, CometCall> protocol() {
        return protocol;
    }

    /** {@return the constructor's configuration, as the scenario gives it} */
    CometConfiguration configuration() {
        List<CometConfiguration.AssetConfig> assets = new ArrayList<>();
        for (LendingScenario.CometAsset a : config.assets().values()) {
            assets.add(new CometConfiguration.AssetConfig(
                    tokens.get(a.asset()),
                    feeds.get(a.asset()),
                    reserves.get(a.asset()).get().decimals(),
                    a.borrowCollateralFactor(),
                    a.liquidateCollateralFactor(),
                    a.liquidationFactor(),
                    a.supplyCap()));
        }
        return new CometConfiguration(
                GOVERNOR,
                PAUSE_GUARDIAN,
                tokens.get(config.base()),
                feeds.get(config.base()),
                EXTENSION,
                config.supplyKink(),
                config.supplyPerYearInterestRateSlopeLow(),
                config.supplyPerYearInterestRateSlopeHigh(),
                config.supplyPerYearInterestRateBase(),
                config.borrowKink(),
                config.borrowPerYearInterestRateSlopeLow(),
                config.borrowPerYearInterestRateSlopeHigh(),
                config.borrowPerYearInterestRateBase(),
                config.storeFrontPriceFactor(),
                config.trackingIndexScale(),
                config.baseTrackingSupplySpeed(),
                config.baseTrackingBorrowSpeed(),
                config.baseMinForRewards(),
                config.baseBorrowMin(),
                config.targetReserves(),
                assets);
    }

    @Override
    public CometState genesis(long timestamp) {
        HashMap<Address, StandardToken> ledgers = HashMap.empty();
        for (LendingScenario.Reserve r : reserves.values()) {
            Address token = tokens.get(r.asset());
            ledgers = ledgers.put(token, StandardToken.create(token, r.decimals()));
        }
        java.util.Set<Address> known = new java.util.HashSet<>(feeds.values());
        return Comet.deploy(COMET, configuration(), ledgers, f -> known.contains(f) ? FEED_DECIMALS : null, timestamp)
                .getOrElseThrow(revert -> new ScenarioException(Vector.of("market: Comet's constructor reverted ("
                        + revert + "); valid: a configuration the contract accepts (docs/scenarios.md)")));
    }

    @Override
    public String account(int number) {
        return Address.ofNumber(PARTICIPANTS + number).hex();
    }

    @Override
    public Vector<CometCall> receive(String account, String asset, BigInteger amount) {
        Address a = Address.of(account);
        Address token = tokens.get(asset);
        return Vector.of(
                new CometCall.TokenAllocate(MINTER, token, a, amount),
                new CometCall.TokenApprove(a, token, COMET, Word.UINT256_MAX));
    }

    @Override
    public CometCall supply(String account, String asset, BigInteger amount) {
        return new CometCall.Supply(Address.of(account), tokens.get(asset), amount);
    }

    /** Comet lends only its base: borrowing is withdrawing the base past the account's balance. */
    @Override
    public CometCall borrow(String account, String asset, BigInteger amount) {
        return new CometCall.Withdraw(Address.of(account), tokens.get(asset), amount);
    }

    /** Repaying is supplying the base, which pays the debt first. */
    @Override
    public CometCall repay(String account, String asset, BigInteger amount) {
        return new CometCall.Supply(Address.of(account), tokens.get(asset), amount);
    }
}
