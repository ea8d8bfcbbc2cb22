package dev.solvent.keeper.chain;

import dev.solvent.keeper.Keeper;
import dev.solvent.keeper.KeeperView;
import dev.solvent.keeper.PendingTx;
import dev.solvent.keeper.Submission;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.Rounding;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.OracleAnswer;
import io.vavr.Tuple2;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.util.random.RandomGenerator;

/**
 * A chain with keepers on it, as an immutable value stepped one block at a time: each keeper decides on its view,
 * its transactions join the mempool, the block is built by priority fee within the gas limit, the ledgers are booked
 * and the base fee follows the block's fullness (EIP-1559). Randomness (ties between equal fees) comes only from the
 * generator passed to {@link #step}.
 *
 * {@snippet :
 * Chain chain = Chain.start(ChainParams.MAINNET_LIKE, state, 19_000_000, 1_700_000_000L, 20_000_000_000L)
 *         .withKeeper(AccountId.of("fast"), new Liquidator<>(new LiquidationIndex(), 3_000_000_000L))
 *         .withKeeper(AccountId.of("slow"), new Liquidator<>(new FullScan(), 1_000_000_000L));
 * RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
 * for (TreeMap<String, OracleAnswer> prices : answersPerBlock) {
 *     chain = chain.step(prices, Vector.empty(), random).chain();
 * }
 * I256 profit = chain.ledger(AccountId.of("fast")).netProfit();
 * }
 *
 * @param params the block rules
 * @param state the protocol state after the last block
 * @param block the number of the next block
 * @param timestamp the timestamp of the next block
 * @param baseFee the base fee of the next block, wei per gas
 * @param mempool transactions still pending
 * @param keepers the keepers, in the order they decide
 * @param ledgers each keeper's ledger
 * @param lastTouched the accounts the last block changed, read from its transactions and events as a bot reads logs
 */
