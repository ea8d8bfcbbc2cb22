package dev.solvent.model.view;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

/** Configuration pieces for kernel tests, and the reference the kernel must equal. */
final class KernelFixtures {

    static final long NOW = 1_700_000_000L;
    static final long MAX_AGE = 3_600L;
    static final AccountId KEEPER = AccountId.of("keeper");

    private KernelFixtures() {}

    static AssetConfig settlement(String symbol, int decimals) {
        return new AssetConfig(AssetId.of(symbol), decimals, Option.none(), Wad.ONE, false, Wad.ONE, MAX_AGE);
    }

    static AssetConfig asset(String symbol, int decimals, Wad collateralWeight, Wad liabilityWeight) {
        return new AssetConfig(
                AssetId.of(symbol),
                decimals,
                Option.some(symbol + "/USD"),
                collateralWeight,
                true,
                liabilityWeight,
                MAX_AGE);
    }

    static MarketConfig market(String name, String underlying, Wad initialMargin, Wad maintenanceMargin) {
        return new MarketConfig(
                MarketId.of(name),
                AssetId.of(underlying),
                initialMargin,
                maintenanceMargin,
                Wad.parse("0.01"),
                U256.of(Long.MAX_VALUE),
                Wad.parse("0.05"),
                MAX_AGE,
                Wad.parse("0.01"),
                Wad.parse("0.0005"),
                Wad.parse("0.0002"));
    }

    static ProtocolConfig config(AssetConfig settlement, Iterable<AssetConfig> assets, Iterable<MarketConfig> markets) {
        TreeMap<AssetId, AssetConfig> a = TreeMap.of(settlement.id(), settlement);
        for (AssetConfig x : assets) {
            a = a.put(x.id(), x);
        }
        TreeMap<MarketId, MarketConfig> m = TreeMap.empty();
        for (MarketConfig x : markets) {
            m = m.put(x.id(), x);
        }
        return new ProtocolConfig(
                settlement.id(),
                a,
                m,
                new KeeperReward(U256.ZERO, Wad.ZERO),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);
    }

    static OracleAnswer answer(long price, int decimals) {
        return new OracleAnswer(I256.of(price), decimals, NOW);
    }

    static BlockContext block(TreeMap<String, OracleAnswer> prices) {
        return new BlockContext(1, NOW, KEEPER, prices);
    }

    /** {@return {@link MarginLogic#cross} with a panic reported as {@link Revert.Panic}, as {@link Views} does} */
    static Either<Revert, AccountData> reference(ProtocolState state, Account account, BlockContext block) {
        try {
            return MarginLogic.cross(state, account, block);
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }
}
