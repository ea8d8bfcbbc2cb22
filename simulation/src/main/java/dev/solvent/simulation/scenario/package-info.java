/**
 * Scenario files: YAML read field by field into a validated {@link dev.solvent.simulation.scenario.Scenario}, with
 * errors that name the field and what would be valid, and the bundled scenarios by name.
 */
package dev.solvent.simulation.scenario;
