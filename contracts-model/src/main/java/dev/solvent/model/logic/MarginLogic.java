package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.TreeMap;
import io.vavr.control.Either;

/**
 * Account data as the contract computes it (Aave's {@code GenericLogic.calculateUserAccountData}): prices, the value of
 * balances and positions, and margin requirements, each conversion rounded in the protocol's favour by an
 * intent-named helper. Callers never pick a rounding direction.
 *
 * <p>Definitions, all in settlement base units:
 *
 * <ul>
 *   <li>equity = value of positive balances (rounded down) - value of debts (rounded up) + for each cross position
 *       its value (rounded down) + its quote - its pending funding (rounded up);
 *   <li>margin equity = the same with positive balances weighted by their collateral weight (rounded down) and debts
 *       by their liability weight (rounded up);
 *   <li>a requirement = the position's notional (rounded up) times the margin ratio (rounded up), summed; under
 *       {@code WindowCapped}, Synthetix's size-dependent ratios rounded down and the reward the account's liquidation
 *       would pay (see {@code WindowLogic});
 *   <li>an account is liquidatable when it carries risk (a position or a debt) and its margin equity is below its
 *       maintenance requirement.
 * </ul>
 */
public final class MarginLogic {

    private MarginLogic() {}

    /**
     * The measured state of an account, or of one isolated position.
     *
     * @param equity equity without haircuts
     * @param marginEquity equity with collateral weights and liability weights applied
     * @param initialRequirement the initial margin requirement
     * @param maintenanceRequirement the maintenance margin requirement
     * @param hasRisk whether it holds a position or a debt
     */
    public record AccountData(
            I256 equity, I256 marginEquity, I256 initialRequirement, I256 maintenanceRequirement, boolean hasRisk) {

        /** {@return whether margin equity covers the initial requirement} */
        public boolean meetsInitial() {
            return marginEquity.compareTo(initialRequirement) >= 0;
        }

        /** {@return whether it carries risk and margin equity is below the maintenance requirement} */
        public boolean isLiquidatable() {
            return hasRisk && marginEquity.lt(maintenanceRequirement);
        }

        /** {@return margin equity minus the initial requirement (may be negative)} */
        public I256 freeCollateral() {
            return marginEquity.minus(initialRequirement);
        }
    }

    // ---- prices

    /** {@return the validated price of a non-settlement asset, with the asset's maximum age} */
    public static Either<Revert, Quote> assetPrice(ProtocolConfig config, AssetId asset, BlockContext block) {
        AssetConfig a = config.assets().get(asset).get();
        return price(a.priceKey().get(), a.maxOracleAge(), block);
    }

    /** {@return the validated mark price of a market, with the market's maximum age} */
    public static Either<Revert, Quote> marketPrice(ProtocolConfig config, MarketId market, BlockContext block) {
        MarketConfig m = config.markets().get(market).get();
        AssetConfig u = config.assets().get(m.underlying()).get();
        return price(u.priceKey().get(), m.maxOracleAge(), block);
    }

    /** {@return the answer under {@code key} if present, positive and no older than {@code maxAge}} */
    public static Either<Revert, Quote> price(String key, long maxAge, BlockContext block) {
        OracleAnswer answer = block.prices().get(key).getOrNull();
        if (answer == null) {
            return Either.left(new Revert.MissingPrice(key));
        }
        if (!answer.answer().isPositive()) {
            return Either.left(new Revert.InvalidPrice(key, answer.answer()));
        }
        if (block.timestamp() - answer.updatedAt() > maxAge) {
            return Either.left(new Revert.StalePrice(key, answer.updatedAt(), block.timestamp(), maxAge));
        }
        return Either.right(new Quote(key, answer.answer(), answer.decimals()));
    }

    // ---- intent-named conversions

    /** Value of a positive balance, rounded down: collateral is never overvalued. */
    public static I256 collateralValue(I256 amount, int assetDecimals, Quote q, int settlementDecimals) {
        return Units.toSettlement(amount, q.price(), assetDecimals, q.decimals(), settlementDecimals, Rounding.FLOOR);
    }

