package dev.contrastive.mocov3;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.losses.Candidates;
import dev.contrastive.api.losses.InfoNce;

/** MoCo v3's contrastive loss: InfoNCE over the batch's keys, no queue, scaled by {@code 2τ}. */
final class Mocov3Loss {

    private Mocov3Loss() {
    }

    /**
     * {@code 2τ · mean_i CE(q_i · K^T / τ, i)}, the official code's {@code contrastive_loss}.
     *
     * @param queries {@code N × D} unit vectors, with gradients
     * @param keys {@code N × D} unit vectors, constants; row i the positive of query i
     */
    static NDArray contrastive(NDArray queries, NDArray keys, double temperature) {
        return Scalars.times(InfoNce.loss(queries, keys, null, temperature, Candidates.BATCH), 2 * temperature);
    }

    /** {@code ctr(q1, k2) + ctr(q2, k1)}: summed over the two directions, as published. */
    static NDArray symmetric(NDArray q1, NDArray q2, NDArray k1, NDArray k2, double temperature) {
        return contrastive(q1, k2, temperature).add(contrastive(q2, k1, temperature));
    }
}
