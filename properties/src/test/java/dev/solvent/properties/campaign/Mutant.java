package dev.solvent.properties.campaign;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.config.MarketConfig;
import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.logic.MarginLogic;
import dev.solvent.model.logic.Quote;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.math.Wad;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.Auction;
import dev.solvent.model.state.IsolatedPosition;
import dev.solvent.model.state.Ledger;
import dev.solvent.model.state.LiquidationRecord;
import dev.solvent.model.state.Position;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * Deliberately broken variants of the model, built without touching its code: each wraps {@link MarginEngine#execute}
 * and post-processes (or re-runs on a doctored state) one kind of transaction the way a plausible bug would. The
 * default campaign must catch every one of them; {@link TeethProperties} checks that it does, so a weakened campaign
 * fails the build.
 */
enum Mutant implements Engine {

    /** The penalty is charged in full, as computed before the cap at what the account has. */
    PENALTY_BEFORE_CAP {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate x) || r.isLeft()) {
                return r;
            }
            Receipt receipt = r.get();
            Event.AccountLiquidated e = liquidated(receipt);
            I256 due = penaltyDue(s.config(), e.closed(), b);
            I256 extra = due.minus(e.penalty());
            if (!extra.isPositive()) {
                return r;
            }
            ProtocolState next = settle(receipt.state(), x.account(), extra.negate());
            next = next.withInsuranceFund(next.insuranceFund().plus(extra));
            Event.AccountLiquidated changed = new Event.AccountLiquidated(
                    e.account(),
                    e.keeper(),
                    e.receiver(),
                    e.closed(),
                    e.closedNotional(),
                    due,
                    e.keeperReward(),
                    e.insuranceContribution().plus(extra),
                    e.shortfall());
            return Either.right(new Receipt(next, receipt.events().replace(e, changed), receipt.gasUsed()));
        }
    },

    /** A taker pays one unit less than the exact cost whenever the cost is not a whole number of units. */
    ROUNDING_IN_USERS_FAVOUR {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Trade x) || r.isLeft()) {
                return r;
            }
            ProtocolConfig c = s.config();
            MarketConfig m = c.markets().get(x.market()).get();
            int du = c.assets().get(m.underlying()).get().decimals();
            int dp = answer(c, m.underlying(), b).decimals();
            int shift = du + dp - c.settlement().decimals();
            if (shift <= 0) {
                return r;
            }
            BigInteger product = x.size().toBigInteger().multiply(x.price().toBigInteger());
            if (product.mod(BigInteger.TEN.pow(shift)).signum() == 0) {
                return r;
            }
            Receipt receipt = r.get();
            ProtocolState next = adjustQuote(receipt.state(), x.taker(), x.market(), I256.ONE);
            next = adjustQuote(next, x.maker(), x.market(), I256.ONE.negate());
            Vector<Event> events = receipt.events()
                    .map(e -> e instanceof Event.PositionModified p
                            ? new Event.PositionModified(
                                    p.account(),
                                    p.market(),
                                    p.isolated(),
                                    p.sizeDelta(),
                                    p.price(),
                                    p.newSize(),
                                    p.quoteDelta().plus(p.account().equals(x.taker()) ? I256.ONE : I256.ONE.negate()),
                                    p.fee())
                            : e);
            return Either.right(new Receipt(next, events, receipt.gasUsed()));
        }
    },

    /** An account-wide liquidation forgets the account's last cross position when it has more than one. */
    FORGETS_ONE_POSITION {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate x) || r.isLeft()) {
                return r;
            }
            Account a = s.account(x.account()).get();
            if (a.positions().size() < 2) {
                return r;
            }
            MarketId last = a.positions().keySet().last();
            Position p = a.positions().get(last).get();
            AccountId hidden = AccountId.of("~hidden");
            ProtocolState doctored = s.withAccount(a.withoutPosition(last))
                    .withAccount(Account.empty(hidden).withPosition(last, p));
            Either<Revert, Receipt> forgetful = MarginEngine.execute(doctored, tx, b);
            if (forgetful.isLeft()) {
                return r;
            }
            ProtocolState after = forgetful.get().state();
            Position kept = after.account(hidden).get().position(last).get();
            ProtocolState restored = new ProtocolState(
                    after.config(),
                    after.accounts().remove(hidden),
                    after.markets(),
                    after.insuranceFund(),
                    after.feePool(),
                    after.ledger(),
                    after.reserves(),
                    after.collateralReserves(),
                    after.auctions(),
                    after.nextAuctionId(),
                    after.lastPartialLiquidation(),
                    after.flagged(),
                    after.liquidations());
            restored = restored.withAccount(restored.accountOrEmpty(x.account()).withPosition(last, kept));
            return Either.right(new Receipt(
                    restored, forgetful.get().events(), forgetful.get().gasUsed()));
        }
    },

    /** The insurance fund pays every shortfall in full, going negative instead of leaving bad debt. */
    FUND_GOES_NEGATIVE {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (r.isLeft()) {
                return r;
            }
            Receipt receipt = r.get();
            Vector<Event.BadDebtRecorded> bad = receipt.events()
                    .filter(Event.BadDebtRecorded.class::isInstance)
                    .map(Event.BadDebtRecorded.class::cast);
            if (bad.isEmpty()) {
                return r;
            }
            I256 amount = bad.map(Event.BadDebtRecorded::amount).foldLeft(I256.ZERO, I256::plus);
            ProtocolState next = receipt.state();
            Ledger l = next.ledger();
            next = next.withInsuranceFund(next.insuranceFund().minus(amount))
                    .withLedger(new Ledger(
                            l.netInflow(),
                            l.shortfallCovered().plus(amount),
                            l.socializedLoss(),
                            l.deleveraged(),
                            l.badDebt().minus(amount)));
            Vector<Event> events = receipt.events()
                    .map(e -> e instanceof Event.BadDebtRecorded d
                            ? new Event.ShortfallCovered(d.account(), d.amount())
                            : e);
            return Either.right(new Receipt(next, events, receipt.gasUsed()));
        }
    },

    /** The keeper always earns its flat reward, the part above the penalty paid out of the insurance fund. */
    KEEPER_PAID_BEYOND_PENALTY {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate) || r.isLeft()) {
                return r;
            }
            Receipt receipt = r.get();
            Event.AccountLiquidated e = liquidated(receipt);
            I256 flat = s.config().keeperReward().flat().toI256();
            I256 extra = flat.minus(e.keeperReward());
            if (!extra.isPositive()) {
                return r;
            }
            ProtocolState next = settle(receipt.state(), b.sender(), extra);
            next = next.withInsuranceFund(next.insuranceFund().minus(extra));
            Event.AccountLiquidated changed = new Event.AccountLiquidated(
                    e.account(),
                    e.keeper(),
                    e.receiver(),
                    e.closed(),
                    e.closedNotional(),
                    e.penalty(),
                    e.keeperReward().plus(extra),
                    e.insuranceContribution().minus(extra),
                    e.shortfall());
            return Either.right(new Receipt(next, receipt.events().replace(e, changed), receipt.gasUsed()));
        }
    },

    /** An account is liquidatable below its initial requirement, not its maintenance requirement. */
    LIQUIDATES_BELOW_INITIAL {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate) || !(r.isLeft() && r.getLeft() instanceof Revert.NotLiquidatable)) {
                return r;
            }
            ProtocolConfig c = s.config();
            TreeMap<MarketId, MarketConfig> markets = c.markets()
                    .mapValues(m -> new MarketConfig(
                            m.id(),
                            m.underlying(),
                            m.initialMargin(),
                            new Wad(m.initialMargin().raw().minus(I256.ONE)),
                            m.liquidationPenalty(),
                            m.maxOpenInterest(),
                            m.priceBand(),
                            m.maxOracleAge(),
                            m.maxFundingRatePerDay(),
                            m.takerFee(),
                            m.makerFee()));
            ProtocolConfig eager = new ProtocolConfig(
                    c.settlementAsset(),
                    c.assets(),
                    markets,
                    c.keeperReward(),
                    c.receiver(),
                    c.shortfall(),
                    c.gas(),
                    c.liquidation());
            Either<Revert, Receipt> early = MarginEngine.execute(s.withConfig(eager), tx, b);
            return early.map(e -> new Receipt(e.state().withConfig(c), e.events(), e.gasUsed()))
                    .orElse(r);
        }
    },

    /** A withdrawal checks the balance but forgets the margin check. */
    WITHDRAWAL_WITHOUT_MARGIN_CHECK {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Withdraw x) || !(r.isLeft() && r.getLeft() instanceof Revert.InsufficientMargin)) {
                return r;
            }
            I256 amount = x.amount().toI256();
            Account a = s.account(x.account()).get();
            ProtocolState next = s.withAccount(a.plusBalance(x.asset(), amount.negate()))
                    .withLedger(s.ledger().plusInflow(x.asset(), amount.negate()));
            return Either.right(new Receipt(
                    next,
                    Vector.of(new Event.Withdrawn(x.account(), x.asset(), amount)),
                    s.config().gas().withdraw()));
        }
    },

    /** An isolated liquidation takes its penalty from the owner's cross balance and leaves it in the bucket. */
    ISOLATED_PENALTY_FROM_CROSS {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.LiquidateIsolated x) || r.isLeft()) {
                return r;
            }
            Receipt receipt = r.get();
            Event.IsolatedPositionLiquidated e = receipt.events()
                    .filter(Event.IsolatedPositionLiquidated.class::isInstance)
                    .map(Event.IsolatedPositionLiquidated.class::cast)
                    .head();
            if (!e.penalty().isPositive()) {
                return r;
            }
            ProtocolState next =
                    settle(receipt.state(), x.account(), e.penalty().negate());
            Account owner = next.account(x.account()).get();
            IsolatedPosition bucket = owner.isolated()
                    .get(x.market())
                    .getOrElse(new IsolatedPosition(
                            Position.empty(next.market(x.market()).fundingIndex()), I256.ZERO));
            next = next.withAccount(owner.withIsolated(
                    x.market(), bucket.withMargin(bucket.margin().plus(e.penalty()))));
            return Either.right(new Receipt(next, receipt.events(), receipt.gasUsed()));
        }
    },

    /** A socialized loss is shared equally by the accounts that bear it, not pro rata to their balances. */
    SOCIALIZED_EQUALLY {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (r.isLeft()) {
                return r;
            }
            Receipt receipt = r.get();
            Vector<Event.LossSocialized> shares = receipt.events()
                    .filter(Event.LossSocialized.class::isInstance)
                    .map(Event.LossSocialized.class::cast);
            if (shares.size() < 2) {
                return r;
            }
            I256 total = shares.map(Event.LossSocialized::amount).foldLeft(I256.ZERO, I256::plus);
            I256 each = total.divide(I256.of(shares.size()), dev.solvent.model.math.Rounding.FLOOR);
            I256 rest = total.minus(each.times(I256.of(shares.size())));
            ProtocolState next = receipt.state();
            Vector<Event> events = receipt.events();
            for (int i = 0; i < shares.size(); i++) {
                Event.LossSocialized old = shares.get(i);
                I256 share = i == 0 ? each.plus(rest) : each;
                next = settle(next, old.account(), old.amount().minus(share));
                events = events.replace(old, new Event.LossSocialized(old.account(), share));
            }
            return Either.right(new Receipt(next, events, receipt.gasUsed()));
        }
    },

    /** A take sells more than the lot: the keeper gets what is left of it and one unit more, the lot goes negative. */
    AUCTION_OVERSOLD {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Take x) || r.isLeft()) {
                return r;
            }
            ProtocolState next = r.get().state();
            Auction a = next.auctions().get(x.auction()).getOrNull();
            if (a == null) {
                return r;
            }
            I256 extra = a.lot().plus(I256.ONE);
            next = next.withAuction(
                            x.auction(),
                            Option.some(new Auction(
                                    a.owner(),
                                    a.asset(),
                                    a.tab(),
                                    a.lot().minus(extra),
                                    a.tic(),
                                    a.top(),
                                    a.decimals())))
                    .withAccount(next.accountOrEmpty(b.sender()).plusBalance(a.asset(), extra));
            return Either.right(new Receipt(next, r.get().events(), r.get().gasUsed()));
        }
    },

    /** A take that leaves the auction running raises its start price by 1%: the price climbs without a reset. */
    AUCTION_PRICE_CLIMBS {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Take x) || r.isLeft()) {
                return r;
            }
            ProtocolState next = r.get().state();
            Auction a = next.auctions().get(x.auction()).getOrNull();
            if (a == null) {
                return r;
            }
            I256 top =
                    a.top().plus(a.top().divide(I256.of(100), Rounding.FLOOR)).plus(I256.ONE);
            next = next.withAuction(
                    x.auction(),
                    Option.some(new Auction(a.owner(), a.asset(), a.tab(), a.lot(), a.tic(), top, a.decimals())));
            return Either.right(new Receipt(next, r.get().events(), r.get().gasUsed()));
        }
    },

    /** An auction that ends hands what is left of its lot to the keeper, not to the owner. */
    LEFTOVERS_KEPT {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Take x) || r.isLeft()) {
                return r;
            }
            Event.AuctionEnded ended = r.get()
                    .events()
                    .filter(Event.AuctionEnded.class::isInstance)
                    .map(Event.AuctionEnded.class::cast)
                    .headOption()
                    .getOrNull();
            Auction a = s.auctions().get(x.auction()).getOrNull();
            if (ended == null
                    || a == null
                    || !ended.returned().isPositive()
                    || a.owner().equals(b.sender())) {
                return r;
            }
            ProtocolState next = r.get().state();
            next = next.withAccount(next.accountOrEmpty(a.owner())
                    .plusBalance(a.asset(), ended.returned().negate()));
            next = next.withAccount(next.accountOrEmpty(b.sender()).plusBalance(a.asset(), ended.returned()));
            return Either.right(new Receipt(next, r.get().events(), r.get().gasUsed()));
        }
    },

    /** An absorption credits the account the collateral's whole value, without the liquidation factor. */
    ABSORBS_AT_FULL_VALUE {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate x) || r.isLeft()) {
                return r;
            }
            ProtocolConfig c = s.config();
            ProtocolState next = r.get().state();
            Vector<Event> events = r.get().events();
            for (Event.CollateralAbsorbed e : events.filter(Event.CollateralAbsorbed.class::isInstance)
                    .map(Event.CollateralAbsorbed.class::cast)) {
                if (!e.amount().isPositive()) {
                    continue;
                }
                AssetConfig asset = c.assets().get(e.asset()).get();
                OracleAnswer o = answer(c, e.asset(), b);
                I256 full = MarginLogic.collateralValue(
                        e.amount(),
                        asset.decimals(),
                        new Quote("", o.answer(), o.decimals()),
                        c.settlement().decimals());
                I256 extra = full.minus(e.value());
                if (!extra.isPositive()) {
                    continue;
                }
                next = settle(next, x.account(), extra)
                        .withReserves(next.reserves().minus(extra));
                events = events.replace(
                        e,
                        new Event.CollateralAbsorbed(
                                e.account(), e.asset(), e.amount(), e.value().plus(extra)));
            }
            return Either.right(new Receipt(next, events, r.get().gasUsed()));
        }
    },

    /** A window-capped liquidation forgets what the window already liquidated, so every call gets a whole cap. */
    WINDOW_FORGOTTEN {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate) || r.isLeft() || s.liquidations().isEmpty()) {
                return r;
            }
            ProtocolState forgetful = s;
            for (MarketId m : s.liquidations().keySet()) {
                forgetful = forgetful.withLiquidations(m, Vector.empty());
            }
            Either<Revert, Receipt> again = MarginEngine.execute(forgetful, tx, b);
            if (again.isLeft()) {
                return r;
            }
            ProtocolState next = again.get().state();
            for (MarketId m : s.config().markets().keySet()) {
                Vector<LiquidationRecord> old = s.liquidations(m);
                Vector<LiquidationRecord> fresh = next.liquidations(m);
                if (fresh.isEmpty() || fresh.last().timestamp() != b.timestamp()) {
                    next = next.withLiquidations(m, old);
                    continue;
                }
                I256 now = fresh.last().amount();
                Vector<LiquidationRecord> merged = !old.isEmpty() && old.last().timestamp() == b.timestamp()
                        ? old.init()
                                .append(new LiquidationRecord(
                                        b.timestamp(), old.last().amount().plus(now)))
                        : old.append(new LiquidationRecord(b.timestamp(), now));
                next = next.withLiquidations(m, merged);
            }
            return Either.right(
                    new Receipt(next, again.get().events(), again.get().gasUsed()));
        }
    },

    /**
     * A vault takeover of an underwater account leaves the loss with the vault, as the model did before issue 17: the
     * same takeover run on the account topped up by its shortfall (equity exactly zero, nothing for the fund or the
     * shortfall policy), then the top-up taken back out of the vault. Value is conserved and every shortfall event
     * adds up; only the vault's claim shows the loss.
     */
    VAULT_ABSORBS_LOSS {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate x)
                    || r.isLeft()
                    || !(s.config().liquidation()
                            instanceof dev.solvent.model.policy.LiquidationPolicy.BackstopVault v)) {
                return r;
            }
            Event.AccountBackstopped e = r.get()
                    .events()
                    .filter(Event.AccountBackstopped.class::isInstance)
                    .map(Event.AccountBackstopped.class::cast)
                    .headOption()
                    .getOrNull();
            if (e == null || !e.shortfall().isPositive()) {
                return r;
            }
            AssetId settlement = s.config().settlementAsset();
            I256 loss = e.shortfall();
            ProtocolState doctored =
                    settle(s, x.account(), loss).withLedger(s.ledger().plusInflow(settlement, loss));
            Either<Revert, Receipt> again = MarginEngine.execute(doctored, tx, b);
            if (again.isLeft()) {
                return r;
            }
            ProtocolState next = settle(again.get().state(), v.vault(), loss.negate());
            next = next.withLedger(next.ledger().plusInflow(settlement, loss.negate()));
            return Either.right(
                    new Receipt(next, again.get().events(), again.get().gasUsed()));
        }
    },

    /** A fillable-price liquidation takes everything above bankruptcy as its fee, past the fee cap. */
    FEE_UNCAPPED {
        @Override
        Either<Revert, Receipt> mutate(ProtocolState s, Tx tx, BlockContext b, Either<Revert, Receipt> r) {
            if (!(tx instanceof Tx.Liquidate x) || r.isLeft()) {
                return r;
            }
            Event.FillableLiquidation e = r.get()
                    .events()
                    .filter(Event.FillableLiquidation.class::isInstance)
                    .map(Event.FillableLiquidation.class::cast)
                    .headOption()
                    .getOrNull();
            if (e == null) {
                return r;
            }
            I256 room = e.closed().value().minus(e.bankruptcyValue());
            I256 extra = room.minus(e.fee());
            if (!e.fee().isPositive() || !extra.isPositive()) {
                return r;
            }
            ProtocolState next = settle(r.get().state(), x.account(), extra.negate());
            next = next.withInsuranceFund(next.insuranceFund().plus(extra));
            Event.FillableLiquidation changed = new Event.FillableLiquidation(
                    e.account(),
                    e.keeper(),
                    e.receiver(),
                    e.closed(),
                    e.oracleValue(),
                    e.maxSpread(),
                    e.bankruptcyValue(),
                    room,
                    e.shortfall());
            return Either.right(new Receipt(
                    next, r.get().events().replace(e, changed), r.get().gasUsed()));
        }
    };

    abstract Either<Revert, Receipt> mutate(ProtocolState state, Tx tx, BlockContext block, Either<Revert, Receipt> r);

    @Override
    public Either<Revert, Receipt> execute(ProtocolState state, Tx tx, BlockContext block) {
        return mutate(state, tx, block, MarginEngine.execute(state, tx, block));
    }

    // ---- helpers

    static Event.AccountLiquidated liquidated(Receipt r) {
        return r.events()
                .filter(Event.AccountLiquidated.class::isInstance)
                .map(Event.AccountLiquidated.class::cast)
                .head();
    }

    static ProtocolState settle(ProtocolState s, AccountId id, I256 delta) {
        return s.withAccount(s.accountOrEmpty(id).plusBalance(s.config().settlementAsset(), delta));
    }

    static ProtocolState adjustQuote(ProtocolState s, AccountId id, MarketId m, I256 delta) {
        Account a = s.accountOrEmpty(id);
        Position p = a.position(m).getOrNull();
        return p == null
                ? settle(s, id, delta)
                : s.withAccount(a.withPosition(m, p.withQuote(p.quote().plus(delta))));
    }

    static OracleAnswer answer(ProtocolConfig c, AssetId asset, BlockContext b) {
        AssetConfig a = c.assets().get(asset).get();
        return b.prices().get(a.priceKey().get()).get();
    }

    static I256 penaltyDue(ProtocolConfig c, Vector<Event.ClosedPosition> closed, BlockContext b) {
        I256 due = I256.ZERO;
        for (Event.ClosedPosition p : closed) {
            MarketConfig m = c.markets().get(p.market()).get();
            int du = c.assets().get(m.underlying()).get().decimals();
            Quote q = new Quote("", p.price(), answer(c, m.underlying(), b).decimals());
            I256 notional = MarginLogic.notional(p.size(), du, q, c.settlement().decimals());
            due = due.plus(MarginLogic.penaltyOwed(notional, m.liquidationPenalty()));
        }
        return due;
    }
}