    /** Value of a debt (a positive magnitude), rounded up: debt is never undervalued. */
    public static I256 debtValue(I256 debt, int assetDecimals, Quote q, int settlementDecimals) {
        return Units.toSettlement(debt, q.price(), assetDecimals, q.decimals(), settlementDecimals, Rounding.CEIL);
    }

    /** A collateral value times its weight, rounded down. */
    public static I256 weighted(I256 value, Wad weight) {
        return FixedPoint.wadMulFloor(value, weight.raw());
    }

    /** A debt value times its liability weight, rounded up. */
    public static I256 weightedDebt(I256 value, Wad weight) {
        return FixedPoint.wadMulCeil(value, weight.raw());
    }

    /**
     * Signed value of {@code size} at the quote, rounded down (toward minus infinity): a long is worth no more than
     * its exact value, a short owes no less.
     */
    public static I256 positionValue(I256 size, int sizeDecimals, Quote q, int settlementDecimals) {
        return Units.toSettlement(size, q.price(), sizeDecimals, q.decimals(), settlementDecimals, Rounding.FLOOR);
    }

    /** Absolute notional of {@code size} at the quote, rounded up: requirements and penalties are never too small. */
    public static I256 notional(I256 size, int sizeDecimals, Quote q, int settlementDecimals) {
        return Units.toSettlement(size.abs(), q.price(), sizeDecimals, q.decimals(), settlementDecimals, Rounding.CEIL);
    }

    /** A margin requirement: notional times ratio, rounded up. */
    public static I256 requirement(I256 notional, Wad ratio) {
        return FixedPoint.wadMulCeil(notional, ratio.raw());
    }

    /** A penalty or fee owed on a notional, rounded up. */
    public static I256 penaltyOwed(I256 notional, Wad rate) {
        return FixedPoint.wadMulCeil(notional, rate.raw());
    }

    /**
     * What the taker of a fill pays ({@code size * price}, negative when it receives), rounded up: the taker never
     * pays less nor receives more than the exact amount; the maker receives exactly what the taker pays.
     */
    public static I256 fillCost(I256 size, I256 price, int sizeDecimals, int priceDecimals, int settlementDecimals) {
        return Units.toSettlement(size, price, sizeDecimals, priceDecimals, settlementDecimals, Rounding.CEIL);
    }

    /**
     * Funding a position owes for an index move (negative when it receives), rounded up: a payer never pays less and a
     * receiver never receives more than the exact amount; the difference stays in the market's funding pool.
     */
    public static I256 fundingOwed(I256 size, I256 indexDelta, int sizeDecimals) {
        return FixedPoint.mulDivCeil(size, indexDelta, Units.pow10(sizeDecimals).times(FixedPoint.WAD));
    }

    // ---- account data
    /**
     * The part of {@code size} a close factor allows, rounded toward zero: a partial liquidation never closes more
     * than the factor allows.
     */
    public static I256 closeSize(I256 size, Wad factor) {
        return FixedPoint.mulDiv(
                size, factor.raw(), FixedPoint.WAD, size.isNegative() ? Rounding.CEIL : Rounding.FLOOR);
    }

    /**
     * The share of a position's quote that goes with closing {@code part} of its {@code size}, rounded down; the rest
     * stays with the position, so the two add up to the quote exactly.
     */
    public static I256 quoteShare(I256 quote, I256 part, I256 size) {
        return FixedPoint.mulDiv(quote, part, size, Rounding.FLOOR);
    }

    /**
     * Base units of an asset worth at least {@code value} settlement units at the quote, rounded up: collateral sold
     * to cover a deficit always covers it.
     */
    public static I256 collateralToCover(I256 value, int assetDecimals, Quote q, int settlementDecimals) {
        int shift = assetDecimals + q.decimals() - settlementDecimals;
        if (shift >= 0) {
            return FixedPoint.mulDiv(value, Units.pow10(shift), q.price(), Rounding.CEIL);
        }
        return value.divide(q.price().times(Units.pow10(-shift)), Rounding.CEIL);
    }

