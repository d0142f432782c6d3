package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import java.util.List;
import java.util.Map;

/**
 * A trainable MLP that is not part of an {@link Encoder}, such as BYOL's predictor: it belongs
 * to an objective's query path but not to the backbone that is evaluated and exported. Built by
 * {@link EncoderFactory#createHead}.
 */
public interface Head {

    /**
     * Applies the MLP.
     *
     * @param input {@code N × inputSize}
     * @param training batch statistics in BatchNorm (and running-statistics updates) when true
     * @return {@code N × outputSize}, not normalised; with gradients inside the trainer's collector
     */
    NDArray forward(NDArray input, boolean training);

    /** Width of {@link #forward}'s output. */
    int outputSize();

    /** The parameters the optimiser updates. */
    List<Parameter> trainableParameters();

    /** Every parameter and statistic by a stable name, for checkpoints (live arrays). */
    Map<String, NDArray> state();
}
