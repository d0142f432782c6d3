package dev.contrastive.byol;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive.api.RepresentationBank;

/**
 * BYOL's candidates, the same for every sample: the batch's target projections of the other
 * view, then the queue of past ones when there is one.
 *
 * @param targets {@code N × D} unit vectors, detached
 * @param queue {@code K × D} past target projections, or null
 */
record ByolBank(NDArray targets, NDArray queue) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        // targets first: the concatenation then belongs to the step, not to the queue's manager
        NDArray candidates = queue == null ? targets : NDArrays.concat(new NDList(targets, queue), 0);
        return queries.matMul(candidates.transpose());
    }
}
