/** JMH benchmarks of Solvent's hot paths. */
package dev.solvent.benchmarks;
