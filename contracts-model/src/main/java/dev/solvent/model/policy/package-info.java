/** Mechanism choices of the one liquidation engine, as values: who takes over positions, how shortfall is absorbed, how keepers are paid. */
package dev.solvent.model.policy;
