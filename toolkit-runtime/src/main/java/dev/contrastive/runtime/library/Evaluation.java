package dev.contrastive.runtime.library;

import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link ContrastiveToolkit#evaluate} measured, as also appended to the run's
 * {@code metrics.jsonl} ({@code "type":"eval"}).
 *
 * @param folder the run folder
 * @param checkpoint the evaluated checkpoint as recorded (relative to the folder when inside it),
 *     or {@code init} for the freshly initialised encoder
 * @param epoch the epochs the evaluated weights had trained
 * @param results the measured numbers by their record names ({@code knn_top1}, {@code linear_top1},
 *     {@code linear_top5}, {@code eval_s}, ...)
 * @param report the rewritten {@code report.md}
 */
public record Evaluation(Path folder, String checkpoint, int epoch, Map<String, Object> results, Path report) {

    /** A copy whose results cannot be changed. */
    public Evaluation {
        results = Map.copyOf(results);
    }
}
