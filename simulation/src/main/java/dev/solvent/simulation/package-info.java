/**
 * The simulated world: a protocol, its market and oracles, trader agents and keepers, moved block by block from a
 * scenario and a seed, with metrics, Monte Carlo sweeps and reports.
 */
package dev.solvent.simulation;
