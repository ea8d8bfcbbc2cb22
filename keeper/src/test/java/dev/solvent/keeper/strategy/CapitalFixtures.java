package dev.solvent.keeper.strategy;

import static dev.solvent.keeper.KeeperFixtures.ETH_PERP;
import static dev.solvent.keeper.KeeperFixtures.GWEI;
import static dev.solvent.keeper.KeeperFixtures.T0;
import static dev.solvent.keeper.KeeperFixtures.USDC;
import static dev.solvent.keeper.KeeperFixtures.WETH;
import static dev.solvent.keeper.KeeperFixtures.answer;
import static dev.solvent.keeper.KeeperFixtures.usd8;
import static dev.solvent.keeper.KeeperFixtures.usdc;

import dev.solvent.keeper.GasToken;
import dev.solvent.keeper.KeeperView;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.Tuple0;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;

/**
 * The protocol of the tests of the keeper with limited capital (one test class per mechanism, each answer worked by
 * hand): USDC (6
 * decimals, settlement, borrowable), WETH (18, {@code ETH/USD}, weight 0.8, borrowable, liability weight 1.1), ETH-PERP
 * (imr 10%, mmr 5%, penalty 2%, no funding); keeper reward 5 USDC + 20% of the penalty; the default gas schedule. The
 * keeper bids its minimum, 1 gwei, over a 1-gwei base fee, so gas costs {@code gas * 2 gwei} valued at ETH/USD.
 */
final class CapitalFixtures {

    private CapitalFixtures() {}

    static final AccountId KEEPER = AccountId.of("keeper");
    static final AccountId OTHER = AccountId.of("other-keeper");
    static final Bidding BIDDING = new Bidding(GasToken.ETHER, GWEI, 0);

    static ProtocolConfig config(PositionReceiver receiver, LiquidationPolicy policy) {
        return new ProtocolConfig(
                USDC,
                TreeMap.ofEntries(
                        Map.entry(USDC, new AssetConfig(USDC, 6, Option.none(), Wad.ONE, true, Wad.ONE, 3600)),
                        Map.entry(
                                WETH,
                                new AssetConfig(
                                        WETH,
                                        18,
                                        Option.some("ETH/USD"),
                                        Wad.parse("0.8"),
                                        true,
                                        Wad.parse("1.1"),
                                        3600))),
                TreeMap.of(
                        ETH_PERP,
                        new MarketConfig(
                                ETH_PERP,
                                WETH,
                                Wad.parse("0.1"),
                                Wad.parse("0.05"),
                                Wad.parse("0.02"),
                                U256.parse("1000000000000000000000000"),
                                Wad.parse("0.05"),
                                3600,
                                Wad.ZERO,
                                Wad.ZERO,
                                Wad.ZERO)),
                new KeeperReward(U256.of(5_000_000), Wad.parse("0.2")),
                receiver,
                new ShortfallPolicy.InsuranceThenSocialize(),
                GasSchedule.DEFAULT,
                policy);
    }

    static TreeMap<String, OracleAnswer> ethUsd(long usd, long timestamp) {
        return TreeMap.of("ETH/USD", answer(usd8(usd), timestamp));
    }

    static ProtocolState run(ProtocolState state, long timestamp, long ethUsd, AccountId sender, Tx... txs) {
        ProtocolState s = state;
        for (Tx tx : txs) {
            BlockContext ctx = new BlockContext(timestamp - T0, timestamp, sender, ethUsd(ethUsd, timestamp));
            Either<Revert, Receipt> r = MarginEngine.execute(s, tx, ctx);
            if (r.isLeft()) {
                throw new AssertionError(tx + " reverted: " + r.getLeft());
            }
            s = r.get().state();
        }
        return s;
    }

    static KeeperView view(ProtocolState state, long timestamp, long ethUsd) {
        return new KeeperView(
                KEEPER,
                timestamp - T0,
                timestamp,
                GWEI,
                ethUsd(ethUsd, timestamp),
                state,
                Vector.empty(),
                TreeSet.empty());
    }

    static LimitedCapital<Tuple0> keeper(long capitalUsdc) {
        return new LimitedCapital<>(new FullScan(), BIDDING, usdc(capitalUsdc), Wad.parse("0.05"));
    }

    static Vector<Estimate> plan(LimitedCapital<Tuple0> keeper, KeeperView view) {
        return keeper.plan(view, keeper.start()).send();
    }
}
