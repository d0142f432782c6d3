package dev.contrastive.byol;

import dev.contrastive.api.HeadLayerConfig;
import dev.contrastive.api.HeadSpec;

import java.util.List;

/**
 * The {@code byol:} section of a run file.
 *
 * @param momentum the target's EMA momentum at the start, raised to 1 on a cosine over the run
 *     (BYOL: 0.996 on ImageNet; 0.99 suits short runs)
 * @param queue past target projections kept as extra candidates for add-ons (0: the batch only)
 * @param augmentation {@code symmetric}: both views through the run's {@code augment.weak} as it
 *     is; {@code asymmetric}: BYOL's published pair, blur always and no solarisation in the first
 *     view, blur 0.1 and solarisation 0.2 in the second (the rest of {@code augment.weak} as it is)
 * @param projector the online and target projection head, a list of layers (absent: the default,
 *     {@code model.head_hidden} with BatchNorm and ReLU to {@code model.head_dim})
 * @param predictor the online predictor over the projection, a list of layers (absent: the
 *     default, as the projector's)
 */
public record ByolConfig(Double momentum, Integer queue, String augmentation, List<HeadLayerConfig> projector,
        List<HeadLayerConfig> predictor) {

    /** The values of {@code augmentation}. */
    public static final List<String> AUGMENTATIONS = java.util.List.of("symmetric", "asymmetric");

    /** The longest queue: its projections are held in memory. */
    public static final int MAX_QUEUE = 1 << 18;

    /** Fills defaults and rejects values outside their ranges. */
    public ByolConfig {
        momentum = momentum == null ? 0.99 : momentum;
        queue = queue == null ? 0 : queue;
        augmentation = augmentation == null ? "symmetric" : augmentation;
        if (!AUGMENTATIONS.contains(augmentation)) {
            throw new IllegalArgumentException("augmentation must be symmetric or asymmetric, got " + augmentation);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1], got " + momentum);
        }
        if (queue < 0 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException("queue must be in 0.." + MAX_QUEUE
                    + " target projections (0: none), got " + queue);
        }
        projector = projector == null ? null : List.copyOf(projector);
        predictor = predictor == null ? null : List.copyOf(predictor);
        HeadSpec.fromConfig("projector", projector);
        HeadSpec.fromConfig("predictor", predictor);
    }

    /** The projector's head, or null for the default. */
    public HeadSpec projectorSpec() {
        return HeadSpec.fromConfig("projector", projector);
    }

    /** The predictor's head, or null for the default. */
    public HeadSpec predictorSpec() {
        return HeadSpec.fromConfig("predictor", predictor);
    }
}
