package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.view.Views;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Keeps cross accounts and isolated positions ordered by liquidation price, per price key, and looks only at those the
 * current price has reached; finds exactly the targets a {@link FullScan} finds.
 *
 * <p>A cross account whose risk hangs on one price key (its positions and non-settlement collateral all priced by it,
 * in markets without funding) has a margin gap (margin equity minus maintenance requirement) that is linear in that
 * price up to the contract's roundings, a few base units per term; so has an isolated position in a market without
 * funding, whose bucket holds only settlement units. The index fits the line at the price it sees and at twice that,
 * solves for the liquidation price {@code L}, and widens it by a band that covers the roundings (and the error they put
 * into the fitted slope). Beyond the band on the unhealthy side the target is liquidatable for certain (if the price is
 * valid for it); inside the band it is checked exactly with {@link Views#isLiquidatable} or
 * {@link Views#isIsolatedLiquidatable}; on the healthy side it is not looked at at all. Long exposures sit in a set
 * ordered by upper bound, descending, short ones by lower bound, ascending, so the targets the price has reached are a
 * prefix of each: the work per block is {@code O(r + t log n)} for {@code r} targets reached and {@code t} accounts
 * touched, not {@code O(n)}.
 *
 * <p>Targets the line does not describe are watched (checked exactly every block): a cross account with several price
 * keys, a position in a market with funding (pending funding moves with time and price), a price missing when indexed,
 * or a slope too flat for the band. A target without risk (no position and no debt; a flat isolated bucket) is left
 * out until a transaction touches its account. Touched accounts ({@link KeeperView#touched()}) are placed again from
 * scratch, their isolated positions with them.
 */
public record LiquidationIndex() implements Scanner<LiquidationIndex.State> {

    /**
     * One indexed target.
     *
     * @param target the cross account or isolated position
     * @param key the price key its risk hangs on
     * @param longSide whether it is liquidatable below its liquidation price (net long exposure)
     * @param bound the price from which it may be liquidatable: {@code L + band} for a long side, {@code L - band}
     *     for a short side
     * @param sure the price beyond which it surely is: {@code L - band} (long), {@code L + band} (short)
     * @param decimals the decimals of the answer it was fitted at; another decimals means an exact check
     * @param maxAge the smallest maximum oracle age among its assets and markets, in seconds
     */
    public record Entry(
            Target target, String key, boolean longSide, I256 bound, I256 sure, int decimals, long maxAge) {}

    /**
     * The targets of one price key, long and short sides.
     *
     * @param longs the long sides, highest bound first
     * @param shorts the short sides, lowest bound first
     */
    public record Book(TreeSet<Entry> longs, TreeSet<Entry> shorts) {
        static final Book EMPTY = new Book(TreeSet.empty(LONGS), TreeSet.empty(SHORTS));

        Book with(Entry e) {
            return e.longSide() ? new Book(longs.add(e), shorts) : new Book(longs, shorts.add(e));
        }

        Book without(Entry e) {
            return e.longSide() ? new Book(longs.remove(e), shorts) : new Book(longs, shorts.remove(e));
        }
    }

    /**
     * The index.
     *
     * @param built whether every account has been placed once
     * @param books per price key
     * @param entries the indexed targets of each account, where each sits
     * @param watched the targets of each account that are checked exactly every block
     */
    public record State(
            boolean built,
            TreeMap<String, Book> books,
            HashMap<AccountId, Vector<Entry>> entries,
            TreeMap<AccountId, Vector<Target>> watched) {

        static final State EMPTY = new State(false, TreeMap.empty(), HashMap.empty(), TreeMap.empty());

        /** {@return the number of targets in the ordered books} */
        public int indexed() {
            return entries.values().foldLeft(0, (n, v) -> n + v.size());
        }

        State remove(AccountId id) {
            TreeMap<String, Book> b = books;
            for (Entry old : entries.get(id).getOrElse(Vector.empty())) {
                b = b.put(old.key(), b.get(old.key()).get().without(old));
            }
            return new State(built, b, entries.remove(id), watched.remove(id));
        }

        State place(ProtocolState state, Account account, BlockContext block) {
            Vector<Placement> placements = Vector.of(placement(state, account, block));
            for (var isolated : account.isolated()) {
                placements = placements.append(placement(state, account.id(), isolated._1, isolated._2, block));
            }
            TreeMap<String, Book> b = books;
            Vector<Entry> indexed = Vector.empty();
            Vector<Target> watch = Vector.empty();
            for (Placement p : placements) {
                switch (p) {
                    case Placement.Indexed i -> {
                        Entry e = i.entry();
                        b = b.put(e.key(), b.get(e.key()).getOrElse(Book.EMPTY).with(e));
                        indexed = indexed.append(e);
                    }
                    case Placement.Watched w -> watch = watch.append(w.target());
                    case Placement.Ignored g -> {}
                }
            }
            return new State(
                    built,
                    b,
                    indexed.isEmpty() ? entries : entries.put(account.id(), indexed),
                    watch.isEmpty() ? watched : watched.put(account.id(), watch));
        }
    }

    private static final Comparator<Entry> BY_TARGET = Comparator.comparing(Entry::target);
    private static final Comparator<Entry> LONGS =
            Comparator.comparing(Entry::bound).reversed().thenComparing(BY_TARGET);
    private static final Comparator<Entry> SHORTS =
            Comparator.comparing(Entry::bound).thenComparing(BY_TARGET);

    @Override
    public State start() {
        return State.EMPTY;
    }

    @Override
    public Scan<State> scan(KeeperView view, State state) {
        State st = state.built() ? update(view, state) : build(view);
        return new Scan<>(liquidatable(view, st), st);
    }

    /** {@return the index of every account of the view's state} */
    public static State build(KeeperView view) {
        BlockContext ctx = view.context();
        State st = State.EMPTY;
        for (Account a : view.state().accounts().values()) {
            st = st.place(view.state(), a, ctx);
        }
        return new State(true, st.books(), st.entries(), st.watched());
    }

    private static State update(KeeperView view, State state) {
        BlockContext ctx = view.context();
        State st = state;
        for (AccountId id : view.touched()) {
            st = st.remove(id);
            Account a = view.state().account(id).getOrNull();
            if (a != null) {
                st = st.place(view.state(), a, ctx);
            }
        }
        return st;
    }

    /** Books in price-key order, each long side then short side nearest the price first, then watched targets. */
    private static Vector<Target> liquidatable(KeeperView view, State st) {
        ProtocolState state = view.state();
        BlockContext ctx = view.context();
        List<Target> out = new ArrayList<>();
        for (var book : st.books()) {
            OracleAnswer answer = view.prices().get(book._1).getOrNull();
            if (answer == null) {
                continue; // every target of this key needs the missing price: none is liquidatable
            }
            I256 p = answer.answer();
            for (Entry e : book._2.longs()) {
                if (e.bound().lt(p)) {
                    break;
                }
                consider(out, view, e, answer, state, ctx, e.decimals() == answer.decimals() && p.lt(e.sure()));
            }
            for (Entry e : book._2.shorts()) {
                if (e.bound().gt(p)) {
                    break;
                }
                consider(out, view, e, answer, state, ctx, e.decimals() == answer.decimals() && p.gt(e.sure()));
            }
        }
        for (var watched : st.watched()) {
            if (Strategies.isTarget(view, watched._1)) {
                for (Target t : watched._2) {
                    if (isLiquidatable(state, t, ctx)) {
                        out.add(t);
                    }
                }
            }
        }
        return Vector.ofAll(out);
    }

    /** {@return whether the contract's view says the target is liquidatable; a revert (a bad price) says no} */
    static boolean isLiquidatable(ProtocolState state, Target target, BlockContext ctx) {
        return switch (target) {
            case Target.Cross c -> Views.isLiquidatable(state, c.account(), ctx).getOrElse(false);
            case Target.Isolated i ->
                Views.isIsolatedLiquidatable(state, i.account(), i.market(), ctx)
                        .getOrElse(false);
        };
    }

    private static void consider(
            List<Target> out,
            KeeperView view,
            Entry e,
            OracleAnswer answer,
            ProtocolState state,
            BlockContext ctx,
            boolean sure) {
        if (!Strategies.isTarget(view, e.target().account())) {
            return;
        }
        if (sure) {
            if (answer.answer().isPositive() && ctx.timestamp() - answer.updatedAt() <= e.maxAge()) {
                out.add(e.target());
            }
        } else if (isLiquidatable(state, e.target(), ctx)) {
            out.add(e.target());
        }
    }

    /** Where a target goes. */
    sealed interface Placement {
        record Indexed(Entry entry) implements Placement {}

        record Watched(Target target) implements Placement {}

        record Ignored() implements Placement {}
    }

    private static final Placement IGNORED = new Placement.Ignored();

    /** {@return where the cross side of {@code a} goes} */
    static Placement placement(ProtocolState state, Account a, BlockContext block) {
        ProtocolConfig config = state.config();
        Target target = new Target.Cross(a.id());
        Placement watched = new Placement.Watched(target);
        TreeSet<String> keys = TreeSet.empty();
        long maxAge = Long.MAX_VALUE;
        long terms = 0;
        boolean debt = false;
        for (var b : a.balances()) {
            terms++;
            if (b._1.equals(config.settlementAsset())) {
                debt |= b._2.isNegative();
                continue;
            }
            AssetConfig asset = config.assets().get(b._1).get();
            keys = keys.add(asset.priceKey().get());
            maxAge = Math.min(maxAge, asset.maxOracleAge());
            debt |= b._2.isNegative();
        }
        for (var p : a.positions()) {
            MarketConfig m = config.markets().get(p._1).get();
            if (!m.maxFundingRatePerDay().raw().isZero()) {
                return watched;
            }
            keys = keys.add(config.assets().get(m.underlying()).get().priceKey().get());
            maxAge = Math.min(maxAge, m.maxOracleAge());
            terms++;
        }
        if (a.positions().isEmpty() && !debt) {
            return IGNORED; // no risk: only a transaction, which touches it, can make it liquidatable
        }
        if (keys.size() != 1) {
            return watched;
        }
        String key = keys.head();
        return fit(target, ctx -> MarginLogic.cross(state, a, ctx), block, key, maxAge, terms);
    }

    /** {@return where the isolated position of {@code account} in {@code market} goes} */
    static Placement placement(
            ProtocolState state, AccountId account, MarketId market, IsolatedPosition position, BlockContext block) {
        if (position.position().isFlat()) {
            return IGNORED; // only margin in the bucket: no risk until a transaction touches it
        }
        ProtocolConfig config = state.config();
        Target target = new Target.Isolated(account, market);
        MarketConfig m = config.markets().get(market).get();
        if (!m.maxFundingRatePerDay().raw().isZero()) {
            return new Placement.Watched(target);
        }
        String key = config.assets().get(m.underlying()).get().priceKey().get();
        // one term: the position (its value, notional and requirement each rounded once)
        return fit(target, ctx -> MarginLogic.isolated(state, market, position, ctx), block, key, m.maxOracleAge(), 1);
    }

    private static Placement fit(
            Target target,
            Function<BlockContext, Either<Revert, AccountData>> measure,
            BlockContext block,
            String key,
            long maxAge,
            long n) {
        OracleAnswer answer = block.prices().get(key).getOrNull();
        if (answer == null || !answer.answer().isPositive()) {
            return new Placement.Watched(target);
        }
        try {
            return fit(target, measure, block, key, answer, maxAge, n);
        } catch (PanicException e) {
            return new Placement.Watched(target);
        }
    }

    private static Placement fit(
            Target target,
            Function<BlockContext, Either<Revert, AccountData>> measure,
            BlockContext block,
            String key,
            OracleAnswer answer,
            long maxAge,
            long n) {
        // measure as if the answer were fresh: only the line matters here, staleness is judged per block
        I256 p0 = answer.answer();
        Either<Revert, AccountData> d0 = measure.apply(at(block, key, answer, p0));
        Either<Revert, AccountData> d1 = measure.apply(at(block, key, answer, p0.times(I256.of(2))));
        if (d0.isLeft() || d1.isLeft()) {
            return new Placement.Watched(target);
        }
        if (!d0.get().hasRisk()) {
            return IGNORED;
        }
        I256 g0 = d0.get().marginEquity().minus(d0.get().maintenanceRequirement());
        I256 g1 = d1.get().marginEquity().minus(d1.get().maintenanceRequirement());
        I256 s = g1.minus(g0); // gap per p0 of price
        // each term (value, weight, notional, requirement) is off the line by less than 2 units
        I256 err = I256.of(4 * n + 4);
        I256 abs = s.abs();
        if (!abs.gt(err.times(I256.of(4)))) {
            return new Placement.Watched(target);
        }
        // the line: gap(p) = g0 + s (p - p0) / p0 = 0 at L = p0 (s - g0) / s
        I256 l = p0.times(s.minus(g0)).divide(s, Rounding.FLOOR);
        // L moves by at most p0 err / |s| for the offset and p0 |g0| 2 err / s^2 for the slope; both doubled, with the
        // slope's own error taken off the denominator
        I256 denom = abs.minus(err.times(I256.of(2)));
        I256 band = p0.times(err)
                .times(abs.times(I256.of(2)).plus(g0.abs().times(I256.of(4))))
                .divide(denom.times(denom), Rounding.CEIL)
                .plus(I256.of(2));
        boolean longSide = s.isPositive();
        Entry e = longSide
                ? new Entry(target, key, true, l.plus(band), l.minus(band), answer.decimals(), maxAge)
                : new Entry(target, key, false, l.minus(band), l.plus(band), answer.decimals(), maxAge);
        return new Placement.Indexed(e);
    }

    private static BlockContext at(BlockContext block, String key, OracleAnswer answer, I256 price) {
        OracleAnswer fresh = new OracleAnswer(price, answer.decimals(), answer.updatedAt());
        return new BlockContext(
                answer.updatedAt(),
                answer.updatedAt(),
                block.sender(),
                block.prices().put(key, fresh));
    }
}
