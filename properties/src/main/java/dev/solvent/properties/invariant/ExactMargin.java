package dev.solvent.properties.invariant;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * The margin of an account or an isolated position worked out exactly, as {@link Exact} numerators, from the
 * definitions {@code MarginLogic} documents (weighted collateral less weighted debt plus position PnL, against notional
 * times the margin ratio) but without its helpers or any rounding, so that a rounding bug in the model's account data
 * shows in the margin invariants. The model rounds each conversion in the protocol's favour, so its margin equity is
 * at most the exact one and its requirements at least the exact ones, each by less than {@link #slack()}.
 *
 * <p>Under {@code WindowCapped} the requirements are Synthetix's size-dependent ratios plus the reward a liquidation
 * would pay; those are taken from {@code MarginLogic} as the model measures them, with no slack.
 *
 * @param equity margin equity
 * @param initial the initial requirement
 * @param maintenance the maintenance requirement
 * @param hasRisk whether it holds a position or a debt
 * @param slack how far the model's rounded figures may stray from these, in total
 */
record ExactMargin(BigInteger equity, BigInteger initial, BigInteger maintenance, boolean hasRisk, BigInteger slack) {

    /**
     * Most settlement units the model's roundings move one position's figures: its value down and its funding up (one
     * unit each), its notional up (at most one unit after the ratio) and its requirement up (one).
     */
    private static final long POSITION_SLACK = 4;

    private static final BigInteger WAD = Exact.pow10(18);

    /** {@return whether margin equity covers the initial requirement} */
    boolean meetsInitial() {
        return equity.compareTo(initial) >= 0;
    }

    /** {@return whether it carries risk and margin equity is below the maintenance requirement} */
    boolean isLiquidatable() {
        return hasRisk && equity.compareTo(maintenance) < 0;
    }

    /** {@return whether it is healthy by more than the model's rounding could take away} */
    boolean isClearlyHealthy() {
        return !hasRisk || equity.compareTo(maintenance.add(slack)) >= 0;
    }

    /** {@return the exact margin of a cross account; none if a price it needs is missing, not positive or stale} */
    static Option<ExactMargin> cross(ProtocolState state, Account a, BlockContext block) {
        ProtocolConfig config = state.config();
        if (config.liquidation() instanceof LiquidationPolicy.WindowCapped) {
            return MarginLogic.cross(state, a, block).toOption().map(ExactMargin::measured);
        }
        BigInteger equity = BigInteger.ZERO;
        BigInteger initial = BigInteger.ZERO;
        BigInteger maintenance = BigInteger.ZERO;
        boolean risk = !a.positions().isEmpty();
        long slack = 0;
        for (var e : a.balances()) {
            AssetConfig asset = config.assets().get(e._1).get();
            risk |= e._2.isNegative();
            if (asset.id().equals(config.settlementAsset())) {
                equity = equity.add(Exact.units(e._2));
                continue;
            }
            Option<OracleAnswer> answer = usable(Exact.answer(asset, block), asset.maxOracleAge(), block);
            if (answer.isEmpty()) {
                return Option.none();
            }
            // a debt's value is negative, so its liability weight makes it more negative
            Wad weight = e._2.isPositive() ? asset.collateralWeight() : asset.liabilityWeight();
            equity = equity.add(times(Exact.value(config, e._2, asset.decimals(), answer.get()), weight));
            // the value rounds by one unit, which the weight scales, and the weighting by one more
            slack += 2 + weight.raw().toBigInteger().divide(WAD).longValueExact();
        }
        for (var e : a.positions()) {
            Option<ExactMargin> p = position(state, e._1, e._2, block);
            if (p.isEmpty()) {
                return Option.none();
            }
            equity = equity.add(p.get().equity());
            initial = initial.add(p.get().initial());
            maintenance = maintenance.add(p.get().maintenance());
            slack += POSITION_SLACK;
        }
        return Option.some(new ExactMargin(equity, initial, maintenance, risk, units(slack)));
    }

    /** {@return the exact margin of an isolated position, judged on its own margin} */
    static Option<ExactMargin> isolated(ProtocolState state, MarketId market, IsolatedPosition ip, BlockContext block) {
        if (state.config().liquidation() instanceof LiquidationPolicy.WindowCapped) {
            return MarginLogic.isolated(state, market, ip, block).toOption().map(ExactMargin::measured);
        }
        BigInteger margin = Exact.units(ip.margin());
        if (ip.position().isFlat() && ip.position().quote().isZero()) {
            return Option.some(new ExactMargin(margin, BigInteger.ZERO, BigInteger.ZERO, false, BigInteger.ZERO));
        }
        return position(state, market, ip.position(), block)
                .map(p -> new ExactMargin(
                        margin.add(p.equity()),
                        p.initial(),
                        p.maintenance(),
                        !ip.position().isFlat(),
                        p.slack()));
    }

    /** {@return a position's exact PnL (value + quote - pending funding) and requirements (notional times ratio)} */
    private static Option<ExactMargin> position(ProtocolState state, MarketId market, Position p, BlockContext block) {
        ProtocolConfig config = state.config();
        MarketConfig m = config.markets().get(market).get();
        AssetConfig u = config.assets().get(m.underlying()).get();
        Option<OracleAnswer> answer = usable(Exact.answer(u, block), m.maxOracleAge(), block);
        if (answer.isEmpty()) {
            return Option.none();
        }
        BigInteger notional = Exact.value(config, p.size().abs(), u.decimals(), answer.get());
        return Exact.position(state, market, p, block)
                .map(pnl -> new ExactMargin(
                        pnl,
                        times(notional, m.initialMargin()),
                        times(notional, m.maintenanceMargin()),
                        !p.isFlat(),
                        units(POSITION_SLACK)));
    }

    /** {@return the model's own figures, with no slack (for requirements this class does not work out itself)} */
    private static ExactMargin measured(MarginLogic.AccountData d) {
        return new ExactMargin(
                Exact.units(d.marginEquity()),
                Exact.units(d.initialRequirement()),
                Exact.units(d.maintenanceRequirement()),
                d.hasRisk(),
                BigInteger.ZERO);
    }

    /**
     * {@return an exact value times a WAD weight} Exact: every value here carries at least 18 spare decimals (a
     * numerator over {@code 10^Exact.SCALE}), so the division by {@code 10^18} leaves no remainder.
     */
    private static BigInteger times(BigInteger value, Wad weight) {
        return value.multiply(weight.raw().toBigInteger()).divide(WAD);
    }

    /** {@return the answer if it is positive and no older than {@code maxAge}, as the model accepts it} */
    private static Option<OracleAnswer> usable(Option<OracleAnswer> answer, long maxAge, BlockContext block) {
        return answer.filter(a -> a.answer().isPositive() && block.timestamp() - a.updatedAt() <= maxAge);
    }

    private static BigInteger units(long settlementUnits) {
        return Exact.units(I256.of(settlementUnits));
    }
}
