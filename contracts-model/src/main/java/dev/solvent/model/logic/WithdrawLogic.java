package dev.solvent.model.logic;

import dev.solvent.model.config.AssetConfig;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.id.AssetId;
import dev.solvent.model.math.I256;
import dev.solvent.model.math.U256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * Tokens leaving the protocol: withdrawals and loans. Both leave the account meeting initial margin at the block's
 * prices (so a withdrawal never makes an account liquidatable, since the maintenance ratio is below the initial one),
 * and both need the protocol to hold the tokens.
 */
public final class WithdrawLogic {

    private WithdrawLogic() {}

    /** Withdraws a balance; a non-borrowable balance cannot go below zero. */
    public static Either<Revert, Receipt> withdraw(ProtocolState state, Tx.Withdraw tx, BlockContext block) {
        return take(state, tx.account(), tx.asset(), tx.amount(), block, false, Event.Withdrawn::new);
    }

    /** Borrows a borrowable asset: the balance goes (further) below zero. */
    public static Either<Revert, Receipt> borrow(ProtocolState state, Tx.Borrow tx, BlockContext block) {
        return take(state, tx.account(), tx.asset(), tx.amount(), block, true, Event.Borrowed::new);
    }

    private interface Emit {
        Event of(AccountId account, AssetId asset, I256 amount);
    }

    private static Either<Revert, Receipt> take(
            ProtocolState state,
            AccountId id,
            AssetId assetId,
            U256 rawAmount,
            BlockContext block,
            boolean isBorrow,
            Emit emit) {
        Either<Revert, I256> amount = ValidationLogic.positive("amount", rawAmount);
        Either<Revert, AssetConfig> asset = amount.flatMap(x -> ValidationLogic.asset(state, assetId));
        Either<Revert, Account> account = asset.flatMap(x -> ValidationLogic.ownAccount(state, id, block));
        if (account.isLeft()) {
            return Either.left(account.getLeft());
        }
        I256 value = amount.get();
        AssetConfig a = asset.get();
        Account before = account.get();
        I256 balance = before.balance(assetId);
        if (isBorrow && !a.borrowable()) {
            return Either.left(new Revert.AssetNotBorrowable(assetId));
        }
        if (!isBorrow && balance.lt(value) && !a.borrowable()) {
            return Either.left(new Revert.InsufficientBalance(id, assetId, balance, value));
        }
        I256 held = state.ledger().netInflow(assetId);
        if (held.lt(value)) {
            return Either.left(new Revert.InsufficientLiquidity(assetId, held, value));
        }
        Account after = before.plusBalance(assetId, value.negate());
        ProtocolState next = state.withAccount(after).withLedger(state.ledger().plusInflow(assetId, value.negate()));
        return MarginLogic.cross(next, after, block)
                .flatMap(data -> ValidationLogic.meetsInitial(id, data))
                .map(data -> new Receipt(
                        next,
                        Vector.of(emit.of(id, assetId, value)),
                        state.config().gas().withdraw()));
    }
}
