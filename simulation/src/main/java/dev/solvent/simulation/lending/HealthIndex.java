package dev.solvent.simulation.lending;

import dev.solvent.model.protocol.Assessment;
import dev.solvent.model.protocol.Block;
import dev.solvent.model.protocol.Health;
import dev.solvent.model.protocol.Protocol;
import dev.solvent.model.protocol.Rejected;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Either;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.Objects;

/**
 * The lending loop's index of account healths: what a keeper that keeps every account's health, reads again only
 * the accounts a block's calls touched, and reads every account again whenever an oracle answer moves, knows about
 * each account (whether it is liquidatable, whether it has debt and no collateral), at a cost that grows with what
 * changes in a block, not with the number of accounts.
 *
 * <p>The loop it replaces kept a map of healths: cleared when prices moved and at every health snapshot, an entry
 * removed when a call touched its account, every missing entry read again at the next read. This index gives the same
 * answers. An entry keeps only the two verdicts the loop uses between snapshots and, where the protocol gives one,
 * the account's margin of safety with the state and block it was read in (its epoch). When prices move, the loop
 * would read every account again; the index asks the protocol, once per epoch, how far prices and interest drifted
 * since ({@link Protocol#drift}), and reads again only the accounts whose margin is not above that drift, the
 * accounts without a margin, and those missing: by the protocol's promise ({@code Margins} in the model), every
 * other account would read as neither liquidatable nor underwater, which is what its entry already says. Between
 * price moves nothing is read but the missing accounts, as in the loop it replaces. At a snapshot everything is read.
 *
 * @param entries the verdicts of the accounts the loop would have in its map
 * @param epochs the states and blocks margins were read in, with their accounts ordered by margin
 * @param uncertified accounts with an entry but no margin
 * @param liquidatable accounts whose entry says liquidatable
 * @param underwater accounts whose entry says debt and no collateral
 * @param seen the state the account list was read from (compared by identity: states are immutable)
 * @param accounts the protocol's accounts in {@code seen}, in its order
 * @param present the same accounts as a set
 * @param missing accounts of {@code accounts} without an entry (read at the next read)
 * @param positions each account's position in {@code accounts}, once needed
 * @param nextEpoch the id of the next epoch
 * @param certify whether margins are used (without, every entry is read again at every price move)
 * @param <S> the protocol's state
 */
