package dev.contrastive.runtime.sweep;

import java.util.Map;

/**
 * The outcome of one variant with the numbers its run recorded: a row of {@code results.csv}.
 *
 * @param variant the variant
 * @param status where its run stands
 * @param metrics numeric values of the run's last epoch record and last evaluation
 * @param wallSeconds wall time of this invocation's training, NaN when not trained now
 * @param trainSeconds sum of the run's epoch times
 * @param error the failure's message, or null
 */
public record RunResult(SweepFile.Variant variant, RunStatus status, Map<String, Double> metrics, double wallSeconds,
        double trainSeconds, String error) {

    static RunResult pending(SweepFile.Variant variant) {
        return new RunResult(variant, RunStatus.PENDING, Map.of(), Double.NaN, Double.NaN, null);
    }

    /** An outcome completed with what its run folder recorded. */
    static RunResult of(RunOutcome outcome, RunMetrics metrics) {
        Map<String, Double> values = outcome.status().finished() ? metrics.numbers() : Map.of();
        return new RunResult(outcome.variant(), outcome.status(), values, outcome.wallSeconds(),
                metrics.trainSeconds(), outcome.error());
    }

    /** Whether the run has results. */
    public boolean finished() {
        return status.finished();
    }
}
