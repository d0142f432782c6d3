package dev.contrastive.api.losses;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.Scalars;

/**
 * BYOL's regression loss, a pure function: {@code mean_i (2 − 2 p_i · t_i)} for unit vectors, the
 * normalised squared distance of predictions to constant targets.
 *
 * @since 0.3.0
 */
public final class CosineRegression {

    private CosineRegression() {
    }

    /**
     * @param predictions {@code N × D} unit vectors, with gradients
     * @param targets {@code N × D} unit vectors, constants
     */
    public static NDArray loss(NDArray predictions, NDArray targets) {
        NDArray cosine = predictions.mul(targets).sum(new int[] {1}).mean();
        return Scalars.plus(Scalars.times(cosine, -2), 2);
    }
}
