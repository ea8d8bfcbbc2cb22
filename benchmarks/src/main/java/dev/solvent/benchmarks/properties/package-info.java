/** Benchmarks of the properties module: how many stateful campaign actions run per second. */
package dev.solvent.benchmarks.properties;
