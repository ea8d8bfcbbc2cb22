package dev.solvent.cli;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long work, shown only when asked for or when a person is watching (a console is
 * attached), so that scripts and logs stay clean.
 */
final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** {@return a bar of {@code total} steps, or one that shows nothing} */
    static Progress of(String task, long total, Boolean wanted) {
        boolean show = wanted != null ? wanted : System.console() != null;
        if (!show) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .build());
    }

    /** {@return a callback that moves the bar to a count of steps done} */
    IntConsumer steps() {
        return done -> {
            if (bar != null) {
                bar.stepTo(done);
            }
        };
    }

    /** Moves the bar one step. */
    void step() {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
