package dev.contrastive.moco;

import ai.djl.ndarray.NDArray;
import dev.contrastive.api.RepresentationBank;

/** MoCo's candidates for sample i: its own key, then the whole queue. */
record MocoBank(NDArray keys, NDArray queue) implements RepresentationBank {

    @Override
    public NDArray similarities(NDArray queries) {
        return InfoNce.similarities(queries, keys, queue);
    }
}
