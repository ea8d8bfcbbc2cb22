/**
 * Built-in keeper strategies: how to find unhealthy accounts (a full scan, or an index by liquidation price), what to
 * send (everything, or only what pays for its gas), and constraints (late prices, a gas budget).
 */
package dev.solvent.keeper.strategy;
