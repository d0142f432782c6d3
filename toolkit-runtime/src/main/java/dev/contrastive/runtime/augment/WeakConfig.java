package dev.contrastive.runtime.augment;

import java.util.List;

/**
 * The {@code augment.weak:} section: MoCo v2's augmentation for small images, with the colour
 * operations of the SimCLR and BYOL recipes. Every operation added to the Fashion-MNIST recipe
 * defaults to off, so its runs are unchanged.
 *
 * @param scale crop area range {@code [min, max]} of the base objective's views
 * @param brightness brightness jitter strength: factor drawn from {@code [1-b, 1+b]}
 * @param contrast contrast jitter strength: factor drawn from {@code [1-c, 1+c]}
 * @param saturation saturation jitter strength: factor drawn from {@code [1-s, 1+s]} (colour input)
 * @param hue hue jitter: shift drawn from {@code [-hue, hue]} turns, {@code hue <= 0.5} (colour input)
 * @param jitterP probability of applying the colour jitter
 * @param grayscaleP probability of converting a colour image to grey (ignored for grey input)
 * @param blurP probability of a Gaussian blur, kernel about 10% of the view's side
 * @param blurSigma range {@code [min, max]} of the blur's deviation, drawn uniformly
 * @param solarizeP probability of solarising (inverting levels of 128 and above)
 * @param flipP probability of a horizontal flip
 * @param then further policies every weak view runs after {@code weak}, in order (a plugin's
 *     Cutout, say); checked against the installed policies when the run is assembled
 */
public record WeakConfig(List<Double> scale, Double brightness, Double contrast, Double saturation,
        Double hue, Double jitterP, Double grayscaleP, Double blurP, List<Double> blurSigma,
        Double solarizeP, Double flipP, List<String> then) {

    /** Fills defaults and validates. */
    public WeakConfig {
        scale = scale == null ? List.of(0.2, 1.0) : List.copyOf(scale);
        brightness = brightness == null ? 0.4 : brightness;
        contrast = contrast == null ? 0.4 : contrast;
        saturation = saturation == null ? 0.0 : saturation;
        hue = hue == null ? 0.0 : hue;
        jitterP = jitterP == null ? 0.8 : jitterP;
        grayscaleP = grayscaleP == null ? 0.2 : grayscaleP;
        blurP = blurP == null ? 0.0 : blurP;
        blurSigma = blurSigma == null ? List.of(0.1, 2.0) : List.copyOf(blurSigma);
        solarizeP = solarizeP == null ? 0.0 : solarizeP;
        flipP = flipP == null ? 0.5 : flipP;
        then = then == null ? List.of() : List.copyOf(then);
        if (then.contains("weak")) {
            throw new IllegalArgumentException("then lists policies to run after weak; weak itself cannot be one");
        }
        if (scale.size() != 2 || !(scale.get(0) > 0 && scale.get(0) <= scale.get(1) && scale.get(1) <= 1)) {
            throw new IllegalArgumentException("scale must be [min, max] with 0 < min <= max <= 1, got " + scale);
        }
        if (blurSigma.size() != 2 || !(blurSigma.get(0) > 0 && blurSigma.get(0) <= blurSigma.get(1))) {
            throw new IllegalArgumentException("blur_sigma must be [min, max] with 0 < min <= max, got " + blurSigma);
        }
        strength("brightness", brightness);
        strength("contrast", contrast);
        strength("saturation", saturation);
        if (!(hue >= 0 && hue <= 0.5)) {
            throw new IllegalArgumentException("hue must be in [0, 0.5], got " + hue);
        }
        probability("jitter_p", jitterP);
        probability("grayscale_p", grayscaleP);
        probability("blur_p", blurP);
        probability("solarize_p", solarizeP);
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
