package dev.solvent.simulation.world;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.policy.PositionReceiver;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import dev.solvent.oracle.history.BadPrints;
import dev.solvent.oracle.history.CandleCsv;
import dev.solvent.oracle.history.CandleSeries;
import dev.solvent.oracle.history.HistoricalReplay;
import dev.solvent.oracle.history.HistoryError;
import dev.solvent.oracle.history.Interpolation;
import dev.solvent.oracle.market.BlockClock;
import dev.solvent.oracle.market.MarketPath;
import dev.solvent.oracle.market.Shock;
import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.ScenarioException;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a run fixes before its first block: the exogenous price paths, the block clock, the trader population and the
 * opening protocol state (every deposit and opening trade executed through the engine, so the start obeys the same
 * rules as every block after it).
 *
 * @param scenario the scenario
 * @param seed the run's seed
 * @param keys the price keys, in a fixed order
 * @param exogenous per key, the exogenous price of each block, 8-decimal units
 * @param blocks how many blocks the run has
 * @param clock block numbers and timestamps
 * @param traders the trader population
 * @param byId each trader by account
 * @param receivers the accounts that take over liquidated positions and unwind them
 * @param genesis the protocol state before the first block
 * @param genesisTransactions the transactions that built it, with their contexts, for replay files
 * @param skipped how many drawn traders were left out of the run, by reason (the size rounding to nothing, or the
 *     revert of their deposit or opening trade), in the reasons' order
 * @param priceCorrections the bad prints removed from historical windows, one line each ({@link #describe})
 */
public record Setup(
        Scenario scenario,
        long seed,
        Vector<String> keys,
        Vector<long[]> exogenous,
        int blocks,
        BlockClock clock,
        Vector<Trader> traders,
        HashMap<AccountId, Trader> byId,
        Vector<AccountId> receivers,
        ProtocolState genesis,
        Vector<Sent> genesisTransactions,
        TreeMap<String, Integer> skipped,
        Vector<String> priceCorrections) {

    /** {@return how many drawn traders were left out of the run} */
    public int skippedCount() {
        return skipped.values().sum().intValue();
    }

    /** Decimals of every oracle answer and market price in a run. */
    public static final int PRICE_DECIMALS = 8;

    /** Who sends the opening transactions. */
    public static final AccountId GENESIS = AccountId.of("genesis");

    /** The ether price key gas is valued in. */
    public static final String ETH_USD = "ETH/USD";

    /**
     * One executed transaction with the context it ran in.
     *
     * @param tx the transaction
     * @param context its block context (sender included)
     */
    public record Sent(Tx tx, BlockContext context) {}

    /**
     * A run's exogenous prices: each key's path per block, the clock and the bad prints removed.
     *
     * @param keys the price keys, in a fixed order
     * @param exogenous per key, the exogenous price of each block, 8-decimal units
     * @param blocks how many blocks the run has
     * @param clock block numbers and timestamps
     * @param corrections the bad prints removed from historical windows, one line each
     */
    public record Paths(
            Vector<String> keys, Vector<long[]> exogenous, int blocks, BlockClock clock, Vector<String> corrections) {}

    /**
     * {@return the exogenous price paths of a scenario's price sources on its chain's clock} The same code for every
     * protocol a scenario names. @throws ScenarioException when a price source cannot be loaded or the blocks do not
     * fit
     *
     * @param requested the scenario's {@code blocks} (0: as many as the shortest path has)
     */
    public static Paths paths(
            TreeMap<String, Scenario.PriceSpec> prices, Scenario.ChainSpec chain, int requested, long seed) {
        Vector<String> keys = Vector.ofAll(prices.keySet());
        Vector<MarketPath> paths = Vector.empty();
        long start = chain.startTimestamp();
        for (Scenario.PriceSpec p : prices.values()) {
            if (p.source() instanceof Scenario.PriceSource.Historical h && start == 0) {
                start = series(h.file(), "prices." + p.key() + ".historical").startTime();
            }
        }
        BlockClock clock = new BlockClock(chain.firstBlock(), start, chain.blockSeconds());
        Vector<String> corrections = Vector.empty();
        for (int k = 0; k < keys.size(); k++) {
            Scenario.PriceSpec p = prices.get(keys.get(k)).get();
            Option<CandleSeries> window = Option.none();
            if (p.source() instanceof Scenario.PriceSource.Historical h) {
                BadPrints.Filtered filtered = historical(p.key(), h);
                window = Option.some(filtered.series());
                corrections = corrections.appendAll(filtered.corrections().map(c -> describe(p.key(), c)));
            }
            MarketPath path = path(p, window, clock, requested, Rng.mix(seed ^ Rng.mix(Rng.PRICES + k)));
            for (int j = 0; j < p.shocks().size(); j++) {
                Shock s = p.shocks().get(j);
                // a scenario counts shock blocks from its first block
                Shock absolute = switch (s) {
                    case Shock.Fall f -> new Shock.Fall(clock.block(f.atBlock()), f.bps(), f.overBlocks());
                    case Shock.Gap g -> new Shock.Gap(clock.block(g.atBlock()), g.bps());
                    case Shock.SpikeAndRevert v ->
                        new Shock.SpikeAndRevert(
                                clock.block(v.atBlock()), v.bps(), v.rampBlocks(), v.holdBlocks(), v.revertBlocks());
                };
                try {
                    path = path.withShock(absolute);
                } catch (IllegalArgumentException e) {
                    throw new ScenarioException(Vector.of("prices." + p.key() + ".shocks." + j + ".atBlock: "
                            + s + " does not fit the price path of " + path.size()
                            + " blocks; valid: a shock that starts and ends within the path"));
                }
            }
            paths = paths.append(path.rescale(PRICE_DECIMALS));
        }
        int available = paths.map(MarketPath::size).min().get();
        int blocks = requested == 0 ? available : requested;
        if (blocks > available || blocks < 1) {
            throw new ScenarioException(Vector.of("blocks: " + requested
                    + " is out of range; valid: 1 to " + available
                    + " (the shortest price path at " + chain.blockSeconds() + "-second blocks), or 0 for all"));
        }
        Vector<long[]> exo = paths.map(pa -> java.util.Arrays.copyOf(pa.toUnitArray(), blocks));
        return new Paths(keys, exo, blocks, clock, corrections);
    }

    /** {@return the run's fixed parts} @throws ScenarioException when a price source cannot be loaded */
    public static Setup of(Scenario sc, long seed) {
        Paths paths = paths(sc.prices(), sc.chain(), sc.blocks(), seed);
        Vector<String> keys = paths.keys();
        BlockClock clock = paths.clock();
        Vector<String> corrections = paths.corrections();
        int blocks = paths.blocks();
        Vector<long[]> exo = paths.exogenous();
        Vector<Trader> traders = Population.draw(sc.traders(), sc.protocol().config(), seed);
        HashMap<AccountId, Trader> byId = HashMap.ofEntries(traders.map(t -> io.vavr.Tuple.of(t.id(), t)));
        Vector<AccountId> receivers = sc.protocol().config().receiver() instanceof PositionReceiver.Backstop b
                ? Vector.of(b.account())
                : sc.keepers().map(Scenario.KeeperSpec::name);
        if (sc.protocol().config().liquidation() instanceof dev.solvent.model.policy.LiquidationPolicy.BackstopVault v
                && !receivers.contains(v.vault())) {
            // a backstop vault takes over what market sales could not close, and unwinds it like a backstop
            receivers = receivers.append(v.vault());
        }
        return genesis(sc, seed, keys, exo, blocks, clock, traders, byId, receivers, corrections);
    }

    /** {@return a historical window with its known bad prints removed, as the scenario asks} */
    static BadPrints.Filtered historical(String key, Scenario.PriceSource.Historical h) {
        String field = "prices." + key;
        CandleSeries series = series(h.file(), field + ".historical");
        if (h.badPrints().isEmpty()) {
            return new BadPrints.Filtered(series, Vector.empty());
        }
        Scenario.BadPrintFilter f = h.badPrints().get();
        CandleSeries reference = series(f.reference(), field + ".badPrints.reference");
        Either<String, BadPrints.Filtered> filtered = BadPrints.filter(series, reference, f.maxDeviationBps());
        if (filtered.isLeft()) {
            throw new ScenarioException(Vector.of(field + ".badPrints.reference: " + filtered.getLeft()));
        }
        return filtered.get();
    }

    /** {@return one line saying which extreme of which candle was replaced, and by what} */
    static String describe(String key, BadPrints.Correction c) {
        return key + " " + java.time.Instant.ofEpochSecond(c.openTime()) + " "
                + c.extreme().name().toLowerCase(java.util.Locale.ROOT) + " "
                + plain(c.was()) + " -> " + plain(c.now()) + " (reference "
                + c.extreme().name().toLowerCase(java.util.Locale.ROOT) + " " + plain(c.reference()) + ")";
    }

    private static String plain(I256 price) {
        return new java.math.BigDecimal(price.toBigInteger(), PRICE_DECIMALS)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static MarketPath path(
            Scenario.PriceSpec p, Option<CandleSeries> window, BlockClock clock, int blocks, long seed) {
        return switch (p.source()) {
            case Scenario.PriceSource.Historical h -> {
                CandleSeries series = window.get();
                if (clock.firstTimestamp() < series.startTime() || clock.firstTimestamp() >= series.endTime()) {
                    throw new ScenarioException(Vector.of("prices." + p.key() + ".historical: " + h.file()
                            + " does not cover the start time "
                            + java.time.Instant.ofEpochSecond(clock.firstTimestamp())
                            + "; valid: a start within " + java.time.Instant.ofEpochSecond(series.startTime()) + " to "
                            + java.time.Instant.ofEpochSecond(series.endTime())));
                }
                yield HistoricalReplay.replay(series, clock, Interpolation.OHLC_PATH);
            }
            case Scenario.PriceSource.Generated g -> {
                if (blocks == 0) {
                    throw new ScenarioException(Vector.of("blocks: 0 is not valid with a generated price for " + p.key()
                            + "; valid: the number of blocks to generate, such as 7200 (a day)"));
                }
                yield g.generator().generate(g.start(), clock, blocks, seed);
            }
            case Scenario.PriceSource.Constant c -> {
                if (blocks == 0) {
                    throw new ScenarioException(Vector.of("blocks: 0 is not valid with a constant price for " + p.key()
                            + "; valid: the number of blocks to run, such as 7200 (a day)"));
                }
                yield MarketPath.constant(clock, c.price(), blocks);
            }
        };
    }

    /** {@return a candle file: a name bundled with the oracle module, or a path}; {@code field} names it in errors */
    static CandleSeries series(String file, String field) {
        Either<Vector<HistoryError>, CandleSeries> read = CandleCsv.bundled(file, PRICE_DECIMALS);
        boolean path;
        try {
            path = Files.isRegularFile(Path.of(file));
        } catch (java.nio.file.InvalidPathException e) {
            path = false; // such as a name with a NUL: no file has it
        }
        if (read.isLeft() && path) {
            read = CandleCsv.read(Path.of(file), PRICE_DECIMALS);
        } else if (read.isLeft()) {
            throw new ScenarioException(Vector.of(field + ": " + file
                    + " is neither a bundled price file nor a readable file; valid: a bundled name such as "
                    + "eth-usd-perp-2020-03-11_2020-03-14-5m.csv (see oracle/README.md) or a candle CSV path"));
        }
        if (read.isLeft()) {
            throw new ScenarioException(read.getLeft().map(e -> field + ": " + e));
        }
        return read.get();
    }

    private static Setup genesis(
            Scenario sc,
            long seed,
            Vector<String> keys,
            Vector<long[]> exo,
            int blocks,
            BlockClock clock,
            Vector<Trader> traders,
            HashMap<AccountId, Trader> byId,
            Vector<AccountId> receivers,
            Vector<String> corrections) {
        ProtocolConfig config = sc.protocol().config();
        long t0 = clock.firstTimestamp() - clock.secondsPerBlock();
        TreeMap<String, OracleAnswer> prices = TreeMap.empty();
        for (int k = 0; k < keys.size(); k++) {
            prices = prices.put(keys.get(k), new OracleAnswer(I256.of(exo.get(k)[0]), PRICE_DECIMALS, t0));
        }
        if (!prices.containsKey(ETH_USD)) {
            prices =
                    prices.put(ETH_USD, new OracleAnswer(sc.chain().etherPrice().value(), PRICE_DECIMALS, t0));
        }
        BlockContext ctx = new BlockContext(clock.firstBlock() - 1, t0, GENESIS, prices);
        Builder b = new Builder(ProtocolState.genesis(config, t0), ctx);
        var settlement = config.settlementAsset();
        b.must(new Tx.Deposit(
                sc.protocol().marketMaker(),
                settlement,
                sc.protocol().marketMakerCollateral().toU256()));
        if (sc.protocol().insuranceFund().isPositive()) {
            b.must(new Tx.FundInsurance(sc.protocol().insuranceFund().toU256()));
        }
        if (sc.protocol().backstopCollateral().isPositive()) {
            for (AccountId r : receivers) {
                b.must(new Tx.Deposit(
                        r, settlement, sc.protocol().backstopCollateral().toU256()));
            }
        }
        TreeMap<String, Integer> skipped = TreeMap.empty();
        for (Trader t : traders) {
            Option<String> refused = open(sc, b, t, prices);
            if (refused.isDefined()) {
                skipped = skip(skipped, refused.get());
            }
        }
        return new Setup(
                sc, seed, keys, exo, blocks, clock, traders, byId, receivers, b.state, b.sent, skipped, corrections);
    }

    /**
     * Sends a trader's deposit and opening trade in the genesis block; {@return why they were refused, if they were} (a
     * refused trader is skipped, and the reason counted)
     */
    private static Option<String> open(Scenario sc, Builder b, Trader t, TreeMap<String, OracleAnswer> prices) {
        ProtocolConfig config = sc.protocol().config();
        var settlement = config.settlementAsset();
        int sd = config.settlement().decimals();
        MarketConfig m = config.markets().get(t.market()).get();
        AssetConfig u = config.assets().get(m.underlying()).get();
        String key = u.priceKey().get();
        I256 price = prices.get(key).get().answer();
        I256 size = sizeOf(t.notional(), price, u.decimals(), sd);
        if (size.isZero()) {
            return Option.some("notional rounds to 0 base units of " + m.underlying() + " at the opening price");
        }
        I256 margin =
                FixedPoint.mulDivCeil(t.notional(), FixedPoint.WAD, t.leverage().raw());
        Tx deposit;
        if (t.collateral().equals(settlement)) {
            deposit = new Tx.Deposit(t.id(), settlement, margin.toU256());
        } else {
            // the underlying worth the margin after its collateral weight
            I256 value = FixedPoint.mulDivCeil(
                    margin, FixedPoint.WAD, u.collateralWeight().raw());
            deposit = new Tx.Deposit(
                    t.id(),
                    t.collateral(),
                    sizeOf(value, price, u.decimals(), sd).toU256());
        }
        I256 signed = t.isLong() ? size : size.negate();
        Tx open = t.isolated()
                ? new Tx.OpenIsolated(t.id(), t.market(), sc.protocol().marketMaker(), signed, price, margin.toU256())
                : new Tx.Trade(t.market(), t.id(), sc.protocol().marketMaker(), signed, price);
        return b.tryBoth(deposit, open);
    }

    private static TreeMap<String, Integer> skip(TreeMap<String, Integer> skipped, String reason) {
        return skipped.put(reason, skipped.get(reason).getOrElse(0) + 1);
    }

    /** {@return the size in base units of the underlying worth {@code notional} settlement units at {@code price}} */
    public static I256 sizeOf(I256 notional, I256 price, int underlyingDecimals, int settlementDecimals) {
        return FixedPoint.mulDiv(
                notional,
                I256.pow10(underlyingDecimals + PRICE_DECIMALS),
                price.times(I256.pow10(settlementDecimals)),
                Rounding.FLOOR);
    }

    /** {@return the index of a price key in {@link #keys()}} */
    public int keyIndex(String key) {
        return keys.indexOf(key);
    }

    /** {@return the decimals of the asset a market trades} */
    int underlyingDecimals(MarketId market) {
        ProtocolConfig c = scenario.protocol().config();
        return c.assets().get(c.markets().get(market).get().underlying()).get().decimals();
    }

    /** {@return the price key a market reads} */
    public String keyOf(MarketId market) {
        ProtocolConfig c = scenario.protocol().config();
        return c.assets()
                .get(c.markets().get(market).get().underlying())
                .get()
                .priceKey()
                .get();
    }

    private static final class Builder {
        ProtocolState state;
        final BlockContext ctx;
        Vector<Sent> sent = Vector.empty();

        Builder(ProtocolState state, BlockContext ctx) {
            this.state = state;
            this.ctx = ctx;
        }

        void must(Tx tx) {
            Either<Revert, Receipt> r = MarginEngine.execute(state, tx, ctx);
            if (r.isLeft()) {
                throw new ScenarioException(Vector.of("protocol: the opening transaction " + tx + " reverted with "
                        + r.getLeft() + "; valid: parameters under which the protocol accepts its opening deposits"));
            }
            state = r.get().state();
            sent = sent.append(new Sent(tx, ctx));
        }

        /** Executes both or neither; {@return why not, when not: which one reverted, and the revert's name} */
        Option<String> tryBoth(Tx first, Tx second) {
            BlockContext c = ctx.withSender(senderOf(first));
            Either<Revert, Receipt> a = MarginEngine.execute(state, first, c);
            if (a.isLeft()) {
                return Option.some(
                        name(first) + " reverted: " + a.getLeft().getClass().getSimpleName());
            }
            Either<Revert, Receipt> b = MarginEngine.execute(a.get().state(), second, c);
            if (b.isLeft()) {
                return Option.some(
                        name(second) + " reverted: " + b.getLeft().getClass().getSimpleName());
            }
            state = b.get().state();
            sent = sent.append(new Sent(first, c)).append(new Sent(second, c));
            return Option.none();
        }

        private static String name(Tx tx) {
            return tx instanceof Tx.Deposit ? "deposit" : "opening trade";
        }
    }

    static AccountId senderOf(Tx tx) {
        return switch (tx) {
            case Tx.Deposit d -> d.account();
            case Tx.Withdraw w -> w.account();
            case Tx.Borrow b -> b.account();
            case Tx.Repay r -> r.account();
            case Tx.Trade t -> t.taker();
            case Tx.OpenIsolated o -> o.account();
            case Tx.ModifyIsolated m -> m.account();
            case Tx.CloseIsolated c -> c.account();
            case Tx.AddIsolatedMargin a -> a.account();
            case Tx.RemoveIsolatedMargin r -> r.account();
            case Tx.SettleFunding s -> s.account();
            default -> GENESIS;
        };
    }
}
