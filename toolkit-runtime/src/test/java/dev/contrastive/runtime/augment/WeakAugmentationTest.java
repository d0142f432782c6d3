package dev.contrastive.runtime.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive.api.Image;
import dev.contrastive.api.ImageTransform;
import dev.contrastive.api.ViewRequest;
import dev.contrastive.api.testing.YamlSection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

class WeakAugmentationTest {

    static Image gradient(int h, int w, int c) {
        Image image = Image.blank(h, w, c);
        for (int i = 0; i < image.pixels().length; i++) {
            image.pixels()[i] = (byte) (i * 7 % 256);
        }
        return image;
    }

    private final ImageTransform weak = new WeakAugmentation()
            .create(new ViewRequest("q", List.of("weak"), 24, 0.2, 1.0), YamlSection.of("augment.weak", ""));

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
