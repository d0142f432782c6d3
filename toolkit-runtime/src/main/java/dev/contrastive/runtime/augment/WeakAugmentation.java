package dev.contrastive.runtime.augment;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;

import java.util.random.RandomGenerator;

/**
 * The built-in {@code weak} policy, torchvision's MoCo v2 recipe for small images after the view's
 * crop ({@link ViewCrop}, which the runtime applies before any policy): colour jitter
 * ({@link ColourJitter}) with probability {@code jitter_p}, random grayscale for colour input,
 * Gaussian blur, solarisation, horizontal flip. Normalisation happens when the loader converts to
 * floats.
 *
 * <p>A view's own settings (BYOL's asymmetric blur and solarisation) reach it through the section
 * it binds. An operation of probability 0 draws nothing, so runs without it keep their random stream.
 */
public final class WeakAugmentation implements AugmentationPolicy {

    /** BYOL's solarisation threshold, on 8-bit levels. */
    static final int SOLARIZE_THRESHOLD = 128;

    @Override
    public String name() {
        return "weak";
    }

    @Override
    public String description() {
        return "MoCo v2 weak views (after the view's crop): colour jitter, grayscale, blur, solarize, flip";
    }

    @Override
    public Class<WeakConfig> configType() {
        return WeakConfig.class;
    }

    @Override
    public ImageTransform create(ViewRequest view, ConfigSection config) {
        WeakConfig weak = config.bind(WeakConfig.class);
        ColourJitter jitter = ColourJitter.of(weak);
        int blurKernel = GaussianBlur.kernelSize(view.size());
        return (image, random) -> {
            Image out = image;
            if (random.nextDouble() < weak.jitterP()) {
                out = jitter.apply(out, random);
            }
            if (out.channels() == 3 && random.nextDouble() < weak.grayscaleP()) {
                out = PixelOps.grayscale(out);
            }
            if (happens(random, weak.blurP())) {
                double sigma = uniform(random, weak.blurSigma().get(0), weak.blurSigma().get(1));
                out = GaussianBlur.blur(out, blurKernel, sigma);
            }
            if (happens(random, weak.solarizeP())) {
                out = PixelOps.solarize(out, SOLARIZE_THRESHOLD);
            }
            if (random.nextDouble() < weak.flipP()) {
                out = PixelOps.flipHorizontal(out);
            }
            return out;
        };
    }

    /** A draw uniform in {@code [lo, hi)}. */
    static double uniform(RandomGenerator random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** A coin of probability {@code p}, drawn only when {@code p > 0}. */
    private static boolean happens(RandomGenerator random, double p) {
        return p > 0 && random.nextDouble() < p;
    }
}
