package dev.solvent.keeper;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.GasSchedule;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.KeeperReward;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.policy.ShortfallPolicy;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Map;

/**
 * A small protocol for keeper tests: USDC (6 decimals, settlement), WETH (18, weight 0.8, key ETH/USD), SOL (9, weight
 * 0.5, key SOL/USD); ETH-PERP (imr 10%, mmr 5%, penalty 2%) and SOL-PERP (20%, 10%, 5%), both without funding; keeper
 * reward 5 USDC + 20% of the penalty; positions go to a backstop account; the model's default gas schedule
 * (liquidation 200,000 + 60,000 per position + 40,000 per asset; revert 30,000).
 */
public final class KeeperFixtures {

    public static final AssetId USDC = AssetId.of("USDC");
    public static final AssetId WETH = AssetId.of("WETH");
    public static final AssetId SOL = AssetId.of("SOL");
    public static final MarketId ETH_PERP = MarketId.of("ETH-PERP");
    public static final MarketId SOL_PERP = MarketId.of("SOL-PERP");
    public static final AccountId ALICE = AccountId.of("alice");
    public static final AccountId BOB = AccountId.of("bob");
    public static final AccountId CAROL = AccountId.of("carol");
    public static final AccountId BACKSTOP = AccountId.of("backstop");
    public static final long T0 = 1_700_000_000L;
    public static final long GWEI = 1_000_000_000L;

    private KeeperFixtures() {}

    static AssetConfig asset(AssetId id, int decimals, String key, String weight) {
        return new AssetConfig(
                id, decimals, key == null ? Option.none() : Option.some(key), Wad.parse(weight), false, Wad.ONE, 3600);
    }

    static MarketConfig market(MarketId id, AssetId underlying, String imr, String mmr, String penalty) {
        return new MarketConfig(
                id,
                underlying,
                Wad.parse(imr),
                Wad.parse(mmr),
                Wad.parse(penalty),
                U256.parse("1000000000000000000000000000"),
                Wad.parse("0.05"),
                3600,
                Wad.ZERO,
                Wad.ZERO,
                Wad.ZERO);
    }

    public static ProtocolConfig config() {
        return new ProtocolConfig(
                USDC,
                TreeMap.ofEntries(
                        Map.entry(USDC, asset(USDC, 6, null, "1")),
                        Map.entry(WETH, asset(WETH, 18, "ETH/USD", "0.8")),
                        Map.entry(SOL, asset(SOL, 9, "SOL/USD", "0.5"))),
                TreeMap.ofEntries(
                        Map.entry(ETH_PERP, market(ETH_PERP, WETH, "0.1", "0.05", "0.02")),
                        Map.entry(SOL_PERP, market(SOL_PERP, SOL, "0.2", "0.1", "0.05"))),
                new KeeperReward(U256.of(5_000_000), Wad.parse("0.2")),
                new PositionReceiver.Backstop(BACKSTOP),
                new ShortfallPolicy.InsuranceThenSocialize(),
                GasSchedule.DEFAULT);
    }

    /** Whole-dollar ETH and SOL answers with 8 decimals, updated at {@code timestamp}. */
    public static TreeMap<String, OracleAnswer> prices(long eth, long sol, long timestamp) {
        return TreeMap.of("ETH/USD", answer(usd8(eth), timestamp), "SOL/USD", answer(usd8(sol), timestamp));
    }

    public static OracleAnswer answer(I256 price, long timestamp) {
        return new OracleAnswer(price, 8, timestamp);
    }

    public static I256 usd8(long usd) {
        return I256.of(usd).times(I256.of(100_000_000));
    }

    public static I256 usdc(long whole) {
        return I256.of(whole).times(I256.of(1_000_000));
    }

    /** {@code n} whole ETH in base units. */
    public static I256 eth(long n) {
        return I256.of(n).times(I256.pow10(18));
    }

    public static BlockContext block(long timestamp, TreeMap<String, OracleAnswer> prices) {
        return new BlockContext(timestamp - T0, timestamp, BOB, prices);
    }

    /** Runs transactions in order (owners send their own), failing on the first revert. */
    public static ProtocolState run(ProtocolState state, BlockContext block, Tx... txs) {
        ProtocolState s = state;
        for (Tx tx : txs) {
            Either<Revert, Receipt> r = MarginEngine.execute(s, tx, block);
            if (r.isLeft()) {
                throw new AssertionError(tx + " reverted: " + r.getLeft());
            }
            s = r.get().state();
        }
        return s;
    }

    /**
     * Bob (1,000,000 USDC) is the maker; Alice holds 1,000 USDC and is long 1 ETH at 2,000; Carol holds 10,000 USDC and
     * is long 10 ETH at 2,000. Both are liquidatable below 1,000 / 0.95 = 10,000 / 9.5 = 1,052.63 (equity {@code n(p
     * - 1,000)} against 5% of {@code n p}).
     */
    public static ProtocolState aliceAndCarolLongEth() {
        ProtocolState s = ProtocolState.genesis(config(), T0);
        BlockContext open = block(T0, prices(2_000, 100, T0));
        return run(
                s,
                open,
                new Tx.Deposit(BOB, USDC, usdc(1_000_000).toU256()),
                new Tx.Deposit(ALICE, USDC, usdc(1_000).toU256()),
                new Tx.Deposit(CAROL, USDC, usdc(10_000).toU256()),
                new Tx.Trade(ETH_PERP, ALICE, BOB, eth(1), usd8(2_000)),
                new Tx.Trade(ETH_PERP, CAROL, BOB, eth(10), usd8(2_000)));
    }
}
