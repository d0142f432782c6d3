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

    /**
     * The base's own contrastive term for further queries of the step's samples, each query
     * {@code i} against sample {@code i}'s positive among these candidates, reduced as the base
     * reduces its own term: what CLSA* adds for each extra weak crop, and what the
     * strong-as-positive ablation adds for each strong view (MoCo: InfoNCE over the candidates;
     * SimCLR: NT-Xent's cross-entropy towards the anchor's pair; BYOL: the regression to the
     * targets of both views). A base says whether it has one with
     * {@link BaseRun#providesContrastiveLoss()}.
     *
     * @param queries {@code N × D} unit vectors from the base's query path, with gradients
     * @return a scalar with gradients flowing into {@code queries}
     * @throws UnsupportedOperationException if the base has no such term (the default)
     * @since 0.3.0
     */
    default NDArray contrastiveLoss(NDArray queries) {
        throw new UnsupportedOperationException(getClass().getName() + " has no contrastive loss for further queries");
    }
}
