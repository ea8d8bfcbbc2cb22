/**
 * Reads a live deployment of a mirrored protocol (Compound III today) at one block over JSON-RPC into its mirror's
 * state, proves the read by comparing the mirror's views with the deployment's, and writes and reads the state file.
 */
package dev.solvent.oracle.mirror;
