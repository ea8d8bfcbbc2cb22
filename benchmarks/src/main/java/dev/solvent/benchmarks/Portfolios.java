package dev.solvent.benchmarks;

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
import dev.solvent.model.state.Account;
import dev.solvent.model.state.MarketState;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.Random;

/**
 * A protocol with many realistic cross accounts, generated from a seed: USDC (6 decimals) and WETH (18) as
 * collateral, perpetuals on ETH, BTC, SOL and ARB with 18-decimal sizes, Chainlink-style 8-decimal prices.
 *
 * @param state the protocol with its accounts
 * @param block the block with every price fresh
 */
record Portfolios(ProtocolState state, BlockContext block) {

    static final long NOW = 1_717_200_000L;
    private static final long MAX_AGE = 3_600L;

    /** Underlyings of the four markets, their prices (8 decimals) and margin ratios. */
    private static final String[] UNDERLYING = {"WETH", "BTC", "SOL", "ARB"};

    private static final String[] MARKET = {"ETH-PERP", "BTC-PERP", "SOL-PERP", "ARB-PERP"};
    private static final long[] PRICE = {312_345_678_901L, 6_789_012_345_678L, 14_567_890_123L, 81_234_567L};
    private static final String[] INITIAL = {"0.1", "0.1", "0.2", "0.2"};
    private static final String[] MAINTENANCE = {"0.05", "0.05", "0.1", "0.1"};
    /** Position sizes, whole units: from 10^LOW to 10^HIGH (ETH 0.01..100, BTC 0.001..10, SOL 1..1000, ARB 100..100k). */
    private static final int[] SIZE_LOW = {-2, -3, 0, 2};

    private static final int[] SIZE_HIGH = {2, 1, 3, 5};
    private static final long USDC_PRICE = 99_987_654L;

