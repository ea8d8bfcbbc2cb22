/**
 * The protocol's rules, one class per operation (Aave's layout): each accrues funding, measures the account,
 * validates in the reference order, computes amounts, derives the next state and collects the events.
 */
package dev.solvent.model.logic;
