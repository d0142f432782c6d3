package dev.contrastive.byol;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.contrastive.api.losses.CosineRegression;
import dev.contrastive.api.RepresentationBank;

/**
 * BYOL's candidates, the same for every sample: the batch's target projections of the second
 * view, then the queue of past ones when there is one. A further query is regressed to the
 * targets of both views, as solo-learn's BYOL does for every crop beyond the two large ones.
 *
 * @param firstTargets {@code N × D} target projections of the first view, detached
 * @param targets {@code N × D} target projections of the second view, detached: the candidates
 * @param queue {@code K × D} past target projections, or null
 */
record ByolBank(NDArray firstTargets, NDArray targets, NDArray queue) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        // targets first: the concatenation then belongs to the step, not to the queue's manager
        NDArray candidates = queue == null ? targets : NDArrays.concat(new NDList(targets, queue), 0);
        return queries.matMul(candidates.transpose());
    }

    @Override
    public NDArray contrastiveLoss(NDArray queries) {
        return CosineRegression.loss(queries, firstTargets).add(CosineRegression.loss(queries, targets));
    }
}
