package dev.solvent.keeper.strategy;

import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.MarketId;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Tx;
import io.vavr.control.Option;
import java.util.Comparator;

/**
 * What a scanner finds: a cross account to liquidate as a whole, or one isolated position to liquidate alone. Each
 * target knows the transaction that liquidates it and the gas it uses by the model's schedule. Targets order by
 * account, a cross target before the account's isolated ones, then by market, so a set of them iterates the same way
 * on every run.
 */
public sealed interface Target extends Comparable<Target> {

    /** {@return the account that is liquidated} */
    AccountId account();

    /** {@return the transaction that liquidates this target} */
    Tx tx();

    /** {@return the gas the liquidation uses by the model's schedule, at the state the keeper sees} */
    long gas(ProtocolState state);

    /**
     * Every cross position and all collateral of an unhealthy account ({@link Tx.Liquidate}).
     *
     * @param account the account
     */
    record Cross(AccountId account) implements Target {

        /** Requires an account. */
        public Cross {
            if (account == null) {
                throw new IllegalArgumentException("a cross target needs an account");
            }
        }

        @Override
        public Tx tx() {
            return new Tx.Liquidate(account);
        }

        /** {@return the base, each position closed and each non-settlement asset seized} */
        @Override
        public long gas(ProtocolState state) {
            Account a = state.accountOrEmpty(account);
            // an upper bound under every mechanism: account-wide seizes the other assets, a backstop vault takes
            // every balance, the settlement one included (eth_estimateGas plus a margin, as a bot would send)
            return state.config()
                    .gas()
                    .liquidate(a.positions().size(), a.balances().size());
        }
    }

    /**
     * One unhealthy isolated position ({@link Tx.LiquidateIsolated}); the owner's cross account is not touched.
     *
     * @param account the owner
     * @param market the position's market
     */
    record Isolated(AccountId account, MarketId market) implements Target {

        /** Requires an account and a market. */
        public Isolated {
            if (account == null || market == null) {
                throw new IllegalArgumentException("an isolated target needs an account and a market");
            }
        }

        @Override
        public Tx tx() {
            return new Tx.LiquidateIsolated(account, market);
        }

        /** {@return the base and one position closed} */
        @Override
        public long gas(ProtocolState state) {
            return state.config().gas().liquidate(1, 0);
        }
    }

    /** {@return the target {@code tx} liquidates, or none if it is not a liquidation} */
    static Option<Target> of(Tx tx) {
        if (tx instanceof Tx.Liquidate l) {
            return Option.some(new Cross(l.account()));
        }
        if (tx instanceof Tx.LiquidateIsolated l) {
            return Option.some(new Isolated(l.account(), l.market()));
        }
        return Option.none();
    }

    /** By account, then cross before isolated, then by market. */
    Comparator<Target> ORDER = Comparator.comparing(Target::account)
            .thenComparing(t -> t instanceof Isolated)
            .thenComparing(
                    t -> t instanceof Isolated i ? i.market() : null, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Override
    default int compareTo(Target o) {
        return ORDER.compare(this, o);
    }
}