    /**
     * {@return {@code n} accounts} Each holds 10 to 10,000 USDC and 0.1 to 100 WETH (log-uniform), and a position in
     * each market, long or short, entered within 10% of the current price with leverage that leaves some accounts
     * liquidatable.
     *
     * @param pricedUsdc whether a separate USD unit settles and USDC is priced by oracle
     * @param staleFunding whether positions' funding indexes lag the market's
     */
    static Portfolios generate(int n, boolean pricedUsdc, boolean staleFunding, long seed) {
        Random rnd = new Random(seed);
        AssetId usdc = AssetId.of("USDC");
        AssetId settlement = pricedUsdc ? AssetId.of("USD") : usdc;
        TreeMap<AssetId, AssetConfig> assets = TreeMap.empty();
        assets = assets.put(settlement, asset(settlement.symbol(), 6, false, "1", "1"));
        if (pricedUsdc) {
            assets = assets.put(usdc, asset("USDC", 6, true, "0.98", "1.02"));
        }
        assets = assets.put(AssetId.of("WETH"), asset("WETH", 18, true, "0.805", "1.1"));
        assets = assets.put(AssetId.of("BTC"), asset("BTC", 18, true, "0.7", "1.15"));
        assets = assets.put(AssetId.of("SOL"), asset("SOL", 18, true, "0.5", "1.25"));
        assets = assets.put(AssetId.of("ARB"), asset("ARB", 18, true, "0.4", "1.3"));
        TreeMap<MarketId, MarketConfig> markets = TreeMap.empty();
        for (int m = 0; m < MARKET.length; m++) {
            markets = markets.put(MarketId.of(MARKET[m]), market(m));
        }
        ProtocolConfig config = new ProtocolConfig(
                settlement,
                assets,
                markets,
                new KeeperReward(U256.ZERO, Wad.parse("0.5")),
                new PositionReceiver.Liquidator(),
                new ShortfallPolicy.InsuranceThenBadDebt(),
                GasSchedule.DEFAULT);

        TreeMap<String, OracleAnswer> prices = TreeMap.empty();
        for (int m = 0; m < MARKET.length; m++) {
            prices = prices.put(UNDERLYING[m] + "/USD", new OracleAnswer(I256.of(PRICE[m]), 8, NOW - 12));
        }
        if (pricedUsdc) {
            prices = prices.put("USDC/USD", new OracleAnswer(I256.of(USDC_PRICE), 8, NOW - 30));
        }

        ProtocolState state = ProtocolState.genesis(config, NOW);
        // cumulative funding so far: some USDC per unit of the underlying (6 decimals, times 1e18)
        I256[] index = new I256[MARKET.length];
        for (int m = 0; m < MARKET.length; m++) {
            index[m] = I256.of(between(rnd, BigInteger.TEN.pow(22), BigInteger.TEN.pow(26)));
            if (rnd.nextBoolean()) {
                index[m] = index[m].negate();
            }
            state = state.withMarket(
                    MarketId.of(MARKET[m]),
                    new MarketState(I256.ZERO, I256.ZERO, index[m], NOW, Option.none(), I256.ZERO));
        }

        for (int i = 0; i < n; i++) {
            Account a = Account.empty(AccountId.of(String.format("acct-%06d", i)))
                    .withBalance(usdc, I256.of(logUniform(rnd, 7, 10)))
                    .withBalance(AssetId.of("WETH"), I256.of(logUniform(rnd, 17, 20)));
            for (int m = 0; m < MARKET.length; m++) {
                BigInteger size = logUniform(rnd, 18 + SIZE_LOW[m], 18 + SIZE_HIGH[m]);
                boolean isShort = rnd.nextBoolean();
                // entered within 10% of today's price; the quote is what was paid (long) or received (short)
                BigInteger entry = BigInteger.valueOf(PRICE[m] * (900 + rnd.nextInt(201)) / 1000);
                BigInteger paid = size.multiply(entry).divide(BigInteger.TEN.pow(20));
                I256 quote = I256.of(isShort ? paid : paid.negate());
                I256 lag = staleFunding
                        ? I256.of(between(rnd, BigInteger.TEN.pow(21), BigInteger.TEN.pow(25)))
                        : I256.ZERO;
                a = a.withPosition(
                        MarketId.of(MARKET[m]),
                        new Position(I256.of(isShort ? size.negate() : size), quote, index[m].minus(lag)));
            }
            state = state.withAccount(a);
        }
        return new Portfolios(state, new BlockContext(20_000_000L, NOW, AccountId.of("keeper"), prices));
    }

    private static AssetConfig asset(
            String symbol, int decimals, boolean priced, String collateralWeight, String liabilityWeight) {
        return new AssetConfig(
                AssetId.of(symbol),
                decimals,
                priced ? Option.some(symbol + "/USD") : Option.none(),
                Wad.parse(collateralWeight),
                priced,
                Wad.parse(liabilityWeight),
                MAX_AGE);
    }

    private static MarketConfig market(int m) {
        return new MarketConfig(
                MarketId.of(MARKET[m]),
                AssetId.of(UNDERLYING[m]),
                Wad.parse(INITIAL[m]),
                Wad.parse(MAINTENANCE[m]),
                Wad.parse("0.02"),
                U256.parse("1000000000000000000000000000000"),
                Wad.parse("0.05"),
                MAX_AGE,
                Wad.parse("0.01"),
                Wad.parse("0.0005"),
                Wad.parse("0.0002"));
    }

    /** {@return a value from {@code 10^low} to {@code 10^high}, each order of magnitude equally likely, all digits random} */
    private static BigInteger logUniform(Random rnd, int low, int high) {
        int e = low + rnd.nextInt(high - low);
        return between(rnd, BigInteger.TEN.pow(e), BigInteger.TEN.pow(e + 1));
    }

    /** {@return a uniform value in {@code [low, high)}} */
    private static BigInteger between(Random rnd, BigInteger low, BigInteger high) {
        BigInteger span = high.subtract(low);
        BigInteger r;
        do {
            r = new BigInteger(span.bitLength(), rnd);
        } while (r.compareTo(span) >= 0);
        return low.add(r);
    }
}