record HealthIndex<S>(
        HashMap<String, Entry> entries,
        TreeMap<Integer, Epoch<S>> epochs,
        HashSet<String> uncertified,
        HashSet<String> liquidatable,
        HashSet<String> underwater,
        S seen,
        Seq<String> accounts,
        HashSet<String> present,
        HashSet<String> missing,
        HashMap<String, Integer> positions,
        int nextEpoch,
        boolean certify) {

    /**
     * What the index keeps of an account's last read.
     *
     * @param liquidatable whether it was liquidatable
     * @param underwater whether it had debt and no collateral
     * @param epoch the epoch of its margin, or -1 without one
     * @param margin its margin (null without one)
     */
    record Entry(boolean liquidatable, boolean underwater, int epoch, BigInteger margin) {}

    /** An account and its margin, ordered by margin first. */
    record Key(BigInteger margin, String account) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::margin).thenComparing(Key::account);
    }

    /**
     * A state and block margins were read in, and the accounts read there, by margin.
     *
     * @param state the state
     * @param block the block
     * @param members the accounts, lowest margin first
     * @param <S> the protocol's state
     */
    record Epoch<S>(S state, Block block, TreeSet<Key> members) {}

    /**
     * A read's result.
     *
     * @param index the index after it
     * @param fresh the healths read, by account
     */
    record Read<S>(HealthIndex<S> index, HashMap<String, Health> fresh) {}

    /** Checks that nothing is missing. */
    HealthIndex {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(epochs, "epochs");
    }

    /** {@return an empty index; {@code certify} false reads every entry again at every price move} */
    static <S> HealthIndex<S> empty(boolean certify) {
        return new HealthIndex<>(
                HashMap.empty(),
                TreeMap.empty(),
                HashSet.empty(),
                HashSet.empty(),
                HashSet.empty(),
                null,
                Vector.empty(),
                HashSet.empty(),
                HashSet.empty(),
                null,
                0,
                certify);
    }

    /** {@return the index with no entry at all, as at a health snapshot (every account is read again)} */
    HealthIndex<S> clear() {
        return new HealthIndex<>(
                HashMap.empty(),
                TreeMap.empty(),
                HashSet.empty(),
                HashSet.empty(),
                HashSet.empty(),
                seen,
                accounts,
                present,
                present,
                positions,
                nextEpoch,
                certify);
    }

    /** {@return the index without the account's entry: a call touched it, and it is read again at the next read} */
    HealthIndex<S> forget(String account) {
        Entry e = entries.get(account).getOrNull();
        if (e == null) {
            return this;
        }
        TreeMap<Integer, Epoch<S>> eps = epochs;
        if (e.epoch() >= 0) {
            Epoch<S> ep = eps.get(e.epoch()).get();
            TreeSet<Key> members = ep.members().remove(new Key(e.margin(), account));
            eps = members.isEmpty()
                    ? eps.remove(e.epoch())
                    : eps.put(e.epoch(), new Epoch<>(ep.state(), ep.block(), members));
        }
        return new HealthIndex<>(
                entries.remove(account),
                eps,
                uncertified.remove(account),
                liquidatable.remove(account),
                underwater.remove(account),
                seen,
                accounts,
                present,
                present.contains(account) ? missing.add(account) : missing,
                positions,
                nextEpoch,
                certify);
    }

    /**
     * {@return the index after reading, at {@code block} in {@code state}, every account the loop would read:
     * those missing, and when prices moved ({@code moved}) also those whose margin the drift since their epoch may
     * have used up, and those without a margin}
     */
    <C> Read<S> read(Protocol<S, C> protocol, S state, Block block, boolean moved) {
        Mutable<S> m = new Mutable<>(this);
        m.see(protocol, state);
        if (moved) {
            m.invalidate(protocol, state, block);
        }
        m.evaluate(protocol, state, block);
        return new Read<>(m.freeze(), m.fresh);
    }

    /** {@return the liquidatable accounts among the protocol's accounts, in its order} */
    Vector<String> liquidatableAccounts() {
        Vector<String> found = Vector.ofAll(liquidatable.filter(present::contains));
        if (found.size() < 2) {
            return found;
        }
        HashMap<String, Integer> pos = positions;
        return found.sortBy(a -> pos.get(a).get());
    }

    /** {@return how many of the protocol's accounts have debt and no collateral} */
    int underwaterCount() {
        return underwater.count(present::contains);
    }

    /** One read's working copy; confined to {@link #read}. */
    private static final class Mutable<S> {
        HashMap<String, Entry> entries;
        TreeMap<Integer, Epoch<S>> epochs;
        HashSet<String> uncertified;
        HashSet<String> liquidatable;
        HashSet<String> underwater;
        S seen;
        Seq<String> accounts;
        HashSet<String> present;
        HashSet<String> missing;
        HashMap<String, Integer> positions;
        int nextEpoch;
        final boolean certify;
        HashMap<String, Health> fresh = HashMap.empty();
        int current = -1;

        Mutable(HealthIndex<S> i) {
            entries = i.entries();
            epochs = i.epochs();
            uncertified = i.uncertified();
            liquidatable = i.liquidatable();
            underwater = i.underwater();
            seen = i.seen();
            accounts = i.accounts();
            present = i.present();
            missing = i.missing();
            positions = i.positions();
            nextEpoch = i.nextEpoch();
            certify = i.certify();
        }

        HealthIndex<S> freeze() {
            if (positions == null && liquidatable.count(present::contains) > 1) {
                HashMap<String, Integer> pos = HashMap.empty();
                int k = 0;
                for (String a : accounts) {
                    pos = pos.put(a, k++);
                }
                positions = pos;
            }
            return new HealthIndex<>(
                    entries,
                    epochs,
                    uncertified,
                    liquidatable,
                    underwater,
                    seen,
                    accounts,
                    present,
                    missing,
                    positions,
                    nextEpoch,
                    certify);
        }

        /** Reads the protocol's accounts again when the state is not the one they were read from. */
        <C> void see(Protocol<S, C> protocol, S state) {
            if (state == seen) {
                return;
            }
            Seq<String> now = protocol.accounts(state);
            seen = state;
            if (now.equals(accounts)) {
                return;
            }
            accounts = now;
            present = HashSet.ofAll(now);
            positions = null;
            HashSet<String> absent = HashSet.empty();
            for (String a : now) {
                if (!entries.containsKey(a)) {
                    absent = absent.add(a);
                }
            }
            missing = absent;
        }

        /** Drops the entries a price move may have changed: without a margin, or with one the drift reaches. */
        <C> void invalidate(Protocol<S, C> protocol, S state, Block block) {
            for (String a : uncertified) {
                drop(a);
            }
            uncertified = HashSet.empty();
            for (var e : epochs) {
                Epoch<S> ep = e._2();
                BigInteger drift = certify
                        ? protocol.drift(ep.state(), ep.block(), state, block).getOrNull()
                        : null;
                TreeSet<Key> reached = drift == null
                        ? ep.members()
                        : ep.members().takeWhile(k -> k.margin().compareTo(drift) <= 0);
                if (reached.isEmpty()) {
                    continue;
                }
                for (Key k : reached) {
                    drop(k.account());
                }
                TreeSet<Key> kept = ep.members().removeAll(reached);
                epochs = kept.isEmpty()
                        ? epochs.remove(e._1())
                        : epochs.put(e._1(), new Epoch<>(ep.state(), ep.block(), kept));
            }
        }

        /** Removes an account's entry (its epoch membership is the caller's) and marks it missing if present. */
        private void drop(String account) {
            entries = entries.remove(account);
            liquidatable = liquidatable.remove(account);
            underwater = underwater.remove(account);
            if (present.contains(account)) {
                missing = missing.add(account);
            }
        }

        /** Reads every missing account; one the protocol cannot read stays missing, as the loop read it again. */
        <C> void evaluate(Protocol<S, C> protocol, S state, Block block) {
            HashSet<String> still = HashSet.empty();
            for (String a : missing) {
                Either<Rejected, Assessment> r = protocol.assess(state, a, block);
                if (r.isLeft()) {
                    still = still.add(a);
                    continue;
                }
                Health h = r.get().health();
                fresh = fresh.put(a, h);
                boolean liq = h.liquidatable();
                boolean under = h.debt().signum() > 0 && h.collateral().signum() == 0;
                if (liq) {
                    liquidatable = liquidatable.add(a);
                }
                if (under) {
                    underwater = underwater.add(a);
                }
                BigInteger margin = certify ? r.get().margin().getOrNull() : null;
                if (margin == null) {
                    uncertified = uncertified.add(a);
                    entries = entries.put(a, new Entry(liq, under, -1, null));
                } else {
                    int id = epoch(state, block);
                    Epoch<S> ep = epochs.get(id).get();
                    epochs = epochs.put(
                            id, new Epoch<>(ep.state(), ep.block(), ep.members().add(new Key(margin, a))));
                    entries = entries.put(a, new Entry(liq, under, id, margin));
                }
            }
            missing = still;
        }

        /** {@return the id of this read's epoch, opened at its first margin} */
        private int epoch(S state, Block block) {
            if (current < 0) {
                current = nextEpoch++;
                epochs = epochs.put(current, new Epoch<>(state, block, TreeSet.empty(Key.ORDER)));
            }
            return current;
        }
    }
}
