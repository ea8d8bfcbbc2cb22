package dev.solvent.model.logic;

import dev.solvent.model.math.I256;
import dev.solvent.model.state.Account;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/** Tokens entering the protocol: deposits, repayments of loans, and contributions to the insurance fund. */
public final class DepositLogic {

    private DepositLogic() {}

    /** Credits the account, creating it if it is new. */
    public static Either<Revert, Receipt> deposit(ProtocolState state, Tx.Deposit tx, BlockContext block) {
        return ValidationLogic.positive("amount", tx.amount())
                .flatMap(amount -> ValidationLogic.asset(state, tx.asset()).map(a -> {
                    Account account = state.accountOrEmpty(tx.account()).plusBalance(tx.asset(), amount);
                    ProtocolState next =
                            state.withAccount(account).withLedger(state.ledger().plusInflow(tx.asset(), amount));
                    return new Receipt(
                            next,
                            Vector.of(new Event.Deposited(tx.account(), tx.asset(), amount)),
                            state.config().gas().deposit());
                }));
    }

    /** Reduces a debt; reverts if the amount exceeds it. */
    public static Either<Revert, Receipt> repay(ProtocolState state, Tx.Repay tx, BlockContext block) {
        return ValidationLogic.positive("amount", tx.amount())
                .flatMap(amount -> ValidationLogic.asset(state, tx.asset())
                        .flatMap(a -> ValidationLogic.account(state, tx.account()))
                        .flatMap(account -> {
                            I256 debt = account.balance(tx.asset()).negate().max(I256.ZERO);
                            if (amount.gt(debt)) {
                                return Either.left(new Revert.RepayExceedsDebt(tx.account(), tx.asset(), debt, amount));
                            }
                            ProtocolState next = state.withAccount(account.plusBalance(tx.asset(), amount))
                                    .withLedger(state.ledger().plusInflow(tx.asset(), amount));
                            return Either.right(new Receipt(
                                    next,
                                    Vector.of(new Event.Repaid(tx.account(), tx.asset(), amount)),
                                    state.config().gas().deposit()));
                        }));
    }

    /** Adds settlement units to the insurance fund. */
    public static Either<Revert, Receipt> fundInsurance(ProtocolState state, Tx.FundInsurance tx, BlockContext block) {
        return ValidationLogic.positive("amount", tx.amount()).map(amount -> {
            ProtocolState next = state.withInsuranceFund(state.insuranceFund().plus(amount))
                    .withLedger(state.ledger().plusInflow(state.config().settlementAsset(), amount));
            return new Receipt(
                    next,
                    Vector.of(new Event.InsuranceFunded(block.sender(), amount)),
                    state.config().gas().deposit());
        });
    }
}
