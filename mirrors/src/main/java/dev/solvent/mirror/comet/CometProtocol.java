package dev.solvent.mirror.comet;

import dev.solvent.mirror.evm.Address;
import dev.solvent.mirror.evm.RevertException;
import dev.solvent.mirror.evm.StandardToken;
import dev.solvent.model.protocol.Assessment;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Executed;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Margins;
import dev.solvent.model.protocol.Move;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Quantity;
import dev.solvent.model.protocol.Rejected;
import io.vavr.Tuple2;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Seq;
import io.vavr.collection.SortedMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.List;

/**
 * The Comet mirror behind the protocol contract. Prices in a {@link Block} are named as the constructor maps them to
 * price feeds (8 decimals, as Comet requires). Health is Comet's liquidation check: the collateral at liquidation
 * collateral factors against the borrow, in USD price units (8 decimals). The moves are {@code absorb} of the account
 * (it pays the absorber nothing but liquidator points: gain 0) and {@code buyCollateral} of every collateral the
 * protocol holds while its reserves are below target, as much as the keeper's base balance pays for (gain: the
 * collateral's value less the base paid).
 */
public final class CometProtocol implements Protocol<CometState, CometCall> {

    private static final BigInteger FACTOR_SCALE = BigInteger.TEN.pow(18);

    private final LinkedHashMap<String, Address> feeds;

    /** @param feeds each price name of the blocks and the price feed it answers for */
    public CometProtocol(java.util.Map<String, Address> feeds) {
        this.feeds = LinkedHashMap.ofAll(feeds);
    }

    @Override
    public String name() {
        return "comet";
    }

    @Override
    public String valueUnit() {
        return "USD, 8 decimals (Comet's price units)";
    }

    /** {@return Comet's block: the feeds' answers at 8 decimals, the base fee} */
    public CometBlock block(Block block) {
        java.util.Map<Address, BigInteger> answers = new java.util.HashMap<>();
        for (Tuple2<String, Address> f : feeds) {
            block.price(f._1()).forEach(p -> answers.put(f._2(), p.scaledTo(8)));
        }
        return new CometBlock(block.timestamp(), block.baseFee(), answers);
    }

    @Override
    public Either<Rejected, Executed<CometState>> execute(CometState state, CometCall call, Block block) {
        return Comet.execute(state, call, block(block))
                .<Rejected>mapLeft(Rejected::of)
                .map(r -> new Executed<>(r.state(), Vector.<Object>ofAll(r.logs())));
    }

    @Override
    public Seq<String> accounts(CometState state) {
        return state.userBasic().keySet().toVector().map(Address::hex).sorted();
    }

    @Override
    public Either<Rejected, Health> health(CometState state, String account, Block block) {
        CometBlock b = block(block);
        Address a = Address.of(account);
        try {
            CometImmutables c = state.immutables();
            BigInteger debt = CometViews.borrowBalanceOf(state, b, a)
                    .multiply(CometViews.getPrice(b, c.baseTokenPriceFeed()))
                    .divide(c.baseScale());
            BigInteger collateral = BigInteger.ZERO;
            for (int i = 0; i < c.assets().size(); i++) {
                AssetInfo info = CometViews.getAssetInfo(state, i);
                BigInteger balance = state.collateralBalanceOf(a, info.asset());
                if (balance.signum() == 0) {
                    continue;
                }
                BigInteger value = balance.multiply(CometViews.getPrice(b, info.priceFeed()))
                        .divide(info.scale());
                collateral = collateral.add(
                        value.multiply(info.liquidateCollateralFactor()).divide(FACTOR_SCALE));
            }
            return Either.right(Health.of(collateral, debt, CometViews.isLiquidatable(state, b, a)));
        } catch (RevertException e) {
            return Either.left(Rejected.of(e.revert()));
        }
    }

