package dev.solvent.simulation.scenario;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.oracle.market.MarketPrice;
import dev.solvent.oracle.market.PathGenerator;
import dev.solvent.oracle.market.Shock;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * Everything one simulated run needs besides its seed: the protocol, where prices come from and how liquidation
 * sales move them, the oracles, the trader population, the keepers, the chain and the horizon. A validated value,
 * read from a YAML file by {@link ScenarioReader}.
 *
 * @param name short name, such as {@code march-2020}
 * @param description one line for {@code solvent scenarios}
 * @param seed the seed used when the command line gives none
 * @param chain block time, gas limit, starting base fee and first block
 * @param blocks how many blocks to run; at most the length of the shortest price path
 * @param sampleEvery blocks between two health snapshots of every account
 * @param dust losses past the insurance fund up to this amount, settlement base units, are rounding dust: reported,
 *     but not called an exhausted fund
 * @param protocol the protocol configuration and its opening balances
 * @param prices each price key's source, shocks and price impact, by key (such as {@code ETH/USD})
 * @param oracle the push-oracle rules every key's feed follows
 * @param traders the population of trader agents and their behaviour
 * @param keepers the keeper bots, in the order they decide each block
 * @param unwind how whoever takes over liquidated positions sells them back into the market
 */
public record Scenario(
        String name,
        String description,
        long seed,
        ChainSpec chain,
        int blocks,
        int sampleEvery,
        I256 dust,
        ProtocolSpec protocol,
        TreeMap<String, PriceSpec> prices,
        OracleSpec oracle,
        TraderSpec traders,
        Vector<KeeperSpec> keepers,
        UnwindSpec unwind) {

    /**
     * The chain the protocol lives on.
     *
     * @param blockSeconds seconds between blocks
     * @param gasLimit gas per block; a crash can fill blocks and delay liquidations
     * @param baseFeeWei the base fee of the first block, wei per gas
     * @param firstBlock the number of the first block
     * @param startTimestamp unix time of the first block (for a historical window, its first candle)
     * @param etherPrice ETH/USD used to value gas when no price source gives ETH/USD
     */
    public record ChainSpec(
            long blockSeconds,
            long gasLimit,
            long baseFeeWei,
            long firstBlock,
            long startTimestamp,
            MarketPrice etherPrice) {}

    /**
     * The protocol and the money in it at the start.
     *
     * @param preset the named preset whose policies were applied, if any
     * @param config the configuration (assets, markets, policies)
     * @param insuranceFund the insurance fund at the start, settlement base units
     * @param marketMaker the account on the other side of every trader trade and unwind
     * @param marketMakerCollateral the market maker's deposit, settlement base units
     * @param backstopCollateral the deposit of the backstop account when the receiver is a backstop, settlement units
     */
    public record ProtocolSpec(
            String preset,
            ProtocolConfig config,
            I256 insuranceFund,
            AccountId marketMaker,
            I256 marketMakerCollateral,
            I256 backstopCollateral) {}

    /**
     * One price key: its exogenous path, its shocks, and how liquidation sales move the market.
     *
     * @param key the price key, such as {@code ETH/USD}
     * @param source where the exogenous path comes from
     * @param shocks shocks applied to the path, in order
     * @param impact how sales of liquidated positions move the market away from the exogenous path
     */
    public record PriceSpec(String key, PriceSource source, Vector<Shock> shocks, ImpactSpec impact) {}

    /** Where an exogenous price path comes from. */
    public sealed interface PriceSource {

        /**
         * A window of real candles replayed block by block (open, extremes, close within each candle).
         *
         * @param file the candle file: a name bundled with the oracle module or a path
         * @param badPrints the check of each candle's extremes against a reference market, if any
         */
        record Historical(String file, Option<BadPrintFilter> badPrints) implements PriceSource {

            /** A window replayed as it is. */
            public Historical(String file) {
                this(file, Option.none());
            }
        }

        /**
         * A synthetic path.
         *
         * @param generator the generator and its parameters
         * @param start the first price
         */
        record Generated(PathGenerator generator, MarketPrice start) implements PriceSource {}

        /**
         * A price that does not move (except by shocks and impact).
         *
         * @param price the price
         */
        record Constant(MarketPrice price) implements PriceSource {}
    }

    /**
     * Known bad prints removed from a historical window before it is replayed: an extreme (high or low) more than
     * {@code maxDeviationBps} beyond the reference's extreme over the same interval is replaced with the reference's
     * (or the candle's own open or close, when further out); see {@code dev.solvent.oracle.history.BadPrints}.
     *
     * @param reference the reference candle file (a spot or index market of the same asset): bundled name or path
     * @param maxDeviationBps how far an extreme may lie beyond the reference's, basis points, 1 to 10,000
     */
    public record BadPrintFilter(String reference, int maxDeviationBps) {}

    /**
     * Price impact of liquidation sales and its recovery.
     *
     * @param model the impact curve
     * @param recoveryPerBlock the fraction of the gap to the exogenous price that arbitrage closes each block
     */
    public record ImpactSpec(ImpactModel model, Wad recoveryPerBlock) {}

    /** How a sale of a given notional moves the market, as a fraction of the price. */
    public sealed interface ImpactModel {

        /** No impact. */
        record None() implements ImpactModel {}

        /**
         * Linear in depth: selling {@code depth} of notional would move the price by 100%.
         *
         * @param depth settlement base units
         */
        record Linear(I256 depth) implements ImpactModel {}

        /**
         * Square root of size: a sale of notional {@code n} moves the price by {@code coefficient * sqrt(n / depth)}.
         *
         * @param depth settlement base units
         * @param coefficient the move when the sale equals the depth
         */
        record SquareRoot(I256 depth, Wad coefficient) implements ImpactModel {}

        /**
         * A constant-product pool with {@code quoteReserve} of the settlement asset on one side: selling a notional
         * {@code n} moves the price by the factor {@code (y / (y + n))^2}.
         *
         * @param quoteReserve settlement base units
         */
        record ConstantProduct(I256 quoteReserve) implements ImpactModel {}
    }

    /**
     * Every price key's oracle: a Chainlink-like push feed.
     *
     * @param deviationBps the move that triggers an update, basis points
     * @param heartbeatSeconds the longest time between updates
     * @param latencyBlocks blocks between the observation and the update landing
     */
    public record OracleSpec(long deviationBps, long heartbeatSeconds, int latencyBlocks) {}

    /**
     * The trader population: who they are (drawn once per seed) and how they behave.
     *
     * @param count how many traders
     * @param markets the weight of each market in the population
     * @param longShare the probability that a trader is long
     * @param isolatedShare the probability that a trader uses an isolated position instead of cross margin
     * @param underlyingCollateralShare the probability that a trader posts the market's underlying as collateral
     *     instead of the settlement asset
     * @param minLeverage smallest leverage drawn (uniform between min and max)
     * @param maxLeverage largest leverage drawn; capped by the market's initial margin
     * @param medianNotional the median position notional, settlement base units (log-normal)
     * @param notionalSpread the standard deviation of the notional's logarithm
     * @param behaviour what traders do while the run goes on
     */
    public record TraderSpec(
            int count,
            TreeMap<MarketId, Integer> markets,
            Wad longShare,
            Wad isolatedShare,
            Wad underlyingCollateralShare,
            Wad minLeverage,
            Wad maxLeverage,
            I256 medianNotional,
            Wad notionalSpread,
            Behaviour behaviour) {}

    /**
     * What traders do during a run. Traders look at their health at every health snapshot ({@code sampleEvery}).
     *
     * @param topUpBelow health (margin equity over maintenance requirement) under which a trader may top up
     * @param topUpProbability the chance that a trader below {@code topUpBelow} tops up at all
     * @param topUpDelayBlocks blocks between noticing and the deposit being sent
     * @param topUpTo the health the deposit aims for
     * @param closePerDay the chance per trader per day of closing its position
     * @param reducePerDay the chance per trader per day of reducing its position by {@code reduceFraction}
     * @param reduceFraction the share of the position a reduction closes
     * @param openPerDay the chance per flat trader per day of opening a new position
     */
    public record Behaviour(
            Wad topUpBelow,
            Wad topUpProbability,
            int topUpDelayBlocks,
            Wad topUpTo,
            Wad closePerDay,
            Wad reducePerDay,
            Wad reduceFraction,
            Wad openPerDay) {}

    /** The built-in keeper strategies a scenario can name. */
    public enum Strategy {
        /** Every account every block. */
        FULL_SCAN,
        /** Accounts ordered by liquidation price. */
        INDEXED,
        /** Only liquidations whose reward pays for their gas, most profitable first. */
        PROFIT_AWARE,
        /**
         * Profit-aware with a capital budget per block, making each mechanism's move: liquidate, absorb,
         * repay-and-seize, bark and take in auctions, buy from a storefront.
         */
        LIMITED_CAPITAL
    }

    /**
     * One keeper bot.
     *
     * @param name its account
     * @param strategy how it finds and chooses liquidations
     * @param priorityFeeWei the priority fee it bids (for profit-aware: the least it bids)
     * @param latePriceBlocks how many blocks late it sees oracle answers
     * @param gasPerBlock the most gas it sends per block; 0 for no budget
     * @param bidPercent for profit-aware and limited-capital: the share of the affordable priority fee it bids
     * @param capital for limited-capital: settlement base units it commits per block
     * @param auctionMargin for limited-capital: how far below the market an auction's price must be before it takes
     */
    public record KeeperSpec(
            AccountId name,
            Strategy strategy,
            long priorityFeeWei,
            int latePriceBlocks,
            long gasPerBlock,
            int bidPercent,
            I256 capital,
            Wad auctionMargin) {}

    /**
     * How taken-over positions go back to the market.
     *
     * @param fractionPerBlock the share of each remaining position sold each block
     * @param delayBlocks blocks the receiver waits before it starts selling
     */
    public record UnwindSpec(Wad fractionPerBlock, int delayBlocks) {}

    /** {@return a copy with another seed} */
    public Scenario withSeed(long newSeed) {
        return new Scenario(
                name,
                description,
                newSeed,
                chain,
                blocks,
                sampleEvery,
                dust,
                protocol,
                prices,
                oracle,
                traders,
                keepers,
                unwind);
    }
}
