package dev.contrastive.api;

import ai.djl.ndarray.NDArray;

/**
 * What an add-on receives of one step: the base's result (with the terms of add-ons before it),
 * the batch, and the base's online query path.
 *
 * @since 0.3.0
 */
public interface BaseStep {

    /** The result so far: the base's loss and terms, weak queries, features and bank. */
    StepResult result();

    /** The base's candidates of this step; null for a base without a bank. */
    default RepresentationBank bank() {
        return result().bank();
    }

    /** The batch, with every view of the chain. */
    ViewBatch batch();

    /**
     * Images through the base's online query path, with gradients (see
     * {@link BaseRun#embedQuery}).
     *
     * @param images {@code N × C × H × W}, normalised
     * @return {@code N × D} unit vectors
     */
    NDArray embedQuery(NDArray images);
}