    /**
     * {@inheritDoc} The margin follows {@link Margins}: {@code X} is the sum, over the assets {@code isLiquidatable}
     * counts (those in {@code assetsIn}), of balance times price over scale times the liquidation collateral factor,
     * and {@code Y} the borrow principal times the stored {@code baseBorrowIndex} over {@code 1e15} times the base
     * price over the base scale. Each collateral term of the check rounds down twice, at most 2 below its real value
     * (the factor is below 1); the check's borrow value rounds toward zero from a present value rounded down, never
     * above {@code Y}: so the check passes when {@code X' - Y' > 2n} for {@code n} assets. At the assessment the
     * collateral {@code C} (the check's own sum) is at most {@code X}, and the health's debt {@code D}, read with the
     * accrued index (at least the stored one) and rounded down twice, is at least {@code Y - basePrice/baseScale - 1}.
     * Hence {@code E = 2n + ceil(basePrice / baseScale) + 2}.
     */
    @Override
    public Either<Rejected, Assessment> assess(CometState state, String account, Block block) {
        return health(state, account, block).map(h -> {
            if (h.liquidatable() || (h.debt().signum() > 0 && h.collateral().signum() == 0)) {
                return Assessment.unbounded(h);
            }
            CometBlock b = block(block);
            Address a = Address.of(account);
            CometImmutables c = state.immutables();
            UserBasic basic = state.userBasic(a);
            if (basic.principal().signum() >= 0) {
                return new Assessment(h, Option.some(Margins.UNBOUNDED));
            }
            try {
                BigInteger counted = BigInteger.ZERO;
                for (int i = 0; i < c.numAssets(); i++) {
                    if ((basic.assetsIn() & (1 << i)) != 0) {
                        AssetInfo info = CometViews.getAssetInfo(state, i);
                        BigInteger value = CometViews.mulPrice(
                                state.collateralBalanceOf(a, info.asset()),
                                CometViews.getPrice(b, info.priceFeed()),
                                info.scale());
                        counted = counted.add(CometViews.mulFactor(value, info.liquidateCollateralFactor()));
                    }
                }
                BigInteger basePrice = CometViews.getPrice(b, c.baseTokenPriceFeed());
                BigInteger error = BigInteger.valueOf(2L * c.numAssets() + 2).add(ceilDiv(basePrice, c.baseScale()));
                return new Assessment(h, Margins.margin(counted, h.debt(), error));
            } catch (RevertException e) {
                return Assessment.unbounded(h);
            }
        });
    }

