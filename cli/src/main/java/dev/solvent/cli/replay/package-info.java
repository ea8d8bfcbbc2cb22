/**
 * The {@code replay} command's work: reading a genesis state file and a transaction file into the model's values
 * (reporting every bad field with its file, line and path), running them through the engine, and writing the result as
 * deterministic JSON.
 */
package dev.solvent.cli.replay;
