package dev.contrastive.simsiam;

/**
 * The {@code simsiam:} section of a run file.
 *
 * @param predictorRatio the predictor's bottleneck width as a fraction of {@code model.head_dim},
 *     in (0, 1] (the paper's 512 of 2048: 0.25); a ratio, not a width, so that the resolved default
 *     follows {@code model.head_dim} and is written out as a number
 * @param fixedPredictorLr whether the predictor keeps the peak learning rate at every step while
 *     the rest follows the schedule (the paper's choice; default true)
 */
public record SimsiamConfig(Double predictorRatio, Boolean fixedPredictorLr) {

    /** Fills defaults and rejects values outside their ranges. */
    public SimsiamConfig {
        predictorRatio = predictorRatio == null ? 0.25 : predictorRatio;
        fixedPredictorLr = fixedPredictorLr == null || fixedPredictorLr;
        if (!(predictorRatio > 0 && predictorRatio <= 1)) {
            throw new IllegalArgumentException("predictor_ratio must be in (0, 1] of model.head_dim, got " + predictorRatio);
        }
    }

    /** The predictor's hidden width over projections {@code dim} wide: at least one unit. */
    int predictorHidden(int dim) {
        return Math.max(1, (int) Math.round(dim * predictorRatio));
    }
}
