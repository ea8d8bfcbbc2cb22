package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.logic.AuctionLogic;
import dev.solvent.model.logic.BuyCollateralLogic;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Comparator;

/**
 * A profit-aware keeper with limited capital, which makes the move each liquidation mechanism offers and sends only
 * what its capital allows. Its moves:
 *
 * <ul>
 *   <li>liquidate what its scanner finds ({@link Tx.Liquidate}, {@link Tx.LiquidateIsolated}): under
 *       {@code AccountWide} and {@code BackstopVault} for the keeper reward (taking over the positions and collateral
 *       if the receiver is the {@code Liquidator}, which ties up their initial margin); under {@code CloseFactor}
 *       Aave's repay-and-seize (it repays part of the debts with its own tokens, which ties up their value); under
 *       {@code Absorb} Comet's {@code absorb}; under {@code DutchAuction} Maker's {@code bark}, for the incentive;
 *   <li>take from a Dutch auction ({@link Tx.Take}) when the auction's current price is at most the market price
 *       (the oracle answer of the auctioned asset, as it sees it) less {@code auctionMargin}, the whole lot or what
 *       its capital buys, at most at the current price; restart an auction that must be reset ({@link Tx.Redo}) for
 *       its incentive;
 *   <li>buy absorbed collateral from Comet's storefront ({@link Tx.BuyCollateral}) while reserves are below target:
 *       all the protocol holds of an asset, or what its capital buys, with the exact amount as its slippage limit.
 * </ul>
 *
 * <p>Each move is estimated alone ({@link Bidding}) and the profitable ones are ranked, most profitable first. Then,
 * in that order, each is estimated again against the state the moves already chosen leave (as if all of them land in
 * one block, in this order), sized down to the capital left where it can be (a take or a purchase), and chosen if it
 * is still profitable and its capital ({@link Estimate#capital()}) fits what is left of {@code capital} for this
 * block. A move the contract would refuse for the keeper's balance or margin reverts in that estimate and is not sent.
 *
 * @param scanner how it finds unhealthy accounts and isolated positions
 * @param bidding how it prices gas and bids
 * @param capital settlement base units it commits per block, {@code >= 0}
 * @param auctionMargin how far below the market an auction's price must be before it takes, in {@code [0, 1)}
 * @param <S> the scanner's state
 */
