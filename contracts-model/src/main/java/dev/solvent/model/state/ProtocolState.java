package dev.solvent.model.state;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The whole protocol at one moment, as an immutable value: deriving the next state shares everything that did not
 * change. Two states are equal when every field is.
 *
 * @param config the configuration
 * @param accounts every account, by id
 * @param markets each configured market's state, by id
 * @param insuranceFund settlement base units in the insurance fund; never negative
 * @param feePool settlement base units of trading fees collected
 * @param ledger net flows and shortfall ledgers
 * @param reserves settlement base units of protocol reserves that absorption draws on and collateral sales refill;
 *     negative when absorptions took more than the reserves held (Comet's {@code getReserves})
 * @param collateralReserves base units per asset of absorbed collateral the protocol holds for sale; zero entries
 *     are not stored
 * @param auctions running Dutch auctions by id
 * @param nextAuctionId the id the next auction gets
 * @param lastPartialLiquidation per account, the block timestamp of its last partial market liquidation (for a
 *     cooldown)
 * @param flagged accounts flagged for liquidation, whose margin was seized and whose positions are being liquidated
 *     window by window (Synthetix v3's {@code liquidatableAccounts})
 * @param liquidations per market, the sizes liquidated by timestamp within the current liquidation window, oldest first
 */
public record ProtocolState(
        ProtocolConfig config,
        TreeMap<AccountId, Account> accounts,
        TreeMap<MarketId, MarketState> markets,
        I256 insuranceFund,
        I256 feePool,
        Ledger ledger,
        I256 reserves,
        TreeMap<AssetId, I256> collateralReserves,
        TreeMap<Long, Auction> auctions,
        long nextAuctionId,
        TreeMap<AccountId, Long> lastPartialLiquidation,
        TreeSet<AccountId> flagged,
        TreeMap<MarketId, Vector<LiquidationRecord>> liquidations) {

    /** A state with no flagged account and no liquidation window, as before windows existed. */
    public ProtocolState(
            ProtocolConfig config,
            TreeMap<AccountId, Account> accounts,
            TreeMap<MarketId, MarketState> markets,
            I256 insuranceFund,
            I256 feePool,
            Ledger ledger,
            I256 reserves,
            TreeMap<AssetId, I256> collateralReserves,
            TreeMap<Long, Auction> auctions,
            long nextAuctionId,
            TreeMap<AccountId, Long> lastPartialLiquidation) {
        this(
                config,
                accounts,
                markets,
                insuranceFund,
                feePool,
                ledger,
                reserves,
                collateralReserves,
                auctions,
                nextAuctionId,
                lastPartialLiquidation,
                TreeSet.empty(),
                TreeMap.empty());
    }

    /** Requires every field and a state for every configured market. */
    public ProtocolState {
        if (config == null
                || accounts == null
                || markets == null
                || insuranceFund == null
                || feePool == null
                || ledger == null
                || reserves == null
                || collateralReserves == null
                || auctions == null
                || lastPartialLiquidation == null
                || flagged == null
                || liquidations == null) {
            throw new IllegalArgumentException("a protocol state needs every field");
        }
        if (!markets.keySet().equals(config.markets().keySet())) {
            throw new IllegalArgumentException(
                    "market states " + markets.keySet().mkString(", ") + " do not match the configured markets "
                            + config.markets().keySet().mkString(", "));
        }
    }

    /** {@return a fresh protocol with no accounts, its funding clocks starting at {@code timestamp}} */
    public static ProtocolState genesis(ProtocolConfig config, long timestamp) {
        TreeMap<MarketId, MarketState> markets = config.markets().mapValues(m -> MarketState.genesis(timestamp));
        return new ProtocolState(
                config,
                TreeMap.empty(),
                markets,
                I256.ZERO,
                I256.ZERO,
                Ledger.EMPTY,
                I256.ZERO,
                TreeMap.empty(),
                TreeMap.empty(),
                1,
                TreeMap.empty());
    }

    /** {@return the account, if it exists} */
    public Option<Account> account(AccountId id) {
        return accounts.get(id);
    }

    /** {@return the account, or an empty one if it does not exist yet} */
    public Account accountOrEmpty(AccountId id) {
        return accounts.get(id).getOrElse(() -> Account.empty(id));
    }

    /** {@return the state of a configured market} */
    public MarketState market(MarketId id) {
        return markets.get(id).getOrElseThrow(() -> new IllegalArgumentException("unknown market " + id));
    }

    /** {@return a copy with the account stored} */
    public ProtocolState withAccount(Account account) {
        Copy c = new Copy(this);
        c.accounts = accounts.put(account.id(), account);
        return c.build();
    }

    /** {@return a copy with the market state stored} */
    public ProtocolState withMarket(MarketId id, MarketState market) {
        Copy c = new Copy(this);
        c.markets = markets.put(id, market);
        return c.build();
    }

    /** {@return a copy with another insurance fund balance} */
    public ProtocolState withInsuranceFund(I256 fund) {
        Copy c = new Copy(this);
        c.insuranceFund = fund;
        return c.build();
    }

    /** {@return a copy with another fee pool balance} */
    public ProtocolState withFeePool(I256 fees) {
        Copy c = new Copy(this);
        c.feePool = fees;
        return c.build();
    }

    /** {@return a copy with another ledger} */
    public ProtocolState withLedger(Ledger l) {
        Copy c = new Copy(this);
        c.ledger = l;
        return c.build();
    }

    /** {@return a copy with another reserves balance} */
    public ProtocolState withReserves(I256 r) {
        Copy c = new Copy(this);
        c.reserves = r;
        return c.build();
    }

    /** {@return the absorbed collateral held of {@code asset}} */
    public I256 collateralReserve(AssetId asset) {
        return collateralReserves.get(asset).getOrElse(I256.ZERO);
    }

    /** {@return a copy with {@code delta} added to the absorbed collateral held of {@code asset}} */
    public ProtocolState plusCollateralReserve(AssetId asset, I256 delta) {
        I256 next = collateralReserve(asset).plus(delta);
        TreeMap<AssetId, I256> held =
                next.isZero() ? collateralReserves.remove(asset) : collateralReserves.put(asset, next);
        Copy c = new Copy(this);
        c.collateralReserves = held;
        return c.build();
    }

    /** {@return a copy with the auction stored under {@code id} (removed if none), the next id at least {@code id + 1}} */
    public ProtocolState withAuction(long id, Option<Auction> auction) {
        Copy c = new Copy(this);
        c.auctions = auction.isDefined() ? auctions.put(id, auction.get()) : auctions.remove(id);
        c.nextAuctionId = Math.max(nextAuctionId, id + 1);
        return c.build();
    }

    /** {@return a copy that remembers a partial market liquidation of {@code account} at {@code timestamp}} */
    public ProtocolState withPartialLiquidation(AccountId account, long timestamp) {
        Copy c = new Copy(this);
        c.lastPartialLiquidation = lastPartialLiquidation.put(account, timestamp);
        return c.build();
    }

    /** {@return whether {@code account} is flagged for liquidation} */
    public boolean isFlagged(AccountId account) {
        return flagged.contains(account);
    }

    /** {@return a copy in which {@code account} is flagged for liquidation, or no longer is} */
    public ProtocolState withFlag(AccountId account, boolean flag) {
        Copy c = new Copy(this);
        c.flagged = flag ? flagged.add(account) : flagged.remove(account);
        return c.build();
    }

    /** {@return the liquidations recorded in {@code market}'s window, oldest first} */
    public Vector<LiquidationRecord> liquidations(MarketId market) {
        return liquidations.get(market).getOrElse(Vector.empty());
    }

    /** {@return a copy with {@code market}'s liquidation records replaced (removed when empty)} */
    public ProtocolState withLiquidations(MarketId market, Vector<LiquidationRecord> records) {
        Copy c = new Copy(this);
        c.liquidations = records.isEmpty() ? liquidations.remove(market) : liquidations.put(market, records);
        return c.build();
    }

    /** {@return a copy under another configuration with the same markets, every other field kept} */
    public ProtocolState withConfig(ProtocolConfig other) {
        Copy c = new Copy(this);
        c.config = other;
        return c.build();
    }

    /**
     * The one place a changed copy is built: every {@code withX} starts from all of this state's fields, replaces the
     * ones it changes and builds the next state through the canonical constructor (which validates it).
     */
    private static final class Copy {
        private ProtocolConfig config;
        private TreeMap<AccountId, Account> accounts;
        private TreeMap<MarketId, MarketState> markets;
        private I256 insuranceFund;
        private I256 feePool;
        private Ledger ledger;
        private I256 reserves;
        private TreeMap<AssetId, I256> collateralReserves;
        private TreeMap<Long, Auction> auctions;
        private long nextAuctionId;
        private TreeMap<AccountId, Long> lastPartialLiquidation;
        private TreeSet<AccountId> flagged;
        private TreeMap<MarketId, Vector<LiquidationRecord>> liquidations;

        private Copy(ProtocolState s) {
            config = s.config;
            accounts = s.accounts;
            markets = s.markets;
            insuranceFund = s.insuranceFund;
            feePool = s.feePool;
            ledger = s.ledger;
            reserves = s.reserves;
            collateralReserves = s.collateralReserves;
            auctions = s.auctions;
            nextAuctionId = s.nextAuctionId;
            lastPartialLiquidation = s.lastPartialLiquidation;
            flagged = s.flagged;
            liquidations = s.liquidations;
        }

        private ProtocolState build() {
            return new ProtocolState(
                    config,
                    accounts,
                    markets,
                    insuranceFund,
                    feePool,
                    ledger,
                    reserves,
                    collateralReserves,
                    auctions,
                    nextAuctionId,
                    lastPartialLiquidation,
                    flagged,
                    liquidations);
        }
    }
}
