/**
 * What contracts read: on-chain oracle semantics as pure step functions over immutable states (Chainlink-style push
 * feeds, Maker's OSM and signed-report Median, TWAP, Pyth-style pull prices), the guards a careful consumer applies,
 * and ready-made fault and manipulation scenarios.
 */
package dev.solvent.oracle.feed;
