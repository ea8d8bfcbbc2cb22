/**
 * The small contract every protocol implements, Solvent's own engine and each mirror of a real one: execute a call
 * against a state in a block, the views the layers above need (accounts, health, totals) and the liquidation moves a
 * keeper can make. Simulation, keepers, replay and check are to be written against {@link
 * dev.solvent.model.protocol.Protocol} only.
 */
package dev.solvent.model.protocol;
