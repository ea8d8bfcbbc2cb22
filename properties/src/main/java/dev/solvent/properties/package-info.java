/** Solvent's property library: the arbitraries' entry point and the jqwik domain of margin-protocol values. */
package dev.solvent.properties;