public record LimitedCapital<S>(Scanner<S> scanner, Bidding bidding, I256 capital, Wad auctionMargin)
        implements QuotingKeeper<S> {

    /** Rejects missing parts, negative capital and a margin outside {@code [0, 1)}. */
    public LimitedCapital {
        if (scanner == null || bidding == null || capital == null || auctionMargin == null) {
            throw new IllegalArgumentException("limited capital: scanner, bidding, capital and auctionMargin required");
        }
        if (capital.isNegative()) {
            throw new IllegalArgumentException("limited capital: capital " + capital + " must be >= 0");
        }
        if (auctionMargin.raw().isNegative() || auctionMargin.compareTo(Wad.ONE) >= 0) {
            throw new IllegalArgumentException(
                    "limited capital: auctionMargin " + auctionMargin + " is out of range; valid: 0 <= margin < 1");
        }
    }

    @Override
    public S start() {
        return scanner.start();
    }

    @Override
    public Plan<S> plan(KeeperView view, S state) {
        Scanner.Scan<S> scan = scanner.scan(view, state);
        ProtocolState s0 = view.state();
        Vector<Estimate> alone = Vector.empty();
        for (Tx tx : moves(view, scan.liquidatable())) {
            Option<Estimate> e = bidding.estimate(view, s0, tx);
            if (e.isDefined() && e.get().profit().isPositive()) {
                alone = alone.append(e.get());
            }
        }
        BlockContext ctx = view.context();
        ProtocolState st = s0;
        I256 left = capital;
        Vector<Estimate> send = Vector.empty();
        for (Estimate first :
                alone.sorted(Comparator.comparing(Estimate::profit).reversed())) {
            ProtocolState now = st;
            Option<Estimate> e = sized(view, now, first.tx(), left).flatMap(tx -> bidding.estimate(view, now, tx));
            if (e.isEmpty()
                    || !e.get().profit().isPositive()
                    || e.get().capital().gt(left)) {
                continue;
            }
            Either<Revert, Receipt> r = MarginEngine.execute(st, e.get().tx(), ctx);
            st = r.get().state();
            left = left.minus(e.get().capital());
            send = send.append(e.get());
        }
        return new Plan<>(send, scan.next());
    }

    /** {@return every move the view offers, at full size: liquidations, then auction moves, then purchases} */
    Vector<Tx> moves(KeeperView view, Vector<Target> liquidatable) {
        TreeSet<Target> sent = Strategies.alreadySent(view);
        Vector<Tx> out = liquidatable.filter(t -> !sent.contains(t)).map(Target::tx);
        return switch (view.state().config().liquidation()) {
            case LiquidationPolicy.DutchAuction d -> out.appendAll(auctionMoves(view, d));
            case LiquidationPolicy.Absorb a -> out.appendAll(purchases(view, a));
            case LiquidationPolicy.AccountWide a -> out;
            case LiquidationPolicy.CloseFactor c -> out;
            case LiquidationPolicy.BackstopVault b -> out;
            // Synthetix: flag, then liquidate again each window until closed; dYdX: one position per call
            case LiquidationPolicy.WindowCapped w -> out;
            case LiquidationPolicy.FillablePrice f -> out;
        };
    }

    /** Takes where the price is at most the market less the margin; redos where an auction must be reset. */
    private Vector<Tx> auctionMoves(KeeperView view, LiquidationPolicy.DutchAuction policy) {
        ProtocolState s = view.state();
        TreeSet<Long> pending = TreeSet.empty();
        for (PendingTx p : view.pending()) {
            if (p.sender().equals(view.self())) {
                if (p.tx() instanceof Tx.Take t) {
                    pending = pending.add(t.auction());
                } else if (p.tx() instanceof Tx.Redo r) {
                    pending = pending.add(r.auction());
                }
            }
        }
        Vector<Tx> out = Vector.empty();
        for (var entry : s.auctions()) {
            long id = entry._1;
            Auction a = entry._2;
            if (pending.contains(id)) {
                continue;
            }
            long dur = view.timestamp() - a.tic();
            I256 price = AuctionLogic.price(policy.curve(), a.top(), dur);
            // Maker's Clipper.status: too old, or fallen below cusp of its start (compared without division)
            boolean reset = dur > policy.tail()
                    || price.times(FixedPoint.WAD)
                            .lt(a.top().times(policy.cusp().raw()));
            if (reset) {
                out = out.append(new Tx.Redo(id));
                continue;
            }
            AssetConfig asset = s.config().assets().get(a.asset()).get();
            OracleAnswer market = view.prices().get(asset.priceKey().get()).getOrNull();
            if (market == null
                    || market.decimals() != a.decimals()
                    || !market.answer().isPositive()) {
                continue;
            }
            // price <= market (1 - margin), compared without division
            I256 ceiling = market.answer().times(FixedPoint.WAD.minus(auctionMargin.raw()));
            if (!price.times(FixedPoint.WAD).gt(ceiling)) {
                out = out.append(new Tx.Take(id, a.lot().toU256(), price));
            }
        }
        return out;
    }

    /** Purchases of all that the storefront holds of each asset, while reserves are below target. */
    private static Vector<Tx> purchases(KeeperView view, LiquidationPolicy.Absorb policy) {
        ProtocolState s = view.state();
        if (!s.reserves().lt(policy.targetReserves().toI256())) {
            return Vector.empty();
        }
        TreeSet<AssetId> pending = TreeSet.empty();
        for (PendingTx p : view.pending()) {
            if (p.sender().equals(view.self()) && p.tx() instanceof Tx.BuyCollateral b) {
                pending = pending.add(b.asset());
            }
        }
        ProtocolConfig config = s.config();
        int ds = config.settlement().decimals();
        Vector<Tx> out = Vector.empty();
        for (var entry : s.collateralReserves()) {
            AssetId asset = entry._1;
            I256 held = entry._2;
            if (!held.isPositive() || pending.contains(asset)) {
                continue;
            }
            AssetConfig ac = config.assets().get(asset).get();
            Either<Revert, dev.solvent.model.logic.Quote> q = MarginLogic.assetPrice(config, asset, view.context());
            if (q.isLeft()) {
                continue;
            }
            // the settlement units that buy all of it: held at the discounted price, rounded down, so that the
            // storefront's quote (which rounds down twice) never asks for more than it holds
            I256 discounted = discounted(policy, asset, q.get());
            I256 base = held.times(discounted)
                    .times(Units.pow10(ds))
                    .divide(Units.pow10(q.get().decimals()).times(Units.pow10(ac.decimals())), Rounding.FLOOR);
            if (base.isPositive()) {
                out = out.append(purchase(view, policy, ac, q.get(), base));
            }
        }
        return out;
    }

    /** Comet's discounted price: the oracle price times {@code 1 - storeFront (1 - liquidationFactor)}, rounded down. */
    private static I256 discounted(LiquidationPolicy.Absorb policy, AssetId asset, dev.solvent.model.logic.Quote q) {
        I256 discount = FixedPoint.wadMulFloor(
                policy.storeFrontPriceFactor().raw(),
                FixedPoint.WAD.minus(policy.liquidationFactor(asset).raw()));
        return FixedPoint.wadMulFloor(q.price(), FixedPoint.WAD.minus(discount));
    }

    private static Tx purchase(
            KeeperView view,
            LiquidationPolicy.Absorb policy,
            AssetConfig asset,
            dev.solvent.model.logic.Quote q,
            I256 base) {
        int ds = view.state().config().settlement().decimals();
        I256 amount = BuyCollateralLogic.quoteCollateral(
                asset, policy.liquidationFactor(asset.id()), policy.storeFrontPriceFactor(), q, ds, base);
        return new Tx.BuyCollateral(view.self(), asset.id(), amount.toU256(), base.toU256());
    }

    /**
     * {@return the move cut down to what {@code left} and the keeper's settlement balance pay for, or none if they pay
     * for nothing} Liquidations cannot be cut: they are returned as they are, and their estimate decides.
     */
    private static Option<Tx> sized(KeeperView view, ProtocolState st, Tx tx, I256 left) {
        ProtocolConfig config = st.config();
        I256 budget = left.min(st.accountOrEmpty(view.self()).balance(config.settlementAsset()));
        if (tx instanceof Tx.Take t) {
            Auction a = st.auctions().get(t.auction()).getOrNull();
            if (a == null) {
                return Option.none();
            }
            int da = config.assets().get(a.asset()).get().decimals();
            I256 slice = collateralFor(
                            budget,
                            da,
                            t.maxPrice(),
                            a.decimals(),
                            config.settlement().decimals())
                    .min(a.lot())
                    .min(t.amount().toI256());
            return slice.isPositive()
                    ? Option.some(new Tx.Take(t.auction(), slice.toU256(), t.maxPrice()))
                    : Option.none();
        }
        if (tx instanceof Tx.BuyCollateral b && config.liquidation() instanceof LiquidationPolicy.Absorb policy) {
            I256 base = b.baseAmount().toI256().min(budget);
            if (!base.isPositive()) {
                return Option.none();
            }
            AssetConfig asset = config.assets().get(b.asset()).get();
            return MarginLogic.assetPrice(config, b.asset(), view.context())
                    .toOption()
                    .map(q -> purchase(view, policy, asset, q, base));
        }
        return Option.some(tx);
    }

    /** Base units of an asset that {@code value} settlement units buy at {@code price}, rounded down. */
    private static I256 collateralFor(I256 value, int assetDecimals, I256 price, int priceDecimals, int ds) {
        if (!value.isPositive() || !price.isPositive()) {
            return I256.ZERO;
        }
        int shift = assetDecimals + priceDecimals - ds;
        return shift >= 0
                ? FixedPoint.mulDiv(value, Units.pow10(shift), price, Rounding.FLOOR)
                : value.divide(price.times(Units.pow10(-shift)), Rounding.FLOOR);
    }
}
