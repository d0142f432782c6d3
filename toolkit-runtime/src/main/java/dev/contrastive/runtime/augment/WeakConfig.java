package dev.contrastive.runtime.augment;

import java.util.List;

/**
 * The {@code augment.weak:} section: MoCo v2's augmentation for small images.
 *
 * @param scale crop area range {@code [min, max]} of the base objective's views
 * @param brightness brightness jitter strength: factor drawn from {@code [1-b, 1+b]}
 * @param contrast contrast jitter strength: factor drawn from {@code [1-c, 1+c]}
 * @param jitterP probability of applying the colour jitter
 * @param grayscaleP probability of converting a colour image to grey (ignored for grey input)
 * @param flipP probability of a horizontal flip
 * @param then further policies every weak view runs after {@code weak}, in order (a plugin's
 *     Cutout, say); checked against the installed policies when the run is assembled
 */
public record WeakConfig(List<Double> scale, Double brightness, Double contrast, Double jitterP,
        Double grayscaleP, Double flipP, List<String> then) {

    /** Fills defaults and validates. */
    public WeakConfig {
        scale = scale == null ? List.of(0.2, 1.0) : List.copyOf(scale);
        brightness = brightness == null ? 0.4 : brightness;
        contrast = contrast == null ? 0.4 : contrast;
        jitterP = jitterP == null ? 0.8 : jitterP;
        grayscaleP = grayscaleP == null ? 0.2 : grayscaleP;
        flipP = flipP == null ? 0.5 : flipP;
        then = then == null ? List.of() : List.copyOf(then);
        if (then.contains("weak")) {
            throw new IllegalArgumentException("then lists policies to run after weak; weak itself cannot be one");
        }
        if (scale.size() != 2 || !(scale.get(0) > 0 && scale.get(0) <= scale.get(1) && scale.get(1) <= 1)) {
            throw new IllegalArgumentException("scale must be [min, max] with 0 < min <= max <= 1, got " + scale);
        }
        strength("brightness", brightness);
        strength("contrast", contrast);
        probability("jitter_p", jitterP);
        probability("grayscale_p", grayscaleP);
        probability("flip_p", flipP);
    }

    private static void strength(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + value);
        }
    }

    private static void probability(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
        }
    }
}
