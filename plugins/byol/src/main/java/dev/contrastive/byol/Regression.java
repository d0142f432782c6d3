package dev.contrastive.byol;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.Scalars;

/** BYOL's loss, a pure function: {@code mean_i (2 − 2 p_i · t_i)} for unit vectors. */
final class Regression {

    private Regression() {
    }

    /**
     * @param predictions {@code N × D} unit vectors, with gradients
     * @param targets {@code N × D} unit vectors, constants
     */
    static NDArray loss(NDArray predictions, NDArray targets) {
        NDArray cosine = predictions.mul(targets).sum(new int[] {1}).mean();
        return Scalars.plus(Scalars.times(cosine, -2), 2);
    }
}
