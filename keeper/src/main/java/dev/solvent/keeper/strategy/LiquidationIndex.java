package dev.solvent.keeper.strategy;

import dev.solvent.keeper.KeeperView;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.MarginLogic.AccountData;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.PanicException;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.view.Views;
import io.vavr.collection.HashMap;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps cross accounts ordered by liquidation price, per price key, and looks only at the accounts the current price
 * has reached; finds exactly the accounts a {@link FullScan} finds.
 *
 * <p>An account whose risk hangs on one price key (its positions and non-settlement collateral all priced by it, in
 * markets without funding) has a margin gap (margin equity minus maintenance requirement) that is linear in that
 * price up to the contract's roundings, a few base units per term. The index fits the line at the price it sees and
 * at twice that, solves for the liquidation price {@code L}, and widens it by a band that covers the roundings (and
 * the error they put into the fitted slope). Beyond the band on the unhealthy side the account is liquidatable for
 * certain (if the price is valid for it); inside the band it is checked exactly with {@link Views#isLiquidatable}; on
 * the healthy side it is not looked at at all. Long exposures sit in a set ordered by upper bound, descending, short
 * ones by lower bound, ascending, so the accounts the price has reached are a prefix of each: the work per block is
 * {@code O(r + t log n)} for {@code r} accounts reached and {@code t} accounts touched, not {@code O(n)}.
 *
 * <p>Accounts the line does not describe are watched (checked exactly every block): several price keys, a position
 * in a market with funding (pending funding moves with time and price), a price missing when indexed, or a slope too
 * flat for the band. An account without risk is left out until a transaction touches it. Touched accounts
 * ({@link KeeperView#touched()}) are placed again from scratch.
 */
public record LiquidationIndex() implements Scanner<LiquidationIndex.State> {

    /**
     * One indexed account.
     *
     * @param account the account
     * @param key the price key its risk hangs on
     * @param longSide whether it is liquidatable below its liquidation price (net long exposure)
     * @param bound the price from which it may be liquidatable: {@code L + band} for a long side, {@code L - band}
     *     for a short side
     * @param sure the price beyond which it surely is: {@code L - band} (long), {@code L + band} (short)
     * @param decimals the decimals of the answer it was fitted at; another decimals means an exact check
     * @param maxAge the smallest maximum oracle age among its assets and markets, in seconds
     */
    public record Entry(
            AccountId account, String key, boolean longSide, I256 bound, I256 sure, int decimals, long maxAge) {}

    /** The accounts of one price key, long and short sides. */
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
     * @param entries where each indexed account sits
     * @param watched accounts checked exactly every block
     */
    public record State(
            boolean built, TreeMap<String, Book> books, HashMap<AccountId, Entry> entries, TreeSet<AccountId> watched) {

        static final State EMPTY = new State(false, TreeMap.empty(), HashMap.empty(), TreeSet.empty());

        /** {@return the number of accounts in the ordered books} */
        public int indexed() {
            return entries.size();
        }

        State remove(AccountId id) {
            Entry old = entries.get(id).getOrNull();
            if (old != null) {
                return new State(
                        built,
                        books.put(old.key(), books.get(old.key()).get().without(old)),
                        entries.remove(id),
                        watched);
            }
            return watched.contains(id) ? new State(built, books, entries, watched.remove(id)) : this;
        }

        State place(ProtocolState state, Account account, BlockContext block) {
            return switch (placement(state, account, block)) {
                case Placement.Indexed i ->
                    new State(
                            built,
                            books.put(
                                    i.entry().key(),
                                    books.get(i.entry().key())
                                            .getOrElse(Book.EMPTY)
                                            .with(i.entry())),
                            entries.put(account.id(), i.entry()),
                            watched);
                case Placement.Watched w -> new State(built, books, entries, watched.add(account.id()));
                case Placement.Ignored g -> this;
            };
        }
    }

    private static final Comparator<Entry> BY_ACCOUNT = Comparator.comparing(Entry::account);
    private static final Comparator<Entry> LONGS =
            Comparator.comparing(Entry::bound).reversed().thenComparing(BY_ACCOUNT);
    private static final Comparator<Entry> SHORTS =
            Comparator.comparing(Entry::bound).thenComparing(BY_ACCOUNT);

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

    /** Books in price-key order, each long side then short side nearest the price first, then watched accounts. */
    private static Vector<AccountId> liquidatable(KeeperView view, State st) {
        ProtocolState state = view.state();
        BlockContext ctx = view.context();
        List<AccountId> out = new ArrayList<>();
        for (var book : st.books()) {
            OracleAnswer answer = view.prices().get(book._1).getOrNull();
            if (answer == null) {
                continue; // every account of this key needs the missing price: none is liquidatable
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
        for (AccountId id : st.watched()) {
            if (Strategies.isTarget(view, id)
                    && Views.isLiquidatable(state, id, ctx).getOrElse(false)) {
                out.add(id);
            }
        }
        return Vector.ofAll(out);
    }

    private static void consider(
            List<AccountId> out,
            KeeperView view,
            Entry e,
            OracleAnswer answer,
            ProtocolState state,
            BlockContext ctx,
            boolean sure) {
        if (!Strategies.isTarget(view, e.account())) {
            return;
        }
        if (sure) {
            if (answer.answer().isPositive() && ctx.timestamp() - answer.updatedAt() <= e.maxAge()) {
                out.add(e.account());
            }
        } else if (Views.isLiquidatable(state, e.account(), ctx).getOrElse(false)) {
            out.add(e.account());
        }
    }

    /** Where an account goes. */
    sealed interface Placement {
        record Indexed(Entry entry) implements Placement {}

        record Watched() implements Placement {}

        record Ignored() implements Placement {}
    }

    private static final Placement WATCHED = new Placement.Watched();
    private static final Placement IGNORED = new Placement.Ignored();

    static Placement placement(ProtocolState state, Account a, BlockContext block) {
        ProtocolConfig config = state.config();
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
                return WATCHED;
            }
            keys = keys.add(config.assets().get(m.underlying()).get().priceKey().get());
            maxAge = Math.min(maxAge, m.maxOracleAge());
            terms++;
        }
        if (a.positions().isEmpty() && !debt) {
            return IGNORED; // no risk: only a transaction, which touches it, can make it liquidatable
        }
        if (keys.size() != 1) {
            return WATCHED;
        }
        String key = keys.head();
        OracleAnswer answer = block.prices().get(key).getOrNull();
        if (answer == null || !answer.answer().isPositive()) {
            return WATCHED;
        }
        try {
            return fit(state, a, block, key, answer, maxAge, terms);
        } catch (PanicException e) {
            return WATCHED;
        }
    }

    private static Placement fit(
            ProtocolState state, Account a, BlockContext block, String key, OracleAnswer answer, long maxAge, long n) {
        // measure as if the answer were fresh: only the line matters here, staleness is judged per block
        I256 p0 = answer.answer();
        Either<?, AccountData> d0 = MarginLogic.cross(state, a, at(block, key, answer, p0));
        Either<?, AccountData> d1 = MarginLogic.cross(state, a, at(block, key, answer, p0.times(I256.of(2))));
        if (d0.isLeft() || d1.isLeft()) {
            return WATCHED;
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
            return WATCHED;
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
                ? new Entry(a.id(), key, true, l.plus(band), l.minus(band), answer.decimals(), maxAge)
                : new Entry(a.id(), key, false, l.minus(band), l.plus(band), answer.decimals(), maxAge);
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
