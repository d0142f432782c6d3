package dev.contrastive.runtime.library;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link ContrastiveToolkit#run} or {@link ContrastiveToolkit#resume} trained.
 *
 * @param folder the run folder: config.yaml, metrics.jsonl, checkpoints/, encoder.params, report.md
 * @param epochs epochs the run has completed, all invocations
 * @param knnTop1 the final kNN top-1 on the test split (0..1), NaN without evaluation data
 * @param trainSeconds wall time of this invocation's training steps
 * @param imagesPerSecond this invocation's training throughput
 * @param dataWaitShare share of this invocation's training time spent waiting for the loader
 * @param metrics the numbers of the run's last epoch record, then of its final evaluation (the
 *     linear probe's {@code linear_top1} among them when {@code eval:} asks for it), by the names
 *     {@code metrics.jsonl} gives them
 */
public record TrainedRun(Path folder, int epochs, double knnTop1, double trainSeconds, double imagesPerSecond,
        double dataWaitShare, Map<String, Double> metrics) {

    /** A copy whose metrics cannot be changed. */
    public TrainedRun {
        metrics = Map.copyOf(metrics);
    }
}
