/**
 * Keeper bots as pure functions: a {@link dev.solvent.keeper.Keeper} turns what a bot on a real chain sees (a
 * {@link dev.solvent.keeper.KeeperView}) and its own immutable state into the transactions it sends (a
 * {@link dev.solvent.keeper.KeeperDecision}); the chain or a live adapter performs the effects.
 */
package dev.solvent.keeper;
