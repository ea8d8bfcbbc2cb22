/**
 * Compound III (Comet) at {@code compound-finance/comet@d5a30b0a}, mirrored exactly: {@link
 * dev.solvent.mirror.comet.Comet} is the one entry point, {@link dev.solvent.mirror.comet.CometViews} the view
 * functions, {@link dev.solvent.mirror.comet.CometState} the market as an immutable value.
 */
package dev.solvent.mirror.comet;
