/** Identifiers of accounts, assets and markets: ordered, so every iteration the protocol does is deterministic. */
package dev.solvent.model.id;
