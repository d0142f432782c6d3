package dev.contrastive.byol;

/**
 * The {@code byol:} section of a run file.
 *
 * @param momentum the target's EMA momentum at the start, raised to 1 on a cosine over the run
 *     (BYOL: 0.996 on ImageNet; 0.99 suits short runs)
 * @param queue past target projections kept as extra candidates for add-ons (0: the batch only)
 * @param augmentation {@code symmetric}: both views through the run's {@code augment.weak} as it
 *     is; {@code asymmetric}: BYOL's published pair, blur always and no solarisation in the first
 *     view, blur 0.1 and solarisation 0.2 in the second (the rest of {@code augment.weak} as it is)
 */
public record ByolConfig(Double momentum, Integer queue, String augmentation) {

    /** The values of {@code augmentation}. */
    public static final java.util.List<String> AUGMENTATIONS = java.util.List.of("symmetric", "asymmetric");

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
    }
}
