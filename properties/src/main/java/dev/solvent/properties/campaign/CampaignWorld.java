package dev.solvent.properties.campaign;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.arbitrary.PricePath;
import dev.solvent.properties.invariant.Transition;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;

/**
 * The state of a campaign: the protocol, the chain's block and time, the oracle answers the contract reads, the log
 * of every transaction sent (which a replay file reproduces), the last transition (which the invariants check) and a
 * tally of what happened. Immutable: each step derives a new world.
 *
 * {@snippet :
 * CampaignWorld w = CampaignWorld.genesis(CampaignSetup.standard(config), Engine.MODEL)
 *         .send(new Tx.Deposit(acct1, Standard.USDC, U256.of(5_000_000)), acct1, "acct-1 deposits 5 USDC")
 *         .move(new PricePath.Move(1, 12, TreeMap.of(Standard.ETH_USD, -500)));
 * }
 *
 * @param setup where the campaign started
 * @param engine the engine transactions run through
 * @param state the protocol now
 * @param block the current block number
 * @param time the current block timestamp
 * @param prices the oracle answers the contract reads now
 * @param log every transaction sent since genesis, reverted ones included
 * @param last the last transaction's transition, none after a price move or at genesis
 * @param tally counts of what happened
 * @param steps steps taken since genesis: transactions sent and price moves
 */
