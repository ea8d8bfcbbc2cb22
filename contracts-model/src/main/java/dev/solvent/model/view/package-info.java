/** The contract's view functions: equity, requirements, free collateral, health, liquidatability, liquidation price. */
package dev.solvent.model.view;
