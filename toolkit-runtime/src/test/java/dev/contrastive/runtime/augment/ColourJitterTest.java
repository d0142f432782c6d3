package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.api.Image;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

class ColourJitterTest {

    /**
     * Brightness and contrast at strength 0 are identities, so a jitter of saturation and hue
     * alone shows the factors drawn after theirs and both orders of the two operations.
     */
    @Test
    void saturationAndHueFactorsFollowBrightnessAndContrastInEitherOrder() {
        ColourJitter jitter = new ColourJitter(0, 0, 0.4, 0.1);
        Image in = WeakAugmentationTest.gradient(16, 16, 3);
        int saturationFirst = 0;
        int hueFirst = 0;
        for (int seed = 0; seed < 200; seed++) {
            byte[] out = jitter.apply(in, new SplittableRandom(seed)).pixels();
            SplittableRandom draws = new SplittableRandom(seed);
            draws.nextDouble();
            draws.nextDouble();
            double s = WeakAugmentation.uniform(draws, 1 - 0.4, 1 + 0.4);
            double h = WeakAugmentation.uniform(draws, -0.1, 0.1);
            byte[] satThenHue = HueShift.apply(PixelOps.saturation(in, s), h).pixels();
            byte[] hueThenSat = PixelOps.saturation(HueShift.apply(in, h), s).pixels();
            assertThat(Arrays.equals(out, satThenHue) || Arrays.equals(out, hueThenSat))
                    .as("seed %d: saturation %.3f and hue %.3f in one of the two orders", seed, s, h).isTrue();
            if (!Arrays.equals(satThenHue, hueThenSat)) {
                saturationFirst += Arrays.equals(out, satThenHue) ? 1 : 0;
                hueFirst += Arrays.equals(out, hueThenSat) ? 1 : 0;
            }
        }
        assertThat(saturationFirst).isGreaterThan(50);
        assertThat(hueFirst).isGreaterThan(50);
    }

    @Test
    void greyImagesKeepTheirLevelsUnderSaturationAndHue() {
        Image grey = WeakAugmentationTest.gradient(16, 16, 1);
        assertThat(new ColourJitter(0, 0, 0.9, 0.5).apply(grey, new SplittableRandom(3)).pixels())
                .isEqualTo(grey.pixels());
    }
}
