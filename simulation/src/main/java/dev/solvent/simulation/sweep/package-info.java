/**
 * Sweeps: a scenario run over a grid of parameter points and seeds on all local cores, resumable from the runs
 * already kept, summarised into one table and report.
 */
package dev.solvent.simulation.sweep;
