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

    /**
     * Each sample's index in the training set, {@code N} int64 values in
     * {@code 0 .. BaseContext.datasetSize() − 1}: for a base that keeps an entry per image
     * (InstDisc's memory bank). The runtime's batches always carry them.
     *
     * @throws UnsupportedOperationException if this host does not say (the default)
     * @since 0.3.1
     */
    default NDArray indices() {
        throw new UnsupportedOperationException("this host does not say the samples' indices");
    }
}
