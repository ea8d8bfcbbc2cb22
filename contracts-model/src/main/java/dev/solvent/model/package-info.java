/** The margin protocol's entry point: {@link dev.solvent.model.MarginEngine#execute} runs one transaction against a state. */
package dev.solvent.model;
