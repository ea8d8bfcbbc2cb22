/**
 * Reports people read: an immutable model of one run or one sweep, filled in by the simulation, and a writer that
 * turns it into a self-contained {@code report.html} with charts (ECharts, inlined; it opens offline, from a file).
 *
 * <p>The model holds {@code double}s: it is presentation only, downstream of the exact arithmetic. Its series are
 * sampled (one value per sampled block of the {@link dev.solvent.simulation.report.Timeline}), so a 216,000-block run
 * can be drawn from a few thousand points.
 */
package dev.solvent.simulation.report;
