/**
 * Real market history: OHLC candles read exactly from CSV files (the bundled crash windows among them), replayed into
 * block-by-block market paths, and resampled by block bootstrap into many plausible paths.
 */
package dev.solvent.oracle.history;
