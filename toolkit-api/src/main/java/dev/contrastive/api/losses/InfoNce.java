package dev.contrastive.api.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive.api.Scalars;

/**
 * InfoNCE over a candidate set of keys and a queue, and the similarities it is built on, as pure
 * functions: MoCo's loss, for any plugin that scores queries against keys and a queue.
 *
 * @since 0.3.0
 */
public final class InfoNce {

    private InfoNce() {
    }

    /**
     * Similarities of each query to its candidates: its own key (column 0) or every key of the
     * batch (columns 0..N−1, its own at column i), then every queued key.
     *
     * @param queries {@code N × D} unit vectors
     * @param keys {@code N × D} unit vectors, row i the positive of query i
     * @param queue {@code K × D} unit vectors, negatives shared by all queries, or null for none
     *     (MoCo v3: the batch's keys alone; since 0.3.1)
     * @return {@code N × (1 + K)} for {@link Candidates#OWN}, {@code N × (N + K)} for {@link Candidates#BATCH}
     */
    public static NDArray similarities(NDArray queries, NDArray keys, NDArray queue, Candidates candidates) {
        NDArray positives = candidates == Candidates.OWN ? queries.mul(keys).sum(new int[] {1}, true)
                : queries.matMul(keys.transpose());
        if (queue == null) {
            return positives;
        }
        // the transposed view would belong to the queue's long-lived manager: close it here
        try (NDArray queueT = queue.transpose()) {
            return NDArrays.concat(new NDList(positives, queries.matMul(queueT)), 1);
        }
    }

    /**
     * {@code mean_i CE(similarities_i / τ, positive of i)}: class 0, or class i over the batch's keys;
     * {@code queue} as {@link #similarities}, null for none.
     */
    public static NDArray loss(NDArray queries, NDArray keys, NDArray queue, double temperature, Candidates candidates) {
        NDArray logProbabilities = Scalars.divide(similarities(queries, keys, queue, candidates), temperature)
                .logSoftmax(1);
        if (candidates == Candidates.OWN) {
            return logProbabilities.get(":, 0").mean().neg();
        }
        int n = (int) queries.getShape().get(0);
        NDArray own = queries.getManager().eye(n, n, 0, logProbabilities.getDataType());
        return logProbabilities.get(":, 0:{}", n).mul(own).sum(new int[] {1}).mean().neg();
    }
}
