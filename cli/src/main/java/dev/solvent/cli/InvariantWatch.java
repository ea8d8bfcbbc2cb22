package dev.solvent.cli;

import dev.solvent.keeper.chain.BlockBuilder;
import dev.solvent.keeper.chain.Outcome;
import dev.solvent.model.id.AccountId;
import dev.solvent.model.math.U256;
import dev.solvent.model.state.ProtocolState;
import dev.solvent.model.tx.BlockContext;
import dev.solvent.model.tx.Event;
import dev.solvent.model.tx.Receipt;
import dev.solvent.model.tx.Revert;
import dev.solvent.properties.arbitrary.CampaignSetup;
import dev.solvent.properties.campaign.CampaignWorld;
import dev.solvent.properties.campaign.ReplayFiles;
import dev.solvent.properties.invariant.Invariant;
import dev.solvent.properties.invariant.Transition;
import dev.solvent.properties.invariant.Violation;
import dev.solvent.simulation.world.BlockObserver;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.file.Path;

/**
 * Checks the invariant catalogue on every block of a simulation: transition invariants on each transaction, state
 * invariants on the state after each block. At the first violation it stops the run and writes the transactions from
 * the opening deposits up to the violating one as {@code state.json} and {@code txs.json}, which {@code solvent
 * replay} reproduces.
 */
final class InvariantWatch implements BlockObserver {

    private final Vector<Invariant> invariants;
    private final Path folder;
    private dev.solvent.simulation.world.Setup setup;
    private Vector<CampaignWorld.Sent> log = Vector.empty();
    private Option<ReplayFiles.Written> written = Option.none();
    private Option<Violation> violation = Option.none();
    private Option<String> unwritten = Option.none();

    InvariantWatch(Vector<Invariant> invariants, Path folder) {
        this.invariants = invariants;
        this.folder = folder;
    }

    @Override
    public void start(dev.solvent.simulation.world.Setup s) {
        this.setup = s;
        for (dev.solvent.simulation.world.Setup.Sent sent : s.genesisTransactions()) {
            log = log.append(
                    new CampaignWorld.Sent(sent.context(), sent.tx(), "opening", Option.none(), Vector.empty(), 0));
        }
    }

    @Override
    public Option<String> afterBlock(ProtocolState before, BlockBuilder.Built block, BlockContext context) {
        ProtocolState state = before;
        for (Outcome o : block.outcomes()) {
            BlockContext ctx = context.withSender(o.tx().sender());
            Either<Revert, Receipt> result = switch (o) {
                case Outcome.Succeeded s -> Either.right(s.receipt());
                case Outcome.Reverted r -> Either.left(r.reason());
                case Outcome.OutOfGas g -> Either.left(new Revert.UnknownAccount(o.tx().sender()));
            };
            if (o instanceof Outcome.OutOfGas) {
                continue; // never ran: the state did not change
            }
            Transition t = Transition.of(state, o.tx().tx(), ctx, result);
            Vector<Event> events = result.map(Receipt::events).getOrElse(Vector.empty());
            log = log.append(new CampaignWorld.Sent(
                    ctx, o.tx().tx(), "block " + ctx.number(), result.swap().toOption(), events, o.gasUsed()));
            for (Invariant inv : invariants) {
                if (!inv.stateOnly()) {
                    Vector<Violation> found = inv.check(t);
                    if (!found.isEmpty()) {
                        return stop(found.head());
                    }
                }
            }
            state = t.after();
        }
        for (Invariant inv : invariants) {
            if (inv.stateOnly()) {
                Vector<Violation> found = inv.check(block.state());
                if (!found.isEmpty()) {
                    return stop(found.head());
                }
            }
        }
        return Option.none();
    }

    private Option<String> stop(Violation v) {
        violation = Option.some(v);
        Vector<AccountId> traders = setup.traders().map(dev.solvent.simulation.world.Trader::id);
        CampaignSetup replay = new CampaignSetup(
                setup.scenario().protocol().config(),
                setup.genesisTransactions().isEmpty()
                        ? setup.clock().firstTimestamp()
                        : setup.genesisTransactions().head().context().timestamp(),
                Vector.empty(),
                U256.ZERO,
                traders.size() >= 2 ? traders.take(2) : Vector.of(AccountId.of("a"), AccountId.of("b")),
                setup.scenario().keepers().head().name(),
                setup.genesisTransactions().isEmpty()
                        ? io.vavr.collection.TreeMap.empty()
                        : setup.genesisTransactions().head().context().prices());
        try {
            written = Option.some(ReplayFiles.write(replay, log, folder, v.invariant() + ": " + v.message()));
        } catch (IllegalArgumentException e) {
            unwritten = Option.some(e.getMessage());
        }
        return Option.some(v.invariant() + " violated: " + v.message());
    }

    /** {@return the replay files written at the violation, if one was found} */
    Option<ReplayFiles.Written> written() {
        return written;
    }

    /** {@return why no replay could be written for the violation, if so (such as a policy replay files lack)} */
    Option<String> unwritten() {
        return unwritten;
    }

    /** {@return the first violation, if one was found} */
    Option<Violation> violation() {
        return violation;
    }
}
