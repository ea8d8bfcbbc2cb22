package dev.solvent.model;

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
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;

/**
 * A small protocol for known-answer tests: USDC (6 decimals, settlement), WETH (18, weight 0.8, borrowable with
 * liability weight 1.1), WBTC (8, weight 0.7), SOL (9, weight 0.5); markets ETH-PERP (imr 10%, mmr 5%, penalty 2%),
 * BTC-PERP (8%, 4%, 1.5%), SOL-PERP (20%, 10%, 5%); keeper reward 5 USDC + 20% of the penalty; no trading fees.
 */
public final class Fixtures {

    public static final AssetId USDC = AssetId.of("USDC");
    public static final AssetId WETH = AssetId.of("WETH");
    public static final AssetId WBTC = AssetId.of("WBTC");
    public static final AssetId SOL = AssetId.of("SOL");
    public static final MarketId ETH_PERP = MarketId.of("ETH-PERP");
    public static final MarketId BTC_PERP = MarketId.of("BTC-PERP");
    public static final MarketId SOL_PERP = MarketId.of("SOL-PERP");
    public static final AccountId ALICE = AccountId.of("alice");
    public static final AccountId BOB = AccountId.of("bob");
    public static final AccountId CAROL = AccountId.of("carol");
    public static final AccountId KEEPER = AccountId.of("keeper");
    public static final AccountId BACKSTOP = AccountId.of("backstop");

    public static final long T0 = 1_700_000_000L;

    private Fixtures() {}

    public static AssetConfig asset(AssetId id, int decimals, String key, String weight, boolean borrowable) {
        return new AssetConfig(
                id,
                decimals,
                key == null ? io.vavr.control.Option.none() : io.vavr.control.Option.some(key),
                Wad.parse(weight),
                borrowable,
                Wad.parse(borrowable ? "1.1" : "1"),
                3600);
    }

    public static MarketConfig market(MarketId id, AssetId underlying, String imr, String mmr, String penalty) {
        return new MarketConfig(
                id,
                underlying,
                Wad.parse(imr),
                Wad.parse(mmr),
                Wad.parse(penalty),
                U256.parse("1000000000000000000000000000"),
                Wad.parse("0.05"),
                3600,
                Wad.parse("0.01"),
                Wad.ZERO,
                Wad.ZERO);
    }

    public static ProtocolConfig config(ShortfallPolicy shortfall, PositionReceiver receiver) {
        var assets = TreeMap.ofEntries(
                java.util.Map.entry(USDC, asset(USDC, 6, null, "1", false)),
                java.util.Map.entry(WETH, asset(WETH, 18, "ETH/USD", "0.8", true)),
                java.util.Map.entry(WBTC, asset(WBTC, 8, "BTC/USD", "0.7", false)),
                java.util.Map.entry(SOL, asset(SOL, 9, "SOL/USD", "0.5", false)));
        var markets = TreeMap.ofEntries(
                java.util.Map.entry(ETH_PERP, market(ETH_PERP, WETH, "0.1", "0.05", "0.02")),
                java.util.Map.entry(BTC_PERP, market(BTC_PERP, WBTC, "0.08", "0.04", "0.015")),
                java.util.Map.entry(SOL_PERP, market(SOL_PERP, SOL, "0.2", "0.1", "0.05")));
        return new ProtocolConfig(
                USDC,
                assets,
                markets,
                new KeeperReward(U256.of(5_000_000), Wad.parse("0.2")),
                receiver,
                shortfall,
                GasSchedule.DEFAULT);
    }

    public static ProtocolConfig config() {
        return config(new ShortfallPolicy.InsuranceThenSocialize(), new PositionReceiver.Liquidator());
    }

    public static ProtocolState genesis() {
        return ProtocolState.genesis(config(), T0);
    }

    /** Whole USD prices with 8 decimals, all updated at {@code timestamp}. */
    public static BlockContext block(AccountId sender, long timestamp, long eth, long btc, long sol) {
        return new BlockContext(
                timestamp - T0,
                timestamp,
                sender,
                TreeMap.of(
                        "ETH/USD", answer(eth, timestamp),
                        "BTC/USD", answer(btc, timestamp),
                        "SOL/USD", answer(sol, timestamp)));
    }

