package dev.solvent.model.view;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The contract's view functions over a state at a block's prices. Each returns a revert value where the contract would
 * revert (an unknown account, a missing or stale price). Amounts are settlement base units; see {@link MarginLogic} for
 * the definitions and their rounding.
 */
public final class Views {

    private Views() {}

    /** {@return the cross-margin account data: equity, margin equity and both requirements} */
    public static Either<Revert, AccountData> accountData(ProtocolState state, AccountId id, BlockContext block) {
        return guard(() -> state.account(id)
                .toEither(() -> (Revert) new Revert.UnknownAccount(id))
                .flatMap(a -> MarginLogic.cross(state, a, block)));
    }

    /** {@return equity without haircuts} */
    public static Either<Revert, I256> equity(ProtocolState state, AccountId id, BlockContext block) {
        return accountData(state, id, block).map(AccountData::equity);
    }

    /** {@return the initial margin requirement} */
    public static Either<Revert, I256> initialRequirement(ProtocolState state, AccountId id, BlockContext block) {
        return accountData(state, id, block).map(AccountData::initialRequirement);
    }

    /** {@return the maintenance margin requirement} */
    public static Either<Revert, I256> maintenanceRequirement(ProtocolState state, AccountId id, BlockContext block) {
        return accountData(state, id, block).map(AccountData::maintenanceRequirement);
    }

    /** {@return margin equity above the initial requirement (negative when short of it)} */
    public static Either<Revert, I256> freeCollateral(ProtocolState state, AccountId id, BlockContext block) {
        return accountData(state, id, block).map(AccountData::freeCollateral);
    }

    /**
     * {@return the health factor, as a WAD rounded down, or none when nothing is required}; below 1 means liquidatable.
     * It is margin equity over the maintenance requirement for an account without debts, and Aave's health factor
     * (weighted collateral over weighted debt) for one without positions; see {@link MarginLogic.Health}.
     */
    public static Either<Revert, Option<Wad>> health(ProtocolState state, AccountId id, BlockContext block) {
        return guard(() -> state.account(id)
                .toEither(() -> (Revert) new Revert.UnknownAccount(id))
                .flatMap(a -> MarginLogic.health(state, a, block))
                .map(MarginLogic.Health::ratio));
    }

    /** {@return the health ratio of measured account data without debts, or none when nothing is required} */
    public static Option<Wad> health(AccountData d) {
        if (d.maintenanceRequirement().isZero()) {
            return Option.none();
        }
        return Option.some(
                new Wad(FixedPoint.mulDivFloor(d.marginEquity(), FixedPoint.WAD, d.maintenanceRequirement())));
    }

    /** {@return whether the cross account can be liquidated now} */
    public static Either<Revert, Boolean> isLiquidatable(ProtocolState state, AccountId id, BlockContext block) {
        return accountData(state, id, block).map(AccountData::isLiquidatable);
    }

    /** {@return whether the isolated position in {@code market} can be liquidated now} */
    public static Either<Revert, Boolean> isIsolatedLiquidatable(
            ProtocolState state, AccountId id, MarketId market, BlockContext block) {
        return guard(() -> state.account(id)
                .toEither(() -> (Revert) new Revert.UnknownAccount(id))
                .flatMap(a -> a.isolated().get(market).toEither(() -> new Revert.NoIsolatedPosition(id, market)))
                .flatMap(p -> MarginLogic.isolated(state, market, p, block))
                .map(AccountData::isLiquidatable));
    }

    /**
     * The oracle price of {@code market}'s underlying at which the cross account's margin equity meets its maintenance
     * requirement, every other price fixed. Everything that moves with that price moves: the position, other
     * positions on the same underlying and the underlying held as collateral or debt. The account is liquidatable on
     * the far side of it (below it for a net long exposure).
     *
     * <p>Solved on the exact linear model, ignoring the 1-unit roundings of each term; the answer is rounded toward
     * the liquidatable side's boundary, up for a long and down for a short, so it errs toward warning early.
     *
     * @return the price with the feed's decimals, or none when no positive price makes the account liquidatable (or
     *     every positive one does)
     */
    public static Either<Revert, Option<I256>> liquidationPrice(
            ProtocolState state, AccountId id, MarketId market, BlockContext block) {
        return guard(() -> {
            ProtocolConfig config = state.config();
            Either<Revert, Account> account = state.account(id).toEither(() -> (Revert) new Revert.UnknownAccount(id));
            if (account.isLeft()) {
                return Either.left(account.getLeft());
            }
            MarketConfig mc = config.markets().get(market).getOrNull();
            if (mc == null) {
                return Either.left(new Revert.UnknownMarket(market));
            }
            Either<Revert, Quote> quote = MarginLogic.marketPrice(config, market, block);
            Either<Revert, AccountData> data = quote.flatMap(q -> MarginLogic.cross(state, account.get(), block));
            if (data.isLeft()) {
                return Either.left(data.getLeft());
            }
            Quote q = quote.get();
            // margin equity - maintenance = c + slope * p near the current price; measure both at p and 2p
            I256 gap = data.get().marginEquity().minus(data.get().maintenanceRequirement());
            BlockContext doubled = withPrice(block, q.key(), q.price().times(I256.of(2)));
            Either<Revert, AccountData> moved = MarginLogic.cross(state, account.get(), doubled);
            if (moved.isLeft()) {
                return Either.left(moved.getLeft());
            }
            I256 gap2 = moved.get().marginEquity().minus(moved.get().maintenanceRequirement());
            I256 slope = gap2.minus(gap); // per unit of price q.price()
            if (slope.isZero()) {
                return Either.right(Option.none());
            }
            // gap(p) = gap + slope * (p - p0) / p0 = 0  =>  p = p0 * (1 - gap / slope)
            I256 numerator = q.price().times(slope.minus(gap));
            Rounding rounding = slope.isPositive() ? Rounding.CEIL : Rounding.FLOOR;
            I256 p = FixedPoint.mulDiv(numerator, I256.ONE, slope, rounding);
            return Either.right(p.isPositive() ? Option.some(p) : Option.none());
        });
    }

    private static BlockContext withPrice(BlockContext block, String key, I256 price) {
        OracleAnswer a = block.prices().get(key).get();
        TreeMap<String, OracleAnswer> prices =
                block.prices().put(key, new OracleAnswer(price, a.decimals(), a.updatedAt()));
        return new BlockContext(block.number(), block.timestamp(), block.sender(), prices);
    }

    /** {@return the settlement value of {@code amount} of an asset at a quote, rounded down; for display} */
    public static I256 value(ProtocolConfig config, AssetConfig asset, I256 amount, Quote q) {
        return Units.toSettlement(
                amount,
                q.price(),
                asset.decimals(),
                q.decimals(),
                config.settlement().decimals(),
                Rounding.FLOOR);
    }

    private static <T> Either<Revert, T> guard(java.util.function.Supplier<Either<Revert, T>> view) {
        try {
            return view.get();
        } catch (PanicException e) {
            return Either.left(new Revert.Panic(e.code()));
        }
    }
}
