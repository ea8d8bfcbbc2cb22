package dev.solvent.model.logic;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.FixedPoint;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Units;
import dev.solvent.model.math.Wad;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.policy.PriceCurve;
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * Dutch auctions (Maker Liquidations 2.0, makerdao/dss {@code dog.sol}, {@code clip.sol}, {@code abaci.sol}): the
 * price curves, {@code take} and {@code redo}, and the limits and incentives of {@code bark}, which the
 * {@link DutchAuctionMechanism} runs under the {@link LiquidationPolicy.DutchAuction} policy. Reserves carry
 * the account's debt while its collateral is auctioned (Maker's vow carries it as sin), pay the keeper incentives and
 * collect what the auctions raise.
 */
public final class AuctionLogic {

    /** {@code 1e27}, Maker's RAY. */
    static final I256 RAY = I256.pow10(27);

    private AuctionLogic() {}

    // ---- price curves

    /**
     * {@return the price {@code dur} seconds after the start at {@code top}}, as Maker's {@code abaci.sol}: the
     * factor in RAY (a linear factor {@code (tau - dur) * RAY / tau} rounded down; an exponential one by {@code rpow}
     * rounding each product half up), then {@code rmul(top, factor)} rounded down. Never above {@code top}.
     */
    public static I256 price(PriceCurve curve, I256 top, long dur) {
        I256 factor = switch (curve) {
            case PriceCurve.Linear l ->
                dur >= l.tau() ? I256.ZERO : I256.of(l.tau() - dur).times(RAY).divide(I256.of(l.tau()), Rounding.FLOOR);
            case PriceCurve.StairstepExponential s -> rpow(ray(s.cut()), dur / s.step());
            case PriceCurve.Exponential e -> rpow(ray(e.cut()), dur);
        };
        return top.times(factor).divide(RAY, Rounding.FLOOR);
    }

    private static I256 ray(Wad w) {
        return w.raw().times(I256.pow10(9));
    }

    /** DS-math {@code rpow}: {@code x^n} in RAY by squaring, each product rounded half up, as abaci.sol's. */
    static I256 rpow(I256 x, long n) {
        if (n == 0) {
            return RAY;
        }
        if (x.isZero()) {
            return I256.ZERO;
        }
        I256 half = RAY.divide(I256.of(2), Rounding.FLOOR);
        I256 z = n % 2 == 0 ? RAY : x;
        for (long k = n / 2; k > 0; k /= 2) {
            x = x.times(x).plus(half).divide(RAY, Rounding.FLOOR);
            if (k % 2 == 1) {
                z = z.times(x).plus(half).divide(RAY, Rounding.FLOOR);
            }
        }
        return z;
    }

    // ---- the limits and incentives of bark, see DutchAuctionMechanism

    /** {@return whether a new auction for {@code tab} stays within the global and the asset's limit, or the revert} */
    static Either<Revert, Boolean> limits(
            ProtocolState state, LiquidationPolicy.DutchAuction policy, AssetId asset, I256 tab) {
        I256 all = state.auctions().values().foldLeft(I256.ZERO, (s, a) -> s.plus(a.tab()));
        I256 ofAsset = state.auctions()
                .values()
                .filter(a -> a.asset().equals(asset))
                .foldLeft(I256.ZERO, (s, a) -> s.plus(a.tab()));
        if (all.plus(tab).gt(policy.globalHole().toI256())) {
            return Either.left(
                    new Revert.AuctionLimitReached(all, tab, policy.globalHole().toI256()));
        }
        if (ofAsset.plus(tab).gt(policy.hole().toI256())) {
            return Either.left(
                    new Revert.AuctionLimitReached(ofAsset, tab, policy.hole().toI256()));
        }
        return Either.right(true);
    }

    /** Pays the keeper {@code tip + chip * tab} (rounded down) out of the reserves, as Maker's vow {@code suck}. */
    static I256 incentive(Step st, LiquidationPolicy.DutchAuction policy, AccountId keeper, I256 tab) {
        I256 coin = policy.tip()
                .toI256()
                .plus(FixedPoint.wadMulFloor(tab, policy.chip().raw()));
        if (coin.isPositive()) {
            st.plusSettlement(keeper, coin);
            st.state = st.state.withReserves(st.state.reserves().minus(coin));
        }
        return coin;
    }

