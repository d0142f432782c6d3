package dev.contrastive.mocov3;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.RepresentationBank;

/**
 * MoCo v3's candidates, the same for every sample: the batch's momentum keys of the second view,
 * sample i's own at column i. A further query contrasts with the keys of both views, one
 * {@link Mocov3Loss#contrastive} term each, as the two directions of the base's loss.
 *
 * @param firstKeys {@code N × D} momentum keys of the first view, detached
 * @param keys {@code N × D} momentum keys of the second view, detached: the candidates
 */
record Mocov3Bank(NDArray firstKeys, NDArray keys, double temperature) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        return queries.matMul(keys.transpose());
    }

    @Override
    public NDArray contrastiveLoss(NDArray queries) {
        return Mocov3Loss.contrastive(queries, firstKeys, temperature).add(Mocov3Loss.contrastive(queries, keys, temperature));
    }
}
