/** Protocol state as immutable values: accounts, positions, market states, the insurance fund and the loss ledgers. */
package dev.solvent.model.state;
