package dev.contrastive.api.losses;

import ai.djl.ndarray.NDArray;

/**
 * SimSiam's loss, a pure function: {@code −mean_i p_i · z_i} for unit vectors, the negative cosine
 * similarity of predictions to constant targets, in [−1, 1]. {@link CosineRegression} is
 * {@code 2 + 2 ·} this.
 *
 * @since 0.3.1
 */
public final class NegativeCosine {

    private NegativeCosine() {
    }

    /**
     * @param predictions {@code N × D} unit vectors, with gradients
     * @param targets {@code N × D} unit vectors, constants (the caller stops their gradient)
     */
    public static NDArray loss(NDArray predictions, NDArray targets) {
        return predictions.mul(targets).sum(new int[] {1}).mean().neg();
    }
}
