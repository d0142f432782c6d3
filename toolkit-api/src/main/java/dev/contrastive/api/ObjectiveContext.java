package dev.contrastive.api;

import ai.djl.ndarray.NDManager;

import java.util.List;

/**
 * What the runtime hands a {@link ContrastiveObjective} when a run starts.
 *
 * @param config the objective's own run-file section ({@code moco:}, {@code clsa:}), maybe empty
 * @param encoders builds encoders of the run's backbone and projection head
 * @param inner the objective this add-on wraps; {@code null} for a base
 * @param manager long-lived manager for the objective's state (queues, target encoders);
 *     per-step arrays belong to the batch's manager instead
 * @param batchSize images per training batch
 * @param imageSize side of the data set's (square) images in pixels
 * @param weakMinScale smallest crop area of the weak views ({@code augment.weak.scale})
 * @param weakMaxScale largest crop area of the weak views
 */
public record ObjectiveContext(ConfigSection config, EncoderFactory encoders,
        TrainingObjective inner, NDManager manager, int batchSize, int imageSize,
        double weakMinScale, double weakMaxScale) {

    /** A view through the run's weak policy at full image size, as base objectives use. */
    public ViewRequest weakView(String name) {
        return new ViewRequest(name, List.of("weak"), imageSize, weakMinScale, weakMaxScale);
    }
}
