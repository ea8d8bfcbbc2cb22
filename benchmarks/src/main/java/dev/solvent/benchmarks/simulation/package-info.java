/**
 * JMH benchmarks of whole simulation runs and of the cost of one block.
 */
package dev.solvent.benchmarks.simulation;
