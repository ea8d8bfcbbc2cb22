/** Named, documented configurations that mirror real protocols' liquidation rules and default parameters. */
package dev.solvent.model.preset;
