/** Benchmarks of the exact protocol mirrors: actions per second on one core, to set beside anvil's. */
package dev.solvent.benchmarks.mirror;
