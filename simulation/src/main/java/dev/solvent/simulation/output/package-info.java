/**
 * A run's output folder: summary, time series, events and report, each written whole or not at all.
 */
package dev.solvent.simulation.output;