public record CampaignWorld(
        CampaignSetup setup,
        Engine engine,
        ProtocolState state,
        long block,
        long time,
        TreeMap<String, OracleAnswer> prices,
        Vector<Sent> log,
        Option<Transition> last,
        Tally tally,
        int steps) {

    /**
     * One transaction as sent: its block (sender and oracle answers included), the transaction, a note for people, and
     * what it did.
     *
     * @param block the block context
     * @param tx the transaction
     * @param note a log line such as {@code liquidate acct-3 @ block 41}
     * @param revert why it reverted, if it did
     * @param events the events it emitted, none if it reverted
     * @param gasUsed the gas its receipt reports, zero if it reverted
     */
    public record Sent(
            BlockContext block, Tx tx, String note, Option<Revert> revert, Vector<Event> events, long gasUsed) {}

    /**
     * What a campaign did, for coverage statistics and claims.
     *
     * @param transactions transactions sent
     * @param reverts transactions that reverted
     * @param liquidations successful liquidations, account-wide and isolated
     * @param shortfalls liquidations that left a shortfall
     * @param covered shortfalls the insurance fund paid, at least in part
     * @param socialized shortfalls that were socialized, at least in part
     * @param deleveraged shortfalls taken from opposite positions, at least in part
     * @param badDebt shortfalls that left bad debt
     * @param priceMoves price moves
     */
    public record Tally(
            int transactions,
            int reverts,
            int liquidations,
            int shortfalls,
            int covered,
            int socialized,
            int deleveraged,
            int badDebt,
            int priceMoves) {

        /** Nothing happened yet. */
        public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0, 0, 0, 0);

        Tally count(Either<Revert, Receipt> r) {
            if (r.isLeft()) {
                return new Tally(
                        transactions + 1,
                        reverts + 1,
                        liquidations,
                        shortfalls,
                        covered,
                        socialized,
                        deleveraged,
                        badDebt,
                        priceMoves);
            }
            Vector<Event> events = r.get().events();
            Vector<Liquidated> liquidated = events.map(Tally::liquidated);
            return new Tally(
                    transactions + 1,
                    reverts,
                    liquidations + once(liquidated.exists(l -> l != Liquidated.NO)),
                    shortfalls + once(liquidated.contains(Liquidated.WITH_SHORTFALL)),
                    covered + once(events.exists(Event.ShortfallCovered.class::isInstance)),
                    socialized + once(events.exists(Event.LossSocialized.class::isInstance)),
                    deleveraged
                            + once(events.exists(x -> x instanceof Event.PositionDeleveraged
                                    || x instanceof Event.PositionAutoDeleveraged)),
                    badDebt + once(events.exists(Event.BadDebtRecorded.class::isInstance)),
                    priceMoves);
        }

        /** {@return one if {@code happened}, else zero: a transaction counts once however many events say so} */
        private static int once(boolean happened) {
            return happened ? 1 : 0;
        }

        /** How one event bears on the liquidation counts. */
        private enum Liquidated {
            /** Not a liquidation. */
            NO,
            /** A liquidation that left no shortfall (or does not report one). */
            YES,
            /** A liquidation that left a shortfall. */
            WITH_SHORTFALL;

            static Liquidated leaving(I256 shortfall) {
                return shortfall.isPositive() ? WITH_SHORTFALL : YES;
            }
        }

        /**
         * {@return whether {@code e} reports a liquidation, and one with a shortfall} Exhaustive, so that a new event
         * must be placed here before the tally compiles.
         */
        private static Liquidated liquidated(Event e) {
            return switch (e) {
                case Event.AccountLiquidated l -> Liquidated.leaving(l.shortfall());
                case Event.IsolatedPositionLiquidated l -> Liquidated.leaving(l.shortfall());
                case Event.LiquidationCalled l -> Liquidated.leaving(l.shortfall());
                case Event.FillableLiquidation l -> Liquidated.leaving(l.shortfall());
                case Event.AccountBackstopped l -> Liquidated.leaving(l.shortfall());
                case Event.AccountAbsorbed l -> Liquidated.YES;
                case Event.WindowLiquidation l -> l.closed().isEmpty() ? Liquidated.NO : Liquidated.YES;
                case Event.Deposited x -> Liquidated.NO;
                case Event.Withdrawn x -> Liquidated.NO;
                case Event.Borrowed x -> Liquidated.NO;
                case Event.Repaid x -> Liquidated.NO;
                case Event.InsuranceFunded x -> Liquidated.NO;
                case Event.PositionModified x -> Liquidated.NO;
                case Event.FundingSettled x -> Liquidated.NO;
                case Event.IsolatedMarginChanged x -> Liquidated.NO;
                case Event.CollateralSeized x -> Liquidated.NO;
                case Event.ShortfallCovered x -> Liquidated.NO;
                case Event.LossSocialized x -> Liquidated.NO;
                case Event.PositionDeleveraged x -> Liquidated.NO;
                case Event.PositionAutoDeleveraged x -> Liquidated.NO;
                case Event.BadDebtRecorded x -> Liquidated.NO;
                case Event.CollateralAbsorbed x -> Liquidated.NO;
                case Event.CollateralBought x -> Liquidated.NO;
                case Event.AuctionKicked x -> Liquidated.NO;
                case Event.AuctionTaken x -> Liquidated.NO;
                case Event.AuctionEnded x -> Liquidated.NO;
                case Event.AccountFlagged x -> Liquidated.NO;
            };
        }

        Tally moved() {
            return new Tally(
                    transactions,
                    reverts,
                    liquidations,
                    shortfalls,
                    covered,
                    socialized,
                    deleveraged,
                    badDebt,
                    priceMoves + 1);
        }
    }

    /** {@return the world right after the setup's genesis transactions, which run through {@code engine} too} */
    public static CampaignWorld genesis(CampaignSetup setup, Engine engine) {
        ProtocolState s = ProtocolState.genesis(setup.config(), setup.genesisTime());
        for (Tuple2<AccountId, Tx> t : setup.genesisTransactions()) {
            Either<Revert, Receipt> r = engine.execute(s, t._2, setup.genesisBlock(t._1));
            if (r.isLeft()) {
                throw new IllegalArgumentException(
                        "the genesis " + t._2 + " reverted: " + r.getLeft().message());
            }
            s = r.get().state();
        }
        return new CampaignWorld(
                setup, engine, s, 0, setup.genesisTime(), setup.prices(), Vector.empty(), Option.none(), Tally.ZERO, 0);
    }

    /** {@return the current block sent by {@code sender}} */
    public BlockContext blockFor(AccountId sender) {
        return new BlockContext(block, time, sender, prices);
    }

    /**
     * {@return the world after {@code tx}, sent by {@code sender} in the current block} The transaction runs twice, so
     * that the determinism invariant can compare the two results.
     */
    public CampaignWorld send(Tx tx, AccountId sender, String note) {
        BlockContext b = blockFor(sender);
        Either<Revert, Receipt> r = engine.execute(state, tx, b);
        Either<Revert, Receipt> again = engine.execute(state, tx, b);
        Transition t = Transition.of(state, tx, b, r).withRerun(again);
        return new CampaignWorld(
                setup,
                engine,
                t.after(),
                block,
                time,
                prices,
                log.append(new Sent(
                        b,
                        tx,
                        note,
                        r.swap().toOption(),
                        r.map(Receipt::events).getOrElse(Vector.empty()),
                        r.map(Receipt::gasUsed).getOrElse(0L))),
                Option.some(t),
                tally.count(r),
                steps + 1);
    }

    /** {@return the world after a price move: later blocks, and new answers from the feeds that publish} */
    public CampaignWorld move(PricePath.Move m) {
        long t = time + m.seconds();
        return new CampaignWorld(
                setup,
                engine,
                state,
                block + m.blocks(),
                t,
                m.apply(prices, t),
                log,
                Option.none(),
                tally.moved(),
                steps + 1);
    }

    /** {@return base units shown as whole units with {@code decimals} decimals, for log lines: {@code 1.5}} */
    public static String show(I256 amount, int decimals) {
        String digits = amount.abs().toString();
        if (decimals == 0) {
            return (amount.isNegative() ? "-" : "") + digits;
        }
        if (digits.length() <= decimals) {
            digits = "0".repeat(decimals + 1 - digits.length()) + digits;
        }
        String whole = digits.substring(0, digits.length() - decimals);
        String fraction = digits.substring(digits.length() - decimals).replaceAll("0+$", "");
        return (amount.isNegative() ? "-" : "") + whole + (fraction.isEmpty() ? "" : "." + fraction);
    }

    /** {@return a short summary, for the description of a failure} */
    @Override
    public String toString() {
        return "CampaignWorld[block " + block + ", " + log.size() + " transactions, " + tally + "]";
    }
}
