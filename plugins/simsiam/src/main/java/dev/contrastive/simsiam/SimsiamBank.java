package dev.contrastive.simsiam;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.RepresentationBank;
import dev.contrastive.api.Scalars;
import dev.contrastive.api.losses.NegativeCosine;

/**
 * SimSiam's candidates, the same for every sample: the batch's stop-gradient projections of the
 * second view (as BYOL's targets). A further query is pulled towards the projections of both
 * views, each with weight one half, as the two halves of SimSiam's own loss.
 *
 * @param firstTargets {@code N × D} normalised projections of the first view, detached
 * @param targets {@code N × D} normalised projections of the second view, detached: the candidates
 */
record SimsiamBank(NDArray firstTargets, NDArray targets) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        return queries.matMul(targets.transpose());
    }

    @Override
    public NDArray contrastiveLoss(NDArray queries) {
        return Scalars.times(NegativeCosine.loss(queries, firstTargets).add(NegativeCosine.loss(queries, targets)), 0.5);
    }
}
