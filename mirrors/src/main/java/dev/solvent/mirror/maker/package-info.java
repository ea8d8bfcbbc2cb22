/**
 * Maker's liquidation contracts at {@code makerdao/dss@fa4f6630}, mirrored exactly: {@link
 * dev.solvent.mirror.maker.Dss} is the one entry point, {@link dev.solvent.mirror.maker.DssState} the Vat, Jug,
 * Spotter, Vow, Dog, Clippers with their curves, Cat and Flippers as immutable values.
 */
package dev.solvent.mirror.maker;
