package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

class WeakAugmentationTest {

    static Image gradient(int h, int w, int c) {
        Image image = Image.blank(h, w, c);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = (byte) (i * 7 % 256);
        }
        return image;
    }

    private static final ViewRequest VIEW = ViewRequest.of("q", List.of("weak"), 24, 0.2, 1.0);

    private final ImageTransform weak = policy("");

    /** The weak view as the runtime builds it: the view's crop, then the policy. */
    private static ImageTransform policy(String yaml) {
        return ViewCrop.of(VIEW).andThen(new WeakAugmentation().create(VIEW, YamlSection.of("augment.weak", yaml)));
    }

    /**
     * The default weak view as it was before the colour operations existed (crop, brightness and
     * contrast in an order drawn by one coin, grey, flip), written out from the same primitives.
     */
    private static Image viewBeforeColourOps(Image image, RandomGenerator random) {
        Image out = ViewCrop.randomResizedCrop(image, VIEW, random);
        if (random.nextDouble() < 0.8) {
            double b = WeakAugmentation.uniform(random, 1 - 0.4, 1 + 0.4);
            double c = WeakAugmentation.uniform(random, 1 - 0.4, 1 + 0.4);
            out = random.nextBoolean() ? PixelOps.contrast(PixelOps.brightness(out, b), c)
                    : PixelOps.brightness(PixelOps.contrast(out, c), b);
        }
        if (out.channels() == 3 && random.nextDouble() < 0.2) {
            out = PixelOps.grayscale(out);
        }
        if (random.nextDouble() < 0.5) {
            out = PixelOps.flipHorizontal(out);
        }
        return out;
    }

    @Test
    void colourKeysAtTheirDefaultsGiveTheViewsOfBefore() {
        ImageTransform explicit = policy("saturation: 0\nhue: 0\nblur_p: 0\nsolarize_p: 0\n");
        for (Image in : List.of(gradient(28, 28, 1), gradient(32, 32, 3))) {
            for (int seed = 0; seed < 300; seed++) {
                byte[] before = viewBeforeColourOps(in, new SplittableRandom(seed)).pixels();
                for (ImageTransform policy : List.of(weak, explicit)) {
                    assertThat(policy.apply(in, new SplittableRandom(seed)).pixels()).as("seed %d", seed)
                            .isEqualTo(before);
                }
            }
        }
    }

    /** With the flip off, a view that always blurs or solarises is the plain view, blurred or solarised. */
    @Test
    void blurAndSolarizeFollowTheGreyStepAndPrecedeTheFlip() {
        ImageTransform plain = policy("flip_p: 0\n");
        ImageTransform blurred = policy("flip_p: 0\nblur_p: 1\nblur_sigma: [0.8, 0.8]\n");
        ImageTransform solarized = policy("flip_p: 0\nsolarize_p: 1\n");
        Image in = gradient(28, 28, 3);
        for (int seed = 0; seed < 20; seed++) {
            Image before = plain.apply(in, new SplittableRandom(seed));
            Image blur = blurred.apply(in, new SplittableRandom(seed));
            Image solarize = solarized.apply(in, new SplittableRandom(seed));
            // SimCLR's kernel for a 24 px view: 24 // 10 = 2, made odd: 3
            assertThat(blur.pixels()).isEqualTo(GaussianBlur.blur(before, 3, 0.8).pixels())
                    .isNotEqualTo(before.pixels());
            assertThat(solarize.pixels()).isEqualTo(PixelOps.solarize(before, 128).pixels())
                    .isNotEqualTo(before.pixels());
        }
    }

    @Test
    void blurKernelIsAboutATenthOfTheSideAndOdd() {
        assertThat(GaussianBlur.kernelSize(224)).as("BYOL's 23x23 at 224 px").isEqualTo(23);
        assertThat(GaussianBlur.kernelSize(96)).isEqualTo(9);
        assertThat(GaussianBlur.kernelSize(32)).isEqualTo(3);
        assertThat(GaussianBlur.kernelSize(28)).isEqualTo(3);
        assertThat(GaussianBlur.kernelSize(16)).as("no blur below 20 px").isEqualTo(1);
    }

    @Test
    void outputHasTheViewSizeAndChannels() {
        for (int c : new int[] {1, 3}) {
            Image out = weak.apply(gradient(28, 32, c), new SplittableRandom(1));
            assertThat(out.height()).isEqualTo(24);
            assertThat(out.width()).isEqualTo(24);
            assertThat(out.channels()).isEqualTo(c);
        }
    }

    @Test
    void sameSeedSameViewDifferentSeedDifferentView() {
        Image in = gradient(28, 28, 1);
        byte[] a = weak.apply(in, new SplittableRandom(42)).pixels();
        byte[] b = weak.apply(in, new SplittableRandom(42)).pixels();
        byte[] c = weak.apply(in, new SplittableRandom(43)).pixels();
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void fullCropOfTheSameSizeIsTheIdentity() {
        Image in = gradient(28, 28, 3);
        Image out = Resampler.crop(in, 0, 0, 28, 28, 28);
        assertThat(out.pixels()).isEqualTo(in.pixels());
    }

    @Test
    void flipMirrorsColumns() {
        Image in = gradient(2, 3, 1);
        Image out = PixelOps.flipHorizontal(in);
        assertThat(out.get(1, 0, 0)).isEqualTo(in.get(1, 2, 0));
        assertThat(out.get(0, 1, 0)).isEqualTo(in.get(0, 1, 0));
    }

    @Test
    void contrastZeroGivesTheMeanGreyAndBrightnessZeroGivesBlack() {
        Image in = gradient(4, 4, 1);
        double mean = 0;
        for (byte b : in.pixels()) {
            mean += b & 0xFF;
        }
        int expected = (int) (mean / 16 + 0.5);
        assertThat(PixelOps.contrast(in, 0).pixels()).containsOnly((byte) expected);
        assertThat(PixelOps.brightness(in, 0).pixels()).containsOnly((byte) 0);
    }

    @Test
    void upscalingAConstantImageKeepsItConstant() {
        Image flat = Image.blank(10, 10, 1);
        java.util.Arrays.fill(flat.pixels(), (byte) 99);
        assertThat(Resampler.crop(flat, 2, 3, 5, 6, 28).pixels()).containsOnly((byte) 99);
    }
}
