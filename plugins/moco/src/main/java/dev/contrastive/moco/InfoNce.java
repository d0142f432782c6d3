package dev.contrastive.moco;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.contrastive.api.Scalars;

/** MoCo's InfoNCE loss and the candidate similarities it is built on, as pure functions. */
final class InfoNce {

    private InfoNce() {
    }

    /**
     * Similarities of each query to its own key (column 0) and to every queued key.
     *
     * @param queries {@code N × D} unit vectors
     * @param keys {@code N × D} unit vectors, row i the positive of query i
     * @param queue {@code K × D} unit vectors, negatives shared by all queries
     * @return {@code N × (1 + K)}
     */
    static NDArray similarities(NDArray queries, NDArray keys, NDArray queue) {
        NDArray positive = queries.mul(keys).sum(new int[] {1}, true);
        // the transposed view would belong to the queue's long-lived manager: close it here
        try (NDArray queueT = queue.transpose()) {
            return NDArrays.concat(new ai.djl.ndarray.NDList(positive, queries.matMul(queueT)), 1);
        }
    }

    /** {@code mean_i CE([q_i·k_i, q_i·queue] / τ, 0)}: the positive is class 0. */
    static NDArray loss(NDArray queries, NDArray keys, NDArray queue, double temperature) {
        NDArray logits = Scalars.divide(similarities(queries, keys, queue), temperature);
        return logits.logSoftmax(1).get(":, 0").mean().neg();
    }
}
