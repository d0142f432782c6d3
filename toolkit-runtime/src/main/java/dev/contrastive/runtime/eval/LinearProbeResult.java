package dev.contrastive.runtime.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the linear probe measured.
 *
 * @param top1 test accuracy of the classifier trained on the whole train split
 * @param top5 test top-5 accuracy (1 when there are at most five classes)
 * @param l2 the L2 strength chosen on the held-out part of the train split
 * @param heldOutTop1 held-out top-1 of each L2 strength of the grid, in grid order
 * @param trainImages images the final classifier was trained on
 * @param seconds wall time of feature extraction and training
 */
public record LinearProbeResult(double top1, double top5, double l2, Map<Double, Double> heldOutTop1,
        int trainImages, double seconds) {

    /** The metrics written to {@code metrics.jsonl}: {@code linear_top1}, {@code linear_top5}, {@code linear_l2}. */
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put(Metric.LINEAR_TOP1.key(), top1);
        metrics.put(Metric.LINEAR_TOP5.key(), top5);
        metrics.put(Metric.LINEAR_L2.key(), l2);
        return metrics;
    }
}
