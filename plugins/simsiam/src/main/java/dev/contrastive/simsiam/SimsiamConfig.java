package dev.contrastive.simsiam;

import dev.contrastive.api.HeadSpec;

/**
 * The {@code simsiam:} section of a run file.
 *
 * @param predictorHidden the predictor's bottleneck width (absent: {@code model.head_dim / 4}, the
 *     paper's 512 of 2048)
 * @param fixedPredictorLr whether the predictor keeps the peak learning rate at every step while
 *     the rest follows the schedule (the paper's choice; default true)
 */
public record SimsiamConfig(Integer predictorHidden, Boolean fixedPredictorLr) {

    /** Fills defaults and rejects values outside their ranges. */
    public SimsiamConfig {
        fixedPredictorLr = fixedPredictorLr == null || fixedPredictorLr;
        if (predictorHidden != null && (predictorHidden < 1 || predictorHidden > HeadSpec.MAX_UNITS)) {
            throw new IllegalArgumentException("predictor_hidden must be in 1.." + HeadSpec.MAX_UNITS
                    + " units, got " + predictorHidden);
        }
    }

    /** The predictor's hidden width over projections {@code dim} wide. */
    int predictorHidden(int dim) {
        return predictorHidden != null ? predictorHidden : Math.max(1, dim / 4);
    }
}
