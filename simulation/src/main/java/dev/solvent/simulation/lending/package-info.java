/**
 * Lending runs: a lending book simulated block by block on any protocol behind the protocol contract, with the price
 * feeds and oracles of the engine's runs, lending traders and keepers that make the protocol's own liquidation moves.
 */
package dev.solvent.simulation.lending;
