package dev.contrastive.api;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One training batch: every requested view of the same {@code size()} samples, row {@code i} of
 * each view coming from sample {@code i}. Its manager is closed at the end of the step, so arrays
 * an objective keeps across steps must be copied into its own manager.
 */
public interface ViewBatch {

    /** Number of samples. */
    int size();

    /**
     * The view named in a {@link ViewRequest}.
     *
     * @param name the request's name
     * @return {@code N × C × H × W} floats
     * @throws IllegalArgumentException if no such view was requested
     */
    NDArray view(String name);

    /** Class labels of the samples ({@code N}, int), for online probes; never for the loss. */
    NDArray labels();

    /** The step's manager, closed when the step ends. */
    NDManager manager();
}
