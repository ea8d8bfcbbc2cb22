/** JMH benchmarks of the oracle module: path generation, historical replay, and signed-report verification. */
package dev.solvent.benchmarks.oracle;
