/**
 * Market price paths (what assets trade at, block by block): seeded generators, scripted shocks, and the operations
 * that scale, shift and join paths; prices are exact integers with explicit decimals.
 */
package dev.solvent.oracle.market;
