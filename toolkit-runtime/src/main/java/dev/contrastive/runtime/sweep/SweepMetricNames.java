package dev.contrastive.runtime.sweep;

import dev.contrastive.runtime.eval.Metric;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The metric names a run writes, which a sweep file's {@code metrics:} may name: the runtime's
 * (the epoch records' and the evaluations') and the objectives' loss terms, which by the
 * objectives' convention are named {@code L_} and a letter or two ({@code L_C}, {@code L_D}).
 * Checked when the sweep file is read, so that a misspelt metric stops the sweep before it
 * trains rather than leaving an empty column after it.
 */
public final class SweepMetricNames {

    /** The runtime's metrics, as its records name them ({@link Metric}). */
    public static final List<String> RUNTIME = Metric.keys();

    private static final Pattern LOSS_TERM = Pattern.compile("L_[A-Za-z0-9_]+");

    private SweepMetricNames() {
    }

    /** Whether some run writes a metric of this name. */
    public static boolean written(String name) {
        return RUNTIME.contains(name) || LOSS_TERM.matcher(name).matches();
    }
}
