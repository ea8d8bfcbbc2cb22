package dev.solvent.simulation.sweep;

import dev.solvent.simulation.Simulation;
import dev.solvent.simulation.metrics.RunSummary;
import dev.solvent.simulation.scenario.Scenario;
import dev.solvent.simulation.scenario.ScenarioException;
import dev.solvent.simulation.scenario.ScenarioReader;
import java.io.Serializable;

/**
 * What one run of a sweep gave: its summary, or why it failed. A failed run is a failed cell, never a failed sweep.
 *
 * @param point the grid point's index
 * @param run the run's index
 * @param seed the run's seed
 * @param summary the run's summary, null when it failed
 * @param error why it failed, empty when it ran
 */
public record CellResult(int point, int run, long seed, RunSummary summary, String error) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@return whether the run finished} */
    public boolean ok() {
        return summary != null;
    }

    /**
     * {@return the result of one cell}: the pure function a sweep maps over its cells, wherever they run
     *
     * @param sweep the sweep (its base scenario travels with it)
     * @param cell the cell
     */
    public static CellResult run(Sweep sweep, Sweep.Cell cell) {
        try {
            Scenario s = ScenarioReader.parse(sweep.scenarioSource(), sweep.scenarioYaml(), cell.overrides());
            return new CellResult(cell.point(), cell.run(), cell.seed(), Simulation.summary(s, cell.seed()), "");
        } catch (ScenarioException e) {
            return new CellResult(cell.point(), cell.run(), cell.seed(), null, String.join("; ", e.problems()));
        } catch (RuntimeException | StackOverflowError e) {
            return new CellResult(cell.point(), cell.run(), cell.seed(), null, e.toString());
        }
    }
}