    public static OracleAnswer answer(long wholeUsd, long timestamp) {
        return new OracleAnswer(usd8(wholeUsd), 8, timestamp);
    }

    /** {@code usd} whole dollars as an 8-decimal price. */
    public static I256 usd8(long usd) {
        return I256.of(usd).times(I256.of(100_000_000));
    }

    /** {@code usdc} whole USDC in base units (6 decimals). */
    public static I256 usdc(long usdc) {
        return I256.of(usdc).times(I256.of(1_000_000));
    }

    /** {@code n / d} whole units of an asset with {@code decimals} decimals, in base units. */
    public static I256 units(long n, long d, int decimals) {
        return I256.of(n).times(I256.pow10(decimals)).divide(I256.of(d), dev.solvent.model.math.Rounding.FLOOR);
    }

    public static U256 u(I256 v) {
        return v.toU256();
    }

    /** Runs transactions in order, failing on the first revert. */
    public static ProtocolState run(ProtocolState state, BlockContext block, Tx... txs) {
        ProtocolState s = state;
        for (Tx tx : txs) {
            BlockContext b = senderFor(tx, block);
            Either<Revert, Receipt> r = MarginEngine.execute(s, tx, b);
            if (r.isLeft()) {
                throw new AssertionError(tx + " reverted: " + r.getLeft());
            }
            s = r.get().state();
        }
        return s;
    }

    /** The owner sends its own withdrawals and isolated operations; others keep the block's sender. */
    public static BlockContext senderFor(Tx tx, BlockContext block) {
        return switch (tx) {
            case Tx.Withdraw t -> block.withSender(t.account());
            case Tx.Borrow t -> block.withSender(t.account());
            case Tx.OpenIsolated t -> block.withSender(t.account());
            case Tx.ModifyIsolated t -> block.withSender(t.account());
            case Tx.CloseIsolated t -> block.withSender(t.account());
            case Tx.AddIsolatedMargin t -> block.withSender(t.account());
            case Tx.RemoveIsolatedMargin t -> block.withSender(t.account());
            case Tx.BuyCollateral t -> block.withSender(t.buyer());
            default -> block;
        };
    }

    /**
     * The zero-sum identity per asset: balances plus the protocol's absorbed collateral and the lots in auction (and for the settlement asset
     * isolated margins, position quotes, funding pools, the fund, the fee pool and the reserves, minus bad debt) equal
     * the net inflow. Returns the violations.
     */
    public static List<String> conservationViolations(ProtocolState s) {
        List<String> out = List.empty();
        var settlement = s.config().settlementAsset();
        for (AssetId asset : s.config().assets().keySet()) {
            I256 sum = s.accounts().values().foldLeft(I256.ZERO, (acc, a) -> acc.plus(a.balance(asset)));
            sum = sum.plus(s.collateralReserve(asset));
            for (var auction : s.auctions().values()) {
                sum = auction.asset().equals(asset) ? sum.plus(auction.lot()) : sum;
            }
            if (asset.equals(settlement)) {
                for (var a : s.accounts().values()) {
                    for (var p : a.positions().values()) {
                        sum = sum.plus(p.quote());
                    }
                    for (var ip : a.isolated().values()) {
                        sum = sum.plus(ip.margin()).plus(ip.position().quote());
                    }
                }
                for (var m : s.markets().values()) {
                    sum = sum.plus(m.fundingPool());
                }
                sum = sum.plus(s.insuranceFund())
                        .plus(s.feePool())
                        .plus(s.reserves())
                        .minus(s.ledger().badDebt());
            }
            I256 inflow = s.ledger().netInflow(asset);
            if (!sum.equals(inflow)) {
                out = out.append(asset + ": buckets sum to " + sum + " but net inflow is " + inflow);
            }
        }
        return out;
    }
}
