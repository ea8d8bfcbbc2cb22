/** Internal helpers shared by the oracle's packages (parameter validation); not part of the public API. */
package dev.solvent.oracle.internal;
