/** The {@code solvent} command: the only place that reads arguments, prints, and exits. */
package dev.solvent.cli;
