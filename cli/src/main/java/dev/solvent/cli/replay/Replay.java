package dev.solvent.cli.replay;

import dev.solvent.model.MarginEngine;
import dev.solvent.model.math.I256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.model.tx.Tx;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.math.BigInteger;
import java.nio.file.Path;

/**
 * Replays a transaction file against a genesis state file: reading both (every problem in either reported at once),
 * then running each transaction through {@link MarginEngine#execute} in order. Reading is the only effect; the run is a
 * pure function of the two files' contents.
 */
public final class Replay {

    private Replay() {}

    /**
     * Both files, decoded and valid.
     *
     * @param stateFile the state file's name, for problems found while running its genesis transactions
     * @param genesis what the state file describes
     * @param entries the transactions to replay, in order
     */
    public record Input(String stateFile, Genesis genesis, Vector<Entry> entries) {}

    /**
     * One transaction and what it did.
     *
     * @param entry the transaction and its block
     * @param result its receipt, or why it reverted
     */
    public record Outcome(Entry entry, Either<Revert, Receipt> result) {}

    /**
     * A finished replay.
     *
     * @param genesis the genesis it started from
     * @param seeds the genesis transactions (initial balances and the insurance fund), all successful
     * @param transactions the replayed transactions, in order
     * @param finalState the state after the last transaction
     */
    public record Result(
            Genesis genesis, Vector<Outcome> seeds, Vector<Outcome> transactions, ProtocolState finalState) {}

    /** {@return both files decoded, or every problem found in either} */
    public static Validation<Seq<Problem>, Input> load(Path stateFile, Path txsFile) {
        String stateName = stateFile.toString();
        String txsName = txsFile.toString();
        Validation<Seq<Problem>, Genesis> genesis = JsonFile.read(stateFile, JsonFile.Limit.STATE)
                .fold(
                        p -> Validation.invalid(List.of(p)),
                        root -> StateFile.decode(root).mapError(ps -> ps.map(p -> p.inFile(stateName))));
        TxFile.Start start = genesis.fold(
                e -> new TxFile.Start(0, 0, Option.none()),
                g -> new TxFile.Start(g.block(), g.timestamp(), Option.some(g.config())));
        Validation<Seq<Problem>, Vector<Entry>> entries = JsonFile.read(txsFile, JsonFile.Limit.TRANSACTIONS)
                .fold(
                        p -> Validation.invalid(List.of(p)),
                        root -> TxFile.decode(root, start).mapError(ps -> ps.map(p -> p.inFile(txsName))));
        return Decode.flat(Validation.combine(genesis, entries).ap((g, es) -> new Input(stateName, g, es)));
    }

    /**
     * {@return a state file decoded, with no transactions to replay, or every problem found in it} For commands that
     * start from a genesis state alone.
     */
    public static Validation<Seq<Problem>, Input> load(Path stateFile) {
        String stateName = stateFile.toString();
        return JsonFile.read(stateFile, JsonFile.Limit.STATE)
                .fold(
                        p -> Validation.<Seq<Problem>, Genesis>invalid(List.of(p)),
                        root -> StateFile.decode(root).mapError(ps -> ps.map(p -> p.inFile(stateName))))
                .map(g -> new Input(stateName, g, Vector.empty()));
    }

    /**
     * {@return the replay's result, or why its genesis could not be set up} A reverted transaction is part of the
     * result, not a problem: it is what the contract would have done.
     */
    public static Either<Seq<Problem>, Result> run(Input input) {
        Genesis genesis = input.genesis();
        ProtocolState state = ProtocolState.genesis(genesis.config(), genesis.timestamp());
        Vector<Outcome> seeds = Vector.empty();
        for (Genesis.Seed seed : genesis.seeds()) {
            Either<Revert, Receipt> result =
                    MarginEngine.execute(state, seed.entry().tx(), seed.entry().block());
            if (result.isLeft()) {
                return Either.left(List.of(new Problem(
                        input.stateFile(),
                        seed.line(),
                        seed.path(),
                        "the genesis " + seed.entry().tx().getClass().getSimpleName() + " reverted: "
                                + explained(state, seed.entry().tx(), result.getLeft()))));
            }
            seeds = seeds.append(new Outcome(seed.entry(), result));
            state = result.get().state();
        }
        Vector<Outcome> outcomes = Vector.empty();
        for (Entry entry : input.entries()) {
            Either<Revert, Receipt> result = MarginEngine.execute(state, entry.tx(), entry.block());
            outcomes = outcomes.append(new Outcome(entry, result));
            state = result.map(Receipt::state).getOrElse(state);
        }
        return Either.right(new Result(genesis, seeds, outcomes, state));
    }

