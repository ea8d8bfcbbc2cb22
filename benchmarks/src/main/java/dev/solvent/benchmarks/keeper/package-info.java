/** Benchmarks of keeper scanners: the liquidation-price index beside the full scan. */
package dev.solvent.benchmarks.keeper;
