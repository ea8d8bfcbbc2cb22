/**
 * Where a lending scenario's protocol becomes an implementation: {@link
 * dev.solvent.simulation.protocol.LendingMarket}, the little a lending run needs beyond the protocol contract
 * (opening a market, a participant's account, supplying, borrowing, repaying), and {@link
 * dev.solvent.simulation.protocol.Markets}, the one factory that picks the implementation by the scenario's {@code
 * protocol} name. The only package of the simulation that knows the mirrors (an architecture test keeps it so).
 */
package dev.solvent.simulation.protocol;
