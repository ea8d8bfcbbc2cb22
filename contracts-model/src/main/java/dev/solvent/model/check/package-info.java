/** Validation shared by the model's configuration and policy values: one collector of out-of-range fields. */
package dev.solvent.model.check;