public record Chain(
        ChainParams params,
        ProtocolState state,
        long block,
        long timestamp,
        long baseFee,
        Vector<PendingTx> mempool,
        Vector<RunningKeeper<?>> keepers,
        TreeMap<AccountId, KeeperLedger> ledgers,
        TreeSet<AccountId> lastTouched) {

    private static final AccountId BUILDER = AccountId.of("block-builder");

    /** One block's result. */
    public record Step(Chain chain, BlockBuilder.Built block) {}

    /** {@return a chain with no keepers and an empty mempool} */
    public static Chain start(ChainParams params, ProtocolState state, long block, long timestamp, long baseFee) {
        return new Chain(
                params,
                state,
                block,
                timestamp,
                baseFee,
                Vector.empty(),
                Vector.empty(),
                TreeMap.empty(),
                TreeSet.empty());
    }

    /** {@return a copy with one more keeper, sending from {@code id}} */
    public Chain withKeeper(AccountId id, Keeper<?> keeper) {
        return new Chain(
                params,
                state,
                block,
                timestamp,
                baseFee,
                mempool,
                keepers.append(RunningKeeper.of(id, keeper)),
                ledgers.put(id, KeeperLedger.EMPTY),
                lastTouched);
    }

    /** {@return a keeper's ledger} */
    public KeeperLedger ledger(AccountId id) {
        return ledgers.get(id).getOrElse(KeeperLedger.EMPTY);
    }

    /**
     * {@return the chain after one more block}
     *
     * @param prices the oracle answers the contract reads in this block (keepers see them, unless they are late)
     * @param external other transactions sent this block (traders, oracle-independent actors)
     * @param random breaks ties between equal priority fees
     */
    public Step step(TreeMap<String, OracleAnswer> prices, Vector<PendingTx> external, RandomGenerator random) {
        TreeSet<AccountId> touched = lastTouched;
        Vector<PendingTx> visible = mempool.filter(p -> p.sentAt() <= block - params.mempoolLatency());
        Vector<RunningKeeper<?>> nextKeepers = Vector.empty();
        Vector<PendingTx> sent = Vector.empty();
        TreeMap<AccountId, KeeperLedger> books = ledgers;
        for (RunningKeeper<?> k : keepers) {
            KeeperView view = new KeeperView(k.id(), block, timestamp, baseFee, prices, state, visible, touched);
            Tuple2<Vector<Submission>, ? extends RunningKeeper<?>> d = k.decide(view);
            nextKeepers = nextKeepers.append(d._2);
            for (Submission s : d._1) {
                sent = sent.append(new PendingTx(k.id(), s.tx(), s.gasLimit(), s.priorityFee(), block));
            }
            books = books.put(k.id(), books.get(k.id()).get().plusSent(d._1.size()));
        }
        BlockContext ctx = new BlockContext(block, timestamp, BUILDER, prices);
        BlockBuilder.Built built = BlockBuilder.build(
                state, mempool.appendAll(external).appendAll(sent), ctx, baseFee, params.gasLimit(), random);
        books = book(books, built, prices);
        long nextFee = BaseFee.next(baseFee, built.gasUsed(), params.gasTarget());
        Chain next = new Chain(
                params,
                built.state(),
                block + 1,
                timestamp + params.blockSeconds(),
                nextFee,
                built.left(),
                nextKeepers,
                books,
                touched(built));
        return new Step(next, built);
    }

    private TreeMap<AccountId, KeeperLedger> book(
            TreeMap<AccountId, KeeperLedger> books, BlockBuilder.Built built, TreeMap<String, OracleAnswer> prices) {
        OracleAnswer gasPrice = prices.get(params.gasToken().priceKey()).getOrNull();
        int ds = state.config().settlement().decimals();
        TreeMap<AccountId, KeeperLedger> out = books;
        for (Outcome o : built.outcomes()) {
            AccountId sender = o.tx().sender();
            if (out.containsKey(sender)) {
                I256 wei = I256.of(o.gasUsed()).times(I256.of(o.feePerGas()));
                I256 cost =
                        gasPrice == null ? I256.ZERO : params.gasToken().toSettlement(wei, gasPrice, ds, Rounding.CEIL);
                out = out.put(
                        sender,
                        out.get(sender).get().plusIncluded(!(o instanceof Outcome.Succeeded), o.gasUsed(), wei, cost));
            }
            if (o instanceof Outcome.Succeeded s) {
                // every mechanism's keeper reward: account-wide, isolated, Aave's liquidationCall, Comet's absorb,
                // Maker's bark incentive (tip and chip), Synthetix's liquidation reward; a vault takeover and a dYdX
                // fill pay none but count as the keeper's liquidations, and gains from taking auctions or buying
                // collateral are trades, not rewards. One
                // transaction is one liquidation however many events it emits (Maker closes positions and barks).
                AccountId paid = null;
                I256 reward = I256.ZERO;
                boolean liquidated = false;
                for (Event e : s.receipt().events()) {
                    Paid p = Paid.of(e);
                    if (p != null) {
                        paid = p.keeper();
                        reward = reward.plus(p.reward());
                        liquidated |= p.liquidates();
                    }
                }
                if (paid != null && liquidated) {
                    out = credit(out, paid, reward);
                } else if (paid != null && out.containsKey(paid)) {
                    out = out.put(paid, out.get(paid).get().plusIncentive(reward));
                }
            }
        }
        return out;
    }

    /** What one event pays a keeper, and whether it is a liquidation (a redo of a stale auction is not). */
    private record Paid(AccountId keeper, I256 reward, boolean liquidates) {

        static Paid of(Event e) {
            return switch (e) {
                case Event.AccountLiquidated l -> new Paid(l.keeper(), l.keeperReward(), true);
                case Event.IsolatedPositionLiquidated l -> new Paid(l.keeper(), l.keeperReward(), true);
                case Event.LiquidationCalled l -> new Paid(l.keeper(), l.keeperReward(), true);
                case Event.AccountAbsorbed l -> new Paid(l.keeper(), l.keeperReward(), true);
                case Event.WindowLiquidation l -> new Paid(l.keeper(), l.keeperReward(), true);
                case Event.AuctionKicked k -> new Paid(k.keeper(), k.incentive(), !k.reset());
                case Event.Deposited x -> null;
                case Event.Withdrawn x -> null;
                case Event.Borrowed x -> null;
                case Event.Repaid x -> null;
                case Event.InsuranceFunded x -> null;
                case Event.PositionModified x -> null;
                case Event.FundingSettled x -> null;
                case Event.IsolatedMarginChanged x -> null;
                case Event.CollateralSeized x -> null;
                case Event.ShortfallCovered x -> null;
                case Event.LossSocialized x -> null;
                case Event.PositionDeleveraged x -> null;
                case Event.PositionAutoDeleveraged x -> null;
                case Event.BadDebtRecorded x -> null;
                case Event.CollateralAbsorbed x -> null;
                case Event.CollateralBought x -> null;
                case Event.AuctionTaken x -> null;
                case Event.AuctionEnded x -> null;
                // a vault takeover and a dYdX fill pay the keeper nothing, but are its liquidations all the same
                case Event.AccountBackstopped l -> new Paid(l.keeper(), I256.ZERO, true);
                case Event.AccountFlagged x -> null;
                case Event.FillableLiquidation l -> new Paid(l.keeper(), I256.ZERO, true);
            };
        }
    }

    private static TreeMap<AccountId, KeeperLedger> credit(
            TreeMap<AccountId, KeeperLedger> books, AccountId keeper, I256 reward) {
        TreeMap<AccountId, KeeperLedger> out = books;
        for (var entry : books) {
            out = out.put(entry._1, entry._1.equals(keeper) ? entry._2.plusReward(reward) : entry._2.plusMissed());
        }
        return out;
    }

    /**
     * {@return the accounts a block changed}: every account named by a transaction that ran or by one of its events.
     * Each change the engine makes to an account comes with an event naming it (a socialized loss names every account
     * that bears a share), so this includes {@link #touched(ProtocolState, ProtocolState)} (and may name an account
     * left as it was, such as a keeper paid nothing) at the cost of the block's events rather than of every account.
     */
    public static TreeSet<AccountId> touched(BlockBuilder.Built built) {
        java.util.TreeSet<AccountId> out = new java.util.TreeSet<>();
        for (Outcome o : built.outcomes()) {
            if (o instanceof Outcome.Succeeded s) {
                Named.collect(s.tx().tx(), out);
                for (Event e : s.receipt().events()) {
                    Named.collect(e, out);
                }
            }
        }
        return TreeSet.ofAll(out);
    }

    /** The account ids a record names in its components, found once per record class. */
    private static final class Named {
        private static final ClassValue<java.lang.reflect.RecordComponent[]> IDS = new ClassValue<>() {
            @Override
            protected java.lang.reflect.RecordComponent[] computeValue(Class<?> type) {
                if (!type.isRecord()) {
                    return new java.lang.reflect.RecordComponent[0];
                }
                return java.util.Arrays.stream(type.getRecordComponents())
                        .filter(c -> c.getType() == AccountId.class)
                        .toArray(java.lang.reflect.RecordComponent[]::new);
            }
        };

        static void collect(Object value, java.util.Set<AccountId> into) {
            for (java.lang.reflect.RecordComponent c : IDS.get(value.getClass())) {
                try {
                    AccountId id = (AccountId) c.getAccessor().invoke(value);
                    if (id != null) {
                        into.add(id);
                    }
                } catch (ReflectiveOperationException ex) {
                    throw new IllegalStateException("cannot read " + c + " of " + value.getClass(), ex);
                }
            }
        }
    }

    /**
     * {@return the accounts that differ between two states}, what a bot would read from the block's event logs. Derived
     * states share unchanged accounts, so most comparisons are by reference, but the walk is over every account.
     */
    public static TreeSet<AccountId> touched(ProtocolState before, ProtocolState after) {
        if (before == after || before.accounts() == after.accounts()) {
            return TreeSet.empty();
        }
        TreeSet<AccountId> out = TreeSet.empty();
        for (Account a : after.accounts().values()) {
            Account b = before.account(a.id()).getOrNull();
            if (b != a && !a.equals(b)) {
                out = out.add(a.id());
            }
        }
        for (AccountId id : before.accounts().keySet()) {
            if (!after.accounts().containsKey(id)) {
                out = out.add(id);
            }
        }
        return out;
    }
}
