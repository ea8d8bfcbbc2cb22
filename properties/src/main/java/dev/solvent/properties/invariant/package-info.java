/** The catalogue of solvency invariants: named, documented checks over a state or a transition that return violations. */
package dev.solvent.properties.invariant;
