package dev.contrastive.api;

import ai.djl.ndarray.NDArray;

/**
 * The candidates a base objective retrieves among, for each sample of the batch: MoCo's own key
 * plus the queue, SimCLR's other 2N-1 views of the anchor, BYOL's target projections. An add-on
 * such as CLSA compares any query's distribution over these candidates with the weak query's.
 */
public interface RepresentationBank {

    /**
     * Cosine similarities of each sample's query to that sample's candidates.
     *
     * @param queries {@code N × D} unit vectors, row {@code i} belonging to sample {@code i}
     * @return {@code N × K} similarities, in the same candidate order for every call of one step;
     *     the candidates are constants (no gradient flows into them)
     */
    NDArray similarities(NDArray queries);
}
