package dev.contrastive.api;

import java.util.List;

/**
 * A view an objective needs for every sample of a batch: the loader crops each image to
 * {@code size} pixels (area fraction drawn from {@code minScale..maxScale}) and runs the named
 * augmentation policies in order. The batch then holds the view under {@code name} as a float
 * tensor {@code N × C × size × size}, normalised with the data set's mean and deviation.
 *
 * @param name key of the view in the {@link ViewBatch}, unique within a run
 * @param policies names of {@link AugmentationPolicy} extensions, applied left to right
 * @param size output side in pixels
 * @param minScale smallest crop area, as a fraction of the image, in (0, 1]
 * @param maxScale largest crop area, in [minScale, 1]
 */
public record ViewRequest(String name, List<String> policies, int size, double minScale,
        double maxScale) {

    /** Validates the crop geometry. */
    public ViewRequest {
        policies = List.copyOf(policies);
        if (size < 1) {
            throw new IllegalArgumentException("view '" + name + "': size must be positive");
        }
        if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1)) {
            throw new IllegalArgumentException(
                    "view '" + name + "': scale must satisfy 0 < min <= max <= 1");
        }
    }
}
