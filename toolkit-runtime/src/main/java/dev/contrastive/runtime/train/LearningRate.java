package dev.contrastive.runtime.train;

/**
 * Linear warm-up from 0 to the peak, then a half-cosine to 0, evaluated per step.
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up
 * @param totalSteps steps of the whole run
 */
record LearningRate(double peak, long warmupSteps, long totalSteps) {

    /** The rate for 0-based {@code step}. */
    double at(long step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