    // ---- take and redo

    private static Either<Revert, LiquidationPolicy.DutchAuction> policy(ProtocolState state, String operation) {
        return state.config().liquidation() instanceof LiquidationPolicy.DutchAuction d
                ? Either.right(d)
                : Either.left(new Revert.NotSupportedByPolicy(
                        operation, state.config().liquidation().getClass().getSimpleName()));
    }

    /** {@return whether the auction must be reset: too old, or its price below {@code cusp} of its start} */
    static boolean needsRedo(LiquidationPolicy.DutchAuction policy, Auction a, I256 price, long now) {
        // rdiv(price, top) < cusp, compared without division
        return now - a.tic() > policy.tail()
                || price.times(FixedPoint.WAD).lt(a.top().times(policy.cusp().raw()));
    }

    /** Sells part or all of a lot at the current price; mirrors Maker {@code Clipper.take}. */
    public static Either<Revert, Receipt> take(ProtocolState state, Tx.Take tx, BlockContext block) {
        Either<Revert, LiquidationPolicy.DutchAuction> found = policy(state, "Take");
        if (found.isLeft()) {
            return Either.left(found.getLeft());
        }
        LiquidationPolicy.DutchAuction policy = found.get();
        Auction a = state.auctions().get(tx.auction()).getOrNull();
        if (a == null) {
            return Either.left(new Revert.NoSuchAuction(tx.auction()));
        }
        Either<Revert, I256> amount = ValidationLogic.positive("amount", tx.amount());
        if (amount.isLeft()) {
            return Either.left(amount.getLeft());
        }
        I256 price = price(policy.curve(), a.top(), block.timestamp() - a.tic());
        if (needsRedo(policy, a, price, block.timestamp())) {
            return Either.left(new Revert.AuctionNeedsReset(tx.auction()));
        }
        if (tx.maxPrice().lt(price)) {
            return Either.left(new Revert.AuctionTooExpensive(tx.auction(), price, tx.maxPrice()));
        }
        return purchase(state.config(), policy, tx.auction(), a, price, amount.get())
                .flatMap(p -> sell(state, tx.auction(), a, price, p, block));
    }

    /** What a take buys, base units of the auctioned asset, and what it owes, settlement base units. */
    private record Purchase(I256 slice, I256 owe) {}

    /**
     * {@return the purchase of at most {@code amount} at {@code price}}: the slice's value rounded up, but never more
     * than the tab (the slice then shrinks to what the tab buys, rounded down) and never leaving a tab below Maker's
     * {@code chost} ({@code dust * chop}) behind, or the revert when the whole tab is below it
     */
    private static Either<Revert, Purchase> purchase(
            ProtocolConfig config,
            LiquidationPolicy.DutchAuction policy,
            long auction,
            Auction a,
            I256 price,
            I256 amount) {
        int da = config.assets().get(a.asset()).get().decimals();
        int ds = config.settlement().decimals();
        Quote at = new Quote("auction", price, a.decimals());
        I256 slice = amount.min(a.lot());
        // owe rounds up: the keeper never pays less than the slice is worth at the auction price
        I256 owe = MarginLogic.debtValue(slice, da, at, ds);
        I256 chost = MarginLogic.penaltyOwed(policy.dust().toI256(), policy.chop());
        if (owe.gt(a.tab())) {
            owe = a.tab();
            slice = collateralFor(owe, da, at, ds).min(a.lot());
        } else if (owe.lt(a.tab()) && slice.lt(a.lot()) && a.tab().minus(owe).lt(chost)) {
            if (!a.tab().gt(chost)) {
                return Either.left(new Revert.NoPartialPurchase(auction, a.tab(), chost));
            }
            owe = a.tab().minus(chost);
            slice = collateralFor(owe, da, at, ds).min(a.lot());
        }
        return Either.right(new Purchase(slice, owe));
    }

