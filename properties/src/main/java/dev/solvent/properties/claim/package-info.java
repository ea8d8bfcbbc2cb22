/** Parameter claims a protocol designer wants to hold, and the jqwik search for their smallest counterexample. */
package dev.solvent.properties.claim;