    /**
     * {@inheritDoc} The collateral factor is the least ratio of any collateral's price; the debt factor the ratio of
     * the base price times the borrow index accrued to {@code nowBlock} to the base price times the stored index of
     * {@code then}. None when the immutables (the assets, their factors) differ or a price is missing.
     */
    @Override
    public Option<BigInteger> drift(CometState then, Block thenBlock, CometState now, Block nowBlock) {
        CometImmutables c = then.immutables();
        if (!c.equals(now.immutables())) {
            return Option.none();
        }
        CometBlock b0 = block(thenBlock);
        CometBlock b1 = block(nowBlock);
        try {
            BigInteger phi = Margins.WAD.shiftLeft(1);
            for (int i = 0; i < c.assets().size(); i++) {
                AssetInfo info = CometViews.getAssetInfo(then, i);
                Option<BigInteger> f = Margins.factorDown(
                        CometViews.getPrice(b1, info.priceFeed()), CometViews.getPrice(b0, info.priceFeed()));
                if (f.isEmpty() || !Margins.inDomain(f.get())) {
                    return Option.none();
                }
                phi = phi.min(f.get());
            }
            BigInteger accrued = CometViews.accruedInterestIndices(now, CometViews.elapsed(now, b1))[1];
            Option<BigInteger> psi = Margins.factorUp(
                    CometViews.getPrice(b1, c.baseTokenPriceFeed()).multiply(accrued),
                    CometViews.getPrice(b0, c.baseTokenPriceFeed())
                            .multiply(then.totalsBasic().baseBorrowIndex()));
            BigInteger least = phi;
            return psi.flatMap(p -> Margins.drift(least, p));
        } catch (RevertException e) {
            return Option.none();
        }
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    @Override
    public Seq<Move<CometCall>> moves(CometState state, String account, String keeper, Block block) {
        CometBlock b = block(block);
        Address by = Address.of(keeper);
        Vector<Move<CometCall>> moves = Vector.empty();
        try {
            if (CometViews.isLiquidatable(state, b, Address.of(account))) {
                moves = moves.append(new Move<>(
                        "absorb",
                        new CometCall.Absorb(by, by, List.of(Address.of(account))),
                        Option.some(BigInteger.ZERO),
                        "absorb " + account + " (the absorber earns liquidator points)"));
            }
            moves = moves.appendAll(buys(state, b, by));
        } catch (RevertException e) {
            return moves;
        }
        return moves.sortBy(m -> m.gain().get().negate());
    }

    /**
     * Buying each collateral the protocol holds, while reserves are below target: all of it, or as much as the
     * buyer's base balance pays for (a buy it cannot pay for is no move it can make: the transfer in would revert).
     */
    private Vector<Move<CometCall>> buys(CometState state, CometBlock b, Address by) {
        CometImmutables c = state.immutables();
        if (CometViews.getReserves(state, b).compareTo(c.targetReserves()) >= 0) {
            return Vector.empty();
        }
        BigInteger funds = state.token(c.baseToken()).map(t -> t.balanceOf(by)).getOrElse(BigInteger.ZERO);
        if (funds.signum() == 0) {
            return Vector.empty();
        }
        BigInteger basePrice = CometViews.getPrice(b, c.baseTokenPriceFeed());
        Vector<Move<CometCall>> buys = Vector.empty();
        for (int i = 0; i < c.assets().size(); i++) {
            AssetInfo info = CometViews.getAssetInfo(state, i);
            BigInteger reserves = CometViews.getCollateralReserves(state, info.asset());
            BigInteger perBase = CometViews.quoteCollateral(state, b, info.asset(), c.baseScale());
            if (reserves.signum() <= 0 || perBase.signum() <= 0) {
                continue;
            }
            BigInteger baseAmount =
                    reserves.multiply(c.baseScale()).divide(perBase).min(funds);
            BigInteger quote = CometViews.quoteCollateral(state, b, info.asset(), baseAmount);
            // the price of one whole base unit is rounded down, so for a collateral of few decimals the estimate can
            // ask for more than the reserves (InsufficientReserves): scale it back and step down to a quote that fits
            if (quote.compareTo(reserves) > 0) {
                baseAmount = baseAmount.multiply(reserves).divide(quote);
                quote = CometViews.quoteCollateral(state, b, info.asset(), baseAmount);
                while (quote.compareTo(reserves) > 0 && baseAmount.signum() > 0) {
                    baseAmount = baseAmount.subtract(BigInteger.ONE);
                    quote = CometViews.quoteCollateral(state, b, info.asset(), baseAmount);
                }
            }
            if (baseAmount.signum() == 0 || quote.signum() == 0) {
                continue;
            }
            BigInteger gain = quote.multiply(CometViews.getPrice(b, info.priceFeed()))
                    .divide(info.scale())
                    .subtract(baseAmount.multiply(basePrice).divide(c.baseScale()));
            buys = buys.append(new Move<>(
                    "buyCollateral",
                    new CometCall.BuyCollateral(by, info.asset(), quote, baseAmount, by),
                    Option.some(gain),
                    "buyCollateral " + quote + " of " + name(info.priceFeed()) + " (" + info.asset() + ") for "
                            + baseAmount + " base"));
        }
        return buys;
    }

    /** {@return per token (by address), what Comet holds of it} */
    @Override
    public SortedMap<String, BigInteger> totals(CometState state, Block block) {
        TreeMap<String, BigInteger> totals = TreeMap.empty();
        for (var t : state.tokens()) {
            totals =
                    totals.put(t._1().hex(), t._2().balanceOf(state.immutables().comet()));
        }
        return totals;
    }

    /**
     * {@return {@code getReserves()} (signed: negative once absorbed debt exceeds what the protocol earned), named
     * {@code reserves}, in base units, and {@code getCollateralReserves} of each collateral, named {@code collateral
     * reserves SYMBOL}: what absorbs took and {@code buyCollateral} has not sold yet; and {@code accounts absorbed},
     * the sum of every absorber's {@code liquidatorPoints.numAbsorbed}}
     */
    @Override
    public SortedMap<String, Quantity> quantities(CometState state, Block block) {
        CometImmutables c = state.immutables();
        String base = name(c.baseTokenPriceFeed());
        BigInteger absorbed = state.liquidatorPoints()
                .values()
                .map(LiquidatorPoints::numAbsorbed)
                .fold(BigInteger.ZERO, BigInteger::add);
        TreeMap<String, Quantity> out = TreeMap.of(
                "reserves",
                new Quantity(CometViews.getReserves(state, block(block)), c.decimals(), base, Quantity.Kind.BUFFER),
                "accounts absorbed",
                new Quantity(absorbed, 0, "accounts", Quantity.Kind.OTHER));
        for (int i = 0; i < c.numAssets(); i++) {
            AssetInfo info = CometViews.getAssetInfo(state, i);
            int decimals = state.tokens()
                    .get(info.asset())
                    .map(StandardToken::decimals)
                    .getOrElse(0);
            String symbol = name(info.priceFeed());
            out = out.put(
                    "collateral reserves " + symbol,
                    new Quantity(
                            CometViews.getCollateralReserves(state, info.asset()),
                            decimals,
                            symbol,
                            Quantity.Kind.OTHER));
        }
        return out;
    }

    private String name(Address feed) {
        return feeds.find(f -> f._2().equals(feed)).map(Tuple2::_1).getOrElse(feed.hex());
    }
}
