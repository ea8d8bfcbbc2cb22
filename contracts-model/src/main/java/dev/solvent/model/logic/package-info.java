/**
 * The protocol's rules, one class per operation (Aave's layout): each accrues funding, measures the account,
 * validates in the reference order, computes amounts, derives the next state and collects the events. Liquidation
 * runs one sequence and asks the configured policy's {@code Mechanism} only what differs.
 */
package dev.solvent.model.logic;
