/**
 * Built-in keeper strategies: how to find what is liquidatable (unhealthy cross accounts and isolated positions, by a
 * full scan or an index by liquidation price), what to send (everything, only what pays for its gas, or the move each
 * liquidation mechanism offers within a capital limit), and constraints (late prices, a gas budget, limited capital).
 */
package dev.solvent.keeper.strategy;