    /**
     * The keeper pays for the slice into the reserves and receives it; a lot sold out or a tab paid ends the auction,
     * every leftover going back to the owner.
     */
    private static Either<Revert, Receipt> sell(
            ProtocolState state, long auction, Auction a, I256 price, Purchase p, BlockContext block) {
        ProtocolConfig config = state.config();
        AccountId keeper = block.sender();
        I256 balance = state.accountOrEmpty(keeper).balance(config.settlementAsset());
        if (balance.lt(p.owe())) {
            return Either.left(new Revert.InsufficientBalance(keeper, config.settlementAsset(), balance, p.owe()));
        }
        Step st = new Step(state);
        st.plusSettlement(keeper, p.owe().negate());
        st.put(st.account(keeper).plusBalance(a.asset(), p.slice()));
        st.state = st.state.withReserves(st.state.reserves().plus(p.owe()));
        I256 tab = a.tab().minus(p.owe());
        I256 lot = a.lot().minus(p.slice());
        st.emit(new Event.AuctionTaken(auction, keeper, price, p.slice(), p.owe(), tab, lot));
        if (lot.isZero() || !tab.isPositive()) {
            // the owner gets every leftover; an unpaid tab stays a loss of the reserves
            st.put(st.account(a.owner()).plusBalance(a.asset(), lot));
            st.state = st.state.withAuction(auction, Option.none());
            st.emit(new Event.AuctionEnded(auction, a.owner(), lot, tab.max(I256.ZERO)));
        } else {
            st.state = st.state.withAuction(
                    auction, Option.some(new Auction(a.owner(), a.asset(), tab, lot, a.tic(), a.top(), a.decimals())));
        }
        return TradeLogic.crossInitial(st.state, keeper, block)
                .map(x -> st.receipt(config.gas().trade()));
    }

    /** Restarts an auction from the current oracle price times {@code buf}; mirrors Maker {@code Clipper.redo}. */
    public static Either<Revert, Receipt> redo(ProtocolState state, Tx.Redo tx, BlockContext block) {
        Either<Revert, LiquidationPolicy.DutchAuction> found = policy(state, "Redo");
        if (found.isLeft()) {
            return Either.left(found.getLeft());
        }
        LiquidationPolicy.DutchAuction policy = found.get();
        Auction a = state.auctions().get(tx.auction()).getOrNull();
        if (a == null) {
            return Either.left(new Revert.NoSuchAuction(tx.auction()));
        }
        I256 price = price(policy.curve(), a.top(), block.timestamp() - a.tic());
        if (!needsRedo(policy, a, price, block.timestamp())) {
            return Either.left(new Revert.AuctionCannotReset(tx.auction()));
        }
        Either<Revert, Quote> q = MarginLogic.assetPrice(state.config(), a.asset(), block);
        if (q.isLeft()) {
            return Either.left(q.getLeft());
        }
        Step st = new Step(state);
        I256 top = FixedPoint.wadMulFloor(q.get().price(), policy.buf().raw());
        st.state = st.state.withAuction(
                tx.auction(),
                Option.some(new Auction(
                        a.owner(),
                        a.asset(),
                        a.tab(),
                        a.lot(),
                        block.timestamp(),
                        top,
                        q.get().decimals())));
        // Maker pays the incentive again only if the auction is not dust
        I256 incentive = a.tab().lt(MarginLogic.penaltyOwed(policy.dust().toI256(), policy.chop()))
                ? I256.ZERO
                : incentive(st, policy, block.sender(), a.tab());
        st.emit(new Event.AuctionKicked(
                tx.auction(), a.owner(), a.asset(), a.tab(), a.lot(), top, block.sender(), incentive, true));
        return Either.right(st.receipt(state.config().gas().liquidateBase()));
    }

    /** Base units of collateral {@code value} buys at the quote, rounded down (Maker's {@code slice = owe / price}). */
    private static I256 collateralFor(I256 value, int assetDecimals, Quote q, int settlementDecimals) {
        int shift = assetDecimals + q.decimals() - settlementDecimals;
        return shift >= 0
                ? FixedPoint.mulDiv(value, Units.pow10(shift), q.price(), Rounding.FLOOR)
                : value.divide(q.price().times(Units.pow10(-shift)), Rounding.FLOOR);
    }
}
