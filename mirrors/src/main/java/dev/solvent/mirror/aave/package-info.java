/**
 * Aave v3 at {@code aave-dao/aave-v3-origin} v3.3.0 and v3.7, mirrored exactly as one machine with a version value:
 * {@link dev.solvent.mirror.aave.Aave} is the one entry point, {@link dev.solvent.mirror.aave.AaveViews} the view
 * functions, {@link dev.solvent.mirror.aave.AaveState} the market (reserves, users, tokens) as an immutable value.
 */
package dev.solvent.mirror.aave;
