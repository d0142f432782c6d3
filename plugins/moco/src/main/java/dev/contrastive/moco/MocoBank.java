package dev.contrastive.moco;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.losses.Candidates;
import dev.contrastive.api.losses.InfoNce;
import dev.contrastive.api.RepresentationBank;

/**
 * MoCo's candidates for sample i: its own key or the batch's keys ({@link Candidates}), then the
 * whole queue; its contrastive loss is InfoNCE over them.
 */
record MocoBank(NDArray keys, NDArray queue, Candidates candidates, double temperature) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        return InfoNce.similarities(queries, keys, queue, candidates);
    }

    @Override
    public NDArray contrastiveLoss(NDArray queries) {
        return InfoNce.loss(queries, keys, queue, temperature, candidates);
    }
}
