/**
 * What a run measures: one row per sampled block, health samples, keeper results, the underwater tally and the run
 * summary, all exact integers in the settlement asset's base units.
 */
package dev.solvent.simulation.metrics;