    /** The protocol's share of a bonus, rounded up: the protocol's cut is never too small. */
    public static I256 protocolShare(I256 bonus, Wad share) {
        return FixedPoint.wadMulCeil(bonus, share.raw());
    }

    /**
     * A health factor's two sides, so that one definition serves lending and perpetuals: {@code collateral} is margin
     * equity plus weighted debts (weighted collateral plus position PnL), {@code requirement} is weighted debts plus
     * the maintenance requirement. For an account with debts only it is Aave's health factor (liquidation-threshold
     * weighted collateral over debt); for one with positions only it is margin equity over the maintenance
     * requirement. It is below 1 exactly when the account is liquidatable.
     *
     * @param collateral settlement base units on the collateral side
     * @param requirement settlement base units on the requirement side
     */
    public record Health(I256 collateral, I256 requirement) {

        /** {@return collateral over requirement as a WAD rounded down, none when nothing is required} */
        public io.vavr.control.Option<Wad> ratio() {
            return requirement.isPositive()
                    ? io.vavr.control.Option.some(
                            new Wad(FixedPoint.mulDivFloor(collateral, FixedPoint.WAD, requirement)))
                    : io.vavr.control.Option.none();
        }

        /** {@return whether the ratio is at or below {@code threshold}; never when nothing is required} */
        public boolean atOrBelow(Wad threshold) {
            return requirement.isPositive()
                    && collateral.times(FixedPoint.WAD).compareTo(requirement.times(threshold.raw())) <= 0;
        }
    }

    /** {@return the health of a cross account at the block's prices} */
    public static Either<Revert, Health> health(ProtocolState state, Account account, BlockContext block) {
        ProtocolConfig config = state.config();
        int ds = config.settlement().decimals();
        I256 weightedDebt = I256.ZERO;
        for (var entry : account.balances()) {
            if (entry._1.equals(config.settlementAsset())) {
                weightedDebt = weightedDebt.plus(entry._2.negate().max(I256.ZERO));
            } else if (entry._2.isNegative()) {
                AssetConfig asset = config.assets().get(entry._1).get();
                Either<Revert, Quote> q = assetPrice(config, asset.id(), block);
                if (q.isLeft()) {
                    return Either.left(q.getLeft());
                }
                weightedDebt = weightedDebt.plus(weightedDebt(
                        debtValue(entry._2.negate(), asset.decimals(), q.get(), ds), asset.liabilityWeight()));
            }
        }
        I256 debts = weightedDebt;
        return cross(state, account, block)
                .map(d -> new Health(d.marginEquity().plus(debts), debts.plus(d.maintenanceRequirement())));
    }

