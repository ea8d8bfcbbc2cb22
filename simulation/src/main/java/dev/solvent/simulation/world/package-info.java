/**
 * The simulated world a run steps through block by block: the protocol state, traders and their behaviour, price
 * impact, keepers, and the seeded random streams that make a run reproducible byte for byte.
 */
package dev.solvent.simulation.world;
