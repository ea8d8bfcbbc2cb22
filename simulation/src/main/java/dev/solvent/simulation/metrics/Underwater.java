package dev.solvent.simulation.metrics;

import dev.solvent.model.id.AccountId;
import io.vavr.collection.HashMap;
import io.vavr.collection.Vector;

/**
 * How long accounts stayed underwater (margin equity below zero), as seen at the run's health checks.
 *
 * <p>Accounts are only looked at in health checks, so every measure here has the checks' resolution: an account found
 * underwater at a check counts as underwater for the blocks since the previous check (one block at the first check);
 * an account found underwater at consecutive checks has one stretch, the sum of those spans. So the three measures
 * always agree: an account underwater at any check makes both {@link #accountBlocks()} and {@link #longest()}
 * positive, and no stretch is longer than the account-blocks of all stretches together.
 *
 * @param lastCheck the block of the latest check, or {@code -1} before the first
 * @param stretches each account underwater at the latest check, with the blocks of its current stretch
 * @param most the most accounts underwater at one check
 * @param accountBlocks the sum over checks of underwater accounts times the blocks that check stands for
 * @param longest the longest stretch of any account, blocks
 */
public record Underwater(
        long lastCheck, HashMap<AccountId, Long> stretches, int most, long accountBlocks, long longest) {

    /** Nothing seen yet. */
    public static final Underwater NONE = new Underwater(-1, HashMap.empty(), 0, 0, 0);

    /** {@return these measures after a health check at {@code block} found the accounts {@code now} underwater} */
    public Underwater after(long block, Vector<AccountId> now) {
        if (block <= lastCheck) {
            throw new IllegalArgumentException(
                    "Underwater.after: block " + block + " is not after the previous check at " + lastCheck);
        }
        long span = lastCheck < 0 ? 1 : block - lastCheck;
        HashMap<AccountId, Long> next = HashMap.empty();
        long max = longest;
        for (AccountId id : now) {
            long stretch = Math.addExact(stretches.get(id).getOrElse(0L), span);
            next = next.put(id, stretch);
            max = Math.max(max, stretch);
        }
        return new Underwater(
                block,
                next,
                Math.max(most, now.size()),
                Math.addExact(accountBlocks, Math.multiplyExact(span, (long) now.size())),
                max);
    }
}
