package dev.solvent.model.logic;

import dev.solvent.model.config.ProtocolConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.math.I256;
import dev.solvent.model.policy.LiquidationPolicy;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Revert;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * A liquidation mechanism: the answers to the questions in which the {@link LiquidationPolicy} records differ (who
 * takes the positions over, how much of each to close and at what value, what happens to the balances, who is paid
 * what, who bears the loss). {@link LiquidationLogic} asks them in one fixed sequence: accrue funding, close the
 * positions, {@link #settle settle}, emit the mechanism's event, cover the shortfall, check margins. The policy records
 * stay plain parameters in {@code model.policy}, which {@code model.logic} depends on; {@link #of} pairs each with its
 * mechanism.
 */
sealed interface Mechanism
        permits AccountWideMechanism,
                CloseFactorMechanism,
                AbsorbMechanism,
                DutchAuctionMechanism,
                BackstopVaultMechanism,
                WindowCappedMechanism,
                FillablePriceMechanism {

    /**
     * {@return the mechanism of {@code policy} for the target, with the decisions it takes before anything moves, or
     * the revert that stops the liquidation}
     */
    static Either<Revert, Mechanism> of(LiquidationPolicy policy, Target t) {
        return switch (policy) {
            case LiquidationPolicy.AccountWide a -> Either.right(new AccountWideMechanism());
            case LiquidationPolicy.CloseFactor c -> Either.right(CloseFactorMechanism.of(c, t));
            case LiquidationPolicy.Absorb a -> Either.right(new AbsorbMechanism(a));
            case LiquidationPolicy.DutchAuction d -> Either.right(new DutchAuctionMechanism(d));
            case LiquidationPolicy.BackstopVault b -> BackstopVaultMechanism.of(b, t);
            case LiquidationPolicy.WindowCapped w -> Either.right(new WindowCappedMechanism(w, !t.isFlagged()));
            case LiquidationPolicy.FillablePrice f -> Either.right(FillablePriceMechanism.of(f, t));
        };
    }

    /** {@return who takes the closed positions over: the configured receiver unless the mechanism says otherwise} */
    default AccountId receiver(Target t) {
        return t.receiver();
    }

    /** Moves what must move before the positions close (Synthetix's flagging); most mechanisms move nothing. */
    default void open(Step st, Target t, AccountId receiver) {}

    /**
     * {@return the signed part of the cross position in {@code m} to close now, given the state so far; zero leaves the
     * position open}
     *
     * @param held the position's size before the liquidation
     */
    I256 closeSize(Step st, Target t, MarketId m, I256 held);

    /** {@return what the receiver pays for {@code size} in {@code m}, settlement base units: the oracle value} */
    default I256 closeValue(Target t, MarketId m, Quote q, I256 size) {
        return MarginLogic.positionValue(size, t.underlyingDecimals(m), q, t.settlementDecimals());
    }

    /**
     * Settles the balances and charges the account once its positions are closed, and says what the liquidation
     * announces and leaves unpaid; a revert undoes the whole liquidation.
     */
    Either<Revert, Settled> settle(Step st, Target t, AccountId receiver, Closing closing);

    /** {@return who bears a shortfall} */
    Bearer bearer();

    /** Who bears what a liquidated account cannot pay. */
    enum Bearer {
        /** The insurance fund, then the configured shortfall policy: {@link ShortfallLogic}. */
        INSURANCE_THEN_POLICY,
        /** The protocol's reserves, which may go negative (Comet's absorb, Maker's vow). */
        RESERVES
    }

    /**
     * The account a liquidation targets, measured before anything moves.
     *
     * @param state the state before the liquidation
     * @param account the account before the liquidation
     * @param receiver the configured receiver of closed positions
     * @param quotes the oracle quotes of the account's cross markets
     * @param data the account's cross data
     * @param block the block
     */
    record Target(
            ProtocolState state,
            Account account,
            AccountId receiver,
            TreeMap<MarketId, Quote> quotes,
            MarginLogic.AccountData data,
            BlockContext block) {

        AccountId id() {
            return account.id();
        }

        /** {@return the keeper: the sender of the liquidation} */
        AccountId keeper() {
            return block.sender();
        }

        ProtocolConfig config() {
            return state.config();
        }

        boolean isFlagged() {
            return state.isFlagged(account.id());
        }

        int settlementDecimals() {
            return state.config().settlement().decimals();
        }

        /** {@return the decimals of the underlying of market {@code m}} */
        int underlyingDecimals(MarketId m) {
            ProtocolConfig config = state.config();
            return config.assets()
                    .get(config.markets().get(m).get().underlying())
                    .get()
                    .decimals();
        }

        /** {@return the accounts whose initial margin a receiver that takes positions over must keep} */
        Vector<AccountId> receiverChecks(AccountId to) {
            return LiquidationLogic.receiverChecks(state.config(), to);
        }
    }

    /**
     * The positions a liquidation closed, in market order.
     *
     * @param closed one event part per closed position
     * @param notional the closed notional, each rounded up
     * @param penalty the market penalties the closed notional owes, each rounded up
     * @param sizes the signed sizes closed per market, whose opposite side deleveraging draws on
     */
    record Closing(Vector<Event.ClosedPosition> closed, I256 notional, I256 penalty, TreeMap<MarketId, I256> sizes) {

        static final Closing NONE = new Closing(Vector.empty(), I256.ZERO, I256.ZERO, TreeMap.empty());

        Closing plus(MarketId m, I256 size, LiquidationLogic.Closed c) {
            return new Closing(
                    closed.append(c.event()),
                    notional.plus(c.notional()),
                    penalty.plus(c.penalty()),
                    sizes.put(m, size));
        }
    }

    /**
     * What a settled liquidation announces and leaves to others.
     *
     * @param event the mechanism's liquidation event
     * @param shortfall what the account could not pay, for the {@link #bearer()}
     * @param balancesMoved how many balances moved, for the gas
     * @param marginChecks the accounts that must meet their initial margin afterwards, in order
     */
    record Settled(Event event, I256 shortfall, int balancesMoved, Vector<AccountId> marginChecks) {}
}
