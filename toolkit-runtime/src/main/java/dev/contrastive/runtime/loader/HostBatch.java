package dev.contrastive.runtime.loader;

import java.util.List;

/**
 * A batch prepared by the loader threads in plain Java memory, ready to become tensors.
 *
 * @param size samples
 * @param views one normalised {@code N × C × S × S} float array per view pipeline, in order
 * @param labels class of each sample
 * @param samples each sample's index in the training set
 */
public record HostBatch(int size, List<float[]> views, int[] labels, int[] samples) {
}