    /** The largest balance, fund or total the model holds: a signed 256-bit integer, as the contract's int256. */
    private static final BigInteger INT256_MAX = I256.MAX.toBigInteger();

    /**
     * {@return a genesis transaction's revert told so that a person can fix the file} An arithmetic overflow (Solidity's
     * {@code Panic(0x11)}) names the amount and what it overflowed, and what would fit; other reverts are their message.
     */
    static String explained(ProtocolState state, Tx tx, Revert revert) {
        if (!(revert instanceof Revert.Panic panic) || panic.code() != 0x11) {
            return revert.message();
        }
        String overflow = "an arithmetic overflow (Panic 0x11): ";
        String limit = "the int256 maximum 2^255-1 (" + INT256_MAX + ")";
        return switch (tx) {
            case Tx.Deposit d -> {
                BigInteger amount = d.amount().toBigInteger();
                BigInteger balance =
                        state.accountOrEmpty(d.account()).balance(d.asset()).toBigInteger();
                BigInteger total = state.ledger().netInflow(d.asset()).toBigInteger();
                String valid = "; valid: a balance such that every balance and the sum of all " + d.asset()
                        + " balances stay at most 2^255-1 base units";
                if (amount.compareTo(INT256_MAX) > 0) {
                    yield overflow + "the deposit of " + amount + " " + d.asset()
                            + " base units is more than a balance can hold, " + limit + valid;
                }
                if (balance.add(amount).compareTo(INT256_MAX) > 0) {
                    yield overflow + d.account() + "'s " + d.asset() + " balance " + balance + " plus the deposit of "
                            + amount + " is past " + limit + valid;
                }
                yield overflow + "the protocol's total of " + d.asset() + " deposits " + total + " plus the deposit of "
                        + amount + " by " + d.account() + " is past " + limit + valid;
            }
            case Tx.FundInsurance f -> {
                BigInteger amount = f.amount().toBigInteger();
                yield overflow + "the insurance fund " + state.insuranceFund().toBigInteger() + " plus " + amount
                        + ", or the total of " + state.config().settlementAsset() + " deposits "
                        + state.ledger()
                                .netInflow(state.config().settlementAsset())
                                .toBigInteger()
                        + " plus it, is past " + limit
                        + "; valid: an insurance fund that keeps the total of deposits at most 2^255-1 base units";
            }
            case Tx.Withdraw x -> overflow + revert.message();
            case Tx.Borrow x -> overflow + revert.message();
            case Tx.Repay x -> overflow + revert.message();
            case Tx.Trade x -> overflow + revert.message();
            case Tx.OpenIsolated x -> overflow + revert.message();
            case Tx.ModifyIsolated x -> overflow + revert.message();
            case Tx.CloseIsolated x -> overflow + revert.message();
            case Tx.AddIsolatedMargin x -> overflow + revert.message();
            case Tx.RemoveIsolatedMargin x -> overflow + revert.message();
            case Tx.SettleFunding x -> overflow + revert.message();
            case Tx.Liquidate x -> overflow + revert.message();
            case Tx.LiquidateIsolated x -> overflow + revert.message();
            case Tx.BuyCollateral x -> overflow + revert.message();
            case Tx.Take x -> overflow + revert.message();
            case Tx.Redo x -> overflow + revert.message();
        };
    }
}
