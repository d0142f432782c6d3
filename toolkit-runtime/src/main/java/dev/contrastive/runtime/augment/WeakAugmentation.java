package dev.contrastive.runtime.augment;

import dev.contrastive.api.AugmentationPolicy;
import dev.contrastive.api.ConfigSection;
import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;

import java.util.random.RandomGenerator;

/**
 * The built-in {@code weak} policy, torchvision's MoCo v2 recipe for small images: random
 * resized crop (area from the view's scale range, aspect 3/4..4/3, bilinear), colour jitter
 * ({@link ColourJitter}) with probability {@code jitter_p}, random grayscale for colour input,
 * Gaussian blur, solarisation, horizontal flip. Normalisation happens when the loader converts to
 * floats.
 *
 * <p>A {@link ViewRequest} does not say which of an objective's views it is, so every weak view
 * uses the same blur and solarisation probabilities (BYOL's recipe gives its two views different
 * ones). An operation of probability 0 draws nothing, so runs without it keep their random stream.
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
        return "MoCo v2 weak views: random resized crop, colour jitter, grayscale, blur, solarize, flip";
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
            Image out = randomResizedCrop(image, view, random);
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

    /** torchvision's RandomResizedCrop: ten tries at a box of the drawn area and aspect, else centre. */
    static Image randomResizedCrop(Image image, ViewRequest view, RandomGenerator random) {
        int h = image.height();
        int w = image.width();
        double area = (double) h * w;
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * uniform(random, view.minScale(), view.maxScale());
            double aspect = Math.exp(uniform(random, Math.log(3.0 / 4), Math.log(4.0 / 3)));
            int cw = (int) Math.round(Math.sqrt(target * aspect));
            int ch = (int) Math.round(Math.sqrt(target / aspect));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                int top = random.nextInt(h - ch + 1);
                int left = random.nextInt(w - cw + 1);
                return Resampler.crop(image, top, left, ch, cw, view.size());
            }
        }
        int side = Math.min(h, w);
        return Resampler.crop(image, (h - side) / 2, (w - side) / 2, side, side, view.size());
    }
}