    /** {@return the cross-margin data of {@code account} at the block's prices} */
    public static Either<Revert, AccountData> cross(ProtocolState state, Account account, BlockContext block) {
        ProtocolConfig config = state.config();
        int ds = config.settlement().decimals();
        I256 equity = I256.ZERO;
        I256 marginEquity = I256.ZERO;
        I256 collateral = I256.ZERO;
        boolean risk = !account.positions().isEmpty();
        for (var entry : account.balances()) {
            AssetConfig asset = config.assets().get(entry._1).get();
            I256 balance = entry._2;
            if (asset.id().equals(config.settlementAsset())) {
                equity = equity.plus(balance);
                marginEquity = marginEquity.plus(balance);
                collateral = collateral.plus(balance.max(I256.ZERO));
                risk |= balance.isNegative();
                continue;
            }
            Either<Revert, Quote> q = assetPrice(config, asset.id(), block);
            if (q.isLeft()) {
                return Either.left(q.getLeft());
            }
            if (balance.isPositive()) {
                I256 v = collateralValue(balance, asset.decimals(), q.get(), ds);
                collateral = collateral.plus(v);
                equity = equity.plus(v);
                marginEquity = marginEquity.plus(weighted(v, asset.collateralWeight()));
            } else {
                I256 v = debtValue(balance.negate(), asset.decimals(), q.get(), ds);
                equity = equity.minus(v);
                marginEquity = marginEquity.minus(weightedDebt(v, asset.liabilityWeight()));
                risk = true;
            }
        }
        I256 im = I256.ZERO;
        I256 mm = I256.ZERO;
        for (var entry : account.positions()) {
            Either<Revert, PositionData> d = position(state, entry._1, entry._2, block);
            if (d.isLeft()) {
                return Either.left(d.getLeft());
            }
            equity = equity.plus(d.get().pnl());
            marginEquity = marginEquity.plus(d.get().pnl());
            im = im.plus(d.get().initialRequirement());
            mm = mm.plus(d.get().maintenanceRequirement());
        }
        if (config.liquidation() instanceof LiquidationPolicy.WindowCapped w) {
            // Synthetix counts the reward its liquidation would pay in both requirements
            Either<Revert, I256> reward = WindowLogic.possibleReward(state, account, collateral, w, block);
            if (reward.isLeft()) {
                return Either.left(reward.getLeft());
            }
            im = im.plus(reward.get());
            mm = mm.plus(reward.get());
        }
        return Either.right(new AccountData(equity, marginEquity, im, mm, risk));
    }

    /** {@return the data of one isolated position, judged on its own margin} */
    public static Either<Revert, AccountData> isolated(
            ProtocolState state, MarketId market, IsolatedPosition isolated, BlockContext block) {
        if (isolated.position().isFlat() && isolated.position().quote().isZero()) {
            return Either.right(new AccountData(isolated.margin(), isolated.margin(), I256.ZERO, I256.ZERO, false));
        }
        return position(state, market, isolated.position(), block).map(d -> {
            I256 equity = isolated.margin().plus(d.pnl());
            return new AccountData(
                    equity,
                    equity,
                    d.initialRequirement(),
                    d.maintenanceRequirement(),
                    !isolated.position().isFlat());
        });
    }

    /**
     * A position's value and requirements at the block.
     *
     * @param pnl value + quote - pending funding
     */
    record PositionData(I256 pnl, I256 notional, I256 initialRequirement, I256 maintenanceRequirement) {}

    static Either<Revert, PositionData> position(ProtocolState state, MarketId market, Position p, BlockContext block) {
        ProtocolConfig config = state.config();
        MarketConfig m = config.markets().get(market).get();
        int ds = config.settlement().decimals();
        int du = config.assets().get(m.underlying()).get().decimals();
        return marketPrice(config, market, block).map(q -> {
            I256 index = FundingLogic.currentIndex(state, market, q, block.timestamp());
            I256 pending = fundingOwed(p.size(), index.minus(p.fundingIndex()), du);
            I256 pnl = positionValue(p.size(), du, q, ds).plus(p.quote()).minus(pending);
            I256 n = notional(p.size(), du, q, ds);
            if (config.liquidation() instanceof LiquidationPolicy.WindowCapped w) {
                WindowLogic.Requirements r = WindowLogic.requirements(w.market(market), p.size(), du, q, ds);
                return new PositionData(pnl, n, r.initial(), r.maintenance());
            }
            return new PositionData(pnl, n, requirement(n, m.initialMargin()), requirement(n, m.maintenanceMargin()));
        });
    }

    /** {@return the prices every asset and market of {@code account} needs, or the first missing or bad one} */
    static Either<Revert, TreeMap<MarketId, Quote>> marketQuotes(
            ProtocolState state, Iterable<MarketId> markets, BlockContext block) {
        TreeMap<MarketId, Quote> out = TreeMap.empty();
        for (MarketId m : markets) {
            Either<Revert, Quote> q = marketPrice(state.config(), m, block);
            if (q.isLeft()) {
                return Either.left(q.getLeft());
            }
            out = out.put(m, q.get());
        }
        return Either.right(out);
    }
}
